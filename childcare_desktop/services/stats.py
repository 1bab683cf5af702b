"""Counts for the store at a glance (``childcare stats``)."""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..core.dates import age_on
from ..core.eligibility import active_on
from ..storage.models import AuditEntry, Child, Incident, Outbox, SyncSite, Visit
from . import facts

AGE_BANDS = ((0, 5, "0-5"), (6, 13, "6-13"), (14, 16, "14-16"), (17, 200, "17+"))


def store_stats(session: Session, *, as_of: date | None = None) -> dict[str, Any]:
    """Children by status, category, risk colour, sex and age band; visits; sync backlog."""
    as_of = as_of or date.today()
    children = session.execute(
        select(Child.id, Child.sex, Child.birth_date).where(Child.deleted.is_(False))
    ).all()
    g = facts.gather(session, facts.Scope(as_of))
    active = [c for c in children if c.id not in g.exited]
    by_category: Counter[str] = Counter()
    for child in active:
        for held in {
            c.category
            for c in g.categories.get(child.id, ())
            if active_on(c.recognized_on, c.ended_on, as_of)
        }:
            by_category[held.value] += 1
    colours = Counter(
        g.assessed[c.id][2].value if c.id in g.assessed else "unassessed" for c in active
    )
    since = date.fromordinal(as_of.toordinal() - 30)
    return {
        "as_of": as_of.isoformat(),
        "children": len(children),
        "active": len(active),
        "exited": len(children) - len(active),
        "by_category": dict(sorted(by_category.items())),
        "by_colour": dict(sorted(colours.items())),
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
