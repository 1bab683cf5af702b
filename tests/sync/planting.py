"""Changes written straight into the county server's tables, as a server that checked
nothing (or a broken one) would have stored them: what a laptop must survive pulling."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.engine import Connection

from childcare_desktop.storage.store import Store
from sync.protocol import canonical, version
from sync.server import db
from sync.server import schema as s
from sync.server.app import now_ms

from .conftest import LiveServer


def plant_insert(
    server: LiveServer, region: str, table: str, row_id: str, row: dict[str, Any]
) -> int:
    """A record inserted into the change log (and the server's state), checked by nobody."""
    with server.db.write() as conn:
        ver = _log(conn, region, "insert", table, row_id, None, row)
        conn.execute(insert(s.row).values(tbl=table, row_id=row_id, region=region))
        for name, value in row.items():
            _field(conn, table, row_id, name, value, ver)
    return ver


def plant_set(
    server: LiveServer, region: str, table: str, row_id: str, field: str, value: Any
) -> int:
    """One field of a record set in the change log, checked by nobody."""
    with server.db.write() as conn:
        ver = _log(conn, region, "set", table, row_id, field, value)
        _field(conn, table, row_id, field, value, ver)
    return ver


def inserted_row(store: Store, table: str, row_id: str) -> dict[str, Any]:
    """The row as a laptop sent it (its outbox insert): a valid payload to spoil."""
    with store.connection() as conn:
        value = conn.exec_driver_sql(
            "SELECT value FROM outbox WHERE tbl = ? AND row_id = ? AND kind = 'insert'",
            (table, row_id),
        ).scalar_one()
    return dict(json.loads(value))


def _log(
    conn: Connection, region: str, kind: str, table: str, row_id: str, field: str | None, value: Any
) -> int:
    _, epoch_no = db.epoch(conn)
    head = conn.execute(select(s.village.c.seq).where(s.village.c.region == region)).scalar()
    if head is None:
        conn.execute(insert(s.village).values(region=region, seq=0))
        head = 0
    seq = head + 1
    conn.execute(update(s.village).where(s.village.c.region == region).values(seq=seq))
    ver = version(epoch_no, seq)
    conn.execute(
        insert(s.change_log).values(
            region=region,
            seq=seq,
            epoch_no=epoch_no,
            kind=kind,
            tbl=table,
            row_id=row_id,
            field=field,
            value=canonical(value),
            status="a",
            version=ver,
            received_ms=now_ms(),
        )
    )
    return ver


def _field(conn: Connection, table: str, row_id: str, name: str, value: Any, ver: int) -> None:
    f = s.field.c
    conn.execute(delete(s.field).where(f.tbl == table, f.row_id == row_id, f.field == name))
    conn.execute(
        insert(s.field).values(
            tbl=table, row_id=row_id, field=name, value=canonical(value), version=ver
        )
    )
