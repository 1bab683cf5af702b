"""A supervisor's merge of a suspected duplicate, as the server takes it: the first
decision of a case it applies wins.

A merge travels as ordinary records (``services.duplicates.merge_case``): the decision
(``duplicate_decision``), then the kept file's fields copied from the other, then the
other file's exit (重复建档（已合并）). Two laptops (or a laptop and the county) may
decide one case at once, each offline; every one of those records would apply, and a
child kept on one laptop and dropped on the other would leave every roll. So:

* a decision claims its case: it applies only while the case is open (one conditional
  update, which PostgreSQL serialises like SQLite), or when it says what was decided
  already (the same file kept); any other is set aside, its reason naming what stands;
* an exit 重复建档 applies only to the file a merged case dropped (a director's or a
  forged one, of a file no merge dropped, is set aside);
* the edits a set-aside decision came with (its copies into the kept file, the other
  file's categories ended with its exit) are set aside with it.

The laptop that sent them undoes them (``storage.syncstore``) and shows why.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, or_, select, update
from sqlalchemy.engine import Connection

from childcare_desktop.core.duplicates import CaseState, ordered
from childcare_desktop.core.vocab import EnrollmentEventKind, ExitReason

from ...protocol import Hold, Operation, OpKind, Refusal, Status
from .. import schema as s
from ..principal import Principal
from .state import Batch, known

DECISION = "duplicate_decision"
EVENT = "enrollment_event"
MEMBERSHIP = "category_membership"
ENDING = frozenset({"ended_on", "end_reason"})  # a category ended with the exit
# The records of one merge are written in one local transaction, milliseconds apart: a
# later edit of the kept file by hand comes seconds later, and is not taken for a copy.
SAME_MERGE_MS = 2_000
NONE = "none"  # no case of these files, or no merge that dropped this one


def refusal(b: Batch, who: Principal, op: Operation) -> Hold | None:
    """Why a decision or an exit 重复建档 may not apply, or None (others: None). Called
    last of the rules: a decision that passes has claimed its case."""
    if op.kind is not OpKind.INSERT or b.conn is None or not isinstance(op.value, dict):
        return None
    if op.table == DECISION:
        return _claim(b, who, op.value)
    if op.table == EVENT and _dropping(op.value):
        return _dropped(b, str(op.value.get("child_id")))
    return None


def ahead(ops: Sequence[Operation]) -> dict[str, str]:
    """The files the merges of a push drop, and their decisions' ids: a laptop of an
    earlier version wrote a merge's exit before its decision, in the same push."""
    return {
        str(op.value.get("other_id")): op.row_id
        for op in ops
        if op.table == DECISION
        and op.kind is OpKind.INSERT
        and isinstance(op.value, dict)
        and op.value.get("outcome") == CaseState.MERGED.value
    }


def awaited(b: Batch, op: Operation) -> str | None:
    """The decision an exit set aside waits for, when it comes later in the same push
    (applied then, if that decision claims its case)."""
    if op.table != EVENT or op.kind is not OpKind.INSERT or not isinstance(op.value, dict):
        return None
    found = b.merging.get(str(op.value.get("child_id")))
    return f"{DECISION}/{found}" if found is not None and known(DECISION, found) else None


def _dropping(value: dict[str, Any]) -> bool:
    return (
        value.get("kind") == EnrollmentEventKind.EXIT.value
        and value.get("reason") == ExitReason.DUPLICATE.value
    )


