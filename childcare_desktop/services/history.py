"""A child's history: who opened, changed, printed or exported the file, and when."""

from __future__ import annotations

import json

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..core.records import HistoryEntry
from ..storage.models import AuditEntry

# Entries that would tell a user without access to reports that one was filed.
REPORT_ACTIONS = ("report_filed", "report_followup")


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
    return tuple(
        HistoryEntry(at, actor, action, json.loads(detail or "{}"))
        for at, actor, action, detail in rows
    )
