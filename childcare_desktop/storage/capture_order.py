"""Parents first in the outbox: a commit-time pass over what one transaction captured.

The capture triggers write an outbox row in the order SQLite runs the writes. SQLAlchemy's
unit of work orders a flush's inserts by ``relationship()`` only, and our models link
records by plain foreign-key columns, so one flush can insert a child's carers before the
child (a ledger import did: the county server then held the carers for a parent it did
not have yet). Raw SQL can do the same, and with ``PRAGMA defer_foreign_keys`` SQLite
lets it. So the order is fixed where every write path meets: just before COMMIT, on the
engine. Each insert must come after the inserts of the records it references
(``core.entities``: the owner and every other reference) and each edit after its row's
insert; otherwise the order stays as written.

Only the payload moves (table, row, kind, field, value, village, base): the counters and
clocks stay where they are, so counters stay gapless and clocks never go backwards. A
transaction that captured nothing costs one indexed query at BEGIN and one at COMMIT.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any, NamedTuple

import sqlcipher3

from ..core.entities import BY_TABLE

START = "capture_order.start"  # key in the connection's info: (site_id, ctr) at BEGIN

# Per table, its references: (field, target table, or None when a field names the table).
_REFS: dict[str, tuple[tuple[str, str | None, str | None], ...]] = {
    table: tuple((f.name, None if f.ref == "*" else f.ref, f.ref_table) for f in entity.refs)
    for table, entity in BY_TABLE.items()
}
_PAYLOAD = ("tbl", "row_id", "kind", "field", "value", "region_code", "base")


class Captured(NamedTuple):
    ctr: int
    tbl: str
    row_id: str
    kind: str
    field: str | None
    value: str  # JSON text


def remember_start(dbapi_conn: Any, info: dict[str, Any]) -> None:
    """At BEGIN: where this site's counter stands (None before the schema exists)."""
    try:
        info[START] = dbapi_conn.execute(
            "SELECT site_id, ctr FROM sync_site WHERE id = 1"
        ).fetchone()
    except sqlcipher3.OperationalError:  # a store being created: no sync_site yet
        info[START] = None


def parents_first(dbapi_conn: Any, info: dict[str, Any]) -> int:
    """Just before COMMIT: re-sequence this transaction's outbox rows if a record came
    before one it references; returns how many rows took another payload."""
    start = info.pop(START, None)
    if start is None:
        return 0
    site_id, ctr = start
    rows = [
        Captured(*r)
        for r in dbapi_conn.execute(
            "SELECT ctr, tbl, row_id, kind, field, value FROM outbox "
            "WHERE site_id = ? AND ctr > ? ORDER BY ctr",
            (site_id, ctr),
        )
    ]
    order = ordered(rows)
    if order is None:
        return 0
    return _rewrite(dbapi_conn, site_id, rows, order)


def ordered(rows: Sequence[Captured]) -> list[int] | None:
    """The indexes of ``rows`` with every record's insert pulled ahead of the rows that
    reference it (stable otherwise), or None when the order is already right."""
    inserted = {(r.tbl, r.row_id): i for i, r in enumerate(rows) if r.kind == "insert"}
    if not inserted:
        return None
    by_id = {row_id: i for (_tbl, row_id), i in inserted.items()}
    needs: list[list[int]] = []
    late = False
    for i, row in enumerate(rows):
        found = [j for j in _parents(row, inserted, by_id) if j != i]
        late = late or any(j > i for j in found)
        needs.append(found)
    return _pull_forward(needs) if late else None


def _parents(
    row: Captured, inserted: dict[tuple[str, str], int], by_id: dict[str, int]
) -> list[int]:
    """Positions of the inserts (in this transaction) that ``row`` must come after."""
    refs = _REFS.get(row.tbl, ())
    found = []
    if row.kind == "insert":
        if not refs:
            return []
        values = json.loads(row.value)
        for name, target, table_field in refs:
            ref = values.get(name)
            table = target or values.get(table_field)
            if ref is not None and (table, ref) in inserted:
                found.append(inserted[(table, ref)])
        return found
    own = inserted.get((row.tbl, row.row_id))
    if own is not None:
        found.append(own)
    for name, target, _table_field in refs:
        if name == row.field:
            ref = json.loads(row.value)
            # A set carries the field alone; ids are UUIDs, so the id alone finds the row.
            j = inserted.get((target, ref)) if target else by_id.get(ref)
            if j is not None:
                found.append(j)
    return found


def _pull_forward(needs: list[list[int]]) -> list[int]:
    """A stable topological order: each row is preceded by what it needs (depth first,
    iteratively; a cycle, possible only with deferred foreign keys, keeps its order)."""
    order: list[int] = []
    state = [0] * len(needs)  # 0 not seen, 1 on the path, 2 placed
    for root in range(len(needs)):
        if state[root]:
            continue
        stack = [(root, iter(needs[root]))]
        state[root] = 1
        while stack:
            node, pending = stack[-1]
            nxt = next((j for j in pending if state[j] == 0), None)
            if nxt is None:
                stack.pop()
                state[node] = 2
                order.append(node)
            else:
                state[nxt] = 1
                stack.append((nxt, iter(needs[nxt])))
    return order


def _rewrite(dbapi_conn: Any, site_id: str, rows: Sequence[Captured], order: list[int]) -> int:
    columns = ", ".join(_PAYLOAD)
    payloads = {
        r[0]: r[1:]
        for r in dbapi_conn.execute(
            f"SELECT ctr, {columns} FROM outbox WHERE site_id = ? AND ctr >= ? AND ctr <= ?",
            (site_id, rows[0].ctr, rows[-1].ctr),
        )
    }
    moves = [
        (*payloads[rows[source].ctr], site_id, rows[slot].ctr)
        for slot, source in enumerate(order)
        if source != slot
    ]
    assignments = ", ".join(f"{c} = ?" for c in _PAYLOAD)
    dbapi_conn.executemany(f"UPDATE outbox SET {assignments} WHERE site_id = ? AND ctr = ?", moves)
    return len(moves)
