"""Closing a conflict with the value someone chose (or typed)."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy.engine import Connection

from childcare_desktop.core.roles import Permission

from ...protocol import Operation, OpKind, Status, canonical, version
from .. import schema as s
from ..db import Database
from ..errors import SyncRefused
from ..principal import Principal
from .rules import refusal
from .state import FieldState, load
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
    value_json = canonical(value)
    cur = b.fields.get(key)
    if cur is None or cur.value != value_json:
        logged = entry(
            b,
            who,
            region=found.region,
            kind=OpKind.SET.value,
            table=key[0],
            row_id=key[1],
            field=key[2],
            value=value_json,
            status=Status.APPLIED,
            version=0,
        )
        ver = logged["version"] = version(epoch_no, logged["seq"])
        b.log.append(logged)
        if cur is None:
            b.fields[key] = FieldState(value_json, ver, None, None, new=True)
        else:
            cur.value, cur.version, cur.site_id, cur.ctr, cur.dirty = (
                value_json,
                ver,
                None,
                None,
                True,
            )
    body.update(
        state="resolved",
        provisional=value,
        resolution={"value": value, "user": who.user_name, "at_ms": now_ms},
    )
    b.touched_conflicts[body["id"]] = body
    write(conn, b, who)
    return body
