"""A child's history: who opened, changed, printed or exported the file, and when.

The audit log is the laptop's own; a transfer, asked and decided on other laptops, is
told from its synced record, so a file that came from another village says so
(转入自 …) wherever it is opened.
"""

from __future__ import annotations

import json

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..core.records import HistoryEntry
from ..core.vocab import TransferState
from ..storage.models import AuditEntry, Transfer
from .places import place_names, village_label

# Entries that would tell a user without access to reports that one was filed (a clue,
# 线索, may tell of harm as a report does).
REPORT_ACTIONS = (
    "report_filed",
    "report_followup",
    "clue_registered",
    "clue_linked",
    "clue_handled",
    "clue_closed",
)


def child_history(
    session: Session, *, child_id: str, include_incidents: bool = False, limit: int = 500
) -> tuple[HistoryEntry, ...]:
    """The audit log's entries for one child, newest first; the entries about mandatory
    reports only for a caller whose user may see the reports themselves."""
    query = select(AuditEntry.at, AuditEntry.actor, AuditEntry.action, AuditEntry.detail).where(
        AuditEntry.child_id == child_id
    )
    if not include_incidents:
        query = query.where(AuditEntry.action.not_in(REPORT_ACTIONS))
    rows = session.execute(query.order_by(AuditEntry.id.desc()).limit(limit))
    audited = [
        HistoryEntry(at, actor, action, json.loads(detail or "{}"))
        for at, actor, action, detail in rows
    ]
    told = _transfers(session, child_id, audited)
    if not told:
        return tuple(audited)
    return tuple(sorted([*audited, *told], key=lambda h: h.at, reverse=True)[:limit])


def _transfers(session: Session, child_id: str, audited: list[HistoryEntry]) -> list[HistoryEntry]:
    """The child's transfers as history, but for what this laptop's audit already tells."""
    rows = session.scalars(
        select(Transfer).where(Transfer.child_id == child_id, Transfer.deleted.is_(False))
    ).all()
    if not rows:
        return []
    names = place_names(session)
    seen = {(h.action, str(h.detail.get("transfer") or h.detail.get("row"))) for h in audited}
    told = []
    for r in rows:
        where = f"{village_label(r.region_code, names)} → {village_label(r.to_region, names)}"
        detail: dict[str, object] = {"transfer": r.id, "note": where}
        steps = [("transfer_requested", r.requested_on, r.requested_by)]
        if r.state != TransferState.REQUESTED and r.decided_on is not None:
            steps.append((f"transfer_{r.state}", r.decided_on, r.decided_by))
        told += [
            HistoryEntry(day.isoformat(), who or "", action, detail)
            for action, day, who in steps
            if (action, r.id) not in seen
        ]
    return told
