from datetime import date

import pytest

from childcare_desktop.core.dates import Interval
from childcare_desktop.core.errors import Kind, ValidationError
from childcare_desktop.core.policy import DEFAULT_POLICY, holiday_window_containing, load_policy
from childcare_desktop.core.vocab import RiskColour


def test_defaults_are_the_table_of_domain_md() -> None:
    rhythm = DEFAULT_POLICY.rhythm
    assert rhythm[RiskColour.RED].contact == Interval(days=7)
    assert rhythm[RiskColour.RED].home_visit == Interval(months=1)
    assert rhythm[RiskColour.YELLOW].contact == Interval(days=14)
    assert rhythm[RiskColour.BLUE].home_visit == Interval(months=3)
    assert rhythm[RiskColour.GREEN].contact == Interval(months=1)
    assert DEFAULT_POLICY.first_visit_working_days == 5
    assert DEFAULT_POLICY.assessment_interval == Interval(months=6)


def test_a_county_overrides_part_of_the_table() -> None:
    policy = load_policy({"rhythm": {"green": {"home_visit": "P6M"}}, "due_soon_days": 3})
    assert policy.rhythm[RiskColour.GREEN].home_visit == Interval(months=6)
    assert policy.rhythm[RiskColour.GREEN].contact == Interval(months=1)  # kept
    assert policy.rhythm[RiskColour.RED] == DEFAULT_POLICY.rhythm[RiskColour.RED]
    assert policy.due_soon_days == 3


@pytest.mark.parametrize(
    "override",
    [
        {"rythm": {}},  # a typo is reported, never silently ignored
        {"rhythm": {"red": {"contact": "weekly"}}},
        {"rhythm": {"purple": {"contact": "P7D", "home_visit": "P1M"}}},
        {"due_soon_days": -1},
        {"due_soon_days": "7"},
        {"holiday_windows": [{"name": "x", "start": "02-30", "end": "03-01"}]},
        {"unassessed_colour": "orange"},
    ],
)
def test_invalid_overrides_are_refused(override: dict) -> None:  # type: ignore[type-arg]
    with pytest.raises(ValidationError) as caught:
        load_policy(override)
    assert caught.value.kind is Kind.POLICY_INVALID


def test_holiday_windows_may_wrap_the_new_year() -> None:
    policy = load_policy({"holiday_windows": [{"name": "冬", "start": "12-20", "end": "02-10"}]})
    assert holiday_window_containing(policy, date(2026, 12, 25)) == (
        "冬",
        date(2026, 12, 20),
        date(2027, 2, 10),
    )
    assert holiday_window_containing(policy, date(2027, 1, 5)) == (
        "冬",
        date(2026, 12, 20),
        date(2027, 2, 10),
    )
    assert holiday_window_containing(policy, date(2027, 3, 1)) is None


def test_the_shipped_example_policy_loads() -> None:
    import json
    from pathlib import Path

    example = Path(__file__).parents[2] / "resources" / "policy" / "county-policy.example.json"
    policy = load_policy(json.loads(example.read_text(encoding="utf-8")))
    assert policy.rhythm[RiskColour.GREEN].home_visit == Interval(months=6)
    assert policy.left_behind_min_months_away == 6
    assert date(2027, 2, 5) in policy.public_holidays
