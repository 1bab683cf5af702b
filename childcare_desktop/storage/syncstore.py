"""The store's side of sync: :class:`sync.client.LocalStore` over the encrypted store.

Each method is one local transaction. Pulled changes are written with ``applying = 1``
so the capture triggers stand aside (they are the server's, not this laptop's), and a
field with an edit of its own still waiting to be sent is never overwritten: only its
base moves, and the server merges when the edit arrives.
"""

from __future__ import annotations

import json
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import JSON

from sync.client.store import Ack, Entry, SyncState
from sync.protocol import Operation, OpKind, Status

from ..core.search import pinyin_key
from .maintenance import become_new_site
from .models import SYNCED_MODELS
from .outbox import pending_operations, quarantined_operations
from .store import Store

# Columns derived on each laptop from a synced one (never synced themselves).
DERIVED = {("child", "name"): ("name_pinyin", pinyin_key)}


class _Table:
    def __init__(self, model: Any) -> None:
        table = model.__table__
        self.name: str = table.name
        self.columns = {c.name for c in table.columns if not c.info.get("local")}
        self.json_columns = {c.name for c in table.columns if isinstance(c.type, JSON)}

    def db_value(self, column: str, value: Any) -> Any:
        if column in self.json_columns:
            return None if value is None else json.dumps(value, ensure_ascii=False)
        return value


TABLES = {m.__table__.name: _Table(m) for m in SYNCED_MODELS}


def _now_ms() -> int:
    return int(time.time() * 1000)


