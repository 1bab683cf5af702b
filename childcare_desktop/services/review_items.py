"""What a director did that the township answers for (审核), found in the records themselves.

Nothing is "submitted": an item for review is a record of a kind the township answers for
- a child registered, a category recognised or ended, an exit, an assessment rated 差 or
coloured red, an agreement signed (to be 备案) - and every laptop finds the same items in
its own store, offline. An answer (``storage.models.Review``) names the item's record, its
kind and the digest of the fields reviewed, so an answer covers the record as it stood:
corrected after it was returned, the record is waiting for review again.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from typing import Any

from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.orm import Session

from ..core.vocab import (
    AgreementState,
    EnrollmentEventKind,
    GuardianshipLevel,
    ReviewKind,
    RiskColour,
)
from ..storage.models import (
    Assessment,
    CareAgreement,
    CategoryMembership,
    Child,
    EnrollmentEvent,
    Synced,
)


@dataclass(frozen=True, slots=True)
class Rule:
    """How to find the items of one kind, and which of their fields the answer covers."""

    model: type[Synced]
    fields: tuple[str, ...]  # the digest covers these
    day: str  # the field that dates the item
    arrival: str  # created_hlc (a new record) or updated_hlc (a change of one)
    labels: tuple[str, ...] = ()  # vocabulary fields shown beside the item
    only: tuple[ColumnElement[bool], ...] = field(default=(), compare=False)  # the kind's rows

    def where(self) -> list[ColumnElement[bool]]:
        m: Any = self.model
        return [m.deleted.is_(False), *self.only]


RULES: dict[ReviewKind, Rule] = {
    ReviewKind.REGISTRATION: Rule(
        Child,
        ("name", "sex", "birth_date", "id_type", "id_number", "registered_on"),
        "registered_on",
        "created_hlc",
    ),
    ReviewKind.CATEGORY_RECOGNISED: Rule(
        CategoryMembership,
        ("category", "recognized_on", "basis"),
        "recognized_on",
        "created_hlc",
        ("category",),
    ),
    ReviewKind.CATEGORY_ENDED: Rule(
        CategoryMembership,
        ("category", "ended_on", "end_reason"),
        "ended_on",
        "updated_hlc",
        ("category",),
        (CategoryMembership.ended_on.is_not(None),),
    ),
    ReviewKind.EXIT: Rule(
        EnrollmentEvent,
        ("kind", "on_date", "reason", "note"),
        "on_date",
        "created_hlc",
        ("reason",),
        (EnrollmentEvent.kind == EnrollmentEventKind.EXIT,),
    ),
    ReviewKind.ASSESSMENT: Rule(
        Assessment,
        ("assessed_on", "level", "colour", "reason"),
        "assessed_on",
        "created_hlc",
        ("level", "colour"),
        (or_(Assessment.level == GuardianshipLevel.POOR, Assessment.colour == RiskColour.RED),),
    ),
    ReviewKind.AGREEMENT: Rule(
        CareAgreement,
        (
            "signed_on",
            "start_date",
            "end_date",
            "principal_id",
            "carer_id",
            "signed_by_principal",
            "signed_by_carer",
            "witness",
        ),
        "signed_on",
        "updated_hlc",
        (),
        # Signed and in force: one superseded or ended before it was answered is no longer
        # to be filed (its successor is).
        (CareAgreement.signed_on.is_not(None), CareAgreement.state == AgreementState.SIGNED),
    ),
}


@dataclass(frozen=True, slots=True)
class Subject:
    """One record as an item for review, with the digest of its reviewed fields."""

    kind: ReviewKind
    table: str
    row_id: str
    child_id: str
    child_name: str
    region_code: str
    on: date | None
    digest: str
    labels: tuple[str, ...]  # vocabulary labels (Chinese; the GUI translates them)
    arrival: int
    last_change: int = 0  # the record's updated_hlc (whose change it was: see reviews)

    @property
    def item_id(self) -> str:
        return item_id(self.kind, self.row_id)


def item_id(kind: ReviewKind, row_id: str) -> str:
    """The name of an item: its kind and its record (one record can be two items)."""
    return f"{kind.value}:{row_id}"


def parse_item_id(text: str) -> tuple[ReviewKind, str] | None:
    kind, _, row_id = text.strip().partition(":")
    parsed = ReviewKind.parse(kind)
    return (parsed, row_id) if parsed is not None and row_id else None


def digest(row: Any, fields: tuple[str, ...]) -> str:
    """The same on every laptop for the same values: SHA-256 of the fields as JSON."""
    values = {f: _plain(getattr(row, f)) for f in fields}
    text = json.dumps(values, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    return value


def subjects(
    session: Session,
    *,
    after_hlc: int = -1,
    village: str | None = None,
    kinds: tuple[ReviewKind, ...] = tuple(ReviewKind),
) -> Iterator[Subject]:
    """Every item of ``kinds`` whose record reached this store after ``after_hlc``
    (``arrival``), in ``village`` (or a region prefix) when given; a tombstoned child's
    none."""
    for kind in kinds:
        rule = RULES[kind]
        m: Any = rule.model
        query = _query(rule).where(getattr(m, rule.arrival) > after_hlc)
        if village:
            query = query.where(m.region_code.startswith(village))
        for row, name in session.execute(query):
            yield _subject(kind, rule, row, name)


def subject_of(session: Session, kind: ReviewKind, row_id: str) -> Subject | None:
    """The item ``kind`` of record ``row_id`` as it stands, or None if it is none (gone,
    or no longer of that kind)."""
    rule = RULES[kind]
    query = _query(rule).where(rule.model.id == row_id)
    found = session.execute(query).first()
    return _subject(kind, rule, found[0], found[1]) if found else None


def _query(rule: Rule) -> Any:
    """The rows of the rule's kind, with their child's name; a tombstoned child's none."""
    m: Any = rule.model
    if m is Child:
        query = select(Child, Child.name)
    else:
        query = select(m, Child.name).join(Child, m.child_id == Child.id)
    return query.where(*rule.where(), Child.deleted.is_(False))


def _subject(kind: ReviewKind, rule: Rule, row: Any, child_name: str) -> Subject:
    labels = tuple(
        str(getattr(value, "label", value))
        for f in rule.labels
        if (value := getattr(row, f)) is not None
    )
    return Subject(
        kind=kind,
        table=str(rule.model.__table__.name),  # type: ignore[attr-defined]
        row_id=row.id,
        child_id=row.id if rule.model is Child else row.child_id,
        child_name=child_name,
        region_code=row.region_code,
        on=getattr(row, rule.day),
        digest=digest(row, rule.fields),
        labels=labels,
        arrival=int(getattr(row, rule.arrival) or 0),
        last_change=int(row.updated_hlc or 0),
    )


__all__ = ["RULES", "Subject", "digest", "item_id", "parse_item_id", "subject_of", "subjects"]
