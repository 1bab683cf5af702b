"""The county's quarantine on the server: release (释放) or reject (退回) what the rules held.

A release checks the operation again as its own user would be checked now, with the
rules as they stand (:func:`release`): the path of ``merge.hold.release_waiting``, so
the feed, the conflicts and the village's numbering move exactly as for a push, and
the laptop that sent it learns at its next hello that the server no longer holds it
(it asks for the result, which the server answers from its log: "applied").

A rejection (:func:`reject`) takes the operation out of the quarantine into
``rejected_op`` with the county's reason: never applied, and told to its laptop at each
hello (``rejected``), which marks it sent back and shows why (县里退回：...).

Both are journalled (:mod:`.journal`): a rejection as its row (``mark-restored`` puts
it back and drops the operation from a restored quarantine); a release as a line that
``mark-restored`` replays on the operation if the restored database still holds it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.engine import Connection

from ..protocol import REJECT_REASON_MAX, Hold, OpKind, Refusal
from . import duplicates, journal
from . import schema as s
from .db import Database
from .errors import SyncRefused
from .merge import moving
from .merge.apply import apply
from .merge.hold import op_from_json, release_waiting, user_of
from .merge.rules import Refused, refusal
from .merge.state import load
from .merge.write import write

RELEASED = "quarantine_released"  # the journal's line of a release
REASON_MAX = REJECT_REASON_MAX


@dataclass(frozen=True, slots=True)
class Outcome:
    """What a release did: ``applied``, or the reason it is still held."""

    applied: bool
    hold: Hold | None = None


def _held(conn: Connection, held_id: int, *, lock: bool = False) -> Any:
    q = s.quarantine.c
    query = select(
        q.id, q.site_id, q.ctr, q.op_hash, q.user_id, q.region, q.op, q.reason, q.received_ms
    ).where(q.id == held_id)
    return conn.execute(query.with_for_update() if lock else query).first()


def _not_held() -> SyncRefused:
    return SyncRefused(
        404, "not_held", "the server holds no such operation (released or sent back?)"
    )


def release(
    db: Database, conn: Connection, held_id: int, *, by: str, epoch_no: int, now_ms: int
) -> Outcome:
    """Apply a held operation if the rules as they stand let its user make it; else it
    stays held, its reason brought up to date. Journalled when applied."""
    found = _held(conn, held_id)
    if found is None:
        raise _not_held()
    op = op_from_json(found.site_id, found.ctr, json.loads(found.op))
    b = load(db, conn, [op], epoch_no=epoch_no, now_ms=now_ms, also=moving.targets(conn, [op]))
    # Locked until this transaction ends (PostgreSQL; SQLite's write transaction holds the
    # whole database): a release or a rejection of the same operation at once waits.
    if _held(conn, held_id, lock=True) is None:  # decided while this one waited
        raise _not_held()
    who = user_of(conn, found.user_id)
    # A user disabled since may make no change at all: held, as the rules would.
    refused = refusal(b, who, op) if who is not None else Refused(Hold(Refusal.NOT_PERMITTED))
    if who is None or refused is not None:
        assert refused is not None
        conn.execute(
            update(s.quarantine)
            .where(s.quarantine.c.id == held_id)
            .values(reason=refused.hold.encode(), waits_for=refused.waits_for)
        )
        return Outcome(False, refused.hold)
    result = apply(b, who, op)  # applied, in conflict, unchanged or kept: never held
    conn.execute(delete(s.quarantine).where(s.quarantine.c.id == held_id))
    moving.after(conn, b, who, op, result)
    if op.kind is OpKind.INSERT and b.new_rows:
        release_waiting(conn, b)  # what waited for this very record
    write(conn, b, who)
    duplicates.after_push(conn, b.log, who, now_ms)
    journal.record(conn, RELEASED, site=found.site_id, ctr=found.ctr, op_hash=found.op_hash, by=by)
    return Outcome(True)


def reject(conn: Connection, held_id: int, reason: str, *, by: str, now_ms: int) -> None:
    """Send a held operation back with the county's ``reason`` (1 to 200 characters):
    out of the quarantine, into ``rejected_op``, journalled."""
    reason = " ".join(reason.split())
    if not reason or len(reason) > REASON_MAX:
        raise SyncRefused(400, "bad_reason", f"a reason of 1 to {REASON_MAX} characters")
    found = _held(conn, held_id, lock=True)
    if found is None:
        raise _not_held()
    row = {
        "site_id": found.site_id,
        "ctr": found.ctr,
        "op_hash": found.op_hash,
        "user_id": found.user_id,
        "region": found.region,
        "op": found.op,
        "held_reason": found.reason,
        "reason": reason,
        "received_ms": found.received_ms,
        "rejected_ms": now_ms,
        "rejected_by": by,
    }
    if not conn.execute(delete(s.quarantine).where(s.quarantine.c.id == held_id)).rowcount:
        raise _not_held()
    conn.execute(s.rejected_op.insert().values(**row))
    journal.record(conn, "row", table=s.rejected_op.name, row=row)


def rejected_of(conn: Connection, site_id: str, limit: int) -> list[list[Any]]:
    """This site's operations the county sent back: ``[ctr, reason]`` (the reason as it
    travels, :meth:`Hold.rejected`), at most ``limit``."""
    r = s.rejected_op.c
    rows = conn.execute(
        select(r.ctr, r.reason).where(r.site_id == site_id).order_by(r.ctr).limit(limit)
    )
    return [[int(x.ctr), Hold.rejected(x.reason)] for x in rows]


def restored(
    db: Database, conn: Connection, lines: list[dict[str, Any]], *, epoch_no: int, now_ms: int
) -> int:
    """After ``mark-restored`` put the journal's rows back: drop from the restored
    quarantine what the county sent back since the backup, and release again what it
    released (if the rules still let it: else it stays held). How many of each."""
    q, r = s.quarantine.c, s.rejected_op.c
    gone = 0
    for x in conn.execute(select(r.site_id, r.ctr, r.op_hash)).all():
        gone += conn.execute(
            delete(s.quarantine).where(
                q.site_id == x.site_id, q.ctr == x.ctr, q.op_hash == x.op_hash
            )
        ).rowcount
    again = 0
    for line in (x for x in lines if x["kind"] == RELEASED):
        held_id = conn.execute(
            select(q.id).where(
                q.site_id == line["site"], q.ctr == line["ctr"], q.op_hash == line["op_hash"]
            )
        ).scalar()
        if held_id is not None:
            done = release(db, conn, held_id, by=str(line["by"]), epoch_no=epoch_no, now_ms=now_ms)
            again += done.applied
    return gone + again
