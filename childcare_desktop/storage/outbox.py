"""Reading the outbox: the changes captured by the triggers, as protocol operations."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import text

from sync.protocol import Operation, OpKind


def pending_operations(conn: Any, *, limit: int = 500, after: int = 0) -> list[Operation]:
    """The oldest changes not yet acknowledged by the server, in upload order (past
    counter ``after``)."""
    rows = conn.execute(
        text(
            "SELECT site_id, ctr, tbl, row_id, kind, field, value, region_code, hlc, device_ms, base "
            "FROM outbox WHERE state = 'pending' AND ctr > :after "
            "ORDER BY site_id, ctr LIMIT :limit"
        ),
        {"limit": limit, "after": after},
    )
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
