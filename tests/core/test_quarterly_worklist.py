"""季度核实 on the worklist around quarter boundaries (a pure function over plain facts):
due in a quarter's last 15 days, overdue red from the day after it ends until a check is
made, nothing for a child not in difficulty or a quarter already checked."""

from __future__ import annotations

from datetime import date

import pytest

from childcare_desktop.core.errors import Kind, ValidationError
from childcare_desktop.core.policy import DEFAULT_POLICY
from childcare_desktop.core.quarters import bounds, parse_quarter, previous, quarter_label
from childcare_desktop.core.vocab import Category, RiskColour
from childcare_desktop.core.worklist import (
    CategoryFacts,
    ChildFacts,
    Records,
    WorkKind,
    build_worklist,
)

POOR = CategoryFacts(Category.POVERTY, date(2025, 1, 1), None)
LEFT = CategoryFacts(Category.LEFT_BEHIND, date(2025, 1, 1), None)


def child(*categories: CategoryFacts, registered_on: date = date(2025, 1, 1)) -> ChildFacts:
    return ChildFacts(
        id="c1",
        name="张三",
        birth_date=date(2016, 1, 1),
        registered_on=registered_on,
        colour=RiskColour.GREEN,
        categories=categories,
    )


def quarterly(
    facts: ChildFacts, as_of: date, checked: tuple[tuple[str, str], ...] = ()
) -> list[tuple[date, int, str]]:
    items = build_worklist([facts], as_of, DEFAULT_POLICY, Records(quarter_checks=checked))
    return [
        (i.due_on, i.overdue_days, i.detail) for i in items if i.kind is WorkKind.QUARTERLY_CHECK
    ]


def test_quarters_are_named_bounded_and_counted_back() -> None:
    assert bounds("2026Q4") == (date(2026, 10, 1), date(2026, 12, 31))
    assert bounds("2024Q1") == (date(2024, 1, 1), date(2024, 3, 31))
    assert previous("2027Q1") == "2026Q4"
    assert parse_quarter(" 2026q3 ") == "2026Q3"
    assert quarter_label("2026Q2") == "2026年第二季度"
    with pytest.raises(ValidationError) as bad:
        parse_quarter("2026-4")
    assert bad.value.kind is Kind.QUARTER_INVALID


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        (date(2026, 12, 16), []),  # 16 days before the end: not yet
        (date(2026, 12, 17), [(date(2026, 12, 31), 0, "2026Q4")]),  # the last 15 days
        (date(2026, 12, 31), [(date(2026, 12, 31), 0, "2026Q4")]),
        (date(2027, 1, 1), [(date(2026, 12, 31), 1, "2026Q4")]),  # red the day after
        (date(2027, 3, 20), [(date(2026, 12, 31), 79, "2026Q4")]),  # still red, not two items
    ],
)
def test_due_in_the_last_15_days_and_overdue_after_the_end(
    as_of: date, expected: list[tuple[date, int, str]]
) -> None:
    # checked in 2026Q3, so nothing was missed before 2026Q4
    assert quarterly(child(POOR), as_of, (("c1", "2026Q3"),)) == expected


def test_a_check_ends_the_item_and_a_late_one_counts_for_the_new_quarter() -> None:
    assert quarterly(child(POOR), date(2026, 12, 20), (("c1", "2026Q4"),)) == []
    # 2026Q4 missed: overdue in 2027Q1 until its check (dated in 2027Q1) is made
    assert quarterly(child(POOR), date(2027, 2, 1))[0][1] == 32
    assert quarterly(child(POOR), date(2027, 2, 1), (("c1", "2027Q1"),)) == []
    # ... or the 2026Q4 check done on paper is entered afterwards
    assert quarterly(child(POOR), date(2027, 2, 1), (("c1", "2026Q4"),)) == []


def test_only_children_in_difficulty_and_not_before_they_were() -> None:
    assert quarterly(child(LEFT), date(2026, 12, 20)) == []
    ended = CategoryFacts(Category.POVERTY, date(2025, 1, 1), date(2026, 11, 1))
    assert quarterly(child(LEFT, ended), date(2026, 12, 20)) == []
    # in difficulty since 2026-11-05 only: nothing missed in 2026Q3, due at 2026Q4's end
    new = CategoryFacts(Category.POVERTY, date(2026, 11, 5), None)
    assert quarterly(child(new), date(2026, 11, 20)) == []
    assert quarterly(child(new), date(2026, 12, 20)) == [(date(2026, 12, 31), 0, "2026Q4")]
    registered = child(POOR, registered_on=date(2026, 10, 10))  # on the roll in 2026Q4
    assert quarterly(registered, date(2026, 10, 20)) == []


def test_callers_that_gather_no_checks_leave_the_verification_out() -> None:
    items = build_worklist([child(POOR)], date(2027, 2, 1), DEFAULT_POLICY)
    assert all(i.kind is not WorkKind.QUARTERLY_CHECK for i in items)