class StoreSync:
    """Implements :class:`sync.client.store.LocalStore` for one open store."""

    def __init__(self, store: Store) -> None:
        self.store = store

    # --- state ---------------------------------------------------------------------

    def sync_state(self) -> SyncState:
        with self.store.connection() as conn:
            site = conn.exec_driver_sql("SELECT site_id FROM sync_site WHERE id = 1").scalar_one()
            r = conn.exec_driver_sql(
                "SELECT server_url, token, epoch, cursors FROM sync_state WHERE id = 1"
            ).one()
            acked = conn.exec_driver_sql(
                "SELECT COALESCE(MAX(ctr), 0) FROM outbox WHERE site_id = ? AND state != 'pending'",
                (site,),
            ).scalar_one()
        return SyncState(site, r.server_url, r.token, r.epoch, json.loads(r.cursors), acked)

    def save_enrollment(
        self, *, server_url: str, device_id: str, token: str, user: dict[str, Any], epoch: str
    ) -> None:
        with self.store.connection() as conn:
            conn.exec_driver_sql(
                "UPDATE sync_state SET server_url = ?, device_id = ?, token = ?, user_name = ?, "
                "role = ?, scope = ?, epoch = ?, cursors = '{}', last_error = NULL WHERE id = 1",
                (server_url, device_id, token, user["user"], user["role"], user["region"], epoch),
            )
            conn.exec_driver_sql("DELETE FROM field_base")

    def save_token(self, token: str) -> None:
        with self.store.connection() as conn:
            conn.exec_driver_sql("UPDATE sync_state SET token = ? WHERE id = 1", (token,))

    def record_sync(
        self, *, ok: bool, at_ms: int, offset_ms: int | None, error: str | None
    ) -> None:
        with self.store.connection() as conn:
            conn.exec_driver_sql(
                "UPDATE sync_state SET last_try_ms = ?, last_error = ?, "
                "last_ok_ms = CASE WHEN ? THEN ? ELSE last_ok_ms END, "
                "clock_offset_ms = COALESCE(?, clock_offset_ms) WHERE id = 1",
                (at_ms, error, ok, at_ms, offset_ms),
            )

    def receive_clock(self, server_ms: int) -> None:
        with self.store.connection() as conn:
            conn.exec_driver_sql(
                "UPDATE sync_site SET hlc = MAX(hlc + 1, ? * 65536) WHERE id = 1", (server_ms,)
            )

    # --- push ----------------------------------------------------------------------

    def pending(self, limit: int, *, after: int = 0) -> list[Operation]:
        with self.store.connection() as conn:
            return pending_operations(conn, limit=limit, after=after)

    def pending_count(self) -> int:
        with self.store.connection() as conn:
            return conn.exec_driver_sql(
                "SELECT count(*) FROM outbox WHERE state = 'pending'"
            ).scalar_one()

    def released(self, site_id: str, hwm: int, held: Sequence[int]) -> list[Operation]:
        still = set(held)
        with self.store.connection() as conn:
            return [
                op
                for op in quarantined_operations(conn, site_id=site_id, up_to=hwm)
                if op.ctr not in still
            ]

    def acknowledge(self, site_id: str, acks: Sequence[Ack], ops: Sequence[Operation]) -> None:
        if not acks:
            return
        now = _now_ms()
        sent = {op.ctr: op for op in ops if op.site_id == site_id}
        with self.store.connection() as conn:
            requeued = _requeued(conn, site_id, acks)
            conn.exec_driver_sql(
                "UPDATE outbox SET state = ?, acked_seq = ?, acked_ms = ?, note = ? "
                "WHERE site_id = ? AND ctr = ? AND state IN ('pending', 'quarantined')",
                [
                    (
                        "quarantined" if a.status == Status.QUARANTINED else "acked",
                        a.version,
                        now,
                        _note(a),
                        site_id,
                        a.ctr,
                    )
                    for a in acks
                ],
            )
            bases: list[tuple[str, str, str, int]] = []
            shown: list[tuple[str, str, str, Any]] = []  # values the server holds now
            for a in acks:
                op = sent.get(a.ctr)
                if op is None or a.version is None:
                    continue
                if op.kind == OpKind.INSERT:
                    bases.extend((op.table, op.row_id, f, a.version) for f in op.value)
                    if a.ctr in requeued:
                        shown.extend((op.table, op.row_id, f, v) for f, v in op.value.items())
                elif op.field is not None:
                    bases.append((op.table, op.row_id, op.field, a.version))
                    if a.status == Status.KEPT:
                        shown.append((op.table, op.row_id, op.field, a.value))
                    elif a.ctr in requeued:
                        shown.append((op.table, op.row_id, op.field, op.value))
            _upsert_bases(conn, bases)
            if shown:
                waiting = _pending_fields(conn)
                with _applying(conn):
                    for tbl, row_id, field, value in shown:
                        if (tbl, row_id, field) not in waiting and field != "id":
                            _set_fields(conn, tbl, field, [(value, row_id)])

    def requeue_after(self, site_id: str, hwm: int) -> int:
        with self.store.connection() as conn:
            result = conn.exec_driver_sql(
                "UPDATE outbox SET state = 'pending', acked_seq = NULL, acked_ms = NULL, "
                "note = 'requeued' WHERE site_id = ? AND ctr > ? AND state != 'pending'",
                (site_id, hwm),
            )
            return result.rowcount

    def new_epoch(self, epoch: str) -> None:
        with self.store.connection() as conn:
            conn.exec_driver_sql(
                "UPDATE sync_state SET epoch = ?, cursors = '{}' WHERE id = 1", (epoch,)
            )
            conn.exec_driver_sql("DELETE FROM field_base")

    def become_new_site(self) -> str:
        with self.store.connection() as conn:
            _old, new, _moved = become_new_site(conn)
        return new

    # --- pull ----------------------------------------------------------------------

    def apply_page(self, region: str, to_seq: int, entries: Sequence[Entry]) -> None:
        with self.store.connection() as conn:
            waiting = _pending_fields(conn)
            # Later entries of a field win (a page is in version order); written row by row.
            sets: dict[tuple[str, str], dict[str, tuple[Any, int]]] = defaultdict(dict)
            bases: list[tuple[str, str, str, int]] = []
            with _applying(conn):
                for e in entries:
                    table = TABLES.get(e.table)
                    if e.kind == 2:
                        _store_conflict(conn, e.value)
                        continue
                    if table is None:
                        continue  # a table this version does not know: nothing to show it in
                    if e.kind == 0:
                        bases.extend((e.table, e.row_id, f, e.version) for f in e.value)
                        if _insert_row(conn, table, e.row_id, e.value):
                            continue
                        # The row is here already (pulled again after a server restore):
                        # the server's values stand, field by field, as for sets.
                        for name, value in e.value.items():
                            key = (e.table, e.row_id, name)
                            if name in table.columns and name != "id" and key not in waiting:
                                sets[(e.table, e.row_id)][name] = (value, e.version)
                        continue
                    assert e.field is not None
                    bases.append((e.table, e.row_id, e.field, e.version))
                    if e.field in table.columns and (e.table, e.row_id, e.field) not in waiting:
                        sets[(e.table, e.row_id)][e.field] = (e.value, e.version)
                _set_rows(conn, sets)
            _upsert_bases(conn, bases)
            cursors = json.loads(
                conn.exec_driver_sql("SELECT cursors FROM sync_state WHERE id = 1").scalar_one()
            )
            cursors[region] = max(int(cursors.get(region, 0)), to_seq)
            conn.exec_driver_sql(
                "UPDATE sync_state SET cursors = ? WHERE id = 1", (json.dumps(cursors),)
            )

    # --- conflicts -----------------------------------------------------------------

    @staticmethod
    def set_local(conn: Any, tbl: str, row_id: str, field: str, value: Any) -> None:
        """Show a value chosen in a conflict at once, without capturing it as an edit (the
        resolution itself goes to the server, which records it for everyone)."""
        with _applying(conn):
            _set_fields(conn, tbl, field, [(value, row_id)])

    def pending_resolutions(self) -> list[tuple[str, Any]]:
        with self.store.connection() as conn:
            rows = conn.exec_driver_sql(
                "SELECT conflict_id, value FROM sync_resolution ORDER BY created_ms"
            ).all()
        return [(r.conflict_id, json.loads(r.value)) for r in rows]

    def resolution_sent(self, conflict_id: str, body: dict[str, Any]) -> None:
        with self.store.connection() as conn:
            conn.exec_driver_sql(
                "DELETE FROM sync_resolution WHERE conflict_id = ?", (conflict_id,)
            )
            _store_conflict(conn, body)

    # --- the audit log -------------------------------------------------------------

    def audit_since(self, after: int, limit: int) -> list[list[Any]]:
        with self.store.connection() as conn:
            rows = conn.exec_driver_sql(
                "SELECT id, at, hlc, actor, action, child_id, detail, prev_hash, hash "
                "FROM audit_log WHERE id > ? ORDER BY id LIMIT ?",
                (after, limit),
            ).all()
        return [list(r) for r in rows]

    def audit_hash(self, entry_id: int) -> str | None:
        with self.store.connection() as conn:
            return conn.exec_driver_sql(
                "SELECT hash FROM audit_log WHERE id = ?", (entry_id,)
            ).scalar()

    # --- attachments ---------------------------------------------------------------

    def blobs_to_upload(self) -> list[tuple[str, int]]:
        with self.store.connection() as conn:
            rows = conn.exec_driver_sql("SELECT sha256, size FROM blob WHERE uploaded = 0").all()
        return [(r.sha256, r.size) for r in rows]

    def read_blob(self, sha256: str, offset: int, size: int) -> bytes:
        with self.store.connection() as conn:
            data = conn.exec_driver_sql(
                "SELECT substr(data, ?, ?) FROM blob WHERE sha256 = ?", (offset + 1, size, sha256)
            ).scalar_one()
        return bytes(data)

    def blob_uploaded(self, sha256: str) -> None:
        with self.store.connection() as conn:
            conn.exec_driver_sql("UPDATE blob SET uploaded = 1 WHERE sha256 = ?", (sha256,))


