"""Quarters of the year (季度), as the quarterly verification of children in difficulty
(季度核实) names them: ``2026Q4`` is October to December 2026."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, timedelta

from .errors import Kind, ValidationError

_QUARTER = re.compile(r"^([0-9]{4})Q([1-4])$")  # ASCII digits: what the store compares
# The years a quarter may name: no record is dated before 1900, and 9999Q4 would end
# past the calendar (its last day is found from the next year's first).
YEARS = range(1900, 9999)
NAMES = ("第一季度", "第二季度", "第三季度", "第四季度")


def quarter_of(day: date) -> str:
    """The quarter ``day`` lies in: 2026-11-30 -> ``2026Q4``."""
    return f"{day.year}Q{(day.month - 1) // 3 + 1}"


def parse_quarter(value: object, field: str = "quarter") -> str:
    """``value`` as a quarter (``2026Q4``; 2026q4, full-width digits and spaces accepted),
    or ValidationError."""
    text = unicodedata.normalize("NFKC", str(value or "")).strip().upper().replace(" ", "")
    if not text:
        raise ValidationError(Kind.REQUIRED, field)
    _split(text, field)
    return text


def bounds(quarter: str) -> tuple[date, date]:
    """The first and the last day of a quarter."""
    year, number = _split(quarter)
    first = date(year, 3 * number - 2, 1)
    return first, _next_first(year, number) - timedelta(days=1)


def previous(quarter: str) -> str:
    """The quarter before: ``2027Q1`` -> ``2026Q4``."""
    year, number = _split(quarter)
    return f"{year - 1}Q4" if number == 1 else f"{year}Q{number - 1}"


def recent(day: date, count: int) -> list[str]:
    """The quarter of ``day`` and the ``count - 1`` before it, the latest first."""
    found = [quarter_of(day)]
    while len(found) < count:
        found.append(previous(found[-1]))
    return found


def quarter_label(quarter: str) -> str:
    """``2026Q4`` as the township reads it: 2026年第四季度."""
    year, number = _split(quarter)
    return f"{year}年{NAMES[number - 1]}"


def _split(quarter: str, field: str = "quarter") -> tuple[int, int]:
    found = _QUARTER.match(quarter)
    if not found or int(found.group(1)) not in YEARS:
        raise ValidationError(Kind.QUARTER_INVALID, field, value=quarter[:20])
    return int(found.group(1)), int(found.group(2))


def _next_first(year: int, number: int) -> date:
    return date(year + 1, 1, 1) if number == 4 else date(year, 3 * number + 1, 1)
