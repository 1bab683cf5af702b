"""Contacts and home visits. A visit is never edited: a correction is an amendment row,
and a visit logged by mistake is withdrawn by a "void" amendment with a reason."""

from __future__ import annotations

import dataclasses
from datetime import date
from enum import Enum
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..core.errors import Kind, StateError, ValidationError
from ..core.records import AmendmentRecord, VisitRecord
from ..core.vocab import VisitMode, YesNo
from ..storage.models import Child, Visit, VisitAmendment
from . import fields
from .common import load, not_before_birth, record_audit, require_active, save, to_record

VOID = "void"


def log_visit(
    session: Session, *, child_id: str, visited_on: date | str, mode: VisitMode | str, **values: Any
) -> VisitRecord:
    """Record a contact or home visit that has taken place (never a future date)."""
    child = load(session, Child, child_id)
    require_active(session, child)
    cleaned = fields.clean_fields(fields.VISIT, {"visited_on": visited_on, "mode": mode, **values})
    if cleaned["mode"] is None:
        raise ValidationError(Kind.REQUIRED, "mode")
    not_before_birth(child, cleaned["visited_on"], "visited_on")
    visit = Visit(child_id=child.id, region_code=child.region_code, **cleaned)
    save(session, visit, "visit_logged", child.id, visit=visit.id, mode=visit.mode.value)
    return to_record(visit, VisitRecord)


def amend_visit(
    session: Session, *, visit_id: str, field: str, value: Any, reason: str
) -> VisitRecord:
    """Correct one field of a visit (or withdraw it with ``field="void"``), with a reason."""
    visit = load(session, Visit, visit_id)
    current = effective_visit(visit, visit_amendments(session, [visit.id]).get(visit.id, []))
    if current.voided:
        raise StateError(Kind.STATE_TRANSITION, "visit", state="voided")
    why = fields.text(required=True)("reason", reason)
    if field == VOID:
        stored = "1"
    elif field in fields.VISIT:
        cleaned = fields.VISIT[field](field, value)
        if field == "visited_on":
            not_before_birth(load(session, Child, visit.child_id), cleaned, field)
        stored = _to_text(cleaned)
    else:
        raise ValidationError(Kind.INVALID_CHOICE, "field", value=field[:40])
    session.add(
        VisitAmendment(
            visit_id=visit.id,
            region_code=visit.region_code,
            field=field,
            value=stored,
            reason=why,
            amended_on=date.today(),
        )
    )
    session.flush()
    record_audit(session, "visit_amended", visit.child_id, visit=visit.id, field=field)
    return effective_visit(visit, visit_amendments(session, [visit.id]).get(visit.id, []))


def list_visits(
    session: Session, *, child_id: str, include_voided: bool = False
) -> tuple[VisitRecord, ...]:
    """The child's visits as they stand after amendments, newest first."""
    visits = list(
        session.scalars(select(Visit).where(Visit.child_id == child_id, Visit.deleted.is_(False)))
    )
    amendments = visit_amendments(session, [v.id for v in visits])
    records = [effective_visit(v, amendments.get(v.id, [])) for v in visits]
    records = [r for r in records if include_voided or not r.voided]
    records.sort(key=lambda r: r.visited_on, reverse=True)
    return tuple(records)


def effective_visit(visit: Visit, amendments: list[VisitAmendment]) -> VisitRecord:
    """Apply amendments in the order they were made."""
    record = to_record(
        visit, VisitRecord, amendments=tuple(to_record(a, AmendmentRecord) for a in amendments)
    )
    changes: dict[str, Any] = {}
    for amendment in amendments:
        if amendment.field == VOID:
            changes["voided"] = True
        elif amendment.field in fields.VISIT:
            try:
                changes[amendment.field] = _from_text(amendment.field, amendment.value)
            except (TypeError, ValueError):
                continue  # a correction that cannot be read (from an older sync) is left out
    return dataclasses.replace(record, **changes) if changes else record


def visit_amendments(session: Session, visit_ids: list[str]) -> dict[str, list[VisitAmendment]]:
    found: dict[str, list[VisitAmendment]] = {}
    if not visit_ids:
        return found
    rows = session.scalars(
        select(VisitAmendment)
        .where(VisitAmendment.visit_id.in_(visit_ids), VisitAmendment.deleted.is_(False))
        .order_by(VisitAmendment.created_hlc, VisitAmendment.id)
    )
    for row in rows:
        found.setdefault(row.visit_id, []).append(row)
    return found


def _from_text(field: str, text: str | None) -> Any:
    """An amendment's stored value, read back without re-checking it against today."""
    if field == "visited_on":
        return date.fromisoformat(text)  # TypeError for None, ValueError for not a date
    kind = {"mode": VisitMode, "met_child": YesNo, "carer_present": YesNo}.get(field)
    if kind is None:
        return text
    member = kind.parse(text)
    if member is None:
        raise ValueError(f"not a {kind.__name__}")
    return member


def _to_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)
