"""Applying pushed operations: field-level merge against the base version, conflicts kept
with every value, quarantine instead of rejection, per-village sequence in commit order.

Everything here runs inside one write transaction of :class:`~.db.Database`; the caller
commits, and only then answers the laptop (so an acknowledgement always means "stored").
"""

from __future__ import annotations

import itertools
import json
import re
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import delete, func, or_, select, tuple_, update
from sqlalchemy.engine import Connection

from childcare_desktop.core.entities import ENTITIES
from childcare_desktop.core.roles import Role

from ..protocol import (
    DELETED,
    EPOCH_SPAN,
    FIXED_FIELDS,
    NAME,
    Operation,
    OpKind,
    Status,
    canonical,
    version,
)
from . import schema as s
from .db import Database
from .errors import SyncRefused
from .principal import Principal

INSERT_ONLY_TABLES = frozenset(e.table for e in ENTITIES if e.insert_only)
KEEP_FIRST_FIELDS = frozenset((e.table, name) for e in ENTITIES for name in e.keep_first)
PARENTS = {
    f.name: f.ref
    for e in ENTITIES
    for f in e.refs
    if e.owner == f.name or f.name in ("principal_id", "carer_id")
}

REGION = re.compile(r"^\d{6}(\d{3}(\d{3})?)?$")
CHUNK = 500  # rows per IN (...) query: SQLite builds of old limit host parameters


@dataclass
class _Field:
    value: str  # canonical JSON
    version: int
    site_id: str | None
    ctr: int | None
    new: bool = False
    dirty: bool = False


@dataclass
class _Batch:
    """What one push writes, collected in memory and written in bulk at the end."""

    epoch_no: int
    now_ms: int
    heads: dict[str, int]
    rows: dict[tuple[str, str], str]  # (tbl, row) -> region
    fields: dict[tuple[str, str, str], _Field]
    conflicts: dict[tuple[str, str, str], dict[str, Any]]  # open conflicts by field
    conn: Connection | None = None
    log: list[dict[str, Any]] = field(default_factory=list)
    new_rows: list[dict[str, Any]] = field(default_factory=list)
    quarantined: list[dict[str, Any]] = field(default_factory=list)
    touched_conflicts: dict[str, dict[str, Any]] = field(default_factory=dict)
    new_conflicts: set[str] = field(default_factory=set)

    def next_seq(self, region: str) -> int:
        self.heads[region] += 1
        return self.heads[region]


def push(
    db: Database,
    conn: Connection,
    who: Principal,
    site_id: str,
    ops: Sequence[Operation],
    *,
    epoch_no: int,
    now_ms: int,
) -> dict[str, Any]:
    """Apply a batch from one site; returns the per-operation results and the new hwm."""
    site_row = conn.execute(db.lock(s.site, s.site.c.site_id == site_id)).first()
    if site_row is None:
        raise SyncRefused(409, "unknown_site", "say hello first: this site is not registered")
    if site_row.device_id != who.device_id:
        raise SyncRefused(409, "cloned_site", "this site belongs to another device")
    hwm = site_row.hwm
    old = [op for op in ops if op.ctr <= hwm]
    new = [op for op in ops if op.ctr > hwm]
    results: dict[int, list[Any]] = _stored_results(conn, site_id, old)
    expected = hwm + 1
    for op in new:
        if op.ctr != expected:
            raise SyncRefused(409, "gap", f"expected operation {expected}", expected=hwm + 1)
        expected += 1
    if new:
        batch = _load(db, conn, who, new, epoch_no=epoch_no, now_ms=now_ms)
        for op in new:
            results[op.ctr] = _apply(batch, who, op)
        if batch.new_rows:
            _release(conn, batch)
        _write(conn, batch, who)
        conn.execute(
            update(s.site)
            .where(s.site.c.site_id == site_id)
            .values(hwm=new[-1].ctr, last_seen_ms=now_ms)
        )
    return {"hwm": max(hwm, new[-1].ctr if new else 0), "results": [results[op.ctr] for op in ops]}


