"""The county's transfers on the server (``childcare-server transfers``).

A transfer across townships is the county's to decide, and the county works the server:
:func:`decide` takes the device's path (:mod:`.merge.decide`) and journals the decision
(:mod:`.journal`), so that a restore from a backup followed by ``mark-restored`` keeps
it. A decision the restored database cannot apply yet (its transfer was asked for after
the backup) waits until the laptop that asked sends the transfer again: :func:`replay`
runs after every push, as the conflict decisions do (``restore.redecide``).
"""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import date
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.engine import Connection

from childcare_desktop.core.vocab import TransferState

from . import journal
from . import schema as s
from .days import county_day
from .db import Database
from .errors import SyncRefused
from .merge.decide import NotAsked
from .merge.decide import decide as decide_here

KIND = "transfer"  # the journal's lines of a county decision
PENDING = "restored_transfers"  # server_meta: decisions replayed, their transfer not back yet
FIELDS = (
    "child_id",
    "child_name",
    "to_region",
    "reason",
    "requested_by",
    "requested_on",
    "state",
    "decided_by",
    "decided_on",
    "decision_note",
)


def listing(conn: Connection, *, state: str | None = None) -> list[dict[str, Any]]:
    """Every transfer of the county (those still asked for first, oldest first), with
    the villages' names where the county has imported them."""
    f, r = s.field.c, s.row.c
    found: dict[str, dict[str, Any]] = defaultdict(dict)
    for x in conn.execute(
        select(f.row_id, f.field, f.value).where(f.tbl == KIND, f.field.in_(FIELDS))
    ):
        found[x.row_id][x.field] = json.loads(x.value)
    regions = dict(conn.execute(select(r.row_id, r.region).where(r.tbl == KIND)).tuples().all())
    names = dict(conn.execute(select(s.region.c.code, s.region.c.name)).tuples().all())
    rows = []
    for row_id, region in regions.items():
        values = {name: found[row_id].get(name) for name in FIELDS}
        if state is not None and values["state"] != state:
            continue
        to_region = str(values["to_region"] or "")
        rows.append(
            {
                "id": row_id,
                **values,
                "from_region": region,
                "from_label": _label(region, names),
                "to_label": _label(to_region, names),
            }
        )
    asked = TransferState.REQUESTED.value
    return sorted(rows, key=lambda x: (x["state"] != asked, str(x["requested_on"]), x["id"]))


def _label(code: str, names: dict[str, str]) -> str:
    """青石镇柳溪村, or the code when the county has not imported its names."""
    township, village = names.get(code[:9]), names.get(code)
    return f"{township or ''}{village}" if village else code


def decide(
    db: Database,
    conn: Connection,
    transfer_id: str,
    *,
    accept: bool,
    by: str,
    note: str,
    epoch_no: int,
    now_ms: int,
) -> dict[str, Any]:
    """The county accepts or refuses a transfer still asked for; journalled."""
    day = county_day(now_ms)
    done = decide_here(
        db,
        conn,
        transfer_id,
        accept=accept,
        by=by,
        note=note,
        decided_on=day,
        epoch_no=epoch_no,
        now_ms=now_ms,
    )
    journal.record(
        conn,
        KIND,
        transfer=transfer_id,
        accept=accept,
        by=by,
        note=note,
        decided_on=day.isoformat(),
        at_ms=now_ms,
    )
    return done


def restored(conn: Connection, lines: list[dict[str, Any]]) -> int:
    """Keep the decisions among the journal's ``lines`` (those ``mark-restored`` replays)
    to be applied by :func:`replay`; how many."""
    decisions = [x for x in lines if x["kind"] == KIND]
    if decisions:
        known = {int(x["n"]): x for x in [*_pending(conn), *decisions]}
        _save(conn, [known[n] for n in sorted(known)])
    return len(decisions)


def replay(db: Database, conn: Connection, *, epoch_no: int, now_ms: int) -> int:
    """Apply again the restored decisions whose transfer the database holds, still asked
    for; how many. One decided otherwise since (withdrawn) is dropped; one whose
    transfer has not come back yet waits."""
    pending = _pending(conn)
    if not pending:
        return 0
    waiting, applied = [], 0
    for line in pending:
        try:
            decide_here(
                db,
                conn,
                line["transfer"],
                accept=bool(line["accept"]),
                by=str(line["by"]),
                note=str(line.get("note") or ""),
                decided_on=date.fromisoformat(line["decided_on"]),
                epoch_no=epoch_no,
                now_ms=now_ms,
            )
            applied += 1
        except NotAsked as not_asked:
            if not_asked.state is None:
                waiting.append(line)
        except SyncRefused:  # a value the rules now refuse: nothing to apply
            continue
    if waiting != pending:
        _save(conn, waiting)
    return applied


def _pending(conn: Connection) -> list[dict[str, Any]]:
    found = conn.execute(select(s.meta.c.value).where(s.meta.c.key == PENDING)).scalar()
    pending: list[dict[str, Any]] = json.loads(found) if found else []
    return pending


def _save(conn: Connection, pending: list[dict[str, Any]]) -> None:
    value = json.dumps(pending, ensure_ascii=False)
    if not conn.execute(update(s.meta).where(s.meta.c.key == PENDING).values(value=value)).rowcount:
        conn.execute(s.meta.insert().values(key=PENDING, value=value))
