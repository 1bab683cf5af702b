"""When 结对帮扶 and 告知学校 are due: pure rules over plain facts, for the worklist.

A paired helper keeps in touch with the child every month: a pairing in force with no
contact in the current month is due at the month's end, and overdue from the first month
that passed without one. A 留守 child in full-time school must have the school told of the
situation and of the parents' work place and contact (seed 003): due within
:data:`NOTICE_WITHIN_DAYS` of the 留守 recognition or of a change of school.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from datetime import date, timedelta
from typing import NamedTuple, Protocol

from .eligibility import active_on
from .vocab import Category

NOTICE_WITHIN_DAYS = 30


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


def contact_due(pairing: PairingFacts, as_of: date) -> date | None:
    """When the pairing's next contact is due, or None when there was one this month.

    Each month needs a contact by its last day: the first month without one is the
    month of the pairing's start, or the month after the latest contact."""
    last = pairing.last_contact_on
    if last is not None and (last.year, last.month) == (as_of.year, as_of.month):
        return None
    if last is None:
        return month_end(pairing.since)
    return month_end(month_end(last) + timedelta(days=1))


def notice_due(
    categories: Iterable[CategorySpan], notice: NoticeFacts, registered_on: date, as_of: date
) -> date | None:
    """When the school must be told, or None when the child is not 留守 on ``as_of``:
    :data:`NOTICE_WITHIN_DAYS` after the later of the recognition and the school change."""
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
    return start + timedelta(days=NOTICE_WITHIN_DAYS)