def _stored_results(
    conn: Connection, site_id: str, ops: Sequence[Operation]
) -> dict[int, list[Any]]:
    """Results of operations already applied: a retry gets what the first delivery got."""
    found: dict[int, tuple[str, list[Any]]] = {}
    log = s.change_log.c
    q = s.quarantine.c
    for part in _chunks([op.ctr for op in ops]):
        for r in conn.execute(
            select(log.ctr, log.op_hash, log.status, log.version, log.value).where(
                log.site_id == site_id, log.ctr.in_(part)
            )
        ):
            item = [r.ctr, r.status, r.version]
            if r.status == Status.KEPT:
                item.append(json.loads(r.value))
            found[r.ctr] = (r.op_hash, item)
        for r in conn.execute(
            select(q.ctr, q.op_hash, q.reason).where(q.site_id == site_id, q.ctr.in_(part))
        ):
            found[r.ctr] = (r.op_hash, [r.ctr, Status.QUARANTINED.value, None, r.reason])
    results = {}
    for op in ops:
        stored = found.get(op.ctr)
        if stored is None or stored[0] != op.digest():
            raise SyncRefused(
                409,
                "cloned_site",
                "another payload was received under this counter: "
                "the store was copied to a second laptop",
            )
        results[op.ctr] = stored[1]
    return results


def _load(
    db: Database,
    conn: Connection,
    who: Principal,
    ops: Sequence[Operation],
    *,
    epoch_no: int,
    now_ms: int,
) -> _Batch:
    """Lock the villages the batch writes to, then read the state it merges against."""
    keys = {(op.table, op.row_id) for op in ops}
    for op in ops:
        if op.kind is OpKind.INSERT and isinstance(op.value, dict):
            keys.update(
                (t, op.value[c]) for c, t in PARENTS.items() if isinstance(op.value.get(c), str)
            )
    rows = {
        (x.tbl, x.row_id): x.region
        for x in _fetch(conn, s.row, ("tbl", "row_id"), keys, ("tbl", "row_id", "region"))
    }
    regions = {rows[(op.table, op.row_id)] for op in ops if (op.table, op.row_id) in rows}
    regions |= {
        op.region_code for op in ops if op.kind is OpKind.INSERT and REGION.match(op.region_code)
    }
    heads = _lock_villages(db, conn, regions)
    fields: dict[tuple[str, str, str], _Field] = {}
    set_rows = sorted({(op.table, op.row_id) for op in ops if op.kind is OpKind.SET})
    # Exactly the fields the batch sets, plus each row's tombstone; whole rows only where
    # a delete must be checked against every field.
    wanted = {(op.table, op.row_id, op.field) for op in ops if op.kind is OpKind.SET}
    wanted |= {(t, r, DELETED) for t, r in set_rows}
    columns = ("tbl", "row_id", "field", "value", "version", "site_id", "ctr")
    deleting = {(op.table, op.row_id) for op in ops if op.field == DELETED and op.value}
    for x in itertools.chain(
        _fetch(conn, s.field, ("tbl", "row_id", "field"), wanted, columns),
        _fetch(conn, s.field, ("tbl", "row_id"), deleting, columns),
    ):
        fields[(x.tbl, x.row_id, x.field)] = _Field(x.value, x.version, x.site_id, x.ctr)
    conflicts: dict[tuple[str, str, str], dict[str, Any]] = {}
    for x in _fetch(conn, s.conflict, ("tbl", "row_id"), set_rows, ("body",), open_only=True):
        body = json.loads(x.body)
        conflicts[(body["tbl"], body["row"], body["field"])] = body
    return _Batch(epoch_no, now_ms, heads, rows, fields, conflicts, conn)


