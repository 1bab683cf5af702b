"""The dashboard's figures kept between looks (issue 17: 50,000 children in ≤ 300 ms).

Counting a county afresh takes seconds (every record of every child, through the
worklist rule). The figures of a village depend only on its own records and the
county's policy, so each village's are kept with the head of its feed (``village.seq``:
every record the server takes, a transfer's both ends too, moves it) and the head of
the county's own feed (the policy); a look at the county or a township sums its
villages', counting again only those whose feed moved (or all, the first time a day).
"""

from __future__ import annotations

import threading
from collections import Counter
from datetime import date
from weakref import WeakKeyDictionary

from sqlalchemy import select
from sqlalchemy.engine import Connection, Engine

from . import schema as s
from .oversight import Area, Figures, figures

# Per database (a process may serve more than one, as the tests do): village -> figures.
_KEPT: WeakKeyDictionary[Engine, dict[tuple[str, date], tuple[tuple[int, int], Figures]]] = (
    WeakKeyDictionary()
)
_LOCK = threading.Lock()


def heads(conn: Connection, county: str) -> dict[str, int]:
    """Where each feed of ``county`` stands (its villages', its townships', its own)."""
    v = s.village.c
    query = select(v.region, v.seq).where(v.region.startswith(county, autoescape=True))
    return {row.region: int(row.seq) for row in conn.execute(query)}


def village(conn: Connection, code: str, today: date, head: tuple[int, int]) -> Figures:
    """A village's figures (no names), counted again only when ``head`` (its feed's and
    the county's) moved since they were kept, or the day changed."""
    with _LOCK:
        kept = _KEPT.setdefault(conn.engine, {})
        found = kept.get((code, today))
    if found is not None and found[0] == head:
        return found[1]
    counted = figures(conn, code, today)
    with _LOCK:
        for key in [k for k in kept if k[1] != today]:  # yesterday's are never asked again
            del kept[key]
        kept[(code, today)] = (head, counted)
    return counted


def kept_figures(conn: Connection, scope: str, today: date) -> Figures:
    """The figures of ``scope`` (a county or a township), the sum of its villages'."""
    found = heads(conn, scope[:6])
    county = found.get(scope[:6], 0)
    part = {6: 9, 9: 12}[len(scope)]
    result = Figures(Area(), {}, Counter(), [])
    for code in sorted(c for c in found if len(c) == 12 and c.startswith(scope)):
        one = village(conn, code, today, (found[code], county))
        if not one.total.children and not one.reports:
            continue
        result.reports.update(one.reports)
        for area in (result.total, result.parts.setdefault(code[:part], Area())):
            _add(area, one.total)
    return result


def _add(into: Area, other: Area) -> None:
    into.children += other.children
    into.by_category.update(other.by_category)
    into.by_colour.update(other.by_colour)
    into.overdue.update(other.overdue)