def _claim(b: Batch, who: Principal, value: dict[str, Any]) -> Hold | None:
    assert b.conn is not None
    outcome = str(value.get("outcome"))
    kept = str(value.get("child_id")) if outcome == CaseState.MERGED.value else None
    a, c = ordered(str(value.get("child_id")), str(value.get("other_id")))
    d = s.duplicate_case.c
    this = and_(d.id == str(value.get("case_id"))[:40], d.child_a == a, d.child_b == c)
    done = b.conn.execute(
        update(s.duplicate_case)
        .where(this, d.state == CaseState.OPEN.value)
        .values(state=outcome, closed_ms=b.now_ms, decided_by=who.user_name, kept=kept)
    )
    if done.rowcount:
        return None
    now = b.conn.execute(select(d.state, d.kept).where(this)).first()
    if now is None:
        return Hold(Refusal.CASE_CLOSED, "case_id", NONE)
    if now.state == outcome and now.kept == kept:
        return None  # what was decided already, decided again: nothing to undo
    return Hold(Refusal.CASE_CLOSED, "case_id", str(now.state))


def _dropped(b: Batch, child_id: str) -> Hold | None:
    """None when a merged case dropped this file; else why not (what its cases say)."""
    assert b.conn is not None
    d = s.duplicate_case.c
    cases = b.conn.execute(
        select(d.child_a, d.child_b, d.state, d.kept).where(
            or_(d.child_a == child_id, d.child_b == child_id)
        )
    ).all()
    merged = [r for r in cases if r.state == CaseState.MERGED.value]
    if any(r.kept is not None and r.kept != child_id for r in merged):
        return None
    closed = [r.state for r in cases if r.state != CaseState.OPEN.value]
    rule = CaseState.MERGED.value if merged else (closed[0] if closed else NONE)
    return Hold(Refusal.CASE_CLOSED, "reason", rule)


@dataclass(slots=True)
class _Span:
    kept: str
    other: str
    device_ms: int
    rule: str


class Lost:
    """The edits that came with a decision the server set aside, in one push: after it,
    the kept file's fields and the other file's categories ended, until its exit."""

    def __init__(self) -> None:
        self.span: _Span | None = None

    def refusal(self, b: Batch, op: Operation) -> Hold | None:
        span = self.span
        if span is None:
            return None
        if op.site_id == "" or abs(op.device_ms - span.device_ms) > SAME_MERGE_MS:
            self.span = None
            return None
        copied = op.table == "child" and op.row_id == span.kept
        ended = op.table == MEMBERSHIP and op.field in ENDING
        if op.kind is OpKind.SET and (copied or (ended and _owner(b, op.row_id) == span.other)):
            return Hold(Refusal.CASE_CLOSED, op.field, span.rule)
        self.span = None  # the exit (set aside by its own rule) or anything else: done
        return None

    def after(self, op: Operation, result: list[Any]) -> None:
        """Note a decision set aside as the case was decided otherwise."""
        if op.table != DECISION or op.kind is not OpKind.INSERT:
            return
        hold = Hold.decode(result[3]) if result[1] == Status.QUARANTINED.value else None
        if hold is None or hold.refusal is not Refusal.CASE_CLOSED:
            self.span = None
            return
        value = op.value
        kept, other = str(value.get("child_id")), str(value.get("other_id"))
        self.span = _Span(kept, other, op.device_ms, hold.rule or NONE)


def _owner(b: Batch, membership_id: str) -> str | None:
    assert b.conn is not None
    f = s.field.c
    found = b.conn.execute(
        select(f.value).where(f.tbl == MEMBERSHIP, f.row_id == membership_id, f.field == "child_id")
    ).scalar()
    return None if found is None else str(json.loads(found))


def shown(conn: Connection, op: Operation, reason: str) -> list[Any]:
    """What the laptop shows instead of an edit set aside with its merge: the value the
    server holds (``[{"value": v}]``, appended to the laptop's result), else nothing."""
    hold = Hold.decode(reason)
    if hold.refusal is not Refusal.CASE_CLOSED or op.kind is not OpKind.SET:
        return []
    f = s.field.c
    found = conn.execute(
        select(f.value).where(f.tbl == op.table, f.row_id == op.row_id, f.field == op.field)
    ).scalar()
    return [] if found is None else [{"value": json.loads(found)}]