def _fetch(
    conn: Connection,
    table: Any,
    keys: Sequence[str],
    values: Iterable[tuple[str, ...]],
    columns: Sequence[str],
    *,
    open_only: bool = False,
) -> Iterable[Any]:
    """The rows of ``table`` whose ``keys`` columns match one of ``values`` (text tuples).

    On PostgreSQL one statement joins the table to the keys sent as one JSON parameter,
    whatever their number: a row-value ``IN`` list of thousands is planned and sent slowly,
    and psycopg quotes array elements one by one. On
    SQLite (in-process) row-value ``IN`` lists in chunks are already cheap."""
    values = sorted(set(values))
    if not values:
        return
    if conn.dialect.name == "postgresql":
        on = " AND ".join(f't."{k}" = u."{k}"' for k in keys)
        if open_only:
            on += " AND t.state = 'open'"
        picked = ", ".join(f't."{c}"' for c in columns)
        wanted = json.dumps([dict(zip(keys, v, strict=True)) for v in values])
        yield from conn.exec_driver_sql(
            f"SELECT {picked} FROM {table.name} t "
            f"JOIN json_populate_recordset(NULL::{table.name}, %s) u ON {on}",
            (wanted,),
        ).all()
        return
    picked_cols = [table.c[c] for c in columns]
    match = tuple_(*(table.c[k] for k in keys))
    for part in _chunks(values):
        query = select(*picked_cols).where(match.in_(part))
        if open_only:
            query = query.where(table.c.state == "open")
        yield from conn.execute(query)


def _lock_villages(db: Database, conn: Connection, regions: Iterable[str]) -> dict[str, int]:
    heads: dict[str, int] = {}
    v = s.village.c
    for region in sorted(regions):  # one order everywhere: no deadlocks between pushes
        found = conn.execute(db.lock(s.village, v.region == region)).first()
        if found is None:
            conn.execute(s.village.insert().values(region=region, seq=0))
            found = conn.execute(db.lock(s.village, v.region == region)).first()
        heads[region] = found.seq
    return heads


def _apply(b: _Batch, who: Principal, op: Operation) -> list[Any]:
    reason = _refusal(b, who, op)
    if reason:
        b.quarantined.append(
            {
                "site_id": op.site_id,
                "ctr": op.ctr,
                "op_hash": op.digest(),
                "user_id": who.user_id,
                "region": b.rows.get((op.table, op.row_id), op.region_code or None),
                "op": canonical(_op_json(op)),
                "reason": reason,
                "received_ms": b.now_ms,
                "waits_for": _missing(b, op),
            }
        )
        return [op.ctr, Status.QUARANTINED.value, None, reason]
    if op.kind is OpKind.INSERT:
        return _insert(b, who, op)
    return _set(b, who, op)


def _missing(b: _Batch, op: Operation) -> str | None:
    """The record ("tbl/row_id") an operation needs that the server does not have yet."""
    if op.kind is OpKind.SET:
        return None if (op.table, op.row_id) in b.rows else f"{op.table}/{op.row_id}"
    if isinstance(op.value, dict):
        for column, parent in PARENTS.items():
            ref = op.value.get(column)
            if isinstance(ref, str) and (parent, ref) not in b.rows:
                return f"{parent}/{ref}"
    return None


def _release(conn: Connection, b: _Batch) -> None:
    """Apply what was set aside waiting for a record that has now arrived (in this batch),
    as its user would have: a supervisor's edit sent before the village's insert reached
    the server, or anything re-sent after a server restore in another order."""
    q = s.quarantine.c
    arrived = [f"{r['tbl']}/{r['row_id']}" for r in b.new_rows]
    released: list[int] = []
    users: dict[int, Principal | None] = {}
    while arrived:
        waiting = []
        for part in _chunks(arrived):
            waiting += conn.execute(
                select(q.id, q.site_id, q.ctr, q.user_id, q.op).where(q.waits_for.in_(part))
            ).all()
        arrived = []
        for w in sorted(waiting, key=lambda w: w.id):
            op = _op_from_json(w.site_id, w.ctr, json.loads(w.op))
            if w.user_id not in users:
                users[w.user_id] = _user(conn, w.user_id)
            who = users[w.user_id]
            region = b.rows.get((op.table, op.row_id), op.region_code)
            if who is None or region not in b.heads:
                continue  # a user since removed, or a village this batch has not locked
            if _refusal(b, who, op):
                conn.execute(
                    update(s.quarantine)
                    .where(q.id == w.id)
                    .values(waits_for=_missing(b, op), reason=_refusal(b, who, op))
                )
                continue
            before = len(b.new_rows)
            if op.kind is OpKind.INSERT:
                _insert(b, who, op)
            else:
                _set(b, who, op)
            released.append(w.id)
            arrived += [f"{r['tbl']}/{r['row_id']}" for r in b.new_rows[before:]]
    for part in _chunks(released):
        conn.execute(delete(s.quarantine).where(q.id.in_(part)))


