"""辍学: a child who left school, the attempts to bring the child back (劝返), and the
written report (书面报告) to the township and the county's education bureau when they fail.

A dropout stays open (劝返中) until an attempt brings the child back (已返校) or the
director reports the failure in writing (已书面报告). Attempts are records of fact and
are never edited.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..core.errors import Kind, StateError
from ..core.records import DropoutRecord, PersuasionRecord
from ..core.row_rules import check_rules
from ..core.vocab import DropoutReason, DropoutState, PersuasionOutcome
from ..core.worklist import DropoutFacts
from ..storage.models import Child, Dropout, Persuasion
from . import fields
from .common import apply_changes, load, not_before_birth, save, to_record

DROPOUT = {
    "school": fields.text(100),
    "grade": fields.text(20),
    "left_on": fields.day(required=True),
    "reason": fields.choice(DropoutReason),
    "notes": fields.note,
}

PERSUASION = {
    "on_date": fields.day(required=True),
    "done_by": fields.person_name(required=False),
    "method": fields.text(100),
    "outcome": fields.choice(PersuasionOutcome),
    "note": fields.note,
}

FAILED = frozenset({PersuasionOutcome.NOT_RETURNED, PersuasionOutcome.REFUSED})
FAILURES_TO_REPORT = 2  # 劝返无效: two attempts that did not bring the child back


def record_dropout(session: Session, *, child_id: str, **values: Any) -> DropoutRecord:
    """Record that a child left school; refused when ``left_on`` is before the birth."""
    child = load(session, Child, child_id)
    values.setdefault("school", child.school_name)
    values.setdefault("grade", child.school_grade)
    values.setdefault("reason", None)  # required: the form names it
    cleaned = fields.clean_fields(DROPOUT, values)
    not_before_birth(child, cleaned["left_on"], "left_on")
    row = Dropout(
        child_id=child.id, region_code=child.region_code, state=DropoutState.OPEN, **cleaned
    )
    save(session, row, "dropout_recorded", child.id, reason=row.reason.value)
    return to_record(row, DropoutRecord)


def add_persuasion(session: Session, *, dropout_id: str, **values: Any) -> PersuasionRecord:
    """Record one attempt to bring the child back; 已返校 closes the dropout."""
    dropout = load(session, Dropout, dropout_id)
    if dropout.state is not DropoutState.OPEN:
        raise StateError(Kind.DROPOUT_CLOSED, "dropout_id")
    cleaned = fields.clean_fields(PERSUASION, values)
    check_rules("persuasion", cleaned | {"owner.left_on": dropout.left_on}, today=date.today())
    row = Persuasion(dropout_id=dropout.id, region_code=dropout.region_code, **cleaned)
    save(session, row, "persuasion_recorded", dropout.child_id, dropout=dropout.id)
    if row.outcome is PersuasionOutcome.RETURNED:
        apply_changes(
            session, dropout, {"state": DropoutState.RETURNED}, "dropout_edited", dropout.child_id
        )
    return to_record(row, PersuasionRecord)


def mark_reported(
    session: Session, *, dropout_id: str, reported_on: date | None = None
) -> DropoutRecord:
    """Mark the dropout 已书面报告: the written report was printed on ``reported_on``."""
    dropout = load(session, Dropout, dropout_id)
    if dropout.state is DropoutState.RETURNED:
        raise StateError(Kind.DROPOUT_CLOSED, "dropout_id")
    on = fields.day()("reported_on", reported_on or date.today())
    changes = {"state": DropoutState.REPORTED, "reported_on": on}
    apply_changes(session, dropout, changes, "dropout_reported", dropout.child_id)
    return get_dropout(session, dropout_id=dropout.id)


def report_due(dropout: DropoutRecord) -> bool:
    """Whether persuasion failed often enough (劝返无效) for the written report."""
    failed = sum(a.outcome in FAILED for a in dropout.attempts)
    return dropout.state is DropoutState.OPEN and failed >= FAILURES_TO_REPORT


def get_dropout(session: Session, *, dropout_id: str) -> DropoutRecord:
    """One dropout with its attempts, oldest first."""
    row = load(session, Dropout, dropout_id)
    return to_record(row, DropoutRecord, attempts=_attempts(session, row.id))


def list_dropouts(session: Session, *, child_id: str) -> tuple[DropoutRecord, ...]:
    """A child's dropouts with their attempts, the latest first."""
    rows = session.scalars(
        select(Dropout)
        .where(Dropout.child_id == child_id, Dropout.deleted.is_(False))
        .order_by(Dropout.left_on.desc(), Dropout.created_hlc.desc())
    )
    return tuple(to_record(r, DropoutRecord, attempts=_attempts(session, r.id)) for r in rows)


def open_dropouts(session: Session, *, child_id: str | None = None) -> list[DropoutFacts]:
    """Every open dropout of the store (or of one child) with its latest attempt, for
    the worklist."""
    last = (
        select(Persuasion.dropout_id, func.max(Persuasion.on_date).label("last"))
        .where(Persuasion.deleted.is_(False))
        .group_by(Persuasion.dropout_id)
        .subquery()
    )
    query = (
        select(Dropout.id, Dropout.child_id, Dropout.left_on, last.c.last)
        .outerjoin(last, last.c.dropout_id == Dropout.id)
        .where(Dropout.deleted.is_(False), Dropout.state == DropoutState.OPEN)
    )
    if child_id is not None:
        query = query.where(Dropout.child_id == child_id)
    rows = session.execute(query)
    return [DropoutFacts(*r) for r in rows]


def _attempts(session: Session, dropout_id: str) -> tuple[PersuasionRecord, ...]:
    rows = session.scalars(
        select(Persuasion)
        .where(Persuasion.dropout_id == dropout_id, Persuasion.deleted.is_(False))
        .order_by(Persuasion.on_date, Persuasion.created_hlc)
    )
    return tuple(to_record(r, PersuasionRecord) for r in rows)
