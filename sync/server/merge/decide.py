"""The county decides a transfer on the server itself (``childcare-server transfers``).

Across townships no supervisor's laptop covers both villages, and the county works the
server, not a laptop: its decision takes the path a device's takes. The decision's
fields (``state``, ``decided_by``, ``decided_on``, ``decision_note``) are checked by
the same rules (``rules.refusal``, with the transfer's own) and written as the server's
own changes in the old village's feed; an acceptance then moves the child's file in the
same transaction (``moving.move``). Laptops receive both by sync exactly as if a
supervisor had decided.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy.engine import Connection

from childcare_desktop.core.roles import Role
from childcare_desktop.core.vocab import TransferState

from ...protocol import Operation, OpKind, Status, canonical, version
from ..db import Database
from ..errors import SyncRefused
from ..principal import Principal
from . import moving
from .rules import refusal
from .state import Batch, FieldState, load
from .transfers import TRANSFER, value_of
from .write import entry, write


class NotAsked(SyncRefused):
    """The transfer is unknown, or no longer asked for (``state``: what it is now)."""

    def __init__(self, transfer_id: str, state: str | None) -> None:
        if state is None:
            code, text = "unknown_transfer", f"没有这个转移申请 / no transfer {transfer_id}"
        else:
            code = "transfer_decided"
            text = (
                f"转移 {transfer_id} 已不是待处理状态（{state}），不能再处理 / "
                f"transfer {transfer_id} is no longer asked for ({state}): it cannot be decided"
            )
        super().__init__(404 if state is None else 409, code, text)
        self.state = state


def decide(
    db: Database,
    conn: Connection,
    transfer_id: str,
    *,
    accept: bool,
    by: str,
    note: str,
    decided_on: date,
    epoch_no: int,
    now_ms: int,
) -> dict[str, Any]:
    """Accept or refuse a transfer still asked for, in the county's name (``by``: who
    decided); its fields as they now stand. Raises :class:`NotAsked`, or
    ``SyncRefused(400)`` for a value the transfer's fields refuse (a name too long)."""
    state = TransferState.ACCEPTED if accept else TransferState.REFUSED
    values = {
        "state": state.value,
        "decided_by": by.strip() or None,
        "decided_on": decided_on.isoformat(),
        "decision_note": note.strip() or None,
    }
    ops = [_op(transfer_id, name, value) for name, value in values.items()]
    # The new village is locked with the old one, as a push that accepts locks it.
    b = load(db, conn, ops, epoch_no=epoch_no, now_ms=now_ms, also=moving.targets(conn, ops))
    from_region = b.rows.get((TRANSFER, transfer_id))
    now = value_of(b, transfer_id, "state") if from_region is not None else None
    if from_region is None or now != TransferState.REQUESTED.value:
        raise NotAsked(transfer_id, None if from_region is None else str(now))
    who = Principal("", 0, values["decided_by"] or "county", Role.COUNTY_ADMIN, from_region[:6])
    for op in ops:  # each checked over the one before it, as a device's batch is (the
        # decision's details only once its state is set); a refusal rolls the whole back
        refused = refusal(b, who, op)
        if refused is not None:
            raise SyncRefused(
                400,
                "refused",
                f"服务器拒绝此值 / the server refuses this value: {refused.hold.encode()}",
            )
        _set(b, who, from_region, op)
    if accept:
        child_id = str(value_of(b, transfer_id, "child_id"))
        to_region = str(value_of(b, transfer_id, "to_region"))
        moving.flush(conn, b, who)  # the move reads the database: the decision goes first
        moving.move(conn, b, who, transfer_id, child_id, from_region, to_region)
    write(conn, b, who)
    return {name: value_of(b, transfer_id, name) for name in values}


def _op(transfer_id: str, name: str, value: Any) -> Operation:
    return Operation("", 0, TRANSFER, transfer_id, OpKind.SET, name, value, "", 0, 0)


def _set(b: Batch, who: Principal, region: str, op: Operation) -> None:
    """The field set by the server itself (no site, no counter), like a resolution."""
    key = (op.table, op.row_id, op.field or "")
    value_json = canonical(op.value)
    cur = b.fields.get(key)
    if cur is not None and cur.value == value_json:
        return
    logged = entry(
        b,
        who,
        region=region,
        kind=OpKind.SET.value,
        table=op.table,
        row_id=op.row_id,
        field=op.field,
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
