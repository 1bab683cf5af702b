"""A transfer applied: the child's whole file moves to another village's feed.

When the server applies a transfer's acceptance it moves the file in the same
transaction: every record of the child (the child, what it owns, and what those own, by
the registry's owners) is filed under the new village; the new village's feed gets each
record whole, as an insert with its current values (and its open conflicts); the old
village's feed gets one scope exit (:data:`~sync.protocol.EntryKind.EXIT`). Both carry
the move's number among the child's moves (the exit's body ``n``, each insert's flag
``moved|n``, :data:`~sync.protocol.FLAG_MOVED`): a laptop that pulls several villages'
feeds applies the moves in that order, whatever order it reads the feeds in. Nothing is
copied, nothing is deleted: the records are the same, in another village. Their fields
take the version of their insert in the new feed (versions are per village); the
versions they had are kept (``moved``), for edits the old village made before it learnt
of the move (see :mod:`.late`).
"""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

from sqlalchemy import delete, distinct, func, select, update
from sqlalchemy.engine import Connection

from childcare_desktop.core.entities import ENTITIES
from childcare_desktop.core.vocab import TransferState

from ...protocol import FLAG_MOVED, Operation, OpKind, Status, canonical, version
from .. import duplicates
from .. import schema as s
from ..principal import Principal
from .state import Batch, _fetch
from .transfers import value_of
from .write import entry, insert_many, write

EXIT = "exit"
TRANSFER = "transfer"


def remember_cursors(conn: Connection, site_id: str, cursors: dict[str, int]) -> None:
    """Keep what a site says it has pulled of each village (at its hello)."""
    conn.execute(delete(s.site_cursor).where(s.site_cursor.c.site_id == site_id))
    rows = [
        {"site_id": site_id, "region": r, "seq": int(seq)}
        for r, seq in cursors.items()
        if r.isascii() and r.isdigit() and len(r) in (6, 9, 12)
    ]
    insert_many(conn, s.site_cursor, rows)


def targets(conn: Connection, ops: list[Operation]) -> set[str]:
    """The villages an acceptance among ``ops`` would move a file into (locked with the
    batch's own, in the one order of every push)."""
    rows = {
        (TRANSFER, op.row_id, "to_region")
        for op in ops
        if op.table == TRANSFER and op.kind is OpKind.SET and op.field == "state"
    }
    columns = ("tbl", "row_id", "field", "value")
    found = _fetch(conn, s.field, ("tbl", "row_id", "field"), rows, columns)
    held = {v for r in found if isinstance(v := json.loads(r.value), str)}
    asked = {  # asked for in this very batch
        v
        for op in ops
        if op.table == TRANSFER and op.kind is OpKind.INSERT and isinstance(op.value, dict)
        if isinstance(v := op.value.get("to_region"), str)
    }
    return {r for r in held | asked if r.isascii() and r.isdigit() and len(r) == 12}


def after(conn: Connection, b: Batch, who: Principal, op: Operation, result: list[Any]) -> bool:
    """Move the child's file once a transfer's acceptance has been applied (True: the
    batch's state changed under it)."""
    accepted = op.table == TRANSFER and op.field == "state" and op.value == TransferState.ACCEPTED
    if not accepted or result[1] != Status.APPLIED.value:
        return False
    child_id = value_of(b, op.row_id, "child_id")
    to_region = value_of(b, op.row_id, "to_region")
    from_region = b.rows[(TRANSFER, op.row_id)]
    flush(conn, b, who)  # the move reads the database: what the batch did goes first
    move(conn, b, who, op.row_id, str(child_id), from_region, str(to_region))
    return True


def flush(conn: Connection, b: Batch, who: Principal) -> None:
    """Write what the batch decided so far, and go on from there (its log is looked at
    for duplicates now: the push's end sees only what comes after)."""
    write(conn, b, who)
    duplicates.after_push(conn, b.log, who, b.now_ms)
    for items in (b.log, b.new_rows, b.held, b.secrets):
        items.clear()
    b.touched_conflicts.clear()
    b.new_conflicts.clear()
    for f in b.fields.values():
        f.new = f.dirty = False


def file_of(conn: Connection, child_id: str) -> list[tuple[str, str]]:
    """The child's record and every record of its file, parents first."""
    ids: dict[str, set[str]] = {"child": {child_id}}
    rows = [("child", child_id)]
    for e in ENTITIES:
        parents = ids.get(e[e.owner].ref or "") if e.owner else None
        if not parents:
            continue
        wanted = [(e.table, str(e.owner), canonical(p)) for p in sorted(parents)]
        found = _fetch(conn, s.field, ("tbl", "field", "value"), wanted, ("row_id",))
        ids[e.table] = {r.row_id for r in found}
        rows += [(e.table, r) for r in sorted(ids[e.table])]
    return rows