def _user(conn: Connection, user_id: int) -> Principal | None:
    u = s.user.c
    found = conn.execute(
        select(u.name, u.role, u.region).where(u.id == user_id, u.active.is_(True))
    ).first()
    role = Role.parse(found.role) if found else None
    return Principal("", user_id, found.name, role, found.region) if found and role else None


def _op_from_json(site_id: str, ctr: int, body: dict[str, Any]) -> Operation:
    return Operation(
        site_id,
        ctr,
        body["tbl"],
        body["row"],
        OpKind(body["kind"]),
        body["field"],
        body["value"],
        body["region"],
        body["hlc"],
        body["device_ms"],
        body["base"],
    )


def _refusal(b: _Batch, who: Principal, op: Operation) -> str | None:
    """Why an operation cannot be applied (it is then quarantined), or None."""
    if not NAME.match(op.table):
        return "unknown table"
    known = b.rows.get((op.table, op.row_id))
    if op.kind is OpKind.INSERT:
        region = op.region_code
        if not REGION.match(region) or op.value.get("region_code", region) != region:
            return "bad region code"
        if not who.can_write(region):
            return "outside the user's region"
        if known is not None:
            return "a row with this id is already on the server"
        if any(not NAME.match(k) for k in op.value):
            return "bad field name"
        for column, parent in PARENTS.items():
            ref = op.value.get(column)
            if isinstance(ref, str) and (parent, ref) not in b.rows:
                return f"{column}: the parent record is not on the server"
        return None
    if known is None:
        return "the record is not on the server"
    if not who.can_write(known):
        return "outside the user's region"
    if op.table in INSERT_ONLY_TABLES:
        return "insert-only record: corrections are new records"
    if op.field is None or not NAME.match(op.field) or op.field in FIXED_FIELDS:
        return "this field cannot be changed by sync"
    return None


def _insert(b: _Batch, who: Principal, op: Operation) -> list[Any]:
    region = op.region_code
    seq = b.next_seq(region)
    ver = version(b.epoch_no, seq)
    b.rows[(op.table, op.row_id)] = region
    b.new_rows.append({"tbl": op.table, "row_id": op.row_id, "region": region})
    for name, value in op.value.items():
        b.fields[(op.table, op.row_id, name)] = _Field(
            canonical(value), ver, op.site_id, op.ctr, new=True
        )
    b.log.append(_entry(b, who, op, region, seq, Status.APPLIED, ver, op.value))
    return [op.ctr, Status.APPLIED.value, ver]


def _set(b: _Batch, who: Principal, op: Operation) -> list[Any]:
    assert op.field is not None
    region = b.rows[(op.table, op.row_id)]
    key = (op.table, op.row_id, op.field)
    value = canonical(op.value)
    cur = b.fields.get(key)
    own_later = cur is not None and cur.site_id == op.site_id and (cur.ctr or 0) < op.ctr
    if op.field == DELETED and op.value:
        rival = _later_edit_by_another(b, op)
        if rival is not None:  # a delete racing an edit: the record stays, flagged
            return _conflict(b, who, op, region, key, cur, keep=True)
    if cur is None or cur.version == op.base or own_later:
        result = _write_field(b, who, op, region, key, value, Status.APPLIED)
    elif cur.value == value:
        seq = b.next_seq(region)
        b.log.append(_entry(b, who, op, region, seq, Status.UNCHANGED, cur.version, op.value))
        result = [op.ctr, Status.UNCHANGED.value, cur.version]
    else:
        keep = (op.table, op.field) in KEEP_FIRST_FIELDS
        result = _conflict(b, who, op, region, key, cur, keep=keep)
    if op.field != DELETED:
        _undelete_if_raced(b, who, op, region)
    return result


