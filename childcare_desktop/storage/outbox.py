"""Reading the outbox: the changes captured by the triggers, as protocol operations."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import text

from sync.protocol import Operation, OpKind

COLUMNS = "site_id, ctr, tbl, row_id, kind, field, value, region_code, hlc, device_ms, base"


def pending_operations(conn: Any, *, limit: int = 500, after: int = 0) -> list[Operation]:
    """The oldest changes not yet acknowledged by the server, in upload order (past
    counter ``after``). A batch never ends inside one change of a record: the fields set
    together (a state and its dates) reach the server, and every other laptop, together."""
    rows = conn.execute(
        text(
            f"SELECT {COLUMNS} FROM outbox WHERE state = 'pending' AND ctr > :after "
            "ORDER BY site_id, ctr LIMIT :limit"
        ),
        {"limit": limit + 1, "after": after},
    ).all()
    if len(rows) > limit:
        end = limit
        while end > 1 and _same_update(rows[end - 1], rows[end]):
            end -= 1
        rows = rows[:end] if end > 1 or not _same_update(rows[0], rows[1]) else rows[:limit]
    return _operations(rows)


def _same_update(a: Any, b: Any) -> bool:
    """Whether ``b`` is the next field set of the same record as ``a``, right after it:
    one change of a record made in the app (signing sets the signatures, then the state
    and its date, in two statements of one transaction)."""
    return (
        a.kind == b.kind == "set"
        and (a.site_id, a.tbl, a.row_id) == (b.site_id, b.tbl, b.row_id)
        and b.ctr == a.ctr + 1
    )


def unsettled_counts(conn: Any) -> tuple[int, int]:
    """How many changes wait to be sent, and how many the server set aside: each counted
    in its partial index, never over the acknowledged rows (kept for good, they grow for
    the life of the laptop and are read at no sync). The state is written in the
    statement, not bound: SQLite uses a partial index only for the literal of its WHERE."""
    pending, quarantined = (
        conn.exec_driver_sql(f"SELECT count(*) FROM outbox WHERE state = '{state}'").scalar_one()
        for state in ("pending", "quarantined")
    )
    return int(pending), int(quarantined)


def quarantined_operations(conn: Any, *, site_id: str, up_to: int) -> list[Operation]:
    """This site's changes the server set aside, up to counter ``up_to`` (read in
    ``ix_outbox_quarantined``: as many rows as are set aside, whatever the history)."""
    rows = conn.execute(
        text(
            f"SELECT {COLUMNS} FROM outbox INDEXED BY ix_outbox_quarantined "
            "WHERE site_id = :site AND state = 'quarantined' AND ctr <= :up_to ORDER BY ctr"
        ),
        {"site": site_id, "up_to": up_to},
    )
    return _operations(rows)


def _operations(rows: Any) -> list[Operation]:
    """Rows of :data:`COLUMNS` as operations (unpacked: a batch is thousands of rows)."""
    loads = json.loads
    return [
        Operation(site, ctr, tbl, row_id, OpKind(kind), field, loads(value), *rest)
        for site, ctr, tbl, row_id, kind, field, value, *rest in rows
    ]
