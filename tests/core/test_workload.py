"""The weekly plan of visits: properties over any set of due visits and any cap."""

from __future__ import annotations

import random
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from childcare_desktop.core.vocab import RiskColour
from childcare_desktop.core.worklist import WorkItem, WorkKind
from childcare_desktop.core.workload import (
    DueVisit,
    Plan,
    WeekLoad,
    due_visits,
    plan_visits,
    week_start,
)

TODAY = date(2026, 11, 4)  # a Wednesday
SOON = 7


@st.composite
def visit_sets(draw: st.DrawFn) -> list[DueVisit]:
    count = draw(st.integers(0, 40))
    visits = []
    for n in range(count):
        deadline = TODAY + timedelta(days=draw(st.integers(-20, 40)))
        visits.append(
            DueVisit(
                f"c{n:03d}",
                draw(st.sampled_from(list(RiskColour))),
                draw(st.booleans()),
                # the policy's due-soon window, 7 days by default, may be set longer
                deadline - timedelta(days=draw(st.sampled_from([SOON, SOON, 14, 21]))),
                deadline,
                draw(st.sampled_from(["", "", "349901001001"])),
            )
        )
    return visits


def _weeks(visit: DueVisit) -> tuple[int, int]:
    first = week_start(TODAY)
    low = max((week_start(visit.earliest) - first).days // 7, 0)
    high = max((week_start(visit.deadline) - first).days // 7, 0)
    return min(low, high), high


def feasible(visits: list[DueVisit], cap: int) -> bool:
    """An independent check: earliest deadline first, week by week, per village."""
    for region in {v.region_code for v in visits}:
        windows = sorted(_weeks(v) for v in visits if v.region_code == region)
        waiting: list[int] = []
        week = 0
        while windows or waiting:
            while windows and windows[0][0] <= week:
                waiting.append(windows.pop(0)[1])
            waiting.sort()
            del waiting[:cap]
            if waiting and waiting[0] <= week:
                return False
            week += 1
    return True


def loads(plan: Plan) -> dict[tuple[str, date], int]:
    counts: dict[tuple[str, date], int] = {}
    for v in plan.visits.values():
        counts[v.region_code, v.week] = counts.get((v.region_code, v.week), 0) + 1
    return counts


@settings(max_examples=300, deadline=None)
@given(visit_sets(), st.integers(1, 6))
def test_never_before_today_nor_past_the_deadline(visits: list[DueVisit], cap: int) -> None:
    plan = plan_visits(visits, cap=cap, today=TODAY)
    assert set(plan.visits) == {v.child_id for v in visits}
    for visit in visits:
        planned = plan.visits[visit.child_id]
        assert planned.week == week_start(planned.on)
        assert planned.on >= TODAY
        assert planned.on >= visit.earliest
        assert planned.on <= max(visit.deadline, TODAY)  # overdue: today, no later


@settings(max_examples=300, deadline=None)
@given(visit_sets(), st.integers(1, 6))
def test_the_cap_is_kept_whenever_any_plan_keeps_it(visits: list[DueVisit], cap: int) -> None:
    plan = plan_visits(visits, cap=cap, today=TODAY)
    over = max(loads(plan).values(), default=0) > cap
    assert over == (not feasible(visits, cap))
    # a visit beyond the cap is marked so, and sits in a week over the cap
    for planned in plan.visits.values():
        if planned.over_cap:
            assert loads(plan)[planned.region_code, planned.week] > cap


@settings(max_examples=300, deadline=None)
@given(visit_sets(), st.integers(1, 6))
def test_red_and_priority_children_claim_the_weeks_first(visits: list[DueVisit], cap: int) -> None:
    plan = plan_visits(visits, cap=cap, today=TODAY)
    urgent = [v for v in visits if v.colour is RiskColour.RED or v.priority]
    if feasible(urgent, cap):
        assert not any(plan.visits[v.child_id].over_cap for v in urgent)


@settings(max_examples=200, deadline=None)
@given(visit_sets(), st.integers(1, 6), st.randoms())
def test_the_plan_is_the_same_whatever_the_order(
    visits: list[DueVisit], cap: int, rnd: random.Random
) -> None:
    shuffled = list(visits)
    rnd.shuffle(shuffled)
    assert plan_visits(shuffled, cap=cap, today=TODAY) == plan_visits(visits, cap=cap, today=TODAY)


def visit(child: str, due: date, colour: RiskColour = RiskColour.BLUE) -> DueVisit:
    return DueVisit(child, colour, False, due - timedelta(days=SOON), due)


def test_a_visit_stays_in_its_due_week_while_the_week_has_room() -> None:
    plan = plan_visits([visit("a", TODAY + timedelta(days=7))], cap=3, today=TODAY)
    assert plan.visits["a"] == (
        week_start(TODAY) + timedelta(weeks=1),
        TODAY + timedelta(days=7),
        False,
        "",
    )


def test_a_full_week_pulls_the_red_child_earlier() -> None:
    next_week = week_start(TODAY) + timedelta(weeks=1)
    due = next_week + timedelta(days=1)  # Tuesday next week: may be pulled to this week
    plan = plan_visits([visit("blue", due), visit("red", due, RiskColour.RED)], cap=1, today=TODAY)
    assert plan.visits["red"].week == week_start(TODAY)
    assert plan.visits["blue"].week == next_week
    assert plan.weeks(count=2) == [WeekLoad(week_start(TODAY), 1, 1), WeekLoad(next_week, 1, 1)]


def test_an_overdue_visit_stays_this_week_over_the_cap() -> None:
    late = [visit(f"c{n}", TODAY - timedelta(days=n + 1)) for n in range(3)]
    plan = plan_visits(late, cap=2, today=TODAY)
    (this_week,) = plan.weeks(count=1)
    assert (this_week.planned, this_week.over) == (3, 1)
    assert {v.on for v in plan.visits.values()} == {TODAY}
    assert sum(v.over_cap for v in plan.visits.values()) == 1


def test_each_village_has_its_own_cap() -> None:
    a = visit("a", TODAY)._replace(region_code="349901001001")
    b = visit("b", TODAY)._replace(region_code="349901001002")
    plan = plan_visits([a, b], cap=1, today=TODAY)
    assert not any(v.over_cap for v in plan.visits.values())
    assert plan.weeks(count=1) == [WeekLoad(week_start(TODAY), 2, 2)]
    assert plan.weeks("349901001001", count=1) == [WeekLoad(week_start(TODAY), 1, 1)]


def test_one_visit_per_child_from_the_worklist() -> None:
    items = [
        WorkItem("c1", "甲", WorkKind.CONTACT, TODAY + timedelta(days=3), 0, RiskColour.RED),
        WorkItem("c1", "甲", WorkKind.HOME_VISIT, TODAY - timedelta(days=2), 2, RiskColour.RED),
        WorkItem("c2", "乙", WorkKind.ASSESSMENT, TODAY, 0, RiskColour.BLUE),
    ]
    (only,) = due_visits(items, priority={"c1": True}, soon_days=SOON)
    assert only == DueVisit(
        "c1", RiskColour.RED, True, TODAY - timedelta(days=9), TODAY - timedelta(days=2)
    )


@settings(max_examples=300, deadline=None)
@given(visit_sets(), st.integers(1, 6))
def test_of_two_visits_that_could_trade_weeks_the_more_urgent_is_first(
    visits: list[DueVisit], cap: int
) -> None:
    plan = plan_visits(visits, cap=cap, today=TODAY)
    first = week_start(TODAY)

    def week(v: DueVisit) -> int:
        return (plan.visits[v.child_id].week - first).days // 7

    def key(v: DueVisit) -> tuple[int, int, date, str]:
        return (
            0 if v.colour is RiskColour.RED or v.priority else 1,
            v.colour.rank,
            v.deadline,
            v.child_id,
        )

    placed = [v for v in visits if not plan.visits[v.child_id].over_cap]
    for x in placed:
        for y in placed:
            if x.region_code == y.region_code and key(x) < key(y) and week(x) > week(y):
                could_swap = _weeks(x)[0] <= week(y) and _weeks(y)[1] >= week(x)
                assert not could_swap, (x, y)


def test_a_visit_already_planned_moves_earlier_to_make_room() -> None:
    # b takes next week, a the week after; c fits only if b moves to this week
    monday = week_start(TODAY)
    b = DueVisit("b", RiskColour.RED, False, monday, monday + timedelta(days=8))
    a = DueVisit(
        "a", RiskColour.RED, False, monday + timedelta(days=8), monday + timedelta(days=15)
    )
    c = a._replace(child_id="c", colour=RiskColour.BLUE)
    plan = plan_visits([a, b, c], cap=1, today=TODAY)
    assert not any(v.over_cap for v in plan.visits.values())
    assert [w.planned for w in plan.weeks(count=3)] == [1, 1, 1]
