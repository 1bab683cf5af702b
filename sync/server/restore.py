"""After the county restores the database from a backup: ``childcare-server mark-restored``.

It starts a new epoch (laptops then re-send what the database lacks and pull again from
zero) and replays the decision journal's lines the backup lacks (:mod:`sync.server.journal`):

* users, codes, devices, the names of regions and the console's staff accounts (and
  their audit) are put back as they last stood, so
  a device revoked after the backup stays refused and one enrolled after it keeps
  syncing;
* the county's transfer decisions are applied again (the file moved), or once the
  transfer comes back from the laptop that asked for it (:mod:`.transfer_desk`);
* the versions of the county policy set on the console are written again
  (:mod:`.policy_desk`);
* duplicate cases the county marked distinct stay distinct (their rows put back);
* what the county sent back from the quarantine stays sent back, and what it released
  is released again if the restored database holds it (:mod:`.quarantine_desk`);
* conflict decisions are kept as *restored decisions*. A conflict the backup holds open
  is closed again at once; one that arose after the backup arises again when the
  laptops re-send their edits, and is closed again then (:func:`redecide`, after each
  push), with the value chosen and in the name of who chose it. A decision closes a
  conflict only if every value the conflict offers was offered when it was decided (or
  is the value chosen): an edit made since is a new question for a person.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Table, and_, delete, or_, select, update
from sqlalchemy.engine import Connection

from childcare_desktop.core.roles import Role

from ..protocol import canonical
from . import journal, policy_desk, quarantine_desk, transfer_desk
from . import schema as s
from .db import Database
from .db import mark_restored as new_epoch
from .merge import resolve
from .principal import Principal

DECISIONS = "restored_decisions"  # server_meta: the decisions replayed by mark-restored
ROWS: dict[str, Table] = {
    t.name: t
    for t in (
        s.user,
        s.enroll_code,
        s.device,
        s.region,
        s.duplicate_case,
        s.server_key,
        s.staff,  # the console's staff accounts and the audit of what they did
        s.staff_audit,
        s.staff_recovery,  # their recovery codes (hashed) and which were used
        s.rejected_op,  # what the county sent back from the quarantine
        s.spot_check,  # the county's spot checks, their checklists and findings
        s.spot_check_file,
        s.spot_finding,
    )
}


def mark_restored(db: Database, conn: Connection, *, now_ms: int) -> dict[str, Any]:
    """Replay what the restored database lacks of the journal, then start a new epoch."""
    after = journal.head(conn, lock=True)
    lines = db.journal.lines(after=after) if db.journal is not None else []
    rows = [x for x in lines if x["kind"] == "row" and x.get("table") in ROWS]
    for line in rows:
        _put_back(conn, ROWS[line["table"]], line["row"])
    for line in lines:  # a region's name removed (regions import --replace)
        if line["kind"] == "gone" and line.get("table") in ROWS:
            table = ROWS[line["table"]]
            conn.execute(delete(table).where(*(table.c[k] == v for k, v in line["key"].items())))
    if rows and not db.is_sqlite:  # ids given back by hand: the sequence goes past them
        conn.exec_driver_sql(
            "SELECT setval(pg_get_serial_sequence('app_user', 'id'), "
            "GREATEST((SELECT max(id) FROM app_user), 1))"
        )
    decisions = [x for x in lines if x["kind"] == "decision"]
    # Those an earlier restore brought back may not have arisen again yet: kept too.
    known = {int(d["n"]): d for d in [*_decisions(conn), *decisions]}
    pending = [known[n] for n in sorted(known)]
    _set_meta(conn, DECISIONS, json.dumps(pending, ensure_ascii=False))
    transfers = transfer_desk.restored(conn, lines)
    journal.set_head(conn, max((int(x["n"]) for x in lines), default=after))
    ident, number = new_epoch(conn)
    moved = transfer_desk.replay(db, conn, epoch_no=number, now_ms=now_ms)
    policies = policy_desk.restored(db, conn, lines, epoch_no=number, now_ms=now_ms)
    closed = redecide(db, conn, epoch_no=number, now_ms=now_ms)
    held = quarantine_desk.restored(db, conn, lines, epoch_no=number, now_ms=now_ms)
    return {
        "epoch": ident,
        "epoch_no": number,
        "rows": len(rows),
        "decisions": len(decisions),
        "closed": closed,
        "transfers": transfers,
        "transfers_applied": moved,
        "quarantine": held,
        "policies": policies,
    }


def _put_back(conn: Connection, table: Table, row: dict[str, Any]) -> None:
    keys = [c.name for c in table.primary_key.columns]
    where = and_(*(table.c[k] == row[k] for k in keys))
    values = {k: v for k, v in row.items() if k in table.c}
    if not conn.execute(update(table).where(where).values(**values)).rowcount:
        conn.execute(table.insert().values(**values))


def _set_meta(conn: Connection, key: str, value: str) -> None:
    if not conn.execute(update(s.meta).where(s.meta.c.key == key).values(value=value)).rowcount:
        conn.execute(s.meta.insert().values(key=key, value=value))


def decided(conn: Connection, who: Principal, body: dict[str, Any]) -> None:
    """Journal a conflict closed by a user (``body``: the conflict as :func:`merge.resolve`
    left it)."""
    resolution = body.get("resolution") or {}
    journal.record(
        conn,
        "decision",
        conflict=body["id"],
        tbl=body["tbl"],
        row=body["row"],
        field=body["field"],
        value=resolution.get("value"),
        at_ms=resolution.get("at_ms"),
        user={
            "id": who.user_id,
            "name": who.user_name,
            "role": who.role.value,
            "region": who.region,
        },
        offered=[[c.get("site"), c.get("ctr")] for c in body.get("candidates", [])],
    )


def redecide(db: Database, conn: Connection, *, epoch_no: int, now_ms: int) -> int:
    """Close again the open conflicts a restored decision had closed; how many. (The
    county's transfer decisions whose transfer has come back are applied first.)"""
    transfer_desk.replay(db, conn, epoch_no=epoch_no, now_ms=now_ms)
    decisions = _decisions(conn)
    if not decisions:
        return 0
    c = s.conflict.c
    keys = {(d["tbl"], d["row"], d["field"]) for d in decisions}
    rows = conn.execute(
        select(c.id, c.tbl, c.row_id, c.field, c.body).where(
            c.state == "open",
            or_(*(and_(c.tbl == t, c.row_id == r, c.field == f) for t, r, f in keys)),
        )
    ).all()
    closed = 0
    for row in rows:
        body = json.loads(row.body)
        fits = [
            d
            for d in decisions
            if (d["tbl"], d["row"], d["field"]) == (row.tbl, row.row_id, row.field)
            and _covers(d, body)
        ]
        who = _principal(fits[-1]["user"]) if fits else None  # the field's latest decision
        if who is None:
            continue
        value = fits[-1]["value"]
        answer = resolve(db, conn, who, row.id, value, epoch_no=epoch_no, now_ms=now_ms)
        closed += answer.get("state") == "resolved" and "refused" not in answer
    return closed


def _decisions(conn: Connection) -> list[dict[str, Any]]:
    found = conn.execute(select(s.meta.c.value).where(s.meta.c.key == DECISIONS)).scalar()
    decisions: list[dict[str, Any]] = json.loads(found) if found else []
    return decisions


def _covers(decision: dict[str, Any], body: dict[str, Any]) -> bool:
    """Whether every value the conflict offers was offered when it was decided, or is
    the value chosen."""
    offered = {(site, ctr) for site, ctr in decision["offered"] if site is not None}
    chosen = canonical(decision["value"])
    return all(
        (c.get("site"), c.get("ctr")) in offered or canonical(c.get("value")) == chosen
        for c in body.get("candidates", [])
    )


def _principal(user: dict[str, Any]) -> Principal | None:
    role = Role.parse(user["role"])
    if role is None:
        return None
    return Principal("", int(user["id"]), str(user["name"]), role, str(user["region"]))