def _write_field(
    b: _Batch,
    who: Principal,
    op: Operation,
    region: str,
    key: tuple[str, str, str],
    value: str,
    status: Status,
) -> list[Any]:
    seq = b.next_seq(region)
    ver = version(b.epoch_no, seq)
    cur = b.fields.get(key)
    if cur is None:
        b.fields[key] = _Field(value, ver, op.site_id, op.ctr, new=True)
    else:
        cur.value, cur.version, cur.site_id, cur.ctr, cur.dirty = (
            value,
            ver,
            op.site_id,
            op.ctr,
            True,
        )
    b.log.append(_entry(b, who, op, region, seq, status, ver, op.value))
    return [op.ctr, status.value, ver]


def _conflict(
    b: _Batch,
    who: Principal,
    op: Operation,
    region: str,
    key: tuple[str, str, str],
    cur: _Field | None,
    *,
    keep: bool,
) -> list[Any]:
    """Concurrent edits of one field to different values: keep every value."""
    body = b.conflicts.get(key)
    if body is None:
        body = {
            "id": secrets.token_hex(8),
            "tbl": key[0],
            "row": key[1],
            "field": key[2],
            "region": region,
            "base": {"version": op.base},
            "candidates": [],
            "policy": "keep_first" if keep else "lww",
            "state": "open",
            "created_ms": b.now_ms,
        }
        if cur is not None:
            body["candidates"].append(_earlier(b, region, cur))
        if b.conn is not None and op.base is not None:
            body["base"]["value"] = _value_at(b.conn, region, key, op.base)
        b.conflicts[key] = body
        b.new_conflicts.add(body["id"])
    if keep:
        seq = b.next_seq(region)
        ver = cur.version if cur is not None else 0
        kept = json.loads(cur.value) if cur is not None else None
        b.log.append(_entry(b, who, op, region, seq, Status.KEPT, ver, kept))
        result = [op.ctr, Status.KEPT.value, ver, kept]
    else:
        result = _write_field(b, who, op, region, key, canonical(op.value), Status.CONFLICT)
    body["candidates"].append(
        {
            "value": op.value,
            "version": result[2],
            "site": op.site_id,
            "ctr": op.ctr,
            "user": who.user_name,
            "hlc": op.hlc,
            "device_ms": op.device_ms,
            "received_ms": b.now_ms,
            "base": op.base,
        }
    )
    body["provisional"] = json.loads(b.fields[key].value) if key in b.fields else None
    b.touched_conflicts[body["id"]] = body
    return result


def _earlier(b: _Batch, region: str, cur: _Field) -> dict[str, Any]:
    """The value already on the server as a conflict candidate, with who and when."""
    found = {
        "value": json.loads(cur.value),
        "version": cur.version,
        "site": cur.site_id,
        "ctr": cur.ctr,
    }
    if b.conn is not None:
        log = s.change_log.c
        epoch_no, seq = divmod(cur.version, EPOCH_SPAN)
        r = b.conn.execute(
            select(log.hlc, log.device_ms, log.received_ms, s.user.c.name)
            .join(s.user, s.user.c.id == log.user_id, isouter=True)
            .where(log.region == region, log.seq == seq, log.epoch_no == epoch_no)
        ).first()
        if r is not None:
            found.update(user=r.name, hlc=r.hlc, device_ms=r.device_ms, received_ms=r.received_ms)
    return found


def _value_at(conn: Connection, region: str, key: tuple[str, str, str], ver: int) -> Any:
    """The field's value at a version (the common ancestor shown in the conflict inbox)."""
    log = s.change_log.c
    epoch_no, seq = divmod(ver, EPOCH_SPAN)
    r = conn.execute(
        select(log.kind, log.value).where(
            log.region == region, log.seq == seq, log.epoch_no == epoch_no
        )
    ).first()
    if r is None:
        return None
    value = json.loads(r.value)
    return value.get(key[2]) if r.kind == OpKind.INSERT.value else value


