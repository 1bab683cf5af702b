"""疑似重复: the county's suspected duplicates as a supervisor judges them.

The county server proposes two files as one child (``core.duplicates``); the laptop
keeps the open cases it was served (``storage.duplicate_cases``). A case inside this
store's scope is decided here, offline, and the decision travels with the next sync:

* 合并 (merge): the file kept takes, field by field, the values chosen from the other
  (ordinary synced edits); the other file leaves the roster by an ordinary exit (reason
  重复建档（已合并）), its records untouched where they were made; a synced
  ``duplicate_decision`` names both files, so each file's history reaches the other.
* 不是同一人 (distinct): a ``duplicate_decision`` alone; the county never proposes the
  pair again.

Both are audited here; the server closes the case when the decision arrives.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from ..core.duplicates import Reason
from ..core.entities import CHILD, Type
from ..core.errors import Kind, NotFoundError, StateError, ValidationError
from ..core.vocab import DuplicateOutcome, ExitReason
from ..storage.models import Child, DuplicateCase, DuplicateDecision, Visit
from . import fields
from .children import reconcile_identity
from .common import actor, apply_changes, is_active, load, record_audit, save
from .enrollment import exit_child
from .places import place_names, village_label

# The file's own facts a merge chooses between; the file number and the date the file
# was opened stay the kept file's (they say which file it is).
COMPARED = tuple(f.name for f in CHILD.fields if f.name not in ("file_no", "registered_on"))


@dataclass(frozen=True, slots=True)
class Side:
    child_id: str
    village: str  # 青石镇柳溪村 (places), never a bare code
    here: bool  # the file is in this store
    name: str | None = None
    file_no: str | None = None
    active: bool = True


@dataclass(frozen=True, slots=True)
class CaseRecord:
    id: str
    reason: Reason
    a: Side
    b: Side
    decidable: bool  # both files here: a pair across townships is the county's


@dataclass(frozen=True, slots=True)
class FieldRow:
    field: str
    a: Any  # JSON-like: dates as text, codes as their values
    b: Any
    differs: bool


@dataclass(frozen=True, slots=True)
class Decision:
    case_id: str
    outcome: DuplicateOutcome
    kept: str  # the file kept (merged) or the case's first file (distinct)
    other: str
    taken: tuple[str, ...] = ()  # fields the kept file took from the other


def list_cases(session: Session) -> list[CaseRecord]:
    """The open cases this laptop was served and has not decided yet."""
    decided = select(DuplicateDecision.case_id)
    rows = session.scalars(
        select(DuplicateCase)
        .where(DuplicateCase.id.not_in(decided))
        .order_by(DuplicateCase.opened_ms, DuplicateCase.id)
    ).all()
    names = place_names(session)
    return [
        CaseRecord(
            r.id,
            Reason(r.reason),
            _side(session, r.child_a, r.region_a, names),
            _side(session, r.child_b, r.region_b, names),
            bool(r.decidable),
        )
        for r in rows
    ]


def _side(session: Session, child_id: str, region: str, names: dict[str, str]) -> Side:
    child = session.get(Child, child_id)
    village = village_label(region, names)
    if child is None or child.deleted:
        return Side(child_id, village, here=False)
    active = is_active(session, child_id)
    return Side(child_id, village, True, child.name, child.file_no, active)


def compare(session: Session, *, case_id: str) -> list[FieldRow]:
    """Each compared field of the two files side by side (a, b: the case's order)."""
    case = _open_case(session, case_id)
    a, b = load(session, Child, case.child_a), load(session, Child, case.child_b)
    rows = []
    for name in COMPARED:
        va, vb = _plain(getattr(a, name)), _plain(getattr(b, name))
        rows.append(FieldRow(name, va, vb, va != vb))
    return rows


def merge_case(
    session: Session,
    *,
    case_id: str,
    keep: str,
    take: Iterable[str] = (),
    on_date: date | None = None,
) -> Decision:
    """合并: keep file ``keep`` (one of the case's two), with the fields in ``take``
    taken from the other file; the other leaves the roster. One audited whole."""
    case = _open_case(session, case_id)
    if keep not in (case.child_a, case.child_b):
        raise ValidationError(Kind.CODE_INVALID, "keep", value=keep)
    other_id = case.child_b if keep == case.child_a else case.child_a
    kept, other = load(session, Child, keep), load(session, Child, other_id)
    taken = tuple(dict.fromkeys(take))
    unknown = [f for f in taken if f not in COMPARED]
    if unknown:
        raise ValidationError(Kind.UNKNOWN_FIELD, "take", value=",".join(unknown))
    when = on_date or date.today()
    # The decision first: the server takes the copies and the exit after it only if it
    # took the decision (the case may be decided elsewhere meanwhile), as one merge.
    _decision(session, case, kept, other.id, DuplicateOutcome.MERGED, when)
    changes = {f: getattr(other, f) for f in taken}
    cleaned = fields.clean_fields(fields.CHILD, changes)
    if {"id_number", "id_type", "birth_date", "sex"} & cleaned.keys():
        reconcile_identity(cleaned, current=kept)  # the two files' one identity stays valid
    apply_changes(session, kept, cleaned, "child_edited", kept.id)
    if is_active(session, other.id):
        exit_child(
            session,
            child_id=other.id,
            on_date=max(when, _latest_event_day(session, other.id) or when),
            reason=ExitReason.DUPLICATE,
            note=f"并入档案 {kept.file_no or kept.id}",
        )
    record_audit(
        session, "duplicate_merged", kept.id, case=case.id, other=other.id, fields=list(taken)
    )
    return Decision(case.id, DuplicateOutcome.MERGED, kept.id, other.id, taken)


def mark_distinct(session: Session, *, case_id: str, on_date: date | None = None) -> Decision:
    """不是同一人: the two files stay; the county does not propose the pair again."""
    case = _open_case(session, case_id)
    first = load(session, Child, case.child_a)
    _decision(session, case, first, case.child_b, DuplicateOutcome.DISTINCT, on_date)
    record_audit(session, "duplicate_distinct", first.id, case=case.id, other=case.child_b)
    return Decision(case.id, DuplicateOutcome.DISTINCT, first.id, case.child_b)


def merged_files(session: Session, *, child_id: str) -> list[str]:
    """The files merged into (or from) this one that this store holds: their records
    are this child's history too (read-only where they were made)."""
    rows = session.execute(
        select(DuplicateDecision.child_id, DuplicateDecision.other_id).where(
            DuplicateDecision.outcome == DuplicateOutcome.MERGED,
            DuplicateDecision.deleted.is_(False),
            or_(DuplicateDecision.child_id == child_id, DuplicateDecision.other_id == child_id),
        )
    ).all()
    linked = {r.other_id if r.child_id == child_id else r.child_id for r in rows}
    return sorted(c for c in linked if session.get(Child, c) is not None)


def visits_with_merged(session: Session, *, child_id: str) -> list[tuple[str, date]]:
    """(file, day) of every visit of this child's file and the files merged with it."""
    ids = [child_id, *merged_files(session, child_id=child_id)]
    rows = session.execute(
        select(Visit.child_id, Visit.visited_on)
        .where(Visit.child_id.in_(ids), Visit.deleted.is_(False))
        .order_by(Visit.visited_on)
    ).all()
    return [(r.child_id, r.visited_on) for r in rows]


def _open_case(session: Session, case_id: str) -> DuplicateCase:
    case = session.get(DuplicateCase, case_id)
    if case is None:
        raise NotFoundError("duplicate_case", case_id)
    done = session.scalar(
        select(DuplicateDecision.id).where(DuplicateDecision.case_id == case_id).limit(1)
    )
    if done is not None:
        raise StateError(Kind.STATE_TRANSITION, "case", state="已处理")
    if (
        not case.decidable
        or session.get(Child, case.child_a) is None
        or (session.get(Child, case.child_b) is None)
    ):
        raise StateError(Kind.DUPLICATE_ELSEWHERE, "case")
    return case


def _decision(
    session: Session,
    case: DuplicateCase,
    child: Child,
    other_id: str,
    outcome: DuplicateOutcome,
    on: date | None,
) -> None:
    row = DuplicateDecision(
        child_id=child.id,
        region_code=child.region_code,
        case_id=case.id,
        other_id=other_id,
        outcome=outcome,
        decided_by=actor(session) or None,
        decided_on=on or date.today(),
    )
    save(session, row, "duplicate_decided", child.id, case=case.id, outcome=outcome.value)


def _latest_event_day(session: Session, child_id: str) -> date | None:
    from ..storage.models import EnrollmentEvent

    return session.scalar(
        select(EnrollmentEvent.on_date)
        .where(EnrollmentEvent.child_id == child_id, EnrollmentEvent.deleted.is_(False))
        .order_by(EnrollmentEvent.on_date.desc())
        .limit(1)
    )


def _plain(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    return value


assert all(CHILD[f].type is not Type.REF for f in COMPARED)  # nothing of another file's
