"""The weekly cap on visits a director sets, and the plan of the due visits under it.

The cap is a setting of the store (it follows the store to another laptop or a restore,
not the computer); none, the default, is the worklist as it always was.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta

from sqlalchemy.orm import Session

from ..core.errors import Kind, ValidationError
from ..core.policy import Policy
from ..core.worklist import ChildFacts, WorkItem, build_worklist
from ..core.workload import (
    MAX_WEEKLY_CAP,
    VISIT_KINDS,
    Plan,
    due_visits,
    plan_visits,
    week_start,
)
from ..storage import settings
from .common import record_audit

# Weeks the plan looks ahead: a heavy week pulls visits into the one before it, which may
# pull into the one before that, so the plan reaches past the weeks it shows.
PLAN_WEEKS = 8


def weekly_visit_cap(session: Session) -> int | None:
    """The most visits a week the director plans (None: no cap)."""
    return settings.read(session, settings.WEEKLY_VISIT_CAP)


def set_weekly_visit_cap(session: Session, *, cap: int | None) -> int | None:
    """Set (or, with None, clear) the weekly cap on visits; returns it."""
    if cap is not None and not 1 <= cap <= MAX_WEEKLY_CAP:
        raise ValidationError(
            Kind.NUMBER_INVALID, "weekly_visit_cap", low=1, high=MAX_WEEKLY_CAP, value=cap
        )
    if settings.read(session, settings.WEEKLY_VISIT_CAP) != cap:
        settings.write(session, settings.WEEKLY_VISIT_CAP, cap)
        record_audit(session, "settings_changed", fields=["weekly_visit_cap"])
    return cap


def plan_work(
    session: Session,
    facts: Sequence[ChildFacts],
    items: Sequence[WorkItem],
    *,
    as_of: date,
    policy: Policy,
) -> tuple[Plan | None, list[WorkItem]]:
    """The plan of the visits due in the coming weeks under the store's cap (None when it
    has none), and the visits planned this week that are not on the worklist yet (the cap
    pulled them earlier): each child's first visit item."""
    cap = weekly_visit_cap(session)
    if cap is None:
        return None, []
    horizon = (week_start(as_of) + timedelta(weeks=PLAN_WEEKS) - as_of).days
    wide = replace(policy, due_soon_days=max(horizon, policy.due_soon_days))
    ahead = [i for i in build_worklist(facts, as_of, wide) if i.kind in VISIT_KINDS]
    priority = {child.id: child.priority for child in facts}
    visits = due_visits(ahead, priority=priority, soon_days=policy.due_soon_days)
    plan = plan_visits(visits, cap=cap, today=as_of)
    deadline = {v.child_id: v.deadline for v in visits}
    on_list = {i.child_id for i in items if i.kind in VISIT_KINDS}
    this_week = week_start(as_of)
    pulled: dict[str, WorkItem] = {}
    for item in ahead:
        if (
            item.child_id not in on_list
            and item.child_id not in pulled
            and item.due_on == deadline[item.child_id]
            and plan.visits[item.child_id].week == this_week
        ):
            pulled[item.child_id] = item
    return plan, list(pulled.values())
