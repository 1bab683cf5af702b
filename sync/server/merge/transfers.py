"""A transfer's own rules, checked by the server besides the registry's.

Asking (an insert) needs REQUEST_TRANSFER over the village the child is in (the
registry's ``writers`` and the record's scope): the child must be there, the new village
another one of the same county. Deciding (``state`` to accepted or refused) needs
ACCEPT_TRANSFER over both villages: a township's supervisor within the township, the
county across townships. Only a transfer still asked for is decided or withdrawn: two
decisions made at once do not merge, the later one is set aside.
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from sqlalchemy import func, select

from childcare_desktop.core.roles import Permission, in_scope
from childcare_desktop.core.vocab import TransferState

from ...protocol import Hold, Operation, OpKind, Refusal
from .. import schema as s
from ..principal import Principal
from .state import Batch, FieldState, known

TRANSFER = "transfer"
DECIDED = frozenset({TransferState.ACCEPTED.value, TransferState.REFUSED.value})
# Fields that say how it was decided: set by who decided, with the state.
DECISION = frozenset({"decided_by", "decided_on", "decision_note"})


def may_decide(who: Principal, from_region: str, to_region: str) -> bool:
    """Whether ``who`` may accept or refuse a move from one village to another."""
    return (
        who.may(Permission.ACCEPT_TRANSFER)
        and in_scope(who.region, to_region)
        and in_scope(who.region, from_region)
    )


def refusal(b: Batch, who: Principal, op: Operation) -> Hold | None:
    """Why a change of a transfer breaks its rules, or None (other tables: None)."""
    if op.table != TRANSFER:
        return None
    if op.kind is OpKind.INSERT:
        return _asked(b, op)
    region = b.rows.get((op.table, op.row_id))
    state = value_of(b, op.row_id, "state")
    if region is None:
        return None
    if state != TransferState.REQUESTED.value:
        # Who decided (or withdrew) says who, when and why, after the state itself.
        # (The county's decision is the server's own: no site, "" in its operations.)
        decider = b.fields[(TRANSFER, op.row_id, "state")].site_id or ""
        if op.field in DECISION and decider == op.site_id:
            return None
        return Hold(Refusal.NOT_PERMITTED, op.field)
    if op.field == "state":
        to_region = str(value_of(b, op.row_id, "to_region") or "")
        if op.value == TransferState.ACCEPTED.value and not _still_there(b, op.row_id, region):
            # The child left the village since it was asked (another transfer of it was
            # accepted): accepting this one would move nothing, yet read 已接收.
            return Hold(Refusal.MISSING_PARENT, "child_id")
        if op.value in DECIDED and may_decide(who, region, to_region):
            return None
        if op.value == TransferState.CANCELLED.value:
            return None
        return Hold(Refusal.NOT_PERMITTED, "state")
    if op.field in DECISION:  # who decided, before anyone has (as the insert may not)
        return Hold(Refusal.NOT_PERMITTED, op.field)
    return None


def over_current(b: Batch, op: Operation) -> Operation:
    """A transfer's state is decided once, over what the server holds: the rules let a
    decision through only while it is still asked for, so it is never a concurrent edit
    (it never opens a conflict, whose later resolution could undo a move)."""
    if op.table != TRANSFER or op.kind is not OpKind.SET or op.field != "state":
        return op
    if value_of(b, op.row_id, "state") != TransferState.REQUESTED.value:
        return op
    current = b.fields[(TRANSFER, op.row_id, "state")].version
    return op if op.base == current else dataclasses.replace(op, base=current)


def _asked(b: Batch, op: Operation) -> Hold | None:
    value, region = op.value, op.region_code
    to_region = value.get("to_region")
    if value.get("state", TransferState.REQUESTED.value) != TransferState.REQUESTED.value:
        return Hold(Refusal.NOT_PERMITTED, "state")
    if any(value.get(name) not in (None, "") for name in ("decided_by", "decided_on")):
        return Hold(Refusal.NOT_PERMITTED, "decided_by")
    if not (
        isinstance(to_region, str)
        and to_region.isascii()
        and to_region.isdigit()
        and len(to_region) == 12
        and to_region[:6] == region[:6]
        and to_region != region
        and _a_named_village(b, to_region)
    ):
        return Hold(Refusal.INVALID, "to_region", "bad_region")
    if region_of(b, str(value.get("child_id"))) != region:
        return Hold(Refusal.MISSING_PARENT, "child_id")
    return None


def _a_named_village(b: Batch, code: str) -> bool:
    """Whether ``code`` is one of the villages the county has named, once it has named
    any of that township's (before it has, any village of the county may be asked for:
    a county that has not imported its names can still move a family)."""
    if b.conn is None:
        return True
    r = s.region.c
    named = select(r.code).where(r.code.like(code[:9] + "%"), func.length(r.code) == 12)
    found = {row.code for row in b.conn.execute(named.limit(5000))}
    return not found or code in found


def _still_there(b: Batch, transfer_id: str, region: str) -> bool:
    return region_of(b, str(value_of(b, transfer_id, "child_id"))) == region


def region_of(b: Batch, child_id: str) -> str | None:
    """Where the child is filed (``child_id`` is no reference: the batch may not have
    read it)."""
    key = ("child", child_id)
    if key not in b.rows and b.conn is not None and known(*key):
        r = s.row.c
        found = b.conn.execute(select(r.region).where(r.tbl == key[0], r.row_id == key[1])).scalar()
        if found is not None:
            b.rows[key] = found
    return b.rows.get(key)


def value_of(b: Batch, transfer_id: str, name: str) -> Any:
    """A field of a transfer as the batch knows it, read from the database when the
    batch has not (an edit of its state reads where it goes)."""
    key = (TRANSFER, transfer_id, name)
    if key not in b.fields and b.conn is not None:
        f = s.field.c
        found = b.conn.execute(
            select(f.value, f.version, f.site_id, f.ctr).where(
                f.tbl == TRANSFER, f.row_id == transfer_id, f.field == name
            )
        ).first()
        if found is None:
            return None
        b.fields[key] = FieldState(found.value, found.version, found.site_id, found.ctr)
    return json.loads(b.fields[key].value) if key in b.fields else None
