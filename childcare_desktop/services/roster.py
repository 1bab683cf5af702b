"""The roster (儿童名册): search by name, pinyin initials or ID number, and filter."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, literal, or_, select
from sqlalchemy.orm import Session

from ..core.dates import age_on
from ..core.eligibility import active_on
from ..core.records import ChildSummary
from ..core.search import normalise_query
from ..core.vocab import Category, GuardianshipLevel, RiskColour, SchoolStage
from ..core.worklist import build_worklist
from ..storage.models import Child
from . import facts
from .worklist import current_policy


@dataclass(frozen=True, slots=True)
class RosterFilter:
    query: str = ""
    status: str = "active"  # "active" (在册), "exited" (退出) or "all"
    category: Category | None = None
    colour: RiskColour | None = None
    school_stage: SchoolStage | None = None
    overdue_only: bool = False
    region_prefix: str | None = None


def search_roster(
    session: Session, *, filters: RosterFilter = RosterFilter(), as_of: date | None = None
) -> list[ChildSummary]:
    """Children matching ``filters``, by name. ``zs`` finds 张三; ``3412`` finds IDs."""
    as_of = as_of or date.today()
    query = select(
        *facts.CHILD_COLUMNS,
        Child.file_no,
        Child.sex,
        Child.id_number,
        Child.school_stage,
        Child.name_pinyin,
    ).where(Child.deleted.is_(False))
    text = normalise_query(filters.query)
    if text:
        query = query.where(_matches(text))
    if filters.region_prefix:
        query = query.where(Child.region_code.startswith(filters.region_prefix))
    if filters.school_stage:
        query = query.where(Child.school_stage == filters.school_stage)
    rows = session.execute(query.order_by(Child.name_pinyin, Child.name)).all()
    if not rows:
        return []
    g = facts.gather(session, facts.Scope(as_of, [r.id for r in rows]))
    rows = [r for r in rows if _status_ok(filters.status, r.id in g.exited)]
    policy = current_policy(session, as_of=as_of)[0]
    active_facts = facts.facts_of_all(rows, g)
    overdue = {i.child_id for i in build_worklist(active_facts, as_of, policy) if i.overdue}
    summaries = [_summary(r, g, as_of, overdue) for r in rows]
    return [s for s in summaries if _keep(s, filters)]


def _summary(r: Any, g: facts.Gathered, as_of: date, overdue: set[str]) -> ChildSummary:
    _, level, colour = g.assessed.get(r.id, (None, GuardianshipLevel.UNKNOWN, None))
    held = tuple(
        c.category
        for c in g.categories.get(r.id, ())
        if active_on(c.recognized_on, c.ended_on, as_of)
    )
    return ChildSummary(
        id=r.id,
        file_no=r.file_no,
        name=r.name,
        sex=r.sex,
        birth_date=r.birth_date,
        age=age_on(r.birth_date, as_of) if r.birth_date else None,
        id_number=r.id_number,
        region_code=r.region_code,
        active=r.id not in g.exited,
        categories=held,
        colour=colour,
        level=level,
        school_stage=r.school_stage,
        last_visit_on=g.visits.get(r.id, (None, None))[0],
        overdue=r.id in overdue,
        search_key=r.name_pinyin,
    )


def _matches(text: str) -> ColumnElement[bool]:
    like = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    compact = like.replace(" ", "")
    conditions = [
        Child.name.like(f"%{like}%", escape="\\"),
        (literal(" ") + Child.name_pinyin).like(f"% {compact}%", escape="\\"),
    ]
    if compact.upper().rstrip("X").isdigit():
        conditions.append(Child.id_number.like(f"%{compact.upper()}%", escape="\\"))
        conditions.append(Child.file_no.like(f"%{compact}%", escape="\\"))
    return or_(*conditions)


def _status_ok(status: str, exited: bool) -> bool:
    return status == "all" or (status == "exited") == exited


def _keep(summary: ChildSummary, filters: RosterFilter) -> bool:
    if filters.category and filters.category not in summary.categories:
        return False
    if filters.colour and summary.colour is not filters.colour:
        return False
    return not (filters.overdue_only and not summary.overdue)
