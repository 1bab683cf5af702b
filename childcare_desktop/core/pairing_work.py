"""When 结对帮扶 and 告知学校 are due: pure rules over plain facts, for the worklist.

A paired helper keeps in touch with the child every month (the county policy's
``duty_deadlines.pairing_contact_months``, 1 by default): a pairing in force with no
contact in the current month is due at the month's end, and overdue from the first month
that passed without one. A 留守 child in full-time school must have the school told of the
situation and of the parents' work place and contact (seed 003): due within the policy's
``duty_deadlines.school_notice_days`` (30) of the 留守 recognition or of a change of school.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from datetime import date, timedelta
from typing import NamedTuple, Protocol

from .dates import add_months
from .duty_deadlines import DEFAULT_DUTY_DEADLINES
from .eligibility import active_on
from .vocab import Category


class PairingFacts(NamedTuple):
    """A pairing in force (no end date) and its latest contact, if any."""

    id: str
    child_id: str
    helper_name: str
    since: date
    last_contact_on: date | None


class NoticeFacts(NamedTuple):
    """A child in full-time school whose current school was not told yet.

    ``school_changed_on``: when the school was last changed in the file, if known."""

    child_id: str
    school_name: str
    school_changed_on: date | None


class CategorySpan(Protocol):
    """A category membership (the worklist's CategoryFacts)."""

    @property
    def category(self) -> Category: ...
    @property
    def recognized_on(self) -> date | None: ...
    @property
    def ended_on(self) -> date | None: ...


def month_end(on: date) -> date:
    """The last day of ``on``'s month."""
    return on.replace(day=calendar.monthrange(on.year, on.month)[1])


def contact_due(
    pairing: PairingFacts,
    as_of: date,
    every_months: int = DEFAULT_DUTY_DEADLINES.pairing_contact_months,
) -> date | None:
    """When the pairing's next contact is due, or None when it is not owed yet.

    Each run of ``every_months`` calendar months needs a contact by its last day: the
    first run starts with the month of the pairing's start, a later one with the month
    after the latest contact; it is owed from the first day of the run's last month."""
    last = pairing.last_contact_on
    if last is None:
        return month_end(add_months(pairing.since, every_months - 1))
    due = month_end(add_months(last.replace(day=1), every_months))
    return None if as_of < due.replace(day=1) else due


def notice_due(
    categories: Iterable[CategorySpan],
    notice: NoticeFacts,
    registered_on: date,
    as_of: date,
    within_days: int = DEFAULT_DUTY_DEADLINES.school_notice_days,
) -> date | None:
    """When the school must be told, or None when the child is not 留守 on ``as_of``:
    ``within_days`` after the later of the recognition and the school change."""
    starts = [
        c.recognized_on or registered_on
        for c in categories
        if c.category is Category.LEFT_BEHIND and active_on(c.recognized_on, c.ended_on, as_of)
    ]
    if not starts:
        return None
    start = max(starts)
    if notice.school_changed_on is not None:
        start = max(start, notice.school_changed_on)
    return start + timedelta(days=within_days)