def _later_edit_by_another(b: _Batch, op: Operation) -> _Field | None:
    for (tbl, row, name), f in b.fields.items():
        same_row = (tbl, row) == (op.table, op.row_id) and name != DELETED
        if same_row and f.version > (op.base or 0) and f.site_id != op.site_id:
            return f
    return None


def _undelete_if_raced(b: _Batch, who: Principal, op: Operation, region: str) -> None:
    """An edit made without knowing of a delete brings the record back, with a conflict."""
    key = (op.table, op.row_id, DELETED)
    gone = b.fields.get(key)
    if gone is None or gone.value in ("false", "0", "null") or gone.site_id == op.site_id:
        return
    if gone.version <= (op.base or 0):
        return
    body = b.conflicts.get(key)
    if body is None:
        body = {
            "id": secrets.token_hex(8),
            "tbl": op.table,
            "row": op.row_id,
            "field": DELETED,
            "region": region,
            "base": {"version": op.base},
            "policy": "keep_first",
            "state": "open",
            "created_ms": b.now_ms,
            "candidates": [
                {
                    "value": json.loads(gone.value),
                    "version": gone.version,
                    "site": gone.site_id,
                    "ctr": gone.ctr,
                }
            ],
        }
        b.conflicts[key] = body
        b.new_conflicts.add(body["id"])
    seq = b.next_seq(region)
    ver = version(b.epoch_no, seq)
    gone.value, gone.version, gone.site_id, gone.ctr, gone.dirty = "0", ver, None, None, True
    b.log.append(
        {
            "region": region,
            "seq": seq,
            "epoch_no": b.epoch_no,
            "kind": OpKind.SET.value,
            "tbl": op.table,
            "row_id": op.row_id,
            "field": DELETED,
            "value": "0",
            "status": Status.CONFLICT.value,
            "version": ver,
            "base": None,
            "site_id": None,
            "ctr": None,
            "op_hash": None,
            "user_id": who.user_id,
            "hlc": None,
            "device_ms": None,
            "received_ms": b.now_ms,
        }
    )
    body["candidates"].append(
        {
            "value": 0,
            "version": ver,
            "site": op.site_id,
            "ctr": op.ctr,
            "user": who.user_name,
            "hlc": op.hlc,
            "device_ms": op.device_ms,
            "received_ms": b.now_ms,
            "note": f"edited {op.field} without knowing of the delete",
        }
    )
    body["provisional"] = 0
    b.touched_conflicts[body["id"]] = body


def _entry(
    b: _Batch,
    who: Principal,
    op: Operation,
    region: str,
    seq: int,
    status: Status,
    ver: int,
    value: Any,
) -> dict[str, Any]:
    return {
        "region": region,
        "seq": seq,
        "epoch_no": b.epoch_no,
        "kind": op.kind.value,
        "tbl": op.table,
        "row_id": op.row_id,
        "field": op.field,
        "value": canonical(value),
        "status": status.value,
        "version": ver,
        "base": op.base,
        "site_id": op.site_id,
        "ctr": op.ctr,
        "op_hash": op.digest(),
        "user_id": who.user_id,
        "hlc": op.hlc,
        "device_ms": op.device_ms,
        "received_ms": b.now_ms,
    }


def _op_json(op: Operation) -> dict[str, Any]:
    return {
        "tbl": op.table,
        "row": op.row_id,
        "kind": op.kind.value,
        "field": op.field,
        "value": op.value,
        "base": op.base,
        "hlc": op.hlc,
        "device_ms": op.device_ms,
        "region": op.region_code,
    }


