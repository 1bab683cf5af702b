"""The worklist kept in memory per open store: the next one recomputes only the children
whose records changed since (issue 19).

A worklist reads every child's facts and records (some 150,000 rows for 20,000
children) and applies the rules to each; most of a day's worklists follow the last one
with a handful of children changed. Triggers on every table the worklist reads by child
log the child's id in ``work_touched`` (store migration 0023), whatever writes the row:
the app, a pulled change applied with change capture off, an import. Each worklist
reads the log after the entry it last read and recomputes those children alone, their
facts and items read by the same code a full worklist uses; a child without its log
(NULL: a finding of no child), more than :data:`MAX_TOUCHED` children, another day,
area or policy, or a log pruned past what was read make a full worklist instead.

Clues are read whole at every worklist (a few rows, and a clue may name no child), and
the weekly plan is made from the kept facts. What a worklist keeps is forgotten when its
transaction rolls back: it may have read that transaction's own writes and log entries,
whose numbers the next transaction takes again. Items are in a total order
(:func:`~..core.worklist.screen_order`), so the kept list equals a full one item for item.
"""

from __future__ import annotations

import bisect
import threading
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

from sqlalchemy import event
from sqlalchemy.orm import Session

from ..core.duty_work import duty_items
from ..core.policy import Policy
from ..core.worklist import ChildFacts, Records, WorkItem, build_worklist, screen_order
from . import clues
from .facts import child_facts

T = TypeVar("T")

MAX_TOUCHED = 200  # more children changed since the last worklist: a full one is faster
PRUNE_AFTER = 20_000  # log entries read by a full worklist before it prunes them


@dataclass
class _Kept:
    as_of: date
    region_prefix: str | None
    policy: Policy
    mark: int  # the last log entry read
    facts: dict[str, ChildFacts]  # the children on the roll, by id, in the order of ids
    items: list[WorkItem]  # their items, clues aside, in screen order
    keys: list[tuple[Any, ...]]  # the screen order's key of each item
    counted: Any = None  # what ``count`` made of the facts, until a child changes


_KEPT: weakref.WeakKeyDictionary[Any, _Kept] = weakref.WeakKeyDictionary()
_LOCK = threading.Lock()


def kept_worklist(
    session: Session,
    *,
    as_of: date,
    region_prefix: str | None,
    policy: Policy,
    gather: Any,
    count: Callable[[list[ChildFacts]], T],
) -> tuple[list[ChildFacts], list[WorkItem], T]:
    """The facts of the children on the roll (in the order of their ids), every item
    due, in screen order, and what ``count`` makes of the facts (kept with them until a
    child changes: the roll's counts, 60 ms over 20,000 children). ``gather`` reads a
    child's records (or all, with no child) as ``services.worklist.gather_records``
    does, clues left out."""
    engine = session.get_bind()
    connection = session.connection()
    cursor = connection.connection.driver_connection
    _forget_on_rollback(engine)
    connection.info[_READ] = True  # kept from this transaction: forgotten if it rolls back
    with _LOCK:
        kept = _KEPT.get(engine)
        if kept is not None and (
            kept.as_of != as_of or kept.region_prefix != region_prefix or kept.policy != policy
        ):
            kept = None
        touched = _touched_since(cursor, kept.mark) if kept is not None else None
        if kept is None or touched is None:
            kept = _full(session, cursor, as_of, region_prefix, policy, gather)
            _KEPT[engine] = kept
        elif touched[1]:
            _update(session, kept, touched[1], gather)
            kept.counted = None
        if touched is not None:
            kept.mark = touched[0]
        facts = list(kept.facts.values())
        if kept.counted is None:
            kept.counted = count(facts)
        found = clues.open_clues(session, region_prefix=region_prefix)
        items = _merged(kept, duty_items(Records(clues=found), kept.facts, as_of, policy))
        return facts, items, kept.counted


_READ = "worklist_kept.read"  # in a connection's info: this transaction made what is kept


def _forget_on_rollback(engine: Any) -> None:
    if not event.contains(engine, "rollback", _rolled_back):
        event.listen(engine, "rollback", _rolled_back)
        event.listen(engine, "rollback_savepoint", _savepoint_rolled_back)
        event.listen(engine, "begin", _begun)


