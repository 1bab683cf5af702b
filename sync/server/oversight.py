"""The county's figures from the records the server holds (issue 17: the console's
dashboard, township and village pages).

The server keeps every record as fields (:mod:`.schema`: ``row_state``/``field_state``);
here the records of a scope are read in one query, turned into the core's
:class:`~childcare_desktop.core.worklist.ChildFacts` and given to the laptop's own
worklist rule (:func:`~childcare_desktop.core.worklist.build_worklist`) under the county's
policy in force today, so "overdue" means on the console what it means on the laptop.

Every kind of work is counted: those of a child's facts and those of the records kept
beside them (issue 18: a problem, a plan, a clue, a report's stage, a quarterly check, a
pairing ...), gathered by :mod:`.oversight_duties` for the core's own rules. The kinds
a viewer may not receive the records of (a clue, a report: SEE_REPORTS) are counted all
the same; the console leaves them out for such a viewer (:func:`.oversight_duties.hidden_kinds`).

What the server cannot know as the laptop does: an agreement counts in the state it has
now (the worklist asks about today, when both agree).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy.engine import Connection

from childcare_desktop.core.eligibility import active_on
from childcare_desktop.core.vocab import (
    AgreementState,
    Category,
    EnrollmentEventKind,
    FollowupStage,
    GuardianshipLevel,
    Health,
    RiskColour,
    SchoolStage,
    YesNo,
)
from childcare_desktop.core.worklist import (
    AgreementFacts,
    CategoryFacts,
    ChildFacts,
    WorkItem,
    WorkKind,
    build_worklist,
    is_priority,
)

from . import health, oversight_duties
from .oversight_read import Records, load
from .oversight_read import choice as _choice
from .oversight_read import day as _day
from .visit_dates import visit_dates

VISITS = frozenset({WorkKind.FIRST_VISIT, WorkKind.HOME_VISIT})
AGREEMENTS = frozenset({WorkKind.AGREEMENT_MISSING, WorkKind.AGREEMENT_EXPIRED})
UNASSESSED = "unassessed"
REPORTED = "reported"  # a report with no follow-up yet


@dataclass
class Area:
    """The figures of one area (the county, a township or a village)."""

    children: int = 0
    by_category: Counter[str] = field(default_factory=Counter)
    by_colour: Counter[str] = field(default_factory=Counter)
    overdue: Counter[str] = field(default_factory=Counter)  # WorkKind -> items overdue
    due: Counter[str] = field(default_factory=Counter)  # WorkKind -> items due, not overdue

    @property
    def overdue_visits(self) -> int:
        return sum(self.overdue[k] for k in VISITS)

    @property
    def overdue_agreements(self) -> int:
        return sum(self.overdue[k] for k in AGREEMENTS)


@dataclass
class Figures:
    """A scope's figures, its parts' (townships of a county, villages of a township) and,
    for a village, each child's line (for the page to mask)."""

    total: Area
    parts: dict[str, Area]
    reports: Counter[str]  # open mandatory reports by stage (never who reported)
    children: list[dict[str, Any]]


def figures(conn: Connection, scope: str, today: date, *, names: bool = False) -> Figures:
    """The figures of ``scope`` on ``today``; ``names``: each child's line too."""
    records, regions = load(conn, scope, oversight_duties.READ)
    policy = health.policy_in_force(conn, scope[:6], today)
    facts = child_facts(records, regions, today)
    duties = oversight_duties.duties(conn, scope, records, regions, today)
    items = build_worklist(facts, today, policy, duties)
    part = {6: 9, 9: 12}.get(len(scope))
    result = Figures(Area(), {}, open_reports(records, facts), [])

    known: dict[str, list[Area]] = {}

    def areas(region: str) -> list[Area]:
        """The areas a child's or an item's village counts in (the total, its part)."""
        if region not in known:
            part_area = result.parts.setdefault(region[:part], Area()) if part else None
            known[region] = [result.total] if part_area is None else [result.total, part_area]
        return known[region]

    overdue: dict[str, list[WorkItem]] = {}
    for item in items:
        for area in areas(item.region_code):
            (area.overdue if item.overdue else area.due)[item.kind.value] += 1
        if item.overdue:
            overdue.setdefault(item.child_id, []).append(item)
    for child in facts:
        for area in areas(child.region_code):
            _count(area, child, today)
        if names:
            result.children.append(_line(child, overdue.get(child.id, []), today))
    return result


def _count(area: Area, child: ChildFacts, today: date) -> None:
    area.children += 1
    area.by_colour[child.colour.value if child.colour else UNASSESSED] += 1
    area.by_category.update({c.category.value for c in _active(child, today)})


def _line(child: ChildFacts, overdue: list[WorkItem], today: date) -> dict[str, Any]:
    return {
        "id": child.id,
        "name": child.name,
        "village": child.region_code,
        "colour": child.colour.value if child.colour else UNASSESSED,
        "categories": [c.category.value for c in _active(child, today)],
        "last_home_visit": child.last_home_visit_on,
        "overdue": sorted({i.kind.value for i in overdue}),
    }


