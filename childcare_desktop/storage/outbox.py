"""Reading the outbox: the changes captured by the triggers, as protocol operations."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import text

from sync.protocol import Operation, OpKind

COLUMNS = "site_id, ctr, tbl, row_id, kind, field, value, region_code, hlc, device_ms, base"


def pending_operations(conn: Any, *, limit: int = 500, after: int = 0) -> list[Operation]:
    """The oldest changes not yet acknowledged by the server, in upload order (past
    counter ``after``)."""
    rows = conn.execute(
        text(
            f"SELECT {COLUMNS} FROM outbox WHERE state = 'pending' AND ctr > :after "
            "ORDER BY site_id, ctr LIMIT :limit"
        ),
        {"limit": limit, "after": after},
    )
    return _operations(rows)


def quarantined_operations(conn: Any, *, site_id: str, up_to: int) -> list[Operation]:
    """This site's changes the server set aside, up to counter ``up_to``."""
    rows = conn.execute(
        text(
            f"SELECT {COLUMNS} FROM outbox WHERE site_id = :site AND state = 'quarantined' "
            "AND ctr <= :up_to ORDER BY ctr"
        ),
        {"site": site_id, "up_to": up_to},
    )
    return _operations(rows)


def _operations(rows: Any) -> list[Operation]:
    return [
        Operation(
            r.site_id,
            r.ctr,
            r.tbl,
            r.row_id,
            OpKind(r.kind),
            r.field,
            json.loads(r.value),
            r.region_code,
            r.hlc,
            r.device_ms,
            r.base,
        )
        for r in rows
    ]
