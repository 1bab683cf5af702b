"""Bulk reads behind the worklist and the roster: plain tuples straight from the driver.

A worklist reads, for every child, the latest assessment, the last visits, the categories
and the agreements - some 25,000 rows for a 5,000-child township. Through SQLAlchemy's
result rows that costs about twice what SQLite itself needs, so these few fixed queries
run on the driver cursor of the caller's connection (inside its transaction) and convert
their values here. Everything else goes through the ORM.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator
from datetime import date
from typing import Any

from ..core.service_plans import PlanFacts
from ..core.vocab import (
    AgreementState,
    Category,
    EnrollmentEventKind,
    GuardianshipLevel,
    RiskColour,
    VisitMode,
)
from ..core.worklist import AgreementFacts, CategoryFacts

Ids = Collection[str] | None
IN_LIMIT = 900  # beyond this many ids, reading everything and filtering is faster

_LEVELS = GuardianshipLevel._value2member_map_
_COLOURS = RiskColour._value2member_map_
_CATEGORIES = Category._value2member_map_
_STATES = AgreementState._value2member_map_


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _rows(cursor: Any, sql: str, params: list[Any], ids: Ids, column: str) -> Iterator[tuple]:  # type: ignore[type-arg]
    """Run ``sql``, the ids (if few) filtered where it holds ``{ids}``."""
    if ids is not None and len(ids) <= IN_LIMIT:
        marks = ", ".join("?" * len(ids))
        sql = sql.replace("{ids}", f"AND {column} IN ({marks})")
        params = [*params, *ids]
    else:
        sql = sql.replace("{ids}", "")
    return iter(cursor.execute(sql, params).fetchall())


def current_plans(cursor: Any, ids: Ids) -> dict[str, PlanFacts]:
    """Each child's current service plan: the latest written (the latest made, of a day)."""
    sql = (
        "SELECT child_id, id, colour, written_on, review_due FROM service_plan"
        " WHERE deleted = 0 {ids} ORDER BY child_id, written_on, created_hlc"
    )
    latest = _last_of_each(_rows(cursor, sql, [], ids, "child_id"))
    return {
        child: PlanFacts(ident, child, _COLOURS[colour], date.fromisoformat(written), _day(review))
        for child, ident, colour, written, review in latest
    }


def _last_of_each(rows: Iterator[tuple]) -> Iterable[tuple]:  # type: ignore[type-arg]
    """The last row of each child, of rows ordered by child then age (oldest first).

    The order is the covering index's (migration 0020), so SQLite neither looks the
    rows up nor sorts them, where a window function ranking them did both; a later
    row replaces an earlier one of the same child. (A NULL ``created_hlc`` sorts first,
    as it sorted last of a descending window: either way it loses a tie.)"""
    return {row[0]: row for row in rows}.values()


def latest_assessments(
    cursor: Any, as_of: date, ids: Ids
) -> dict[str, tuple[date, GuardianshipLevel, RiskColour]]:
    sql = (
        "SELECT child_id, assessed_on, level, colour FROM assessment"
        " WHERE deleted = 0 AND assessed_on <= ? {ids} ORDER BY child_id, assessed_on, created_hlc"
    )
    latest = _last_of_each(_rows(cursor, sql, [as_of.isoformat()], ids, "child_id"))
    return {
        child: (date.fromisoformat(on), _LEVELS.get(level, level), _COLOURS.get(colour, colour))
        for child, on, level, colour in latest
    }


def exited_children(cursor: Any, as_of: date, ids: Ids) -> set[str]:
    """Children whose latest enrollment event by ``as_of`` is an exit (退出)."""
    sql = (
        "SELECT child_id, kind FROM enrollment_event"
        " WHERE deleted = 0 AND on_date <= ? {ids} ORDER BY child_id, on_date, created_hlc"
    )
    latest = _last_of_each(_rows(cursor, sql, [as_of.isoformat()], ids, "child_id"))
    return {child for child, kind in latest if kind == EnrollmentEventKind.EXIT.value}