def _requeued(conn: Any, site_id: str, acks: Sequence[Ack]) -> set[int]:
    """Which of these operations were sent again after a server restore: the restored
    server now holds their values, and this laptop may show values pulled before the
    restore that the server no longer has (it shows the server's again)."""
    low, high = min(a.ctr for a in acks), max(a.ctr for a in acks)
    return set(
        conn.exec_driver_sql(
            "SELECT ctr FROM outbox WHERE site_id = ? AND ctr BETWEEN ? AND ? "
            "AND note = 'requeued'",
            (site_id, low, high),
        ).scalars()
    )


def _note(ack: Ack) -> str | None:
    if ack.status == Status.QUARANTINED:
        return str(ack.value or "")
    if ack.status == Status.KEPT:
        return "kept"  # the server kept an earlier value; a conflict shows both
    return None


def _pending_fields(conn: Any) -> set[tuple[str, str, str]]:
    rows = conn.exec_driver_sql(
        "SELECT tbl, row_id, field FROM outbox WHERE state = 'pending' AND kind = 'set'"
    )
    return {(r.tbl, r.row_id, r.field) for r in rows}


class _applying:
    """Capture triggers stand aside inside the block (same transaction)."""

    def __init__(self, conn: Any) -> None:
        self.conn = conn

    def __enter__(self) -> None:
        self.conn.exec_driver_sql("UPDATE sync_site SET applying = 1 WHERE id = 1")

    def __exit__(self, *exc: object) -> None:
        self.conn.exec_driver_sql("UPDATE sync_site SET applying = 0 WHERE id = 1")


