"""The county sets its policy on the server (the console's 县级政策 page).

:func:`set_policy` validates a new version with the laptop's own rules
(``core.policy``: :func:`load_policy` for the overrides, :func:`takes_effect` for the
day), writes it as the server's own record in the county's feed
(:mod:`.merge.authored`) and journals it (:mod:`.journal`), so that a restore from a
backup followed by ``mark-restored`` writes it again (:func:`restored`): the laptops
that pulled it do not send it back, it was never theirs.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Connection

from childcare_desktop.core.policy import load_policy, takes_effect

from . import journal
from . import schema as s
from .db import Database, epoch
from .merge.authored import POLICY, insert_policy, next_version

KIND = "policy"  # the journal's lines of a version the county set here
ACTION = "policy_set"  # staff_audit: who set which version, and why
NOTE_MAX = 500


def set_policy(
    db: Database,
    conn: Connection,
    county: str,
    *,
    overrides: dict[str, Any],
    effective_from: str | date,
    today: date,
    by: str,
    now_ms: int,
) -> dict[str, Any]:
    """Write a new version of ``county``'s policy; its record (``id``, ``version``,
    ``effective_from``). Raises ``ValidationError`` (POLICY_INVALID with the value's
    path, DATE_INVALID, DATE_ORDER) before anything is written."""
    load_policy(overrides)
    starts = takes_effect(effective_from, today)
    _, epoch_no = epoch(conn)
    row_id, number = str(uuid.uuid4()), next_version(conn, county)
    line = {
        "row": row_id,
        "county": county,
        "body": overrides,
        "version": number,
        "effective_from": starts.isoformat(),
        "by": by,
        "at_ms": now_ms,
    }
    _insert(db, conn, line, epoch_no=epoch_no, now_ms=now_ms)
    journal.record(conn, KIND, **line)
    return {"id": row_id, "version": number, "effective_from": starts.isoformat()}


def restored(
    db: Database, conn: Connection, lines: list[dict[str, Any]], *, epoch_no: int, now_ms: int
) -> int:
    """Write again the versions among the journal's ``lines`` that the restored database
    lacks; how many."""
    return sum(
        _insert(db, conn, line, epoch_no=epoch_no, now_ms=now_ms)
        for line in lines
        if line["kind"] == KIND
    )


def _insert(
    db: Database, conn: Connection, line: dict[str, Any], *, epoch_no: int, now_ms: int
) -> bool:
    return insert_policy(
        db,
        conn,
        line["row"],
        line["county"],
        body=line["body"],
        number=int(line["version"]),
        effective_from=date.fromisoformat(line["effective_from"]),
        by=str(line["by"]),
        epoch_no=epoch_no,
        now_ms=now_ms,
    )


def audit_detail(record: dict[str, Any], county: str, note: str) -> str:
    """The ``staff_audit`` detail of a version set here: its record, then its note."""
    return (
        f"county={county} version={record['version']} effective_from={record['effective_from']}"
        f" row={record['id']} note={note.strip()[:NOTE_MAX]}"
    )


def authors(conn: Connection, county: str) -> dict[str, dict[str, Any]]:
    """Who set each version of the county's policy, when, and why (by record id): a
    laptop's user as the change log has it, or the console's staff member and the note
    from ``staff_audit``."""
    log, u = s.change_log.c, s.user.c
    found: dict[str, dict[str, Any]] = {}
    query = (
        select(log.row_id, log.received_ms, log.site_id, u.name)
        .join(s.user, u.id == log.user_id, isouter=True)
        .where(log.region == county, log.tbl == POLICY, log.kind == "insert")
    )
    for r in conn.execute(query):
        found[r.row_id] = {"at_ms": r.received_ms, "by": r.name or "", "laptop": bool(r.site_id)}
    a = s.staff_audit.c
    for r in conn.execute(select(a.staff, a.at_ms, a.detail).where(a.action == ACTION)):
        head, _, note = r.detail.partition(" note=")
        fields = dict(part.split("=", 1) for part in head.split() if "=" in part)
        if fields.get("row"):
            found[fields["row"]] = {"at_ms": r.at_ms, "by": r.staff, "laptop": False, "note": note}
    return found