def visit_dates(cursor: Any, as_of: date, ids: Ids) -> dict[str, tuple[date | None, date | None]]:
    """(last visit of any kind, last home visit) per child, as of ``as_of``.

    Read from ``visit_latest``, one row per child kept by triggers (store migration
    0022), so the cost follows the children, not the visits kept. Where a child's latest
    lies after ``as_of`` (a worklist of a past day, or a visit dated ahead by a wrong
    clock) that child's days are sought in the visits' index instead. Children never
    visited by ``as_of`` are left out. Amendments are not applied here; see
    :func:`children_with_amendments`.
    """
    sql = "SELECT child_id, last_on, last_home_on FROM visit_latest WHERE last_on IS NOT NULL {ids}"
    on = as_of.isoformat()
    day = date.fromisoformat  # inline, not _day: two per child
    found: dict[str, tuple[date | None, date | None]] = {}
    later: list[str] = []
    for child, last_any, last_home in _rows(cursor, sql, [], ids, "child_id"):
        if last_any > on or (last_home is not None and last_home > on):  # ISO days sort
            later.append(child)
        else:
            found[child] = (day(last_any), day(last_home) if last_home else None)
    if later:
        found.update(_visit_dates_sought(cursor, on, later))
    return found


def _visit_dates_sought(
    cursor: Any, on: str, ids: Collection[str]
) -> Iterator[tuple[str, tuple[date | None, date | None]]]:
    """As :func:`visit_dates`, by two seeks per child into the index on (child, day,
    mode, deleted), the latest first."""
    last = "(SELECT max(visited_on) FROM visit WHERE child_id = child.id AND deleted = 0"
    sql = (
        f"SELECT id, {last} AND visited_on <= ?), {last} AND mode = ? AND visited_on <= ?)"
        " FROM child WHERE 1 {ids}"
    )
    wanted = set(ids)
    day = date.fromisoformat
    for child, last_any, last_home in _rows(
        cursor, sql, [on, VisitMode.HOME.value, on], ids, "child.id"
    ):
        if last_any and child in wanted:
            yield child, (day(last_any), day(last_home) if last_home else None)


def children_with_amendments(cursor: Any) -> set[str]:
    sql = (
        "SELECT DISTINCT v.child_id FROM visit_amendment a JOIN visit v ON v.id = a.visit_id"
        " WHERE a.deleted = 0"
    )
    return {row[0] for row in cursor.execute(sql).fetchall()}


def categories(cursor: Any, ids: Ids) -> dict[str, list[CategoryFacts]]:
    sql = (
        "SELECT child_id, category, recognized_on, ended_on FROM category_membership"
        " WHERE deleted = 0 {ids}"
    )
    found: dict[str, list[CategoryFacts]] = {}
    day, kinds, facts = date.fromisoformat, _CATEGORIES, CategoryFacts  # looked up once
    for child, category, recognized, ended in _rows(cursor, sql, [], ids, "child_id"):
        held = found.get(child)
        if held is None:
            held = found[child] = []
        held.append(
            facts(
                kinds.get(category, category),
                day(recognized) if recognized else None,
                day(ended) if ended else None,
            )
        )
    return found


def agreements(cursor: Any, ids: Ids) -> list[tuple[Any, ...]]:
    """(child, id, state, start, end, signed_on, ended_on, supersedes_id) per agreement."""
    sql = (
        "SELECT child_id, id, state, start_date, end_date, signed_on, ended_on, supersedes_id"
        " FROM care_agreement WHERE deleted = 0 {ids}"
    )
    return [
        (
            child,
            ident,
            _STATES.get(state, state),
            _day(start),
            _day(end),
            _day(signed),
            _day(ended),
            supersedes,
        )
        for child, ident, state, start, end, signed, ended, supersedes in _rows(
            cursor, sql, [], ids, "child_id"
        )
    ]


def agreement_facts_as_of(
    rows: list[tuple[Any, ...]], as_of: date
) -> dict[str, list[AgreementFacts]]:
    """Each agreement in the state it had on ``as_of``: one signed later was still a draft
    then; one superseded or ended later was still in force."""
    superseded_on = {r[7]: r[5] for r in rows if r[7]}
    found: dict[str, list[AgreementFacts]] = {}
    for child, ident, state, start, end, signed, ended, _ in rows:
        if signed is None or signed > as_of:
            state = AgreementState.DRAFT
        elif (state is AgreementState.SUPERSEDED and superseded_on.get(ident, as_of) > as_of) or (
            state is AgreementState.ENDED and ended and ended > as_of
        ):
            state = AgreementState.SIGNED
        found.setdefault(child, []).append(AgreementFacts(ident, state, start, end))
    return found
