"""A merge of suspected duplicates the server did not take: the case was decided first
elsewhere (another laptop's merge, the county's 不是同一人; see
``sync.server.merge.merging``). The server set aside the decision, the exit of the
other file and the copies into the kept one; this laptop undoes them as it learns so,
and shows the child as the server has it: the file it had exited back on the roll, the
copied fields as they stand on the server. The changes stay listed on the 同步 page,
with the reason (this laptop's changes the server set aside)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sync.client.store import Ack
from sync.protocol import DELETED, Hold, Operation, OpKind, Refusal, Status

from ..core.errors import ValidationError
from .applying import applying, pending_fields, set_fields
from .held import clean_checked


def undo(conn: Any, acks: Sequence[Ack], sent: Mapping[int, Operation]) -> None:
    """Undo here what the server set aside with a merge it did not take: a record made
    is tombstoned, an edit shows the server's value (unless edited here again since)."""
    values: list[tuple[str, str, str, Any]] = []
    for a in acks:
        op = sent.get(a.ctr)
        if op is None or a.status != Status.QUARANTINED:
            continue
        if Hold.decode(a.value).refusal is not Refusal.CASE_CLOSED:
            continue
        if op.kind == OpKind.INSERT:
            values.append((op.table, op.row_id, DELETED, True))
        elif op.field is not None and a.shown is not None and "value" in a.shown:
            values.append((op.table, op.row_id, op.field, a.shown["value"]))
    if not values:
        return
    waiting = pending_fields(conn)
    with applying(conn):
        for tbl, row_id, field, value in values:
            if (tbl, row_id, field) in waiting:
                continue
            try:
                cleaned = value if field == DELETED else clean_checked(tbl, field, value)
            except ValidationError:
                continue
            set_fields(conn, tbl, field, [(cleaned, row_id)])
