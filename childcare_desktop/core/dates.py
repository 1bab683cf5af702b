"""Calendar arithmetic as the rules use it: ages in 周岁, calendar months, working days."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

from .errors import Kind, ValidationError


@lru_cache(maxsize=8192)  # pure, and called for every child on every worklist
def add_months(d: date, months: int) -> date:
    """Add calendar months; a day that the target month lacks becomes its last day.

    This is the civil-law rule for periods (民法典 §201): a period ending in a
    month without that day ends on the month's last day (31 Jan + 1 month = 28/29 Feb).
    """
    index = d.year * 12 + (d.month - 1) + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(d.day, last))


def anniversary(birth: date, years: int) -> date:
    """The date of the ``years``-th birthday (28 Feb for a 29 Feb birth in a common year)."""
    return add_months(birth, 12 * years)


def reaches_age_on(birth: date, years: int) -> date:
    """The first day on which a child counts as 已满 ``years`` 周岁.

    Chinese law counts 周岁 from the day after the birthday (最高人民法院《关于审理未成年人
    刑事案件具体应用法律若干问题的解释》第二条), so a child is still 不满十六周岁 on the
    sixteenth birthday itself.
    """
    return anniversary(birth, years) + timedelta(days=1)


def age_on(birth: date, on: date) -> int:
    """Completed years (周岁) on ``on``, counted as :func:`reaches_age_on` does."""
    years = on.year - birth.year
    while years > 0 and reaches_age_on(birth, years) > on:
        years -= 1
    return max(years, 0)


@lru_cache(maxsize=8192)
def add_working_days(start: date, days: int, holidays: frozenset[date] = frozenset()) -> date:
    """The date ``days`` working days after ``start`` (Monday-Friday, minus ``holidays``)."""
    off = holidays
    current = start
    remaining = days
    while remaining > 0:
        current += timedelta(days=1)
        if current.weekday() < 5 and current not in off:
            remaining -= 1
    return current


_INTERVAL = re.compile(r"^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$")


MAX_INTERVAL_DAYS = 120 * 31  # ten years (P10Y), counting each month as 31 days


@dataclass(frozen=True, slots=True)
class Interval:
    """A period such as "every two weeks" or "every 3 months", in ISO 8601 form (P14D, P3M)."""

    months: int = 0
    days: int = 0

    @classmethod
    def parse(cls, text: str) -> Interval:
        match = _INTERVAL.match(text.strip().upper()) if isinstance(text, str) else None
        if not match or not any(match.groups()):
            raise ValidationError(Kind.POLICY_INVALID, value=str(text), reason="interval")
        years, months, weeks, days = (int(g) if g else 0 for g in match.groups())
        interval = cls(months=years * 12 + months, days=weeks * 7 + days)
        empty = interval.months == 0 and interval.days == 0
        # Ten years at most: a rhythm longer is no rhythm, and one of 99,999 years would
        # carry a due date past the calendar's end on every laptop of the county.
        if empty or interval.months * 31 + interval.days > MAX_INTERVAL_DAYS:
            raise ValidationError(Kind.POLICY_INVALID, value=text, reason="interval")
        return interval

    def after(self, d: date) -> date:
        return add_months(d, self.months) + timedelta(days=self.days)

    def __str__(self) -> str:
        months = f"{self.months}M" if self.months else ""
        days = f"{self.days}D" if self.days else ""
        return f"P{months}{days}"


def parse_date(value: str | date, field: str) -> date:
    """Accept a date or an ISO ``YYYY-MM-DD`` string; anything else is a clear error."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise ValidationError(Kind.DATE_INVALID, field, value=str(value)[:40]) from None


# The ways a date is written in ledgers and typed in forms: 2016-07-01, 2016/7/1, 2016.7.1,
# 2016年7月1日, 20160701 (full-width digits are folded first by the caller or here).
_YMD = re.compile(r"^(\d{4})\s*[年./\-]\s*(\d{1,2})\s*[月./\-]\s*(\d{1,2})\s*[日号]?$")
_YM = re.compile(r"^(\d{4})\s*[年./\-]\s*(\d{1,2})\s*月?$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_WIDE_DIGITS = {cp: cp - 0xFEE0 for cp in range(0xFF0D, 0xFF1A)} | {0x3000: 0x20}


def day_from_text(text: str, field: str) -> date | None:
    """A date written as people write it (see ``_YMD``), or None when ``text`` is none of
    those forms; a year and month without a day is refused as incomplete."""
    cleaned = text.translate(_WIDE_DIGITS).strip()
    for pattern in (_YMD, _COMPACT):
        match = pattern.match(cleaned)
        if match:
            year, month, day_ = match.groups()
            try:
                return date(int(year), int(month), int(day_))
            except ValueError:
                raise ValidationError(Kind.DATE_INVALID, field, value=cleaned[:40]) from None
    if _YM.match(cleaned):
        raise ValidationError(Kind.DATE_INCOMPLETE, field, value=cleaned[:40])
    return None
