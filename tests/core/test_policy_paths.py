"""core.policy names the value at fault and what is wrong with it (for the county
console's form, which words them), and refuses an effective date in the past."""

from datetime import date

import pytest

from childcare_desktop.core.errors import Kind, ValidationError
from childcare_desktop.core.policy import PROBLEMS, load_policy, takes_effect


@pytest.mark.parametrize(
    ("override", "path", "problem"),
    [
        ({"rythm": {}}, "rythm", "unknown_key"),
        ({"rhythm": {"red": {"contact": "weekly"}}}, "rhythm.red.contact", "interval"),
        ({"priority_rhythm": {"home_visit": "P0D"}}, "priority_rhythm.home_visit", "interval"),
        ({"rhythm": {"purple": {}}}, "rhythm.purple", "unknown_key"),
        ({"due_soon_days": -1}, "due_soon_days", "whole_number"),
        ({"due_soon_days": "7"}, "due_soon_days", "whole_number"),
        ({"due_soon_days": 5_000_000}, "due_soon_days", "too_large"),
        ({"three_left_behind": {"contact": "P99999Y"}}, "three_left_behind.contact", "interval"),
        ({"sync_red_days": 0}, "sync_red_days", "at_least_one"),
        ({"unassessed_colour": "orange"}, "unassessed_colour", "colour"),
        (
            {"holiday_windows": [{"name": "x", "start": "02-30", "end": "03-01"}]},
            "holiday_windows.0.start",
            "month_day",
        ),
        ({"public_holidays": ["2026-02-30"]}, "public_holidays.0", "date"),
        (
            {"left_behind": {"requires_rural_hukou": 1}},
            "left_behind.requires_rural_hukou",
            "yes_no",
        ),
        (
            {"de_facto": {"min_months_restricted": 1.5}},
            "de_facto.min_months_restricted",
            "whole_number",
        ),
    ],
)
def test_an_invalid_value_is_named_by_its_path(override: dict, path: str, problem: str) -> None:  # type: ignore[type-arg]
    with pytest.raises(ValidationError) as caught:
        load_policy(override)
    assert caught.value.kind is Kind.POLICY_INVALID
    assert (caught.value.field, caught.value.params["problem"]) == (path, problem)
    assert problem in PROBLEMS
    assert caught.value.params["reason"].startswith(path)  # the command line's words


def test_the_effective_date_is_today_or_later() -> None:
    today = date(2026, 11, 30)
    assert takes_effect("2026-11-30", today) == today
    assert takes_effect(date(2027, 1, 1), today) == date(2027, 1, 1)
    with pytest.raises(ValidationError) as caught:
        takes_effect("2026-11-29", today)
    assert caught.value.kind is Kind.DATE_ORDER and caught.value.params["earliest"] == "2026-11-30"
    with pytest.raises(ValidationError) as caught:
        takes_effect("明天", today)
    assert caught.value.kind is Kind.DATE_INVALID
