"""Applying an operation that passed the rules: field by field against its base version.

The base is current, or the last writer was this same laptop -> applied; the same value
-> nothing to do; otherwise a conflict that keeps every value, with the later-received
one shown meanwhile (or the first one, for the registry's keep-first fields). A delete
racing an edit keeps the record. A reporter's identity is kept apart from the record
(``confidential``): it never enters the change log other laptops pull.
"""

from __future__ import annotations

import json
import secrets
from typing import Any

from sqlalchemy import select

from childcare_desktop.core.entities import entity
from childcare_desktop.core.roles import Permission

from ...protocol import (
    DELETED,
    EPOCH_SPAN,
    ConflictPolicy,
    Operation,
    OpKind,
    Status,
    canonical,
    version,
)
from .. import schema as s
from ..principal import Principal
from .state import Batch, FieldState
from .write import entry


def apply(b: Batch, who: Principal, op: Operation) -> list[Any]:
    """Apply an operation the rules let through; the laptop's result for it."""
    if op.kind is OpKind.INSERT:
        return _insert(b, who, op)
    return _set(b, who, op)


def _insert(b: Batch, who: Principal, op: Operation) -> list[Any]:
    region = op.region_code
    seq = b.next_seq(region)
    ver = version(b.epoch_no, seq)
    b.rows[(op.table, op.row_id)] = region
    b.new_rows.append(
        {
            "tbl": op.table,
            "row_id": op.row_id,
            "region": region,
            "op_hash": op.digest(),
            "version": ver,
        }
    )
    e = entity(op.table)
    hidden = {f.name for f in e.fields if f.readers is Permission.SEE_REPORTER} if e else set()
    shared = {k: v for k, v in op.value.items() if k not in hidden}
    for name, value in op.value.items():
        if name in hidden:
            if value is not None:
                b.secrets.append(_secret(b, who, op, name, value))
            continue
        b.fields[(op.table, op.row_id, name)] = FieldState(
            canonical(value), ver, op.site_id, op.ctr, new=True
        )
    b.log.append(
        entry(
            b,
            who,
            region=region,
            seq=seq,
            kind=OpKind.INSERT.value,
            table=op.table,
            row_id=op.row_id,
            field=None,
            value=canonical(shared),
            status=Status.APPLIED,
            version=ver,
            op=op,
        )
    )
    return [op.ctr, Status.APPLIED.value, ver]


def _secret(b: Batch, who: Principal, op: Operation, name: str, value: Any) -> dict[str, Any]:
    return {
        "tbl": op.table,
        "row_id": op.row_id,
        "field": name,
        "value": canonical(value),
        "site_id": op.site_id,
        "user_id": who.user_id,
        "received_ms": b.now_ms,
    }


def _set(b: Batch, who: Principal, op: Operation) -> list[Any]:
    assert op.field is not None
    region = b.rows[(op.table, op.row_id)]
    key = (op.table, op.row_id, op.field)
    value = canonical(op.value)
    cur = b.fields.get(key)
    own_later = cur is not None and cur.site_id == op.site_id and (cur.ctr or 0) < op.ctr
    if op.field == DELETED and op.value:
        rival = _later_edit_by_another(b, op)
        if rival is not None:  # a delete racing an edit: the record stays, flagged
            return _conflict(b, who, op, region, key, cur, value, keep=True)
    e = entity(op.table)
    group = e.group_of(op.field) if e is not None else None
    if group is not None:  # made over the whole group: any later change of it races
        rival = _group_rival(b, op, group.fields)
        current = rival is None
    else:
        current = cur is None or cur.version == op.base or own_later
    if current:
        result = _write_field(b, who, op, region, key, value, Status.APPLIED)
        if key in b.conflicts:  # still open: this site's latest value is what it offers
            _offer(b, who, op, key, result)
    elif cur is not None and cur.value == value:
        b.log.append(_logged(b, who, op, region, Status.UNCHANGED, cur.version, value))
        result = [op.ctr, Status.UNCHANGED.value, cur.version]
    else:
        keep = group is not None or (e is not None and op.field in e.keep_first)
        result = _conflict(b, who, op, region, key, cur, value, keep=keep)
        if group is not None:
            b.conflicts[key]["group"] = group.lead
    if op.field != DELETED:
        _undelete_if_raced(b, who, op, region)
    return result


def unchanged(b: Batch, who: Principal, op: Operation, region: str, ver: int) -> dict[str, Any]:
    """The log's entry for an operation the server already held as it is."""
    return _logged(b, who, op, region, Status.UNCHANGED, ver, canonical(op.value))


def _logged(
    b: Batch, who: Principal, op: Operation, region: str, status: Status, ver: int, value: str
) -> dict[str, Any]:
    return entry(
        b,
        who,
        region=region,
        kind=op.kind.value,
        table=op.table,
        row_id=op.row_id,
        field=op.field,
        value=value,
        status=status,
        version=ver,
        op=op,
    )


