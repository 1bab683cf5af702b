"""季度核实: each quarter the director verifies the family of every child in difficulty
(困境儿童) and reports to the township (seed 004: 每季度核实困境儿童家庭情况…并向乡镇报告).

One check a child a quarter: a second for a quarter already checked is refused, naming
the first, and the director edits that one instead. The check is the quarter's record of
fact; silently replacing it would lose what the first visit found, while an edit is
explicit and audited field by field. The quarter is fixed with the record; its date must
lie in the quarter and not after today, and the child must hold a 困境 category on it.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..core.eligibility import active_on
from ..core.errors import Kind, ValidationError
from ..core.quarters import parse_quarter, previous, quarter_of
from ..core.records import QuarterlyCheckRecord
from ..core.row_rules import check_rules
from ..core.vocab import BenefitsRight, CategoryFamily, FamilyChange
from ..storage.models import Child, QuarterlyCheck
from . import fields
from .categories import memberships
from .common import apply_changes, load, not_before_birth, require_active, save, to_record

CHECK = {
    "quarter": lambda field, value: parse_quarter(value, field),
    "checked_on": fields.day(required=True),
    "changes": fields.choices(FamilyChange),
    "change_note": fields.note,
    "benefits_ok": fields.choice(BenefitsRight),
    "benefits_note": fields.note,
    "checked_by": fields.person_name(required=True),
}
REQUIRED = ("checked_on", "changes", "benefits_ok", "checked_by")


def record_quarterly_check(
    session: Session, *, child_id: str, **values: Any
) -> QuarterlyCheckRecord:
    """Record a quarter's verification; the quarter defaults to that of ``checked_on``."""
    child = load(session, Child, child_id)
    require_active(session, child)
    for name in REQUIRED:
        values.setdefault(name, None)
    if not values.get("quarter"):
        values["quarter"] = quarter_of(CHECK["checked_on"]("checked_on", values["checked_on"]))
    cleaned = fields.clean_fields(CHECK, values)
    _check(session, child, cleaned)
    first = _of_quarter(session, child.id, cleaned["quarter"])
    if first is not None:
        raise ValidationError(
            Kind.QUARTER_CHECKED,
            "quarter",
            quarter=first.quarter,
            day=first.checked_on.isoformat(),
        )
    row = QuarterlyCheck(child_id=child.id, region_code=child.region_code, **cleaned)
    save(session, row, "quarterly_check_recorded", child.id, quarter=row.quarter)
    return check_record(row)


def edit_quarterly_check(
    session: Session, *, check_id: str, **changes: Any
) -> QuarterlyCheckRecord:
    """Correct a check (its quarter stays: a check of another quarter is a new record)."""
    row = load(session, QuarterlyCheck, check_id)
    child = load(session, Child, row.child_id)
    changes.pop("quarter", None)
    cleaned = fields.clean_fields(CHECK, changes)
    merged = {name: getattr(row, name) for name in CHECK} | cleaned
    _check(session, child, merged)
    apply_changes(session, row, cleaned, "quarterly_check_edited", child.id)
    return check_record(row)


def list_quarterly_checks(session: Session, *, child_id: str) -> tuple[QuarterlyCheckRecord, ...]:
    """A child's checks, the latest quarter first."""
    rows = session.scalars(
        select(QuarterlyCheck)
        .where(QuarterlyCheck.child_id == child_id, QuarterlyCheck.deleted.is_(False))
        .order_by(QuarterlyCheck.quarter.desc(), QuarterlyCheck.checked_on.desc())
    )
    return tuple(check_record(r) for r in rows)


def checked_quarters(
    session: Session, *, as_of: date, child_id: str | None = None
) -> list[tuple[str, str]]:
    """(child id, quarter) of every check (of the store, or of one child) of this
    quarter and the last, for the worklist."""
    current = quarter_of(as_of)
    query = select(QuarterlyCheck.child_id, QuarterlyCheck.quarter).where(
        QuarterlyCheck.deleted.is_(False),
        QuarterlyCheck.quarter.in_((current, previous(current))),
    )
    if child_id is not None:
        query = query.where(QuarterlyCheck.child_id == child_id)
    rows = session.execute(query)
    return [(child_id, quarter) for child_id, quarter in rows]


def in_difficulty(session: Session, child_id: str, on: date) -> bool:
    """Whether the child holds a 困境 category (not 留守 alone) on ``on``."""
    return any(
        m.category.family is CategoryFamily.DIFFICULTY
        and active_on(m.recognized_on, m.ended_on, on)
        for m in memberships(session, child_id)
    )


def _check(session: Session, child: Child, values: dict[str, Any]) -> None:
    """The rules over fields: the date in its quarter, the changes consistent, the child
    in difficulty on the day."""
    check_rules("quarterly_check", values, today=date.today())  # quarter, date, changes
    on = values["checked_on"]
    not_before_birth(child, on, "checked_on")
    if not in_difficulty(session, child.id, on):
        raise ValidationError(Kind.NOT_IN_DIFFICULTY, "checked_on")


def _of_quarter(session: Session, child_id: str, quarter: str) -> QuarterlyCheck | None:
    return session.scalars(
        select(QuarterlyCheck)
        .where(
            QuarterlyCheck.child_id == child_id,
            QuarterlyCheck.quarter == quarter,
            QuarterlyCheck.deleted.is_(False),
        )
        .limit(1)
    ).first()


def check_record(row: QuarterlyCheck) -> QuarterlyCheckRecord:
    """A stored check as its record (the changes in the form's order)."""
    changes = tuple(c for c in FamilyChange if c.value in row.changes)  # the form's order
    return to_record(row, QuarterlyCheckRecord, changes=changes)