def _rolled_back(connection: Any) -> None:
    if connection.info.pop(_READ, False):
        with _LOCK:
            _KEPT.pop(connection.engine, None)


def _savepoint_rolled_back(connection: Any, _name: Any, _context: Any) -> None:
    if connection.info.get(_READ, False):  # read inside the savepoint or not: start again
        with _LOCK:
            _KEPT.pop(connection.engine, None)


def _begun(connection: Any) -> None:
    # cleared at the next BEGIN, not at COMMIT: a COMMIT that fails is rolled back
    connection.info.pop(_READ, None)


def _merged(kept: _Kept, extra: list[WorkItem]) -> list[WorkItem]:
    """The kept items with ``extra`` in their places: one pass, each place sought."""
    items, keys = kept.items, kept.keys
    found: list[WorkItem] = []
    start = 0
    for item in sorted(extra, key=screen_order):
        place = bisect.bisect_right(keys, screen_order(item), lo=start)
        found += items[start:place]
        found.append(item)
        start = place
    found += items[start:]
    return found


def _touched_since(cursor: Any, mark: int) -> tuple[int, set[str]] | None:
    """(the last entry, the children logged after ``mark``); None: start again."""
    pruned = cursor.execute("SELECT pruned_upto FROM work_touched_state").fetchone()
    if pruned is None or pruned[0] > mark or _last_entry(cursor) < mark:  # pruned, replaced
        return None
    rows = cursor.execute(
        "SELECT seq, child_id FROM work_touched WHERE seq > ? ORDER BY seq", [mark]
    ).fetchall()
    if not rows:
        return mark, set()
    children = {child for _, child in rows}
    if None in children or len(children) > MAX_TOUCHED:
        return None
    return rows[-1][0], children


def _last_entry(cursor: Any) -> int:
    row = cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = 'work_touched'").fetchone()
    return int(row[0]) if row else 0


def _full(
    session: Session,
    cursor: Any,
    as_of: date,
    region_prefix: str | None,
    policy: Policy,
    gather: Any,
) -> _Kept:
    mark = _last_entry(cursor)  # in this transaction: nothing is written meanwhile
    facts = child_facts(session, as_of=as_of, region_prefix=region_prefix)
    facts.sort(key=_ident)
    records = gather(session, as_of=as_of, region_prefix=region_prefix)
    found = build_worklist(facts, as_of, policy, records, ordered=False)
    unsorted = list(map(screen_order, found))  # each item's key once, for the sort and kept
    order = sorted(range(len(found)), key=unsorted.__getitem__)
    items, keys = [found[n] for n in order], [unsorted[n] for n in order]
    pruned = cursor.execute("SELECT pruned_upto FROM work_touched_state").fetchone()
    if pruned is not None and mark - pruned[0] > PRUNE_AFTER:
        cursor.execute("DELETE FROM work_touched WHERE seq <= ?", [mark])
        cursor.execute("UPDATE work_touched_state SET pruned_upto = ?", [mark])
    return _Kept(as_of, region_prefix, policy, mark, {f.id: f for f in facts}, items, keys)


def _update(session: Session, kept: _Kept, touched: set[str], gather: Any) -> None:
    """Recompute the ``touched`` children: their facts, records and items."""
    as_of, policy = kept.as_of, kept.policy
    fresh = child_facts(session, as_of=as_of, region_prefix=kept.region_prefix, ids=touched)
    kept_pairs = zip(kept.items, kept.keys, strict=True)
    pairs = [(i, k) for i, k in kept_pairs if i.child_id not in touched]
    items, keys = [i for i, _ in pairs], [k for _, k in pairs]
    facts = kept.facts
    for child_id in touched - {f.id for f in fresh}:  # gone: exited, deleted, moved away
        facts.pop(child_id, None)
    added = False
    for child in fresh:
        added = added or child.id not in facts
        facts[child.id] = child  # in its place, if it was there
        records = gather(session, as_of=as_of, child_id=child.id)
        for item in build_worklist([child], as_of, policy, records):
            key = screen_order(item)
            place = bisect.bisect_right(keys, key)
            keys.insert(place, key)
            items.insert(place, item)
    if added:
        kept.facts = {f.id: f for f in sorted(facts.values(), key=_ident)}
    kept.items, kept.keys = items, keys


def _ident(child: ChildFacts) -> str:
    return child.id
