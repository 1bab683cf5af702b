"""A new service plan's values: the county's default plan of the child's colour (四级分类
服务), from the policy in force."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..core.service_plans import PlanDefault
from ..core.vocab import RiskColour
from ..storage.models import Assessment
from .worklist import current_policy


def county_defaults(
    session: Session, *, as_of: date | None = None
) -> dict[RiskColour, PlanDefault]:
    """The county's default plan of each colour, from the policy in force."""
    policy = current_policy(session, as_of=as_of or date.today())[0]
    return dict(policy.service_plans)


def plan_template(session: Session, *, child_id: str, as_of: date | None = None) -> dict[str, Any]:
    """A new plan's values: the county's default for the child's current colour (the
    latest assessment's, or the policy's colour for the unassessed), written today,
    reviewed at the next assessment."""
    as_of = as_of or date.today()
    policy = current_policy(session, as_of=as_of)[0]
    colour = (
        session.execute(
            select(Assessment.colour)
            .where(Assessment.child_id == child_id, Assessment.deleted.is_(False))
            .order_by(Assessment.assessed_on.desc(), Assessment.created_hlc.desc())
            .limit(1)
        ).scalar()
        or policy.unassessed_colour
    )
    default = policy.service_plans[colour]
    return {
        "colour": colour,
        "measures": default.measures_text,
        "responsible": default.responsible,
        "frequency": default.frequency,
        "written_on": as_of,
        "review_due": policy.assessment_interval.after(as_of),
    }
