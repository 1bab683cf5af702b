"""三留守 (issue 18): the printable roster of left-behind women and elderly.

The document's module (reportlab) is imported on the first print, not with this one.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from ..core.dates import age_on
from .common import record_audit
from .printing import context
from .three_left import AdultRecord, roster

if TYPE_CHECKING:
    from ..documents.three_left_roster import AdultLine

OVERDUE = "（逾期）"


def roster_pdf(session: Session, *, full_ids: bool = False) -> bytes:
    """The roster of those on it today as PDF (audited as printed)."""
    from ..documents.three_left_roster import AdultRoster, adult_roster_pdf

    today = date.today()
    lines = tuple(_line(p, today) for p in roster(session))
    where = context(session, full_ids=full_ids)
    pdf = adult_roster_pdf(
        AdultRoster(where.township + where.village, today.isoformat(), lines), where
    )
    record_audit(session, "printed", doc="three_left_roster", people=len(lines))
    return pdf


def _line(p: AdultRecord, today: date) -> AdultLine:
    from ..documents.three_left_roster import AdultLine

    due = p.next_contact_on
    late = OVERDUE if due is not None and due < today else ""
    return AdultLine(
        kind=p.kind.label,
        name=p.name,
        sex=p.sex.label,
        age=str(age_on(p.birth_date, today)) if p.birth_date else "",
        id_number=p.id_number or "",
        address=p.address or "",
        work_place=p.work_place or "",
        away_who=p.away_who or "",
        health=p.health.label,
        phone=p.phone or "",
        last_contact=p.last_contact_on.isoformat() if p.last_contact_on else "未联系",
        next_contact=(due.isoformat() + late) if due else "",
    )
