"""The quarterly report to the township (困境儿童家庭情况季度核实报告): every child in
difficulty on the roll during the quarter, with the quarter's check or 未核实."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from ..core.dates import age_on
from ..core.quarters import bounds, parse_quarter, quarter_label
from ..core.records import QuarterlyCheckRecord
from ..core.vocab import Category, CategoryFamily
from ..storage.models import CategoryMembership, Child, QuarterlyCheck
from .common import is_active, record_audit
from .printing import context
from .quarterly_checks import check_record

if TYPE_CHECKING:
    from ..documents.quarterly_report import QuarterlyReport

DIFFICULTY = tuple(c for c in Category if c.family is CategoryFamily.DIFFICULTY)


def quarterly_report(session: Session, *, quarter: str, on: date | None = None) -> QuarterlyReport:
    """The report's data: the children in difficulty during ``quarter`` (on the roll
    now), by name, each with the quarter's latest check."""
    from ..documents.quarterly_report import QuarterlyReport, ReportLine  # reportlab

    quarter = parse_quarter(quarter)
    first, last = bounds(quarter)
    held: dict[str, list[Category]] = {}
    children: dict[str, Child] = {}
    rows = session.execute(
        select(Child, CategoryMembership.category)
        .join(CategoryMembership, CategoryMembership.child_id == Child.id)
        .where(
            Child.deleted.is_(False),
            CategoryMembership.deleted.is_(False),
            CategoryMembership.category.in_(DIFFICULTY),
            or_(
                CategoryMembership.recognized_on.is_(None), CategoryMembership.recognized_on <= last
            ),
            or_(CategoryMembership.ended_on.is_(None), CategoryMembership.ended_on > first),
        )
    )
    for child, category in rows:
        children[child.id] = child
        held.setdefault(child.id, []).append(category)
    checks = _checks(session, quarter)
    lines = tuple(
        ReportLine(
            name=child.name,
            sex=child.sex.label,
            age=age_on(child.birth_date, last) if child.birth_date else None,
            categories="、".join(c.label for c in Category if c in held[child.id]),
            check=checks.get(child.id),
        )
        for child in sorted(children.values(), key=lambda c: (c.name, c.id))
        if is_active(session, child.id)
    )
    return QuarterlyReport(quarter, quarter_label(quarter), lines, on or date.today())


def quarterly_report_document(session: Session, *, quarter: str, on: date | None = None) -> bytes:
    """The report as PDF, audited as printed."""
    from ..documents.quarterly_report import quarterly_report_pdf

    report = quarterly_report(session, quarter=quarter, on=on)
    pdf = quarterly_report_pdf(report, context(session))
    record_audit(session, "printed", doc="quarterly_report", quarter=report.quarter)
    return pdf


def _checks(session: Session, quarter: str) -> dict[str, QuarterlyCheckRecord]:
    """The quarter's check of each child (the latest, should two laptops both have made one)."""
    rows = session.scalars(
        select(QuarterlyCheck)
        .where(QuarterlyCheck.quarter == quarter, QuarterlyCheck.deleted.is_(False))
        .order_by(QuarterlyCheck.checked_on, QuarterlyCheck.created_hlc)
    )
    return {row.child_id: check_record(row) for row in rows}
