"""四级分类服务: a child's service plan (what is done, by whom, how often), written for the
child's risk colour from the county's default of that colour, and reviewed at each
assessment.

A plan is never edited: a revision (修订) is a new plan and the latest written is the
current one; the others are its history, in the file and the dossier.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..core.records import ServicePlanRecord
from ..core.row_rules import check_rules
from ..core.service_plans import PlanFacts
from ..core.text import NOTE_MAX
from ..core.vocab import RiskColour
from ..storage import bulk
from ..storage.models import Child, ServicePlan
from . import fields
from .common import load, not_before_birth, require_active, save, to_record

PLAN = {
    "colour": fields.choice(RiskColour),
    "measures": fields.text(NOTE_MAX, required=True),
    "responsible": fields.text(100, required=True),
    "frequency": fields.text(100, required=True),
    "written_on": fields.day(required=True),
    "review_due": fields.day(past=False),
}


def write_plan(session: Session, *, child_id: str, **values: Any) -> ServicePlanRecord:
    """Write (or revise) a child's plan; refused when written in the future or before
    the birth, with no measure, for no colour, or reviewed before it is written."""
    child = load(session, Child, child_id)
    require_active(session, child)
    values.setdefault("colour", None)  # required: the form names it
    values["measures"] = _lines(values.get("measures"))
    cleaned = fields.clean_fields(PLAN, values)
    not_before_birth(child, cleaned["written_on"], "written_on")
    check_rules("service_plan", cleaned, today=date.today())  # reviewed after, not 9999
    row = ServicePlan(child_id=child.id, region_code=child.region_code, **cleaned)
    save(session, row, "service_plan_written", child.id, colour=row.colour.value)
    return to_record(row, ServicePlanRecord)


def list_plans(session: Session, *, child_id: str) -> tuple[ServicePlanRecord, ...]:
    """A child's plans, the current (latest written) first."""
    rows = session.scalars(
        select(ServicePlan)
        .where(ServicePlan.child_id == child_id, ServicePlan.deleted.is_(False))
        .order_by(ServicePlan.written_on.desc(), ServicePlan.created_hlc.desc())
    )
    return tuple(to_record(r, ServicePlanRecord) for r in rows)


def current_plans(session: Session, *, child_id: str | None = None) -> dict[str, PlanFacts]:
    """Each child's current plan (of the store, or of one child), for the worklist."""
    driver = session.connection().connection.driver_connection  # as services.facts does
    return bulk.current_plans(driver, None if child_id is None else [child_id])


def _lines(text: Any) -> Any:
    """The measures one a line, blank lines and stray spaces dropped."""
    if not isinstance(text, str):
        return text
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())