def _hlc(conn: Any) -> int:
    conn.exec_driver_sql(
        "UPDATE sync_site SET hlc = MAX(hlc + 1, "
        "CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) * 65536) WHERE id = 1"
    )
    return int(conn.exec_driver_sql("SELECT hlc FROM sync_site WHERE id = 1").scalar_one())


def _set_fields(conn: Any, tbl: str, field: str, values: Iterable[tuple[Any, str]]) -> None:
    """Write kept or chosen values of one field: ``(value, row_id)`` pairs."""
    table = TABLES[tbl]
    if field not in table.columns:
        return
    hlc = _hlc(conn)
    derived = DERIVED.get((tbl, field))
    sets, params = f"{field} = ?, updated_hlc = ?", []
    if derived:
        sets = f"{field} = ?, {derived[0]} = ?, updated_hlc = ?"
    for value, row_id in values:
        stored = table.db_value(field, value)
        row = [stored, derived[1](value or "")] if derived else [stored]
        params.append((*row, hlc, row_id))
    conn.exec_driver_sql(f"UPDATE {tbl} SET {sets} WHERE id = ?", params)


def _set_rows(conn: Any, sets: dict[tuple[str, str], dict[str, tuple[Any, int]]]) -> None:
    """Write pulled values, leaving out a value older than the version this laptop
    already has of that field (its own edit, acknowledged after this one arrived at the
    server)."""
    if not sets:
        return
    known: dict[tuple[str, str, str], int] = {}
    by_table: dict[str, list[str]] = defaultdict(list)
    fields_of: dict[str, set[str]] = defaultdict(set)
    for (tbl, row_id), fields in sets.items():
        by_table[tbl].append(row_id)
        fields_of[tbl].update(fields)
    for tbl, row_ids in by_table.items():
        # Only the fields being written: a row has some fifty, a page sets a few.
        names = sorted(fields_of[tbl])
        field_marks = ", ".join("?" for _ in names)
        step = max(1, 500 - len(names))
        for i in range(0, len(row_ids), step):
            part = row_ids[i : i + step]
            marks = ", ".join("?" for _ in part)
            known.update(
                ((tbl, row_id, field), version)
                for row_id, field, version in conn.exec_driver_sql(
                    "SELECT row_id, field, version FROM field_base "
                    f"WHERE tbl = ? AND row_id IN ({marks}) AND field IN ({field_marks})",
                    (tbl, *part, *names),
                )
            )
    # One statement per field (a statement over a table with triggers is costly to
    # prepare, and rows touch many different sets of fields).
    by_field: dict[tuple[str, str], list[tuple[Any, str]]] = defaultdict(list)
    for (tbl, row_id), fields in sets.items():
        for field, (value, version) in fields.items():
            if known.get((tbl, row_id, field), -1) <= version:
                by_field[(tbl, field)].append((value, row_id))
    for (tbl, field), values in by_field.items():
        _set_fields(conn, tbl, field, values)


def _insert_row(conn: Any, table: _Table, row_id: str, payload: dict[str, Any]) -> bool:
    """Insert a pulled row; False (and nothing written) when the row is here already."""
    exists = conn.exec_driver_sql(f"SELECT 1 FROM {table.name} WHERE id = ?", (row_id,)).first()
    if exists:
        return False
    hlc = _hlc(conn)
    values = {c: table.db_value(c, v) for c, v in payload.items() if c in table.columns}
    values.update(id=row_id, created_hlc=hlc, updated_hlc=hlc)
    for (tbl, source), (column, fn) in DERIVED.items():
        if tbl == table.name:
            values[column] = fn(values.get(source) or "")
    names = ", ".join(values)
    marks = ", ".join("?" for _ in values)
    conn.exec_driver_sql(
        f"INSERT INTO {table.name} ({names}) VALUES ({marks})", tuple(values.values())
    )
    return True


def _upsert_bases(conn: Any, bases: list[tuple[str, str, str, int]]) -> None:
    if bases:
        conn.exec_driver_sql(
            "INSERT INTO field_base (tbl, row_id, field, version) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (tbl, row_id, field) DO UPDATE SET "
            "version = MAX(version, excluded.version)",
            bases,
        )


def _store_conflict(conn: Any, body: dict[str, Any]) -> None:
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