def _active(child: ChildFacts, today: date) -> list[CategoryFacts]:
    return [c for c in child.categories if active_on(c.recognized_on, c.ended_on, today)]


def child_facts(records: Records, regions: dict[str, str], today: date) -> list[ChildFacts]:
    """One :class:`ChildFacts` per child on the roll (在册) today."""
    by_child = gathered(records, today)
    found = []
    for child_id, c in records["child"].items():
        registered = _day(c.get("registered_on"))
        if registered is None or registered > today or child_id in by_child["exited"]:
            continue
        assessed_on, level, colour = by_child["assessed"].get(child_id, (None, None, None))
        last_any, last_home = by_child["visits"].get(child_id, (None, None))
        stage = _choice(SchoolStage, c.get("school_stage"))
        priority = is_priority(
            stage,
            _choice(YesNo, c.get("hukou_registered")),
            _choice(Health, c.get("health")),
            level,
        )
        found.append(
            ChildFacts(
                child_id,
                str(c.get("name") or ""),
                _day(c.get("birth_date")),
                registered,
                colour,
                assessed_on,
                last_any,
                last_home,
                priority,
                stage is not None and stage.full_time_school,
                tuple(by_child["categories"].get(child_id, ())),
                tuple(by_child["agreements"].get(child_id, ())),
                regions.get(child_id, ""),
            )
        )
    found.sort(key=lambda f: (f.region_code, f.name, f.id))
    return found


def gathered(records: Records, today: date) -> dict[str, Any]:
    """Each child's latest assessment, visit dates (corrections applied), categories,
    agreements, and who has left the roll (the latest enrolment event by ``today`` an
    exit)."""
    latest: dict[str, tuple[date, str, Any]] = {}
    for row_id, a in records["assessment"].items():
        on = _day(a.get("assessed_on"))
        key = a.get("child_id")
        if on is None or on > today or not key:
            continue
        if key not in latest or (on, row_id) > latest[key][:2]:
            level = _choice(GuardianshipLevel, a.get("level"))
            latest[key] = (on, row_id, (on, level, _choice(RiskColour, a.get("colour"))))
    return {
        "assessed": {k: v[2] for k, v in latest.items()},
        "visits": visit_dates(records, today),
        "categories": _categories(records),
        "agreements": _agreements(records),
        "exited": _exited(records, today),
    }


def _categories(records: Records) -> dict[str, list[CategoryFacts]]:
    found: dict[str, list[CategoryFacts]] = {}
    for m in records["category_membership"].values():
        category = _choice(Category, m.get("category"))
        if category is not None and m.get("child_id"):
            facts = CategoryFacts(category, _day(m.get("recognized_on")), _day(m.get("ended_on")))
            found.setdefault(m["child_id"], []).append(facts)
    return found


def _agreements(records: Records) -> dict[str, list[AgreementFacts]]:
    found: dict[str, list[AgreementFacts]] = {}
    for row_id, a in records["care_agreement"].items():
        state = _choice(AgreementState, a.get("state")) or AgreementState.DRAFT
        if a.get("child_id"):
            facts = AgreementFacts(
                row_id, state, _day(a.get("start_date")), _day(a.get("end_date"))
            )
            found.setdefault(a["child_id"], []).append(facts)
    return found


def _exited(records: Records, today: date) -> set[str]:
    latest: dict[str, tuple[date, str, Any]] = {}
    for row_id, e in records["enrollment_event"].items():
        on, key = _day(e.get("on_date")), e.get("child_id")
        if on is None or on > today or not key:
            continue
        if key not in latest or (on, row_id) > latest[key][:2]:
            latest[key] = (on, row_id, e.get("kind"))
    return {k for k, v in latest.items() if v[2] == EnrollmentEventKind.EXIT.value}


def open_reports(records: Records, facts: list[ChildFacts]) -> Counter[str]:
    """The mandatory reports of the children on the roll not yet closed, by the stage of
    their latest follow-up (:data:`REPORTED` before any). Nothing of who reported."""
    on_roll = {f.id for f in facts}
    stage: dict[str, tuple[date, str, str]] = {}
    for row_id, step in records["incident_followup"].items():
        key, on = step.get("incident_id"), _day(step.get("on_date")) or date.min
        if key and (key not in stage or (on, row_id) > stage[key][:2]):
            stage[key] = (on, row_id, str(step.get("stage")))
    found: Counter[str] = Counter()
    for row_id, incident in records["incident"].items():
        if incident.get("child_id") not in on_roll:
            continue
        now = stage.get(row_id, (None, None, REPORTED))[2]
        if now != FollowupStage.CLOSED.value:
            found[now] += 1
    return found