def move(
    conn: Connection,
    b: Batch,
    who: Principal,
    transfer_id: str,
    child_id: str,
    from_region: str,
    to_region: str,
) -> None:
    """Re-file the child's file under ``to_region`` (see the module's docstring)."""
    keys = file_of(conn, child_id)
    regions = {
        (r.tbl, r.row_id): r.region for r in _fetch(conn, s.row, ("tbl", "row_id"), keys, _ROW)
    }
    rows = [k for k in keys if regions.get(k) == from_region]
    if not rows:
        return
    exit_seq = b.next_seq(from_region)
    n = number(conn, child_id)
    body = canonical({"to": to_region, "transfer": transfer_id, "n": n})
    b.log.append(_server_entry(b, who, from_region, exit_seq, EXIT, ("child", child_id), body, 0))
    fields: dict[tuple[str, str], dict[str, Any]] = defaultdict(dict)
    for r in _fetch(conn, s.field, ("tbl", "row_id"), rows, _FIELD):
        fields[(r.tbl, r.row_id)][r.field] = r
    moved = []
    for key in rows:
        seq = b.next_seq(to_region)
        ver = version(b.epoch_no, seq)
        values = {name: json.loads(f.value) for name, f in fields[key].items()}
        values["region_code"] = to_region
        item = _server_entry(b, who, to_region, seq, "insert", key, canonical(values), ver)
        b.log.append({**item, "flag": f"{FLAG_MOVED}|{n}"})
        versions = {name: f.version for name, f in fields[key].items()}
        moved.append(_moved(b, key, transfer_id, from_region, to_region, exit_seq, seq, versions))
        _refile(conn, b, key, to_region, ver)
    insert_many(conn, s.moved, moved)
    _conflicts(conn, b, rows, to_region)


def number(conn: Connection, child_id: str) -> int:
    """The number of the child's next move: its moves so far, plus one (two moves of one
    child are never made at once: the second waits for the first's lock). The laptops
    apply a file's moves in this order, whatever order they pull the feeds in."""
    m = s.moved.c
    query = select(func.count(distinct(m.transfer_id))).where(
        m.tbl == "child", m.row_id == child_id
    )
    return int(conn.execute(query).scalar_one()) + 1


_ROW = ("tbl", "row_id", "region")
_FIELD = ("tbl", "row_id", "field", "value", "version")


def _server_entry(
    b: Batch,
    who: Principal,
    region: str,
    seq: int,
    kind: str,
    key: tuple[str, str],
    value: str,
    ver: int,
) -> dict[str, Any]:
    return entry(
        b,
        who,
        region=region,
        seq=seq,
        kind=kind,
        table=key[0],
        row_id=key[1],
        field=None,
        value=value,
        status=Status.APPLIED,
        version=ver,
    )


def _moved(
    b: Batch,
    key: tuple[str, str],
    transfer_id: str,
    from_region: str,
    to_region: str,
    exit_seq: int,
    seq: int,
    versions: dict[str, int],
) -> dict[str, Any]:
    return {
        "tbl": key[0],
        "row_id": key[1],
        "transfer_id": transfer_id,
        "from_region": from_region,
        "to_region": to_region,
        "exit_seq": exit_seq,
        "seq": seq,
        "epoch_no": b.epoch_no,
        "versions": canonical(versions),
        "moved_ms": b.now_ms,
    }


def _refile(conn: Connection, b: Batch, key: tuple[str, str], to_region: str, ver: int) -> None:
    """The record, its fields and what the batch holds of them, under the new village."""
    r, f = s.row.c, s.field.c
    conn.execute(update(s.row).where(r.tbl == key[0], r.row_id == key[1]).values(region=to_region))
    mine = (f.tbl == key[0]) & (f.row_id == key[1])
    conn.execute(update(s.field).where(mine).values(version=ver))
    conn.execute(
        update(s.field).where(mine, f.field == "region_code").values(value=canonical(to_region))
    )
    b.rows[key] = to_region
    for (tbl, row_id, name), state in b.fields.items():
        if (tbl, row_id) == key:
            state.version = ver
            if name == "region_code":
                state.value = canonical(to_region)


def _conflicts(conn: Connection, b: Batch, rows: list[tuple[str, str]], to_region: str) -> None:
    """Open conflicts of the file go with it, and to the new village's feed."""
    c = s.conflict.c
    for x in _fetch(conn, s.conflict, ("tbl", "row_id"), rows, ("body",), open_only=True):
        body = json.loads(x.body)
        key = (body["tbl"], body["row"], body["field"])
        body = b.conflicts.setdefault(key, body)
        body["region"] = to_region
        b.touched_conflicts[body["id"]] = body
        conn.execute(update(s.conflict).where(c.id == body["id"]).values(region=to_region))
