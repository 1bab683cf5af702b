"""The county policy: visit rhythm, deadlines and eligibility thresholds, as data.

``DEFAULTS`` is the table of DOMAIN.md. A county overrides any part of it with a JSON
object of the same shape (synced down from the county server); :func:`load_policy`
merges the override over the defaults and validates the result, so a typo in a
county's file is reported, never silently ignored.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar

from .dates import Interval, parse_date
from .duty_deadlines import DEFAULT_DEADLINES, DEFAULT_DUTY_DEADLINES, DutyDeadlines
from .errors import Kind, ValidationError
from .report_deadlines import STAGES, ReportDeadlines
from .service_plans import DEFAULT_PLANS, PlanDefault, plan_defaults
from .vocab import RiskColour

_T = TypeVar("_T")

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
    # 三留守 (issue 18): left-behind women and elderly, kept only where the county says so.
    "three_left_behind": {"enabled": False, "contact": "P1M"},
    # 四级分类服务: the default service plan of each colour (core.service_plans).
    "service_plans": DEFAULT_PLANS,
    # 强制报告 escalating (seeds 002, 003): days allowed for each follow-up stage, counted
    # from the report (通报乡镇, 应急处置, 受理反馈) or from the stage before it (评估帮扶
    # after the township was told, 监护干预 after 评估帮扶); core.report_deadlines.
    "report_deadlines": {
        "working_days": False,  # calendar days; True: Monday-Friday minus public holidays
        "notified": 1,
        "emergency": 1,
        "assessment": 7,
        "intervention": 30,
        "feedback": 15,
    },
    # The deadlines of the other records a director keeps (core.duty_deadlines): clues,
    # 劝返, 季度核实, 告知学校, 结对帮扶 contacts, service plans.
    "duty_deadlines": DEFAULT_DEADLINES,
}


_MONTH = Interval(months=1)


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
    report_deadlines: ReportDeadlines
    sync_red_days: int = 14
    three_left_behind_enabled: bool = False
    three_left_behind_contact: Interval = _MONTH
    service_plans: Mapping[RiskColour, PlanDefault] = field(default_factory=dict)
    duty_deadlines: DutyDeadlines = DEFAULT_DUTY_DEADLINES
    source: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)


def load_policy(overrides: Mapping[str, Any] | None = None) -> Policy:
    """The default policy with a county's ``overrides`` merged in; raises POLICY_INVALID
    whose ``field`` is the path of the value at fault (``rhythm.red.contact``) and whose
    ``problem`` says what is wrong with it (:data:`PROBLEMS`), for a form to word."""
    merged = _deep_merge(copy.deepcopy(DEFAULTS), overrides or {}, path="")
    return _build(merged)


def takes_effect(value: str | date, today: date) -> date:
    """The day a new version of the policy takes effect: a date, ``today`` or later (a
    rule already applied to past visits is not changed after the fact). Raises
    DATE_INVALID, or DATE_ORDER with ``earliest``."""
    day = parse_date(value, "effective_from")
    if day < today:
        raise ValidationError(Kind.DATE_ORDER, "effective_from", earliest=today.isoformat())
    return day


# What may be wrong with a value, for the words a form shows beside it.
PROBLEMS = (
    "unknown_key",
    "interval",
    "whole_number",
    "too_large",
    "at_least_one",
    "colours",
    "colour",
    "month_day",
    "date",
    "yes_no",
    "shape",
    "measures",
    "text",
)


class _Problem(ValueError):
    def __init__(self, problem: str, reason: str) -> None:
        super().__init__(reason)
        self.problem = problem


def _invalid(path: str, problem: str, reason: str) -> ValidationError:
    return ValidationError(
        Kind.POLICY_INVALID, path or None, reason=f"{path}: {reason}"[:200], problem=problem
    )


def _deep_merge(base: dict[str, Any], override: Mapping[str, Any], path: str) -> dict[str, Any]:
    if not isinstance(override, Mapping):
        raise _invalid(path, "shape", "not an object")
    for key, value in override.items():
        where = f"{path}.{key}" if path else str(key)
        if key not in base:
            raise _invalid(where, "unknown_key", f"unknown key {where}")
        if isinstance(base[key], dict) and isinstance(value, Mapping):
            _deep_merge(base[key], value, where)
        else:
            base[key] = value
    return base


def _at(path: str, build: Callable[[], _T]) -> _T:
    """``build()``, its failure told as POLICY_INVALID at ``path``."""
    try:
        return build()
    except ValidationError as err:
        if "problem" in err.params:  # told already, at the value's own path
            raise
        # Interval.parse's
        raise _invalid(path, "interval", f"not an interval: {err.params.get('value')}") from None
    except _Problem as err:
        raise _invalid(path, err.problem, str(err)) from None
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise _invalid(path, "shape", str(exc)) from None


def _build(data: dict[str, Any]) -> Policy:
    rhythm = _at("rhythm", lambda: _colours(data["rhythm"]))
    counts = {
        name: _count(data, name)
        for name in (
            "first_visit_working_days",
            "due_soon_days",
            "agreement_warning_days",
            "ageing_out_warning_days",
        )
    }
    left, de_facto = data["left_behind"], data["de_facto"]
    return Policy(
        rhythm=rhythm,
        priority_rhythm=_at("priority_rhythm", lambda: _rhythm(data["priority_rhythm"], "")),
        unassessed_colour=_at("unassessed_colour", lambda: _colour(data["unassessed_colour"])),
        assessment_interval=_at(
            "assessment_interval", lambda: Interval.parse(data["assessment_interval"])
        ),
        holiday_windows=_at("holiday_windows", lambda: _windows(data["holiday_windows"])),
        public_holidays=_at("public_holidays", lambda: _days(data["public_holidays"])),
        left_behind_min_months_away=_at(
            "left_behind.min_months_away",
            lambda: _non_negative(left["min_months_away"]),
        ),
        left_behind_requires_rural_hukou=_at(
            "left_behind.requires_rural_hukou", lambda: _yes_no(left["requires_rural_hukou"])
        ),
        de_facto_min_months_restricted=_at(
            "de_facto.min_months_restricted",
            lambda: _non_negative(de_facto["min_months_restricted"]),
        ),
        de_facto_min_months_lost_contact=_at(
            "de_facto.min_months_lost_contact",
            lambda: _non_negative(de_facto["min_months_lost_contact"]),
        ),
        sync_red_days=_at("sync_red_days", lambda: _at_least_one(data["sync_red_days"])),
        three_left_behind_enabled=_at(
            "three_left_behind.enabled", lambda: _yes_no(data["three_left_behind"]["enabled"])
        ),
        three_left_behind_contact=_at(
            "three_left_behind.contact",
            lambda: Interval.parse(data["three_left_behind"]["contact"]),
        ),
        service_plans=_at("service_plans", lambda: plan_defaults(data["service_plans"])),
        report_deadlines=_report_deadlines(data["report_deadlines"]),
        duty_deadlines=_duty_deadlines(data["duty_deadlines"]),
        source=data,
        **counts,
    )


def _report_deadlines(spec: Any) -> ReportDeadlines:
    if not isinstance(spec, Mapping):
        raise _invalid("report_deadlines", "shape", "not an object")
    days = {
        s: _at(f"report_deadlines.{s.value}", _days_of(spec, s.value, MAX_DEADLINE_DAYS))
        for s in STAGES
    }
    working = _at("report_deadlines.working_days", lambda: _yes_no(spec["working_days"]))
    return ReportDeadlines(days, working)


def _duty_deadlines(spec: Any) -> DutyDeadlines:
    if not isinstance(spec, Mapping):
        raise _invalid("duty_deadlines", "shape", "not an object")
    found: dict[str, Any] = {}
    for key in DEFAULT_DEADLINES:
        path = f"duty_deadlines.{key}"
        if key == "persuasion":
            found[key] = _at(path, lambda: Interval.parse(spec["persuasion"]))
        elif key == "pairing_contact_months":
            found[key] = _at(path, lambda: _at_least_one(spec["pairing_contact_months"]))
        else:
            found[key] = _at(path, _days_of(spec, key, MAX_COUNT))
    return DutyDeadlines(**found)


def _days_of(spec: Mapping[str, Any], key: str, most: int) -> Callable[[], int]:
    return lambda: _non_negative(spec[key], most)


def _colours(spec: Mapping[str, Any]) -> dict[RiskColour, Rhythm]:
    if set(spec) != {c.value for c in RiskColour}:
        raise _Problem("colours", "rhythm must name red, yellow, blue and green")
    return {RiskColour(colour): _rhythm(spec[colour], f"rhythm.{colour}") for colour in spec}


def _rhythm(spec: Mapping[str, str], path: str) -> Rhythm:
    path = path or "priority_rhythm"
    return Rhythm(
        _at(f"{path}.contact", lambda: Interval.parse(spec["contact"])),
        _at(f"{path}.home_visit", lambda: Interval.parse(spec["home_visit"])),
    )


def _colour(value: Any) -> RiskColour:
    if value not in {c.value for c in RiskColour}:
        raise _Problem("colour", f"not a risk colour: {value!r}")
    return RiskColour(value)


def _windows(windows: list[Mapping[str, Any]]) -> tuple[HolidayWindow, ...]:
    return tuple(_window(w, f"holiday_windows.{n}") for n, w in enumerate(windows))


def _window(w: Mapping[str, Any], path: str) -> HolidayWindow:
    start = _at(f"{path}.start", lambda: _parse_md(w["start"]))
    end = _at(f"{path}.end", lambda: _parse_md(w["end"]))
    return HolidayWindow(str(w["name"]), start, end)


def _count(data: dict[str, Any], name: str) -> int:
    return _at(name, lambda: _non_negative(data[name]))


def _days(values: list[Any]) -> frozenset[date]:
    found = set()
    for n, value in enumerate(values):
        try:
            found.add(date.fromisoformat(value))
        except (TypeError, ValueError):
            raise _invalid(f"public_holidays.{n}", "date", f"not a date: {value!r}") from None
    return frozenset(found)


def _yes_no(value: Any) -> bool:
    if not isinstance(value, bool):
        raise _Problem("yes_no", "true or false")
    return value


def _at_least_one(value: Any) -> int:
    if _non_negative(value) == 0:
        raise _Problem("at_least_one", "must be at least 1")
    return int(value)


# The largest count of days or months a county may set: beyond it the policy's dates
# would leave the calendar (a laptop cannot count 5,000,000 days from a report).
MAX_COUNT = 3650
MAX_DEADLINE_DAYS = 365  # a mandatory report's stage: a deadline over a year is none


def _non_negative(value: Any, most: int = MAX_COUNT) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise _Problem("whole_number", "must be a whole number of days or months >= 0")
    if value > most:
        raise _Problem("too_large", f"must be at most {most}")
    return value


def _parse_md(text: str) -> tuple[int, int]:
    try:
        month, day = (int(part) for part in str(text).split("-"))
        date(2024, month, day)  # raises ValueError for 02-30 and the like
    except ValueError:
        raise _Problem("month_day", f"not a month and day (MM-DD): {text!r}") from None
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
