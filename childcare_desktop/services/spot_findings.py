"""The county's spot-check findings (县级抽查问题) on this laptop: what is open, and
marking one fixed (已整改), sent to the server at the next sync (``storage.spot_findings``)."""

from __future__ import annotations

import time
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..core.errors import NotFoundError
from ..core.worklist import FindingFacts
from ..storage.models import SpotFinding
from .common import record_audit


def open_findings(session: Session) -> list[FindingFacts]:
    """The findings not marked fixed here, oldest draw first."""
    rows = session.scalars(
        select(SpotFinding)
        .where(SpotFinding.fixed_ms.is_(None))
        .order_by(SpotFinding.drawn_on, SpotFinding.id)
    )
    found = []
    for r in rows:
        try:
            drawn = date.fromisoformat(r.drawn_on)
        except ValueError:
            continue
        found.append(FindingFacts(r.id, r.child_id, r.label, r.note, drawn))
    return found


def mark_fixed(session: Session, finding_id: str, *, now_ms: int | None = None) -> None:
    """Mark a finding fixed (已整改): it leaves the worklist, and the next sync tells
    the county (again at every sync until the server has it)."""
    row = session.get(SpotFinding, finding_id)
    if row is None or row.fixed_ms is not None:
        raise NotFoundError("spot_finding", finding_id)
    row.fixed_ms = now_ms if now_ms is not None else int(time.time() * 1000)
    session.flush()
    record_audit(session, "spot_finding_fixed", row.child_id, finding=finding_id, item=row.item)
