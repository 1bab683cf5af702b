"""A child's history: who opened, changed, printed or exported the file, and when."""

from __future__ import annotations

import json

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..core.records import HistoryEntry
from ..storage.models import AuditEntry


def child_history(session: Session, *, child_id: str, limit: int = 500) -> tuple[HistoryEntry, ...]:
    """The audit log's entries for one child, newest first."""
    rows = session.execute(
        select(AuditEntry.at, AuditEntry.actor, AuditEntry.action, AuditEntry.detail)
        .where(AuditEntry.child_id == child_id)
        .order_by(AuditEntry.id.desc())
        .limit(limit)
    )
    return tuple(
        HistoryEntry(at, actor, action, json.loads(detail or "{}"))
        for at, actor, action, detail in rows
    )
