"""The county policy: visit rhythm, deadlines and eligibility thresholds, as data.

``DEFAULTS`` is the table of DOMAIN.md. A county overrides any part of it with a JSON
object of the same shape (synced down from the county server); :func:`load_policy`
merges the override over the defaults and validates the result, so a typo in a
county's file is reported, never silently ignored.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from .dates import Interval
from .errors import Kind, ValidationError
from .vocab import RiskColour

DEFAULTS: dict[str, Any] = {
    "rhythm": {  # contact = 电话/视频/入户 of any kind; home_visit = 入户 only
        "red": {"contact": "P7D", "home_visit": "P1M"},
        "yellow": {"contact": "P14D", "home_visit": "P1M"},
        "blue": {"contact": "P1M", "home_visit": "P3M"},
        "green": {"contact": "P1M", "home_visit": "P3M"},
    },
    # 监护情况差, 辍学, 无户籍, 重病 or 残疾: never less often than this.
    "priority_rhythm": {"contact": "P14D", "home_visit": "P1M"},
    "unassessed_colour": "yellow",
    "first_visit_working_days": 5,
    "assessment_interval": "P6M",
    "due_soon_days": 7,
    "agreement_warning_days": 30,
    "ageing_out_warning_days": 60,
    # 重点时段巡查: one extra home visit inside each window (MM-DD, may wrap the new year).
    "holiday_windows": [
        {"name": "寒假春节", "start": "01-15", "end": "02-28"},
        {"name": "暑假", "start": "07-10", "end": "08-31"},
    ],
    "public_holidays": [],  # YYYY-MM-DD, skipped when counting working days
    "left_behind": {"min_months_away": 3, "requires_rural_hukou": True},
    "de_facto": {"min_months_restricted": 6, "min_months_lost_contact": 6},
    # Sync health: a village or laptop not synced for this many days shows red.
    "sync_red_days": 14,
}


@dataclass(frozen=True, slots=True)
class Rhythm:
    contact: Interval
    home_visit: Interval


@dataclass(frozen=True, slots=True)
class HolidayWindow:
    name: str
    start: tuple[int, int]  # (month, day)
    end: tuple[int, int]

    def active_range(self, on: date) -> tuple[date, date] | None:
        """The window's dates that contain ``on``, or None when ``on`` is outside it."""
        for start_year in (on.year - 1, on.year):
            start = _month_day(start_year, self.start)
            end_year = start_year + (1 if self.end < self.start else 0)
            end = _month_day(end_year, self.end)
            if start <= on <= end:
                return start, end
        return None


@dataclass(frozen=True, slots=True)
class Policy:
    rhythm: Mapping[RiskColour, Rhythm]
    priority_rhythm: Rhythm
    unassessed_colour: RiskColour
    first_visit_working_days: int
    assessment_interval: Interval
    due_soon_days: int
    agreement_warning_days: int
    ageing_out_warning_days: int
    holiday_windows: tuple[HolidayWindow, ...]
    public_holidays: frozenset[date]
    left_behind_min_months_away: int
    left_behind_requires_rural_hukou: bool
    de_facto_min_months_restricted: int
    de_facto_min_months_lost_contact: int
    sync_red_days: int = 14
    source: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)


def load_policy(overrides: Mapping[str, Any] | None = None) -> Policy:
    """The default policy with a county's ``overrides`` merged in; raises POLICY_INVALID."""
    merged = _deep_merge(copy.deepcopy(DEFAULTS), overrides or {}, path="")
    try:
        return _build(merged)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise ValidationError(Kind.POLICY_INVALID, reason=str(exc)[:200]) from None


def _deep_merge(base: dict[str, Any], override: Mapping[str, Any], path: str) -> dict[str, Any]:
    for key, value in override.items():
        where = f"{path}.{key}" if path else key
        if key not in base:
            raise ValidationError(Kind.POLICY_INVALID, reason=f"unknown key {where}")
        if isinstance(base[key], dict) and isinstance(value, Mapping):
            _deep_merge(base[key], value, where)
        else:
            base[key] = value
    return base


def _build(data: dict[str, Any]) -> Policy:
    rhythm = {RiskColour(colour): _rhythm(spec) for colour, spec in data["rhythm"].items()}
    if set(rhythm) != set(RiskColour):
        raise ValueError("rhythm must name red, yellow, blue and green")
    counts = {
        name: _non_negative(data[name], name)
        for name in (
            "first_visit_working_days",
            "due_soon_days",
            "agreement_warning_days",
            "ageing_out_warning_days",
        )
    }
    if data["sync_red_days"] == 0:
        raise ValueError("sync_red_days must be at least 1")
    windows = tuple(
        HolidayWindow(str(w["name"]), _parse_md(w["start"]), _parse_md(w["end"]))
        for w in data["holiday_windows"]
    )
    left, de_facto = data["left_behind"], data["de_facto"]
    return Policy(
        rhythm=rhythm,
        priority_rhythm=_rhythm(data["priority_rhythm"]),
        unassessed_colour=RiskColour(data["unassessed_colour"]),
        assessment_interval=Interval.parse(data["assessment_interval"]),
        holiday_windows=windows,
        public_holidays=frozenset(date.fromisoformat(d) for d in data["public_holidays"]),
        left_behind_min_months_away=_non_negative(left["min_months_away"], "min_months_away"),
        left_behind_requires_rural_hukou=bool(left["requires_rural_hukou"]),
        de_facto_min_months_restricted=_non_negative(
            de_facto["min_months_restricted"], "min_months_restricted"
        ),
        de_facto_min_months_lost_contact=_non_negative(
            de_facto["min_months_lost_contact"], "min_months_lost_contact"
        ),
        sync_red_days=_non_negative(data["sync_red_days"], "sync_red_days"),
        source=data,
        **counts,
    )


def _rhythm(spec: Mapping[str, str]) -> Rhythm:
    return Rhythm(Interval.parse(spec["contact"]), Interval.parse(spec["home_visit"]))


def _non_negative(value: Any, name: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ValueError(f"{name} must be a whole number of days or months >= 0")
    return value


def _parse_md(text: str) -> tuple[int, int]:
    month, day = (int(part) for part in str(text).split("-"))
    date(2024, month, day)  # raises ValueError for 02-30 and the like
    return month, day


def _month_day(year: int, md: tuple[int, int]) -> date:
    month, day = md
    if (month, day) == (2, 29):
        try:
            return date(year, 2, 29)
        except ValueError:
            return date(year, 2, 28)
    return date(year, month, day)


def holiday_window_containing(policy: Policy, on: date) -> tuple[str, date, date] | None:
    """The holiday window (name, first day, last day) that ``on`` falls in, if any."""
    for window in policy.holiday_windows:
        active = window.active_range(on)
        if active:
            return window.name, active[0], active[1]
    return None


DEFAULT_POLICY = load_policy()
