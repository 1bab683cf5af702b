"""Today's work, and the county policy it follows."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..core.errors import Kind, ValidationError
from ..core.policy import DEFAULT_POLICY, Policy, load_policy
from ..core.region import Level, Region
from ..core.vocab import VisitMode
from ..core.worklist import (
    ChildFacts,
    Records,
    WorkItem,
    next_due,
    screen_order,
    summarise,
)
from ..core.workload import Plan
from ..storage import settings
from ..storage.models import Child, CountyPolicy
from . import (
    dropouts,
    fields,
    incidents,
    pairing,
    problems,
    quarterly_checks,
    school_notices,
    service_plans,
    spot_findings,
    workload,
)
from .clues import open_clues
from .common import few_collections, record_audit
from .facts import CHILD_COLUMNS, Scope, facts_for, gather
from .stats import Roll, roll_of
from .worklist_kept import kept_worklist

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Worklist:
    as_of: date
    items: tuple[WorkItem, ...]
    counts: dict[str, dict[str, int]]
    policy_version: int | None  # None: the built-in defaults
    roll: Roll  # the children 在册 (of the area) counted, from the worklist's own facts
    policy_problem: str | None = None  # set when the county's policy could not be read
    plan: Plan | None = None  # the visits planned under the director's weekly cap, if set
    # the facts of the children 在册 the items were made from (a township's village
    # table): for the code, neither in its repr nor in ``worklist --json``
    facts: tuple[ChildFacts, ...] = field(default=(), repr=False, metadata={"output": False})


def get_worklist(
    session: Session, *, as_of: date | None = None, region_prefix: str | None = None
) -> Worklist:
    """What is due or overdue on ``as_of`` for the children of the store (or one area)."""
    as_of = as_of or date.today()
    policy, version, problem = current_policy(session, as_of=as_of)
    with few_collections():
        facts, items, roll = kept_worklist(
            session,
            as_of=as_of,
            region_prefix=region_prefix,
            policy=policy,
            gather=partial(gather_records, clues=False),
            count=partial(roll_of, as_of=as_of),
        )
        plan, pulled = workload.plan_work(session, facts, items, as_of=as_of, policy=policy)
    if pulled:  # planned this week though not due yet: on today's list too
        items = sorted([*items, *pulled], key=screen_order)
    summary = summarise(items)
    return Worklist(as_of, tuple(items), summary, version, roll, problem, plan, tuple(facts))


def gather_records(
    session: Session,
    *,
    as_of: date,
    child_id: str | None = None,
    region_prefix: str | None = None,
    reports: bool = True,
    clues: bool = True,
) -> Records:
    """The records kept beside the children's facts that make work (of the store, an
    area, or one child): the worklist and a child's 应办 read the same. ``reports``
    False leaves out the mandatory reports' stages and the clues, for a caller who may
    not see them; ``clues`` False the clues alone (the kept worklist reads them apart)."""
    one = {"child_id": child_id}
    with_clues = reports and clues
    return Records(
        findings=spot_findings.open_findings(session),
        dropouts=dropouts.open_dropouts(session, **one),
        problems=problems.open_problems(session, **one),
        plans=service_plans.current_plans(session, **one),
        # clues are confidential as the reports are: both or neither
        clues=open_clues(session, region_prefix=region_prefix, **one) if with_clues else (),
        reports=incidents.open_reports(session, **one) if reports else (),
        quarter_checks=quarterly_checks.checked_quarters(session, as_of=as_of, **one),
        pairings=pairing.active_pairings(session, **one),
        notices=school_notices.notices_owed(session, **one),
    )


def current_policy(
    session: Session, *, as_of: date, county: str | None = None
) -> tuple[Policy, int | None, str | None]:
    """The county's policy in force on ``as_of`` (the defaults if it has none)."""
    county = county or _home_county(session)
    if county is None:
        return DEFAULT_POLICY, None, None
    row = session.execute(
        select(CountyPolicy.body, CountyPolicy.version)
        .where(
            CountyPolicy.region_code == county,
            CountyPolicy.deleted.is_(False),
            CountyPolicy.effective_from <= as_of,
        )
        .order_by(CountyPolicy.effective_from.desc(), CountyPolicy.version.desc())
        .limit(1)
    ).first()
    if row is None:
        return DEFAULT_POLICY, None, None
    try:
        return load_policy(row.body), row.version, None
    except ValidationError as err:
        # A broken policy from the county must not stop the day's work: use the
        # defaults and say so on the worklist.
        log.warning("county policy version %s is invalid; using defaults", row.version)
        return DEFAULT_POLICY, None, str(err.params.get("reason", err.kind.value))


def set_county_policy(
    session: Session, *, county_code: str, overrides: Mapping[str, Any], effective_from: date | str
) -> int:
    """Record a county's policy overrides (validated first); returns the new version."""
    region = Region.parse(county_code)
    if region.level is not Level.COUNTY:
        raise ValidationError(Kind.REGION_INVALID, "county_code", value=county_code)
    load_policy(overrides)  # raises POLICY_INVALID with the reason
    starts = fields.day(past=False, required=True)("effective_from", effective_from)
    latest = session.execute(
        select(CountyPolicy.version)
        .where(CountyPolicy.region_code == region.code)
        .order_by(CountyPolicy.version.desc())
        .limit(1)
    ).scalar()
    version = (latest or 0) + 1
    session.add(
        CountyPolicy(
            region_code=region.code, body=dict(overrides), version=version, effective_from=starts
        )
    )
    session.flush()
    record_audit(session, "policy_set", county=region.code, version=version)
    return version


def _home_county(session: Session) -> str | None:
    home = settings.read(session, settings.HOME_REGION)
    return Region.parse(home).county if home else None


def next_due_after_visit(
    session: Session, *, child_id: str, visited_on: date, mode: VisitMode
) -> dict[str, date]:
    """When the next contact and home visit fall due if this visit is logged."""
    policy = current_policy(session, as_of=visited_on)[0]
    row = session.execute(select(*CHILD_COLUMNS).where(Child.id == child_id)).one()
    facts = facts_for(row, gather(session, Scope(visited_on, [child_id])))
    due = {"contact": next_due(facts, visited_on, "contact", policy)}
    last_home = visited_on if mode is VisitMode.HOME else facts.last_home_visit_on
    if last_home is not None:
        due["home_visit"] = next_due(facts, last_home, "home_visit", policy)
    return due