def _write_field(
    b: Batch,
    who: Principal,
    op: Operation,
    region: str,
    key: tuple[str, str, str],
    value: str,
    status: Status,
) -> list[Any]:
    logged = _logged(b, who, op, region, status, 0, value)
    ver = logged["version"] = version(b.epoch_no, logged["seq"])
    cur = b.fields.get(key)
    if cur is None:
        b.fields[key] = FieldState(value, ver, op.site_id, op.ctr, new=True)
    else:
        cur.value, cur.version, cur.site_id, cur.ctr, cur.dirty = (
            value,
            ver,
            op.site_id,
            op.ctr,
            True,
        )
    b.log.append(logged)
    return [op.ctr, status.value, ver]


def _conflict(
    b: Batch,
    who: Principal,
    op: Operation,
    region: str,
    key: tuple[str, str, str],
    cur: FieldState | None,
    value: str,
    *,
    keep: bool,
) -> list[Any]:
    """Concurrent edits of one field to different values (``value``: the operation's,
    canonical): keep every value."""
    body = b.conflicts.get(key)
    if body is None:
        body = new_conflict(b, key, region, op.base, keep=keep)
        if cur is not None:
            body["candidates"].append(_earlier(b, region, cur))
        if b.conn is not None and op.base is not None:
            body["base"]["value"] = _value_at(b, region, key, op.base)
    if keep:
        ver = cur.version if cur is not None else 0
        kept = json.loads(cur.value) if cur is not None else None
        b.log.append(_logged(b, who, op, region, Status.KEPT, ver, canonical(kept)))
        result = [op.ctr, Status.KEPT.value, ver, kept]
    else:
        result = _write_field(b, who, op, region, key, value, Status.CONFLICT)
    _offer(b, who, op, key, result)
    return result


def _offer(
    b: Batch, who: Principal, op: Operation, key: tuple[str, str, str], result: list[Any]
) -> None:
    """Record ``op``'s value among its open conflict's candidates: one per site, its
    latest (a laptop that wrote A then B offers B: every site's last write of the field
    is shown or offered), and what the field shows now."""
    body = b.conflicts[key]
    candidate = {
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
    others = [c for c in body["candidates"] if c.get("site") != op.site_id]
    body["candidates"] = [*others, candidate]
    body["provisional"] = json.loads(b.fields[key].value) if key in b.fields else None
    b.touched_conflicts[body["id"]] = body


def new_conflict(
    b: Batch, key: tuple[str, str, str], region: str, base: int | None, *, keep: bool
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "id": secrets.token_hex(8),
        "tbl": key[0],
        "row": key[1],
        "field": key[2],
        "region": region,
        "base": {"version": base},
        "candidates": [],
        "policy": (ConflictPolicy.KEEP_FIRST if keep else ConflictPolicy.LWW).value,
        "state": "open",
        "created_ms": b.now_ms,
    }
    b.conflicts[key] = body
    b.new_conflicts.add(body["id"])
    return body


def _earlier(b: Batch, region: str, cur: FieldState) -> dict[str, Any]:
    """The value already on the server as a conflict candidate, with who and when."""
    found: dict[str, Any] = {
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


def _value_at(b: Batch, region: str, key: tuple[str, str, str], ver: int) -> Any:
    """The field's value at a version (the common ancestor shown in the conflict inbox)."""
    assert b.conn is not None
    log = s.change_log.c
    epoch_no, seq = divmod(ver, EPOCH_SPAN)
    r = b.conn.execute(
        select(log.kind, log.value).where(
            log.region == region, log.seq == seq, log.epoch_no == epoch_no
        )
    ).first()
    if r is None:
        return None
    value = json.loads(r.value)
    return value.get(key[2]) if r.kind == OpKind.INSERT.value else value


def _group_rival(b: Batch, op: Operation, fields: tuple[str, ...]) -> FieldState | None:
    """A change of the group made after ``op``'s base by anyone but its own laptop."""
    for name in fields:
        f = b.fields.get((op.table, op.row_id, name))
        if f is not None and f.version > (op.base or 0) and f.site_id != op.site_id:
            return f
    return None


def _later_edit_by_another(b: Batch, op: Operation) -> FieldState | None:
    for (tbl, row, name), f in b.fields.items():
        same_row = (tbl, row) == (op.table, op.row_id) and name != DELETED
        if same_row and f.version > (op.base or 0) and f.site_id != op.site_id:
            return f
    return None


def _undelete_if_raced(b: Batch, who: Principal, op: Operation, region: str) -> None:
    """An edit made without knowing of a delete brings the record back, with a conflict."""
    key = (op.table, op.row_id, DELETED)
    gone = b.fields.get(key)
    if gone is None or gone.value in ("false", "0", "null") or gone.site_id == op.site_id:
        return
    if gone.version <= (op.base or 0):
        return
    body = b.conflicts.get(key)
    if body is None:
        body = new_conflict(b, key, region, op.base, keep=True)
        body["candidates"].append(
            {
                "value": json.loads(gone.value),
                "version": gone.version,
                "site": gone.site_id,
                "ctr": gone.ctr,
            }
        )
    logged = entry(
        b,
        who,
        region=region,
        kind=OpKind.SET.value,
        table=op.table,
        row_id=op.row_id,
        field=DELETED,
        value="0",
        status=Status.CONFLICT,
        version=0,
    )
    ver = logged["version"] = version(b.epoch_no, logged["seq"])
    b.log.append(logged)
    gone.value, gone.version, gone.site_id, gone.ctr, gone.dirty = "0", ver, None, None, True
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
