"""救助帮扶: benefits and services a child receives (低保, 特困, 教育资助...)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from ..core.errors import Kind, ValidationError
from ..core.records import AssistanceRecord
from ..core.vocab import AssistanceKind
from ..storage.models import Assistance, Child
from . import fields
from .common import apply_changes, load, save, to_record


def record_assistance(
    session: Session, *, child_id: str, kind: AssistanceKind | str, **values: Any
) -> AssistanceRecord:
    child = load(session, Child, child_id)
    cleaned = fields.clean_fields(fields.ASSISTANCE, {"kind": kind, **values})
    _check_period(cleaned)
    row = Assistance(child_id=child.id, region_code=child.region_code, **cleaned)
    save(session, row, "assistance_recorded", child.id, kind=row.kind.value)
    return to_record(row, AssistanceRecord)


def update_assistance(session: Session, *, assistance_id: str, **changes: Any) -> AssistanceRecord:
    """Change an item, e.g. set its end date when the benefit stops."""
    row = load(session, Assistance, assistance_id)
    cleaned = fields.clean_fields(fields.ASSISTANCE, changes)
    merged = {"start_date": row.start_date, "end_date": row.end_date, **cleaned}
    _check_period(merged)
    apply_changes(session, row, cleaned, "assistance_edited", row.child_id)
    return to_record(row, AssistanceRecord)


def _check_period(values: dict[str, Any]) -> None:
    start, end = values.get("start_date"), values.get("end_date")
    if start and end and end < start:
        raise ValidationError(Kind.DATE_ORDER, "end_date")
