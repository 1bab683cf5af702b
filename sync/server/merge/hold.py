"""Quarantine, never drop: what the rules refuse is held with its reason, and what waits
for a record is applied the moment that record arrives, whatever the order.

A ledger import, a restore, or a supervisor's edit made before the village's laptop
synced can all bring a record's dependants to the server before the record itself. They
are held with ``waits_for`` naming it; when it arrives (later in the same batch, or in a
later push from anyone) each waiting operation is checked again, as its own user, and
applied: in the same batch its laptop is told "applied" at once, otherwise at its next
hello (the server no longer lists it as held).
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.engine import Connection

from childcare_desktop.core.entities import INCIDENT
from childcare_desktop.core.roles import Permission, Role

from ...protocol import Operation, OpKind, Status, canonical
from .. import schema as s
from ..principal import Principal
from .apply import apply
from .rules import Refused, refusal
from .state import Batch, chunks, extend

# Never shown to anyone but the county's administrators, even in the quarantine.
CONFIDENTIAL = {
    INCIDENT.table: frozenset(
        f.name for f in INCIDENT.fields if f.readers is Permission.SEE_REPORTER
    )
}


def hold(b: Batch, who: Principal, op: Operation, refused: Refused) -> list[Any]:
    """Set ``op`` aside; the laptop's result for it."""
    reason = refused.hold.encode()
    b.held.append(
        {
            "site_id": op.site_id,
            "ctr": op.ctr,
            "op_hash": op.digest(),
            "user_id": who.user_id,
            "region": b.rows.get((op.table, op.row_id)) or _region(op.region_code),
            "op": canonical(op_json(op)),
            "reason": reason,
            "received_ms": b.now_ms,
            "waits_for": refused.waits_for,
        }
    )
    return [op.ctr, Status.QUARANTINED.value, None, reason]


def _region(code: str) -> str | None:
    return code if code.isascii() and code.isdigit() and len(code) <= 12 else None


def release_arrivals(b: Batch, who: Principal, results: dict[int, list[Any]]) -> None:
    """Apply what this batch held waiting for a record the batch has since brought
    (its laptop's results change from held to applied). Called after each insert."""
    arrived = _arrived(b, 0)
    while arrived:
        mark = len(b.new_rows)
        for item in [h for h in b.held if h["waits_for"] in arrived]:
            op = op_from_json(item["site_id"], item["ctr"], json.loads(item["op"]))
            refused = refusal(b, who, op)
            if refused is not None:
                item.update(reason=refused.hold.encode(), waits_for=refused.waits_for)
                continue
            b.held.remove(item)
            results[op.ctr] = apply(b, who, op)
        arrived = _arrived(b, mark)


def _arrived(b: Batch, since: int) -> set[str]:
    return {f"{r['tbl']}/{r['row_id']}" for r in b.new_rows[since:]}


def release_waiting(conn: Connection, b: Batch) -> None:
    """Apply what earlier pushes (of any laptop) held waiting for a record this batch
    brought, as its own user would have; what is still refused stays, with its reason
    brought up to date."""
    q = s.quarantine.c
    arrived = sorted(_arrived(b, 0))
    released: list[int] = []
    users: dict[int, Principal | None] = {}
    while arrived:
        waiting: list[Any] = []
        for part in chunks(arrived):
            waiting += conn.execute(
                select(q.id, q.site_id, q.ctr, q.user_id, q.op).where(q.waits_for.in_(part))
            ).all()
        mark = len(b.new_rows)
        ops = {w.id: op_from_json(w.site_id, w.ctr, json.loads(w.op)) for w in waiting}
        extend(b, conn, list(ops.values()))  # their rows and what else they refer to
        for w in sorted(waiting, key=lambda w: w.id):
            op = ops[w.id]
            if w.user_id not in users:
                users[w.user_id] = user_of(conn, w.user_id)
            who = users[w.user_id]
            region = b.rows.get((op.table, op.row_id), op.region_code)
            if who is None or region not in b.heads:
                continue  # a user since disabled, or a village this batch has not locked
            refused = refusal(b, who, op)
            if refused is not None:
                conn.execute(
                    update(s.quarantine)
                    .where(q.id == w.id)
                    .values(waits_for=refused.waits_for, reason=refused.hold.encode())
                )
                continue
            apply(b, who, op)
            released.append(w.id)
        arrived = sorted(_arrived(b, mark))
    for part in chunks(released):
        conn.execute(delete(s.quarantine).where(q.id.in_(part)))


def user_of(conn: Connection, user_id: int) -> Principal | None:
    """The user of this id as they stand now (None: disabled, or no such user)."""
    u = s.user.c
    found = conn.execute(
        select(u.name, u.role, u.region).where(u.id == user_id, u.active.is_(True))
    ).first()
    role = Role.parse(found.role) if found else None
    if found is None or role is None:
        return None
    return Principal("", user_id, found.name, role, found.region)


def op_json(op: Operation) -> dict[str, Any]:
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


def op_from_json(site_id: str, ctr: int, body: dict[str, Any]) -> Operation:
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


def shown(op: dict[str, Any]) -> dict[str, Any]:
    """A held operation as a device or the county sees it: a report's reporter masked."""
    hidden = CONFIDENTIAL.get(op.get("tbl", ""), frozenset())
    value = op.get("value")
    if hidden and isinstance(value, dict):
        op = {**op, "value": {k: ("***" if k in hidden and v else v) for k, v in value.items()}}
    return op
