from datetime import date

import pytest

from childcare_desktop.core.dates import (
    Interval,
    add_months,
    add_working_days,
    age_on,
    reaches_age_on,
)
from childcare_desktop.core.errors import ValidationError


def test_add_months_clamps_to_the_last_day() -> None:
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_months(date(2026, 11, 30), 3) == date(2027, 2, 28)
    assert add_months(date(2026, 3, 15), -3) == date(2025, 12, 15)


def test_a_child_is_still_under_sixteen_on_the_sixteenth_birthday() -> None:
    birth = date(2010, 5, 1)
    assert reaches_age_on(birth, 16) == date(2026, 5, 2)
    assert age_on(birth, date(2026, 5, 1)) == 15
    assert age_on(birth, date(2026, 5, 2)) == 16


def test_leap_day_birthdays() -> None:
    # In a common year the anniversary of 29 Feb is 28 Feb; 周岁 start the day after.
    assert reaches_age_on(date(2008, 2, 29), 18) == date(2026, 3, 1)
    assert reaches_age_on(date(2008, 2, 29), 16) == date(2024, 3, 1)


def test_working_days_skip_weekends_and_holidays() -> None:
    friday = date(2026, 11, 20)
    assert add_working_days(friday, 1) == date(2026, 11, 23)  # Monday
    assert add_working_days(friday, 5) == date(2026, 11, 27)
    assert add_working_days(friday, 5, holidays=frozenset({date(2026, 11, 24)})) == date(
        2026, 11, 30
    )


@pytest.mark.parametrize(
    ("text", "months", "days"),
    [("P7D", 0, 7), ("P2W", 0, 14), ("P1M", 1, 0), ("P3M", 3, 0), ("P1Y", 12, 0), ("p1m2d", 1, 2)],
)
def test_interval_parsing(text: str, months: int, days: int) -> None:
    assert Interval.parse(text) == Interval(months, days)


@pytest.mark.parametrize(
    "text", ["", "P", "7D", "P0D", "monthly", "P-1M", "P99999Y", "P11Y", "P121M", "P3721D"]
)
def test_bad_intervals_are_refused(text: str) -> None:
    with pytest.raises(ValidationError):
        Interval.parse(text)


def test_interval_after_uses_calendar_months() -> None:
    assert Interval.parse("P1M").after(date(2026, 1, 31)) == date(2026, 2, 28)
    assert Interval.parse("P14D").after(date(2026, 12, 25)) == date(2027, 1, 8)


def test_the_longest_interval_is_ten_years() -> None:
    assert Interval.parse("P10Y") == Interval(120, 0)
    assert Interval.parse("P3720D").after(date(2026, 1, 1)) == date(2036, 3, 9)
