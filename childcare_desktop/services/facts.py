"""Bulk loading of what the worklist and roster need, a few queries for all children.

Each loader returns a dict keyed by child id. They take an optional list of child ids;
without it they read every child, which for 5,000 children and 60,000 visits is a few
grouped scans rather than one query per child.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from ..core.vocab import (
    EnrollmentEventKind,
    GuardianshipLevel,
    Health,
    RiskColour,
    SchoolStage,
    VisitMode,
    YesNo,
)
from ..core.worklist import AgreementFacts, CategoryFacts, ChildFacts
from ..storage.models import (
    Assessment,
    CareAgreement,
    CategoryMembership,
    Child,
    EnrollmentEvent,
    Visit,
    VisitAmendment,
)
from .visits import effective_visit

Ids = Collection[str] | None
_IN_LIMIT = 900  # beyond this many ids, scanning everything and filtering is faster


def _only(query: Select[Any], column: Any, ids: Ids) -> Select[Any]:
    if ids is not None and len(ids) <= _IN_LIMIT:
        return query.where(column.in_(list(ids)))
    return query


def latest_assessments(session: Session, ids: Ids = None
                       ) -> dict[str, tuple[date, GuardianshipLevel, RiskColour]]:  # fmt: skip
    rank = func.row_number().over(
        partition_by=Assessment.child_id,
        order_by=(Assessment.assessed_on.desc(), Assessment.created_hlc.desc()),
    ).label("rank")
    inner = _only(
        select(Assessment.child_id, Assessment.assessed_on, Assessment.level, Assessment.colour,
               rank).where(Assessment.deleted.is_(False)),
        Assessment.child_id, ids,
    ).subquery()  # fmt: skip
    rows = session.execute(select(inner.c.child_id, inner.c.assessed_on, inner.c.level,
                                  inner.c.colour).where(inner.c.rank == 1))  # fmt: skip
    return {r[0]: (r[1], r[2], r[3]) for r in rows}


def exited_children(session: Session, ids: Ids = None) -> set[str]:
    """Children whose latest enrollment event is an exit (退出)."""
    rank = func.row_number().over(
        partition_by=EnrollmentEvent.child_id,
        order_by=(EnrollmentEvent.on_date.desc(), EnrollmentEvent.created_hlc.desc()),
    ).label("rank")
    inner = _only(
        select(EnrollmentEvent.child_id, EnrollmentEvent.kind, rank)
        .where(EnrollmentEvent.deleted.is_(False)),
        EnrollmentEvent.child_id, ids,
    ).subquery()  # fmt: skip
    rows = session.execute(select(inner.c.child_id).where(
        inner.c.rank == 1, inner.c.kind == EnrollmentEventKind.EXIT.value))  # fmt: skip
    return {r[0] for r in rows}


def visit_dates(session: Session, ids: Ids = None) -> dict[str, tuple[date | None, date | None]]:
    """(last contact of any kind, last home visit) per child, after amendments and voids."""
    amended = select(VisitAmendment.visit_id).where(VisitAmendment.deleted.is_(False))
    home = func.max(func.iif(Visit.mode == VisitMode.HOME.value, Visit.visited_on, None))
    plain = _only(
        select(Visit.child_id, func.max(Visit.visited_on), home)
        .where(Visit.deleted.is_(False), Visit.id.not_in(amended))
        .group_by(Visit.child_id),
        Visit.child_id, ids,
    )  # fmt: skip
    result: dict[str, tuple[date | None, date | None]] = {}
    for child_id, last_any, last_home in session.execute(plain):
        result[child_id] = (_as_date(last_any), _as_date(last_home))
    _merge_amended_visits(session, ids, result)
    return result


def _merge_amended_visits(session: Session, ids: Ids,
                          result: dict[str, tuple[date | None, date | None]]) -> None:  # fmt: skip
    visits = list(session.scalars(_only(
        select(Visit).where(Visit.deleted.is_(False), Visit.id.in_(
            select(VisitAmendment.visit_id).where(VisitAmendment.deleted.is_(False)))),
        Visit.child_id, ids)))  # fmt: skip
    if not visits:
        return
    by_visit: dict[str, list[VisitAmendment]] = {}
    for amendment in session.scalars(
        select(VisitAmendment).where(VisitAmendment.visit_id.in_([v.id for v in visits]))
        .order_by(VisitAmendment.created_hlc, VisitAmendment.id)
    ):  # fmt: skip
        by_visit.setdefault(amendment.visit_id, []).append(amendment)
    for visit in visits:
        record = effective_visit(visit, by_visit.get(visit.id, []))
        if record.voided:
            continue
        last_any, last_home = result.get(visit.child_id, (None, None))
        last_any = max(filter(None, (last_any, record.visited_on)))
        if record.mode is VisitMode.HOME:
            last_home = max(filter(None, (last_home, record.visited_on)))
        result[visit.child_id] = (last_any, last_home)


def categories(session: Session, ids: Ids = None) -> dict[str, list[CategoryFacts]]:
    query = _only(
        select(CategoryMembership.child_id, CategoryMembership.category,
               CategoryMembership.recognized_on, CategoryMembership.ended_on)
        .where(CategoryMembership.deleted.is_(False)),
        CategoryMembership.child_id, ids,
    )  # fmt: skip
    found: dict[str, list[CategoryFacts]] = {}
    for child_id, category, recognized, ended in session.execute(query):
        found.setdefault(child_id, []).append(CategoryFacts(category, recognized, ended))
    return found


def agreements(session: Session, ids: Ids = None) -> dict[str, list[AgreementFacts]]:
    query = _only(
        select(CareAgreement.child_id, CareAgreement.id, CareAgreement.state,
               CareAgreement.start_date, CareAgreement.end_date)
        .where(CareAgreement.deleted.is_(False)),
        CareAgreement.child_id, ids,
    )  # fmt: skip
    found: dict[str, list[AgreementFacts]] = {}
    for child_id, agreement_id, state, start, end in session.execute(query):
        found.setdefault(child_id, []).append(AgreementFacts(agreement_id, state, start, end))
    return found


CHILD_COLUMNS = (Child.id, Child.name, Child.birth_date, Child.registered_on,
                 Child.school_stage, Child.hukou_registered, Child.health, Child.region_code)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Gathered:
    """The per-child facts of a set of children, loaded in one pass."""

    exited: set[str]
    assessed: dict[str, tuple[date, GuardianshipLevel, RiskColour]]
    visits: dict[str, tuple[date | None, date | None]]
    categories: dict[str, list[CategoryFacts]]
    agreements: dict[str, list[AgreementFacts]]


def gather(session: Session, ids: Ids = None) -> Gathered:
    return Gathered(exited_children(session, ids), latest_assessments(session, ids),
                    visit_dates(session, ids), categories(session, ids),
                    agreements(session, ids))  # fmt: skip


def facts_for(row: Any, g: Gathered) -> ChildFacts:
    """A child row (with the CHILD_COLUMNS) and its gathered facts, for the worklist."""
    assessed_on, level, colour = g.assessed.get(row.id, (None, None, None))
    last_contact, last_home = g.visits.get(row.id, (None, None))
    return ChildFacts(
        id=row.id, name=row.name, birth_date=row.birth_date, registered_on=row.registered_on,
        colour=colour, last_assessed_on=assessed_on, last_contact_on=last_contact,
        last_home_visit_on=last_home,
        priority=is_priority(level, row.school_stage, row.hukou_registered, row.health),
        in_full_time_school=isinstance(row.school_stage, SchoolStage)
        and row.school_stage.full_time_school,
        categories=tuple(g.categories.get(row.id, ())),
        agreements=tuple(g.agreements.get(row.id, ())),
    )  # fmt: skip


def child_facts(session: Session, *, region_prefix: str | None = None) -> list[ChildFacts]:
    """Everything the worklist needs about each child still 在册."""
    query = select(*CHILD_COLUMNS).where(Child.deleted.is_(False))
    if region_prefix:
        query = query.where(Child.region_code.startswith(region_prefix))
    rows = session.execute(query).all()
    g = gather(session)
    return [facts_for(row, g) for row in rows if row.id not in g.exited]


def is_priority(level: Any, stage: Any, hukou_registered: Any, health: Any) -> bool:
    """重点儿童: 监护情况差, 辍学, 无户籍, 重病 or 残疾 - followed more often."""
    return (
        level is GuardianshipLevel.POOR
        or stage is SchoolStage.DROPOUT
        or hukou_registered is YesNo.NO
        or health in (Health.SERIOUS_ILLNESS, Health.DISABLED)
    )


def _as_date(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))
