"""Bulk loading of what the worklist and roster need: a few queries for all children.

Every loader takes a :class:`Scope`: which children (all, or a list of ids) and the day
the question is asked about. Only what was on record by that day counts - a visit made
later does not make an earlier worklist look done - so ``worklist --as-of`` a past day
shows what was due on that day. For 5,000 children and 60,000 visits this is a handful
of grouped scans, never one query per child.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import Session

from ..core.vocab import GuardianshipLevel, RiskColour, SchoolStage, VisitMode, YesNo
from ..core.worklist import (
    PRIORITY_HEALTH,
    PRIORITY_STAGES,
    AgreementFacts,
    CategoryFacts,
    ChildFacts,
)
from ..storage import bulk
from ..storage.models import Child, Visit, VisitAmendment
from .visits import effective_visit


@dataclass(frozen=True, slots=True)
class Scope:
    as_of: date
    ids: Collection[str] | None = None  # None: every child


@dataclass(frozen=True, slots=True)
class Gathered:
    """The per-child facts of a set of children, loaded in one pass."""

    exited: set[str]
    assessed: dict[str, tuple[date, GuardianshipLevel, RiskColour]]
    visits: dict[str, tuple[date | None, date | None]]
    categories: dict[str, list[CategoryFacts]]
    agreements: dict[str, list[AgreementFacts]]


def gather(session: Session, scope: Scope) -> Gathered:
    cursor = _driver(session)
    ids, as_of = scope.ids, scope.as_of
    return Gathered(
        exited=bulk.exited_children(cursor, as_of, ids),
        assessed=bulk.latest_assessments(cursor, as_of, ids),
        visits=visit_dates(session, scope),
        categories=bulk.categories(cursor, ids),
        agreements=bulk.agreement_facts_as_of(bulk.agreements(cursor, ids), as_of),
    )


def visit_dates(session: Session, scope: Scope) -> dict[str, tuple[date | None, date | None]]:
    """(last contact of any kind, last home visit) per child, after amendments and voids.

    The aggregate reads only the index on (child, date, mode). The few children with an
    amended visit are then worked out again from their visits, amendments applied.
    """
    cursor = _driver(session)
    amended = bulk.children_with_amendments(cursor)
    result = bulk.visit_dates(cursor, scope.as_of, scope.ids)
    wanted = amended if scope.ids is None else amended & set(scope.ids)
    for child_id in amended:
        result.pop(child_id, None)
    if wanted:
        result.update(_dates_after_amendments(session, wanted, scope.as_of))
    return result


def _dates_after_amendments(
    session: Session, child_ids: set[str], as_of: date
) -> dict[str, tuple[date | None, date | None]]:
    visits = list(
        session.scalars(
            select(Visit).where(Visit.deleted.is_(False), Visit.child_id.in_(child_ids))
        )
    )
    by_visit: dict[str, list[VisitAmendment]] = {}
    for amendment in session.scalars(
        select(VisitAmendment)
        .where(
            VisitAmendment.deleted.is_(False),
            VisitAmendment.visit_id.in_([v.id for v in visits]),
        )
        .order_by(VisitAmendment.created_hlc, VisitAmendment.id)
    ):
        by_visit.setdefault(amendment.visit_id, []).append(amendment)
    result: dict[str, tuple[date | None, date | None]] = {}
    for visit in visits:
        record = effective_visit(visit, by_visit.get(visit.id, []))
        if record.voided or record.visited_on > as_of:
            continue
        last_any, last_home = result.get(visit.child_id, (None, None))
        last_any = max(filter(None, (last_any, record.visited_on)))
        if record.mode is VisitMode.HOME:
            last_home = max(filter(None, (last_home, record.visited_on)))
        result[visit.child_id] = (last_any, last_home)
    return result


# 重点儿童 (core.worklist.is_priority) are followed more often: 辍学, 无户籍, 重病 or 残疾
# worked out here in SQL (5,000 rows need no per-value conversion), 监护情况差 below.
_NEEDS_CARE = or_(
    Child.school_stage.in_(sorted(PRIORITY_STAGES)),
    Child.hukou_registered == YesNo.NO,
    Child.health.in_(sorted(PRIORITY_HEALTH)),
).label("needs_care")
_IN_SCHOOL = Child.school_stage.in_([s for s in SchoolStage if s.full_time_school]).label(
    "in_school"
)
CHILD_COLUMNS = (
    Child.id,
    Child.name,
    Child.birth_date,
    Child.registered_on,
    Child.region_code,
    _NEEDS_CARE,
    _IN_SCHOOL,
)


def facts_for(row: Any, g: Gathered) -> ChildFacts:
    """A child row (with the CHILD_COLUMNS first) and its gathered facts, for the worklist."""
    return facts_of_all([row], g, keep_exited=True)[0]


_NOT_ASSESSED = (None, None, None)
_NEVER_VISITED = (None, None)


def child_facts(
    session: Session,
    *,
    as_of: date,
    region_prefix: str | None = None,
    ids: Collection[str] | None = None,
) -> list[ChildFacts]:
    """Everything the worklist needs about each child 在册 on ``as_of`` (of the store,
    an area, or of the children ``ids``)."""
    query: Select[Any] = select(*CHILD_COLUMNS).where(
        Child.deleted.is_(False), Child.registered_on <= as_of
    )
    if region_prefix:
        query = query.where(Child.region_code.startswith(region_prefix))
    if ids is not None:
        query = query.where(Child.id.in_(ids))
    rows = session.execute(query).tuples().all()
    # one village of a township: gather its children's facts only (bulk reads all
    # beyond a few hundred ids anyway)
    scoped = region_prefix or ids is not None
    g = gather(session, Scope(as_of, [r[0] for r in rows] if scoped else None))
    return facts_of_all(rows, g)


def facts_of_all(
    rows: Sequence[Any], g: Gathered, *, keep_exited: bool = False
) -> list[ChildFacts]:
    """The facts of each child row (the CHILD_COLUMNS first) not exited, unless
    ``keep_exited``: the lookups hoisted out of the loop (a township's worklist makes
    20,000)."""
    exited, assessed, visits = g.exited, g.assessed, g.visits
    categories, agreements, poor = g.categories, g.agreements, GuardianshipLevel.POOR
    found = []
    for row in rows:
        child_id, name, birth, registered, region, needs_care, in_school = row[:7]
        if child_id in exited and not keep_exited:
            continue
        assessed_on, level, colour = assessed.get(child_id, _NOT_ASSESSED)
        last_contact, last_home = visits.get(child_id, _NEVER_VISITED)
        held = categories.get(child_id)
        signed = agreements.get(child_id)
        found.append(
            ChildFacts(
                child_id,
                name,
                birth,
                registered,
                colour,
                assessed_on,
                last_contact,
                last_home,
                bool(needs_care) or level is poor,
                bool(in_school),
                tuple(held) if held else (),
                tuple(signed) if signed else (),
                region,
            )
        )
    return found


def _driver(session: Session) -> Any:
    """The DBAPI connection of the session's transaction (see storage.bulk)."""
    return session.connection().connection.driver_connection
