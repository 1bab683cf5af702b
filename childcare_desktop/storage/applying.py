"""Writing what the server sent into the store: rows, fields, their bases, conflicts.

Everything here runs inside one local transaction of the sync, with ``applying = 1`` so
the capture triggers stand aside (these are the server's changes, not this laptop's).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import JSON

from ..core.search import pinyin_key
from .models import SYNCED_MODELS

# Columns derived on each laptop from a synced one (never synced themselves).
DERIVED = {("child", "name"): ("name_pinyin", pinyin_key)}


class Table:
    def __init__(self, model: Any) -> None:
        table = model.__table__
        self.name: str = table.name
        self.columns = {c.name for c in table.columns if not c.info.get("local")}
        self.json_columns = {c.name for c in table.columns if isinstance(c.type, JSON)}

    def db_value(self, column: str, value: Any) -> Any:
        if column in self.json_columns:
            return None if value is None else json.dumps(value, ensure_ascii=False)
        return value


TABLES = {m.__tablename__: Table(m) for m in SYNCED_MODELS}  # type: ignore[attr-defined]


def pending_fields(conn: Any) -> set[tuple[str, str, str]]:
    rows = conn.exec_driver_sql(
        "SELECT tbl, row_id, field FROM outbox WHERE state = 'pending' AND kind = 'set'"
    )
    return {(r.tbl, r.row_id, r.field) for r in rows}


class applying:
    """Capture triggers stand aside inside the block (same transaction)."""

    def __init__(self, conn: Any) -> None:
        self.conn = conn

    def __enter__(self) -> None:
        self.conn.exec_driver_sql("UPDATE sync_site SET applying = 1 WHERE id = 1")

    def __exit__(self, *exc: object) -> None:
        self.conn.exec_driver_sql("UPDATE sync_site SET applying = 0 WHERE id = 1")


def next_hlc(conn: Any) -> int:
    conn.exec_driver_sql(
        "UPDATE sync_site SET hlc = MAX(hlc + 1, "
        "CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) * 65536) WHERE id = 1"
    )
    return int(conn.exec_driver_sql("SELECT hlc FROM sync_site WHERE id = 1").scalar_one())


def set_fields(conn: Any, tbl: str, field: str, values: Iterable[tuple[Any, str]]) -> None:
    """Write kept or chosen values of one field: ``(value, row_id)`` pairs."""
    table = TABLES[tbl]
    if field not in table.columns:
        return
    hlc = next_hlc(conn)
    derived = DERIVED.get((tbl, field))
    sets, params = f"{field} = ?, updated_hlc = ?", []
    if derived:
        sets = f"{field} = ?, {derived[0]} = ?, updated_hlc = ?"
    for value, row_id in values:
        stored = table.db_value(field, value)
        row = [stored, derived[1](value or "")] if derived else [stored]
        params.append((*row, hlc, row_id))
    conn.exec_driver_sql(f"UPDATE {tbl} SET {sets} WHERE id = ?", params)


def set_rows(conn: Any, sets: dict[tuple[str, str], dict[str, tuple[Any, int]]]) -> None:
    """Write pulled values, leaving out a value older than the version this laptop
    already has of that field (its own edit, acknowledged after this one arrived at the
    server)."""
    if not sets:
        return
    older = _older(conn, sets)
    # One statement per field (a statement over a table with triggers is costly to
    # prepare, and rows touch many different sets of fields).
    by_field: dict[tuple[str, str], list[tuple[Any, str]]] = defaultdict(list)
    for (tbl, row_id), fields in sets.items():
        for field, (value, _version) in fields.items():
            if (tbl, row_id, field) not in older:
                by_field[(tbl, field)].append((value, row_id))
    for (tbl, field), values in by_field.items():
        set_fields(conn, tbl, field, values)


def _older(
    conn: Any, sets: dict[tuple[str, str], dict[str, tuple[Any, int]]]
) -> set[tuple[str, str, str]]:
    """The fields whose pulled value is older than their base here: one look-up in the
    bases' key per value, in one statement (none of the row's other fields is read)."""
    keys = [
        [tbl, row_id, field, version]
        for (tbl, row_id), fields in sets.items()
        for field, (_value, version) in fields.items()
    ]
    found = conn.exec_driver_sql(
        "SELECT b.tbl, b.row_id, b.field FROM json_each(?) AS k CROSS JOIN field_base AS b "
        "ON b.tbl = k.value ->> 0 AND b.row_id = k.value ->> 1 AND b.field = k.value ->> 2 "
        "WHERE b.version > k.value ->> 3",
        (json.dumps(keys),),
    )
    return {(r[0], r[1], r[2]) for r in found}


def insert_rows(conn: Any, table: Table, rows: Sequence[tuple[str, dict[str, Any]]]) -> None:
    """Insert records this store does not have: ``(row_id, row)`` pairs, one statement per
    set of columns (all of a table's rows, as a rule), stamped with one clock tick."""
    if not rows:
        return
    hlc = next_hlc(conn)
    by_columns: dict[tuple[str, ...], list[tuple[Any, ...]]] = defaultdict(list)
    for row_id, payload in rows:
        values = {c: table.db_value(c, v) for c, v in payload.items() if c in table.columns}
        values.update(id=row_id, created_hlc=hlc, updated_hlc=hlc)
        for (tbl, source), (column, fn) in DERIVED.items():
            if tbl == table.name:
                values[column] = fn(values.get(source) or "")
        by_columns[tuple(values)].append(tuple(values.values()))
    for names, params in by_columns.items():
        marks = ", ".join("?" for _ in names)
        conn.exec_driver_sql(
            f"INSERT INTO {table.name} ({', '.join(names)}) VALUES ({marks})", params
        )


def upsert_bases(conn: Any, bases: list[tuple[str, str, str, int]]) -> None:
    if bases:
        conn.exec_driver_sql(
            "INSERT INTO field_base (tbl, row_id, field, version) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (tbl, row_id, field) DO UPDATE SET "
            "version = MAX(version, excluded.version)",
            bases,
        )


def store_conflict(conn: Any, body: dict[str, Any]) -> None:
    conn.exec_driver_sql(
        "INSERT INTO sync_conflict (id, region_code, tbl, row_id, field, state, body) "
        "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET "
        "state = excluded.state, body = excluded.body",
        (
            body["id"],
            body["region"],
            body["tbl"],
            body["row"],
            body["field"],
            body["state"],
            json.dumps(body, ensure_ascii=False),
        ),
    )
