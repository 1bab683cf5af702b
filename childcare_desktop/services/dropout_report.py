"""Printing the written report of a failed persuasion (书面报告) and marking the dropout
reported (已书面报告) with the date, in one unit of work."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from ..core.records import ChildRecord
from ..storage.models import Child, Dropout
from .common import load, record_audit, to_record
from .dropouts import get_dropout, mark_reported
from .printing import context


def report(session: Session, *, dropout_id: str, on: date | None = None) -> bytes:
    """The report's PDF, dated ``on`` (today); the dropout is marked 已书面报告 then (a
    reprint of one already reported keeps its first date)."""
    from ..documents.dropout_report import dropout_report_pdf  # reportlab: not on import

    row = load(session, Dropout, dropout_id)
    child = load(session, Child, row.child_id)
    dropout = get_dropout(session, dropout_id=row.id)
    if dropout.reported_on is None:
        dropout = mark_reported(session, dropout_id=row.id, reported_on=on or date.today())
    assert dropout.reported_on is not None
    where = context(session, region=child.region_code)
    pdf = dropout_report_pdf(to_record(child, ChildRecord), dropout, where, dropout.reported_on)
    record_audit(session, "printed", child.id, doc="dropout_report", dropout=row.id)
    return pdf
