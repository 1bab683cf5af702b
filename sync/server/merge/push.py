"""A batch of one site's operations: in counter order, each once, each answered."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.engine import Connection

from ...protocol import Hold, Operation, OpKind, Refusal, Status
from .. import duplicates
from .. import schema as s
from ..db import Database
from ..errors import SyncRefused
from ..principal import Principal
from . import late, merging, moving, transfers, whole
from .apply import apply, unchanged
from .hold import hold, op_from_json, release_arrivals, release_waiting
from .rules import Refused, refusal, settle
from .state import chunks, load
from .write import write


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
        also = moving.targets(conn, new)
        b = load(db, conn, new, epoch_no=epoch_no, now_ms=now_ms, also=also)
        settle(b, new)  # what the batch's changes leave the fields its rules read as
        moves = late.load(conn, b, site_id)
        lost, b.merging = merging.Lost(), merging.ahead(new)
        held: list[Operation] = []
        # Sent back by the county, and sent again (after a restore): sent back still.
        back = rejected(conn, site_id, [op.ctr for op in new])
        for sent in new:
            if sent.ctr in back and back[sent.ctr][0] == sent.digest():
                results[sent.ctr] = back[sent.ctr][1]
                continue
            op, outside = moves.adjust(b, who, transfers.over_current(b, sent))
            with_lost = lost.refusal(b, op)  # came with a merge set aside
            refused = Refused(with_lost) if with_lost else refusal(b, who, op, outside)
            if refused is not None and moves.held_as_moved(op):  # told of the move: too late
                refused = Refused(Hold(Refusal.MOVED))
            if refused is not None and refused.hold.refusal is Refusal.DUPLICATE:
                # The very record the server holds, sent again under another site id (a
                # store copy, detected and re-stamped): acknowledged, not set aside.
                same = _same_insert(conn, op)
                if same is not None:
                    b.log.append(unchanged(b, who, op, b.rows[(op.table, op.row_id)], same))
                    results[op.ctr] = [op.ctr, Status.UNCHANGED.value, same]
                    continue
            if refused is not None:
                results[op.ctr] = hold(b, who, sent, refused)
                held.append(op)
                lost.after(op, results[op.ctr])
                continue
            results[op.ctr] = apply(b, who, op)
            late.keep_digest(conn, b, sent, op)
            if moving.after(conn, b, who, op, results[op.ctr]):
                moves = late.load(conn, b, site_id)  # the batch's later edits read the move
            if op.kind is OpKind.INSERT and b.held:
                release_arrivals(b, who, results)
        if b.new_rows:
            release_waiting(conn, b)
        write(conn, b, who)
        for op in new:  # a group's field kept: the group as it stands now, whole
            whole.kept(conn, op.table, op.row_id, op.field, results[op.ctr])
        # An edit set aside with its merge: the value the field holds once the whole
        # batch is written (read before it, an edit of the same field later in the batch
        # was missed, and the laptop showed the older value over its own for good).
        for op in held:  # (one released later in the push was applied: no reason)
            if results[op.ctr][1] == Status.QUARANTINED.value:
                results[op.ctr] += merging.shown(conn, op, results[op.ctr][3])
        duplicates.after_push(conn, b.log, who, now_ms)  # never refuses: opens cases
        conn.execute(
            update(s.site)
            .where(s.site.c.site_id == site_id)
            .values(hwm=new[-1].ctr, last_seen_ms=now_ms)
        )
    return {"hwm": max(hwm, new[-1].ctr if new else 0), "results": [results[op.ctr] for op in ops]}


def _same_insert(conn: Connection, op: Operation) -> int | None:
    """The version of the record's insert on the server when it carried exactly this
    operation's content (whichever site sent it), else None."""
    r = s.row.c
    found = conn.execute(
        select(r.op_hash, r.version).where(r.tbl == op.table, r.row_id == op.row_id)
    ).first()
    if found is None or found.op_hash is None or found.op_hash != op.digest():
        return None
    return int(found.version)


def held_since(conn: Connection, site_id: str, since: int, most: int) -> dict[str, Any]:
    """The results of this site's operations the server holds from counter ``since`` on
    (at most ``most``), and a digest of what they carried: the laptop that sent them in a
    push cut part way (the server applied its whole lines) acknowledges them from this,
    once its own operations give the same digest, instead of sending them again."""
    hwm = conn.execute(select(s.site.c.hwm).where(s.site.c.site_id == site_id)).scalar()
    ctrs = list(range(since, min(int(hwm or 0), since + most - 1) + 1))
    found = _stored(conn, site_id, ctrs)
    ctrs = ctrs[: next((i for i, c in enumerate(ctrs) if c not in found), len(ctrs))]
    digest = hashlib.sha256("".join(found[c][0] for c in ctrs).encode()).hexdigest()
    return {"had": [found[c][1] for c in ctrs], "had_digest": digest}


def _stored_results(
    conn: Connection, site_id: str, ops: Sequence[Operation]
) -> dict[int, list[Any]]:
    """Results of operations already applied: a retry gets what the first delivery got."""
    found = _stored(conn, site_id, [op.ctr for op in ops])
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


def rejected(
    conn: Connection, site_id: str, ctrs: Sequence[int]
) -> dict[int, tuple[str, list[Any]]]:
    """Digest and result of those of these counters the county sent back (退回): set
    aside for good, with the county's reason."""
    if not ctrs:
        return {}
    r = s.rejected_op.c
    wanted = set(ctrs)  # one range query (a batch's counters run on)
    return {
        x.ctr: (x.op_hash, [x.ctr, Status.QUARANTINED.value, None, Hold.rejected(x.reason)])
        for x in conn.execute(
            select(r.ctr, r.op_hash, r.reason).where(
                r.site_id == site_id, r.ctr.between(min(wanted), max(wanted))
            )
        )
        if x.ctr in wanted
    }


def _stored(
    conn: Connection, site_id: str, ctrs: Sequence[int]
) -> dict[int, tuple[str, list[Any]]]:
    """Digest and result of each of these counters of the site the server holds."""
    found: dict[int, tuple[str, list[Any]]] = {}
    log = s.change_log.c
    q = s.quarantine.c
    for part in chunks(ctrs):
        for r in conn.execute(
            select(
                log.ctr,
                log.op_hash,
                log.status,
                log.version,
                log.value,
                log.tbl,
                log.row_id,
                log.field,
            ).where(log.site_id == site_id, log.ctr.in_(part))
        ):
            item = [r.ctr, r.status, r.version]
            if r.status == Status.KEPT:
                item.append(json.loads(r.value))
                whole.kept(conn, r.tbl, r.row_id, r.field, item)
            found[r.ctr] = (r.op_hash, item)
        found.update(rejected(conn, site_id, part))
        for r in conn.execute(
            select(q.ctr, q.op_hash, q.reason, q.op).where(q.site_id == site_id, q.ctr.in_(part))
        ):
            item = [r.ctr, Status.QUARANTINED.value, None, r.reason]
            if r.reason.startswith(Refusal.CASE_CLOSED.value):  # a merge set aside
                item += merging.shown(
                    conn, op_from_json(site_id, r.ctr, json.loads(r.op)), r.reason
                )
            found[r.ctr] = (r.op_hash, item)
    return found
