"""The dashboard's figures kept between looks (issue 17: 50,000 children in ≤ 300 ms).

Counting a county afresh takes seconds (every record of every child, through the
worklist rule). The figures of a village depend only on its own records, the county's
policy and the day, so each village's are kept with the head of its feed (``village.seq``:
every record the server takes, a transfer's both ends too, moves it), the head of the
county's own feed (the policy) and the day: in memory, and in ``oversight_figures`` so
that a restarted server (or another worker) does not count again. A look at the county
or a township sums its villages', counting again only those whose feed moved.

When more than a few villages are out of date (the first look of a new day: every
village's "overdue" moves with the date) the look does not make its user wait for the
whole county: it answers with the figures last counted, marked with when they were
counted, and counts the county again in a background thread; the next look is current.
The very first look (nothing counted yet) answers likewise, with the villages not yet
counted left out and said to be counting.
"""

from __future__ import annotations

import json
import threading
from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Any
from weakref import WeakKeyDictionary

from sqlalchemy import delete, insert, select
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import IntegrityError

from . import schema as s
from .db import Database
from .oversight import Area, Figures, figures

INLINE = 5  # villages a look counts itself; more are counted in the background
# What a stored count holds: a count stored by an earlier server (before every kind of
# work was counted, issue 18) is counted again, as if its village had moved.
FORMAT = 2
Heads = tuple[int, int]  # (the village's feed head, the county's)


@dataclass(frozen=True, slots=True)
class Counted:
    """One village's figures as counted for ``day`` at ``heads``."""

    day: date
    heads: Heads
    figures: Figures
    counted_ms: int


@dataclass(frozen=True, slots=True)
class Look:
    """A scope's figures; ``stale_since``: the earliest count used that is not current
    (ms since the epoch; None when every village's is), while a fresh count runs;
    ``missing``: villages not counted ever yet, whose count runs."""

    figures: Figures
    stale_since: int | None = None
    missing: int = 0  # villages never counted yet (left out of the figures meanwhile)


# Per database (a process may serve more than one, as the tests do): village -> counted.
_KEPT: WeakKeyDictionary[Engine, dict[str, Counted]] = WeakKeyDictionary()
_COUNTING: WeakKeyDictionary[Engine, threading.Thread] = WeakKeyDictionary()
_LOCK = threading.Lock()


def heads(conn: Connection, county: str) -> dict[str, int]:
    """Where each feed of ``county`` stands (its villages', its townships', its own)."""
    v = s.village.c
    query = select(v.region, v.seq).where(v.region.startswith(county, autoescape=True))
    return {row.region: int(row.seq) for row in conn.execute(query)}


def kept_figures(
    db: Database, scope: str, today: date, *, now_ms: int, inline: int | None = None
) -> Look:
    """The figures of ``scope`` (a county or a township), the sum of its villages'
    (``inline``: how many out of date a look counts itself, :data:`INLINE` by default)."""
    inline = INLINE if inline is None else inline
    with db.read() as conn:
        found = heads(conn, scope[:6])
        wanted = {
            code: (seq, found.get(scope[:6], 0))
            for code, seq in found.items()
            if len(code) == 12 and code.startswith(scope)
        }
        kept = _known(db.engine, conn, scope)
    due = [c for c, h in wanted.items() if not _current(kept.get(c), today, h)]
    later = due if len(due) > inline else []
    for code in [c for c in due if c not in later]:
        kept[code] = _count(db, code, today, wanted[code], now_ms)
    if later:
        _count_later(db, later, today, wanted, now_ms)
    stale = [kept[c].counted_ms for c in later if c in kept]
    parts = [(c, kept[c].figures) for c in sorted(wanted) if c in kept]
    missing = sum(c not in kept for c in wanted)
    return Look(_sum(scope, parts), min(stale, default=None), missing)


def settle(db: Database, timeout: float = 120.0) -> bool:
    """Wait for the background count of ``db``'s figures, if one runs (tests, tools);
    whether it has finished."""
    with _LOCK:
        running = _COUNTING.get(db.engine)
    if running is not None:
        running.join(timeout)
        return not running.is_alive()
    return True


def forget(db: Database) -> None:
    """Drop what this process keeps in memory of ``db`` (as a restart would)."""
    with _LOCK:
        _KEPT.pop(db.engine, None)


def _current(counted: Counted | None, today: date, head: Heads) -> bool:
    return counted is not None and counted.day == today and counted.heads == head


def _known(engine: Engine, conn: Connection, scope: str) -> dict[str, Counted]:
    """Every village's latest count this process or the database holds."""
    with _LOCK:
        memory = dict(_KEPT.get(engine, {}))
    f = s.oversight_figures.c
    query = select(s.oversight_figures).where(f.region.startswith(scope, autoescape=True))
    for row in conn.execute(query):
        body = json.loads(row.body)
        if body.get("format") != FORMAT:
            continue
        stored = Counted(
            date.fromisoformat(row.day),
            (int(row.village_seq), int(row.county_seq)),
            _from_json(body),
            int(row.counted_ms),
        )
        if row.region not in memory or memory[row.region].counted_ms < stored.counted_ms:
            memory[row.region] = stored
    return memory


def _count(db: Database, code: str, today: date, head: Heads, now_ms: int) -> Counted:
    with db.read() as conn:
        counted = Counted(today, head, figures(conn, code, today), now_ms)
    with _LOCK:
        _KEPT.setdefault(db.engine, {})[code] = counted
    _store(db, code, counted)
    return counted


def _store(db: Database, code: str, counted: Counted) -> None:
    f = s.oversight_figures.c
    row = {
        "region": code,
        "day": counted.day.isoformat(),
        "village_seq": counted.heads[0],
        "county_seq": counted.heads[1],
        "body": json.dumps(_to_json(counted.figures), ensure_ascii=False),
        "counted_ms": counted.counted_ms,
    }
    try:
        with db.write() as conn:
            conn.execute(delete(s.oversight_figures).where(f.region == code))
            conn.execute(insert(s.oversight_figures).values(**row))
    except IntegrityError:
        pass  # another worker stored the same village's count at the same moment


def _count_later(
    db: Database, codes: list[str], today: date, wanted: dict[str, Heads], now_ms: int
) -> None:
    """Count ``codes`` in one background thread per database (none if one runs)."""

    def work() -> None:
        for code in codes:
            _count(db, code, today, wanted[code], now_ms)

    with _LOCK:
        running = _COUNTING.get(db.engine)
        if running is not None and running.is_alive():
            return
        thread = threading.Thread(target=work, name="oversight-count", daemon=True)
        _COUNTING[db.engine] = thread
        thread.start()


def _sum(scope: str, villages: list[tuple[str, Figures]]) -> Figures:
    part = {6: 9, 9: 12}[len(scope)]
    result = Figures(Area(), {}, Counter(), [])
    for code, one in villages:
        t = one.total
        if not (t.children or one.reports or t.due or t.overdue):
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
    into.due.update(other.due)


def _to_json(found: Figures) -> dict[str, Any]:
    t = found.total
    return {
        "format": FORMAT,
        "children": t.children,
        "by_category": dict(t.by_category),
        "by_colour": dict(t.by_colour),
        "overdue": dict(t.overdue),
        "due": dict(t.due),
        "reports": dict(found.reports),
    }


def _from_json(body: dict[str, Any]) -> Figures:
    total = Area(
        int(body["children"]),
        Counter(body["by_category"]),
        Counter(body["by_colour"]),
        Counter(body["overdue"]),
        Counter(body["due"]),
    )
    return Figures(total, {}, Counter(body["reports"]), [])
