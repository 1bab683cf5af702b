"""Closing a conflict with the value someone chose (or typed)."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy.engine import Connection

from childcare_desktop.core.entities import Group, entity
from childcare_desktop.core.roles import Permission

from ...protocol import Operation, OpKind, Status, canonical, version
from .. import schema as s
from ..db import Database
from ..errors import SyncRefused
from ..principal import Principal
from .rules import refusal
from .state import Batch, FieldState, load
from .write import entry, write


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
    """Close a conflict; repeating it is harmless. A value the field's rules refuse (or a
    reference outside the village) leaves the conflict open: the answer is the conflict
    as it stands, with ``refused`` saying why, so the laptop shows it again."""
    found = conn.execute(db.lock(s.conflict, s.conflict.c.id == conflict_id)).first()
    if found is None:
        raise SyncRefused(404, "unknown_conflict", "no such conflict")
    if not who.may(Permission.RESOLVE) or not who.can_write(found.region):
        raise SyncRefused(403, "out_of_scope", "this conflict is outside the user's region")
    body: dict[str, Any] = json.loads(found.body)
    if body["state"] != "open":
        return body
    choice = Operation("", 0, found.tbl, found.row_id, OpKind.SET, found.field, value, "", 0, 0)
    b = load(db, conn, [choice], epoch_no=epoch_no, now_ms=now_ms)
    refused = refusal(b, who, choice)
    if refused is not None:
        return {**body, "refused": refused.hold.encode()}
    key = (found.tbl, found.row_id, found.field)
    _close(b, who, found.region, key, body, value, now_ms)
    e = entity(found.tbl)
    group = e.group_of(found.field) if e is not None else None
    if group is not None:
        _close_group(b, who, found.region, key, body, value, now_ms, group)
    write(conn, b, who)
    return body


def _close(
    b: Batch,
    who: Principal,
    region: str,
    key: tuple[str, str, str],
    body: dict[str, Any],
    value: Any,
    now_ms: int,
) -> None:
    """Set the field to the value chosen (when it differs) and mark its conflict closed."""
    _set(b, who, region, key, value)
    body.update(
        state="resolved",
        provisional=value,
        resolution={"value": value, "user": who.user_name, "at_ms": now_ms},
    )
    b.touched_conflicts[body["id"]] = body


def _set(b: Batch, who: Principal, region: str, key: tuple[str, str, str], value: Any) -> None:
    value_json = canonical(value)
    cur = b.fields.get(key)
    if cur is not None and cur.value == value_json:
        return
    logged = entry(
        b,
        who,
        region=region,
        kind=OpKind.SET.value,
        table=key[0],
        row_id=key[1],
        field=key[2],
        value=value_json,
        status=Status.APPLIED,
        version=0,
    )
    ver = logged["version"] = version(b.epoch_no, logged["seq"])
    b.log.append(logged)
    if cur is None:
        b.fields[key] = FieldState(value_json, ver, None, None, new=True)
    else:
        cur.value, cur.version, cur.site_id, cur.ctr, cur.dirty = value_json, ver, None, None, True


def _close_group(
    b: Batch,
    who: Principal,
    region: str,
    key: tuple[str, str, str],
    body: dict[str, Any],
    value: Any,
    now_ms: int,
    group: Group,
) -> None:
    """A group merges as one: the laptop whose value was chosen has its values of the
    group's other open conflicts chosen too (the rest keep what they show), and the
    fields the resulting state leaves empty are emptied, so the record stays valid."""
    chosen = canonical(value)
    site = next(
        (c.get("site") for c in body["candidates"] if canonical(c.get("value")) == chosen), None
    )
    table, row_id, _ = key
    for (tbl, row, name), other in list(b.conflicts.items()):
        if (tbl, row) != (table, row_id) or name not in group.fields or other["id"] == body["id"]:
            continue
        if other.get("state") != "open":
            continue
        mine = [c for c in other["candidates"] if site is not None and c.get("site") == site]
        pick = mine[-1]["value"] if mine else b.current(tbl, row, name)
        _close(b, who, region, (tbl, row, name), other, pick, now_ms)
    values = {name: b.current(table, row_id, name) for name in group.fields}
    empty = dict(group.clears).get(str(values.get(group.lead)), ())
    for name in empty:
        if values.get(name) not in (None, ""):
            _set(b, who, region, (table, row_id, name), None)