def _write(conn: Connection, b: _Batch, who: Principal) -> None:
    # Conflicts travel in the same per-village feed as the changes, after them.
    for body in b.touched_conflicts.values():
        seq = b.next_seq(body["region"])
        b.log.append(
            {
                "region": body["region"],
                "seq": seq,
                "epoch_no": b.epoch_no,
                "kind": "conflict",
                "tbl": body["tbl"],
                "row_id": body["row"],
                "field": body["field"],
                "value": canonical(body),
                "status": Status.APPLIED.value,
                "version": 0,
                "base": None,
                "site_id": None,
                "ctr": None,
                "op_hash": None,
                "user_id": who.user_id,
                "hlc": None,
                "device_ms": None,
                "received_ms": b.now_ms,
            }
        )
    _insert_many(conn, s.change_log, b.log)
    _insert_many(conn, s.row, b.new_rows)
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
    _upsert_fields(conn, changed)
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
    _insert_many(conn, s.quarantine, b.quarantined)
    for region, seq in b.heads.items():
        conn.execute(update(s.village).where(s.village.c.region == region).values(seq=seq))


def _insert_many(
    conn: Connection, table: Any, rows: list[dict[str, Any]], *, upsert: Sequence[str] = ()
) -> None:
    """Insert many rows in one statement with constant SQL: on PostgreSQL from one JSON
    parameter (``json_populate_recordset`` takes the column types from the table), on SQLite by executemany (in-process, so already cheap). With ``upsert``
    (the primary key columns), existing rows take the new values."""
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
        conn.exec_driver_sql(
            f"INSERT INTO {table.name} ({names}) VALUES ({marks}){tail}",
            [tuple(r[c] for c in columns) for r in rows],
        )


def _upsert_fields(conn: Connection, rows: list[dict[str, Any]]) -> None:
    _insert_many(conn, s.field, rows, upsert=("tbl", "row_id", "field"))


def _chunks(items: Sequence[Any]) -> Iterable[Sequence[Any]]:
    items = list(items)
    for i in range(0, len(items), CHUNK):
        yield items[i : i + CHUNK]


# --- reading ---------------------------------------------------------------------------

EFFECTIVE = (Status.APPLIED.value, Status.CONFLICT.value)
KIND_CODE = {"insert": 0, "set": 1, "conflict": 2}


def heads_in_scope(conn: Connection, who: Principal) -> dict[str, int]:
    v = s.village.c
    prefixes = [who.region[:n] for n in (6, 9, 12) if n < len(who.region)]
    query = select(v.region, v.seq).where(
        or_(v.region.like(who.region + "%"), v.region.in_(prefixes))
    )
    return {r.region: r.seq for r in conn.execute(query)}


def pull(
    conn: Connection,
    who: Principal,
    cursors: dict[str, int],
    *,
    limit: int,
    max_bytes: int,
    site_id: str | None = None,
    mine: int | None = None,
) -> dict[str, Any]:
    """Changes in the caller's scope after its cursors, oldest first, village by village.

    The caller's own changes are left out (it has them, and their versions came with the
    acknowledgement); its cursor still moves past them. With ``mine`` (the highest
    counter the laptop holds as acknowledged) only those are left out: a copy of the
    store file on another laptop may have sent later ones under the same site id."""
    heads = heads_in_scope(conn, who)
    pages = []
    budget, size = limit, 0
    more = False
    log = s.change_log.c
    for region in sorted(heads):
        after, head = int(cursors.get(region, 0)), heads[region]
        if after >= head:
            continue
        if budget <= 0 or size >= max_bytes:
            more = True
            break
        query = (
            select(log.seq, log.epoch_no, log.kind, log.tbl, log.row_id, log.field, log.value)
            .where(
                log.region == region,
                log.seq > after,
                log.seq <= head,
                log.status.in_(EFFECTIVE),
                or_(
                    log.site_id.is_(None),
                    log.site_id != (site_id or ""),
                    log.ctr > (mine if mine is not None else log.ctr),
                ),
            )
            .order_by(log.seq)
            .limit(budget)
        )
        entries: list[list[Any]] = []
        wanted = budget
        for r in conn.execute(query):
            entries.append(
                [
                    r.seq,
                    r.epoch_no,
                    KIND_CODE[r.kind],
                    r.tbl,
                    r.row_id,
                    r.field,
                    json.loads(r.value),
                ]
            )
            size += len(r.value) + len(r.row_id) + 24
            if size >= max_bytes:
                break
        budget -= len(entries)
        complete = len(entries) < wanted and size < max_bytes
        to = head if complete or not entries else entries[-1][0]
        if not complete:
            more = True
        pages.append({"r": region, "to": to, "e": entries})
    return {"pages": pages, "more": more}


