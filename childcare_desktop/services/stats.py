"""Counts for the store at a glance (``childcare stats``), and the roll's counts the
工作台 shows beside the day's work."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from operator import attrgetter
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..core.dates import age_on
from ..core.eligibility import active_on
from ..core.vocab import Category, RiskColour
from ..core.work_items import CategoryFacts, ChildFacts
from ..storage.models import AuditEntry, Child, Incident, Outbox, SyncSite, Visit
from . import facts

_colour = attrgetter("colour")
AGE_BANDS = ((0, 5, "0-5"), (6, 13, "6-13"), (14, 16, "14-16"), (17, 200, "17+"))


@dataclass(frozen=True, slots=True)
class Roll:
    """The children 在册: how many, by category held and by risk colour (``unassessed``
    for those never assessed), counted as ``store_stats`` counts them."""

    active: int
    by_category: dict[str, int]
    by_colour: dict[str, int]


def roll_of(children: Sequence[ChildFacts], as_of: date) -> Roll:
    """The roll's counts from the worklist's facts of the children 在册 (issue 19: the
    工作台 counted them again from the store at every refresh, 1 s over 20,000)."""
    return Roll(
        len(children),
        _by_category((c.categories for c in children), as_of),
        _by_colour(map(_colour, children)),
    )


def store_stats(session: Session, *, as_of: date | None = None) -> dict[str, Any]:
    """Children by status, category, risk colour, sex and age band; visits; sync backlog.
    On the roll (``active``) as the worklist counts it: registered by ``as_of`` and not
    exited; ``exited`` those who left by then (a child registered later is neither)."""
    as_of = as_of or date.today()
    children = session.execute(
        select(Child.id, Child.sex, Child.birth_date, Child.registered_on).where(
            Child.deleted.is_(False)
        )
    ).all()
    g = facts.gather(session, facts.Scope(as_of))
    gone = [c for c in children if c.id in g.exited]
    active = [c for c in children if c.id not in g.exited and c.registered_on <= as_of]
    assessed = g.assessed
    by_category = _by_category((g.categories.get(c.id, ()) for c in active), as_of)
    by_colour = _by_colour(assessed[c.id][2] if c.id in assessed else None for c in active)
    since = date.fromordinal(as_of.toordinal() - 30)
    return {
        "as_of": as_of.isoformat(),
        "children": len(children),
        "active": len(active),
        "exited": len(gone),
        "by_category": by_category,
        "by_colour": by_colour,
        "by_sex": dict(sorted(Counter(c.sex.value for c in active).items())),
        "by_age_band": _age_bands(active, as_of),
        "visits": session.execute(select(func.count()).select_from(Visit)).scalar_one(),
        "visits_last_30_days": session.execute(
            select(func.count()).select_from(Visit).where(Visit.visited_on > since)
        ).scalar_one(),
        "reports": session.execute(select(func.count()).select_from(Incident)).scalar_one(),
        "pending_changes": session.execute(
            select(func.count()).select_from(Outbox).where(Outbox.state == "pending")
        ).scalar_one(),
        "change_counter": session.execute(select(SyncSite.ctr)).scalar_one(),
        "audit_entries": session.execute(select(func.count()).select_from(AuditEntry)).scalar_one(),
    }


def _by_category(held: Iterable[Sequence[CategoryFacts]], as_of: date) -> dict[str, int]:
    """Children by each category they hold on ``as_of`` (one child may count in several).
    At every worklist (20,000 children): most hold one category, counted without a set,
    and the test of :func:`~..core.eligibility.active_on` is inline."""
    counts: Counter[Category] = Counter()
    for categories in held:
        if len(categories) == 1:
            ((category, start, end),) = categories
            if (start is None or start <= as_of) and (end is None or as_of < end):
                counts[category] += 1
        elif categories:
            counts.update({c for c, start, end in categories if active_on(start, end, as_of)})
    return dict(sorted((c.value, n) for c, n in counts.items()))


def _by_colour(colours: Iterable[RiskColour | None]) -> dict[str, int]:
    counts = Counter(colours)
    return dict(sorted(("unassessed" if c is None else c.value, n) for c, n in counts.items()))


def _age_bands(children: list[Any], as_of: date) -> dict[str, int]:
    counts = dict.fromkeys([label for _, _, label in AGE_BANDS] + ["unknown"], 0)
    for child in children:
        if child.birth_date is None:
            counts["unknown"] += 1
            continue
        age = age_on(child.birth_date, as_of)
        label = next(label for low, high, label in AGE_BANDS if low <= age <= high)
        counts[label] += 1
    return counts
