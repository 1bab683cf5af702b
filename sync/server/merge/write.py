"""The change log's entries, and writing what a batch decided in a few bulk statements."""

from __future__ import annotations

import json
from collections.abc import Sequence
from operator import itemgetter
from typing import Any

from sqlalchemy import update
from sqlalchemy.engine import Connection

from childcare_desktop.core.checks import dates_after
from childcare_desktop.core.entities import entity

from ...protocol import FLAG_FUTURE, Operation, OpKind, Status, canonical
from .. import schema as s
from ..principal import Principal
from .state import Batch


def entry(
    b: Batch,
    who: Principal,
    *,
    region: str,
    kind: str,
    table: str,
    row_id: str,
    field: str | None,
    value: str,
    status: Status,
    version: int,
    seq: int | None = None,
    op: Operation | None = None,
) -> dict[str, Any]:
    """One change-log entry (``value`` is canonical JSON) at ``seq`` (by default the next
    of its village); ``op`` is the laptop's operation it records (none for the server's
    own changes: a resolution, an undelete, a conflict record)."""
    return {
        "region": region,
        "seq": b.next_seq(region) if seq is None else seq,
        "epoch_no": b.epoch_no,
        "kind": kind,
        "tbl": table,
        "row_id": row_id,
        "field": field,
        "value": value,
        "status": status.value,
        "version": version,
        "base": op.base if op else None,
        "site_id": op.site_id if op else None,
        "ctr": op.ctr if op else None,
        "op_hash": op.digest() if op else None,
        "user_id": who.user_id,
        "hlc": op.hlc if op else None,
        "device_ms": op.device_ms if op else None,
        "received_ms": b.now_ms,
        "flag": _flag(op, b) if op else None,
    }


def _flag(op: Operation, b: Batch) -> str | None:
    """``future|field,...``: the dates of ``op`` that lie after the server's day when it
    arrived. The change is applied all the same, flagged for everyone who pulls it."""
    e = entity(op.table)
    if e is None:
        return None
    values = op.value if op.kind is OpKind.INSERT else {op.field or "": op.value}
    if not isinstance(values, dict):
        return None
    late = dates_after(e, values, b.today)
    return f"{FLAG_FUTURE}|{','.join(late)}" if late else None


def write(conn: Connection, b: Batch, who: Principal) -> None:
    """Write everything the batch decided; conflicts travel in the same per-village feed
    as the changes, after them."""
    for body in b.touched_conflicts.values():
        b.log.append(
            entry(
                b,
                who,
                region=body["region"],
                kind="conflict",
                table=body["tbl"],
                row_id=body["row"],
                field=body["field"],
                value=canonical(body),
                status=Status.APPLIED,
                version=0,
            )
        )
    insert_many(conn, s.change_log, b.log)
    insert_many(conn, s.row, b.new_rows)
    changed = [
        {
            "tbl": k[0],
            "row_id": k[1],
            "field": k[2],
            "value": f.value,
            "version": f.version,
            "site_id": f.site_id,
            "ctr": f.ctr,
        }
        for k, f in b.fields.items()
        if f.new or f.dirty
    ]
    insert_many(conn, s.field, changed, upsert=("tbl", "row_id", "field"))
    _write_conflicts(conn, b)
    insert_many(conn, s.quarantine, b.held)
    insert_many(conn, s.confidential, b.secrets, upsert=("tbl", "row_id", "field"))
    for region, seq in b.heads.items():
        conn.execute(update(s.village).where(s.village.c.region == region).values(seq=seq))


def _write_conflicts(conn: Connection, b: Batch) -> None:
    for body in b.touched_conflicts.values():
        values = {"state": body["state"], "body": canonical(body), "updated_ms": b.now_ms}
        if body["id"] in b.new_conflicts:
            conn.execute(
                s.conflict.insert().values(
                    id=body["id"],
                    region=body["region"],
                    tbl=body["tbl"],
                    row_id=body["row"],
                    field=body["field"],
                    **values,
                )
            )
        else:
            conn.execute(update(s.conflict).where(s.conflict.c.id == body["id"]).values(**values))


def insert_many(
    conn: Connection, table: Any, rows: list[dict[str, Any]], *, upsert: Sequence[str] = ()
) -> None:
    """Insert many rows in one statement with constant SQL: on PostgreSQL from one JSON
    parameter (``json_populate_recordset`` takes the column types from the table), on
    SQLite by executemany (in-process, so already cheap). With ``upsert`` (the primary
    key columns), existing rows take the new values."""
    if not rows:
        return
    columns = list(rows[0])
    names = ", ".join(f'"{c}"' for c in columns)
    tail = ""
    if upsert:
        changes = ", ".join(f'"{c}" = excluded."{c}"' for c in columns if c not in upsert)
        tail = f" ON CONFLICT ({', '.join(upsert)}) DO UPDATE SET {changes}"
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql(
            f"INSERT INTO {table.name} ({names}) "
            f"SELECT {names} FROM json_populate_recordset(NULL::{table.name}, %s){tail}",
            (json.dumps(rows),),
        )
    else:
        marks = ", ".join("?" for _ in columns)
        pick = itemgetter(*columns)  # a tuple of them (one column: the value alone)
        params = list(map(pick, rows)) if len(columns) > 1 else [(pick(r),) for r in rows]
        conn.exec_driver_sql(f"INSERT INTO {table.name} ({names}) VALUES ({marks}){tail}", params)