def stale(heads: dict[str, int], cursors: dict[str, int]) -> list[str]:
    return sorted(r for r, seq in heads.items() if seq > int(cursors.get(r, 0)))


def resolve(
    db: Database,
    conn: Connection,
    who: Principal,
    conflict_id: str,
    value: Any,
    *,
    epoch_no: int,
    now_ms: int,
) -> dict[str, Any]:
    """Close a conflict with the value someone chose (or typed); repeating it is harmless."""
    found = conn.execute(db.lock(s.conflict, s.conflict.c.id == conflict_id)).first()
    if found is None:
        raise SyncRefused(404, "unknown_conflict", "no such conflict")
    if not who.can_write(found.region):
        raise SyncRefused(403, "out_of_scope", "this conflict is outside the user's region")
    body = json.loads(found.body)
    if body["state"] != "open":
        return body
    heads = _lock_villages(db, conn, [found.region])
    key = (found.tbl, found.row_id, found.field)
    f = s.field.c
    cur = conn.execute(
        select(f.value, f.version, f.site_id, f.ctr).where(
            f.tbl == key[0], f.row_id == key[1], f.field == key[2]
        )
    ).first()
    b = _Batch(
        epoch_no,
        now_ms,
        heads,
        {(found.tbl, found.row_id): found.region},
        {key: _Field(cur.value, cur.version, cur.site_id, cur.ctr)} if cur else {},
        {},
    )
    value_json = canonical(value)
    entry_ver = None
    if cur is None or cur.value != value_json:
        seq = b.next_seq(found.region)
        entry_ver = version(epoch_no, seq)
        if cur is None:
            b.fields[key] = _Field(value_json, entry_ver, None, None, new=True)
        else:
            fld = b.fields[key]
            fld.value, fld.version, fld.site_id, fld.ctr, fld.dirty = (
                value_json,
                entry_ver,
                None,
                None,
                True,
            )
        b.log.append(
            {
                "region": found.region,
                "seq": seq,
                "epoch_no": epoch_no,
                "kind": "set",
                "tbl": key[0],
                "row_id": key[1],
                "field": key[2],
                "value": value_json,
                "status": Status.APPLIED.value,
                "version": entry_ver,
                "base": None,
                "site_id": None,
                "ctr": None,
                "op_hash": None,
                "user_id": who.user_id,
                "hlc": None,
                "device_ms": None,
                "received_ms": now_ms,
            }
        )
    body.update(
        state="resolved",
        provisional=value,
        resolution={"value": value, "user": who.user_name, "at_ms": now_ms},
    )
    b.touched_conflicts[body["id"]] = body
    _write(conn, b, who)
    return body


def quarantine_in_scope(
    conn: Connection, who: Principal, *, site_id: str | None = None
) -> list[dict[str, Any]]:
    q = s.quarantine.c
    query = select(q.id, q.site_id, q.ctr, q.region, q.op, q.reason, q.received_ms).order_by(q.id)
    if site_id is not None:
        query = query.where(q.site_id == site_id)
    out = []
    for r in conn.execute(query):
        if site_id is None and who.region and not (r.region and who.can_read(r.region)):
            continue
        out.append(
            {
                "id": r.id,
                "site": r.site_id,
                "ctr": r.ctr,
                "region": r.region,
                "op": json.loads(r.op),
                "reason": r.reason,
                "received_ms": r.received_ms,
            }
        )
    return out


def counts(conn: Connection) -> dict[str, int]:
    return {
        "changes": conn.execute(select(func.count()).select_from(s.change_log)).scalar_one(),
        "conflicts_open": conn.execute(
            select(func.count()).select_from(s.conflict).where(s.conflict.c.state == "open")
        ).scalar_one(),
        "quarantined": conn.execute(select(func.count()).select_from(s.quarantine)).scalar_one(),
    }
