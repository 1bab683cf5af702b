"""What happens to a child over time: assessments, visits, reports, assistance, attachments.

Assessments, visits and reports are insert-only: a correction is a new row (an amendment
or a follow-up), so two laptops can never overwrite each other's account of an event.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Boolean, Date, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ...core.vocab import (
    AssistanceKind,
    FollowupStage,
    GuardianshipLevel,
    RiskColour,
    VisitMode,
    YesNo,
)
from .base import Base, Code, Synced
from .child import UNKNOWN, child_fk


class Assessment(Synced, Base):
    """监护情况评估 (较好/一般/差) with the local 四色 risk colour it sets."""

    __tablename__ = "assessment"
    # the worklist reads each child's latest from the index alone (migration 0020)
    __table_args__ = (
        Index(
            "ix_assessment_latest",
            "child_id",
            "assessed_on",
            "created_hlc",
            "level",
            "colour",
            "deleted",
        ),
    )

    child_id: Mapped[str] = child_fk()
    assessed_on: Mapped[date] = mapped_column(Date)
    assessor: Mapped[str | None] = mapped_column(String(50))
    level: Mapped[GuardianshipLevel] = mapped_column(Code(GuardianshipLevel))
    colour: Mapped[RiskColour] = mapped_column(Code(RiskColour))
    score_guardianship: Mapped[int | None] = mapped_column(Integer)  # 1 (low risk) .. 5
    score_health: Mapped[int | None] = mapped_column(Integer)
    score_behaviour: Mapped[int | None] = mapped_column(Integer)
    reason: Mapped[str | None] = mapped_column(Text)


class Visit(Synced, Base):
    """A contact (phone, video) or home visit (入户走访)."""

    __tablename__ = "visit"
    # Covers the worklist's "last visit per child" aggregate: no table reads.
    __table_args__ = (Index("ix_visit_child_day", "child_id", "visited_on", "mode", "deleted"),)

    child_id: Mapped[str] = mapped_column(String(36), ForeignKey("child.id"))  # indexed above
    visited_on: Mapped[date] = mapped_column(Date)
    mode: Mapped[VisitMode] = mapped_column(Code(VisitMode))
    visitor: Mapped[str | None] = mapped_column(String(50))
    companions: Mapped[str | None] = mapped_column(String(200))
    met_child: Mapped[YesNo] = mapped_column(Code(YesNo), server_default=UNKNOWN)
    carer_present: Mapped[YesNo] = mapped_column(Code(YesNo), server_default=UNKNOWN)
    child_condition: Mapped[str | None] = mapped_column(Text)  # health, mood, school
    findings: Mapped[str | None] = mapped_column(Text)
    actions: Mapped[str | None] = mapped_column(Text)
    notes: Mapped[str | None] = mapped_column(Text)


class VisitAmendment(Synced, Base):
    """A correction to one field of a visit, or ``field == "void"`` to withdraw it."""

    __tablename__ = "visit_amendment"

    visit_id: Mapped[str] = mapped_column(String(36), ForeignKey("visit.id"), index=True)
    field: Mapped[str] = mapped_column(String(40))
    value: Mapped[str | None] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text)
    amended_on: Mapped[date] = mapped_column(Date)


class Incident(Synced, Base):
    """强制报告: what was seen, to whom it was reported, when; the reporter stays confidential."""

    __tablename__ = "incident"

    child_id: Mapped[str] = child_fk()
    discovered_at: Mapped[datetime] = mapped_column(DateTime)
    discovered_how: Mapped[str | None] = mapped_column(String(100))
    situations: Mapped[list[str]] = mapped_column(JSON, default=list, server_default="[]")
    description: Mapped[str] = mapped_column(Text)
    emergency_measures: Mapped[str | None] = mapped_column(Text)
    reported_to: Mapped[str] = mapped_column(String(100))  # police station
    reported_at: Mapped[datetime] = mapped_column(DateTime)
    report_method: Mapped[str | None] = mapped_column(String(40))  # 110 / phone / in person
    receipt_no: Mapped[str | None] = mapped_column(String(60))
    also_notified: Mapped[list[str]] = mapped_column(JSON, default=list, server_default="[]")
    reporter_name: Mapped[str | None] = mapped_column(String(50))
    reporter_phone: Mapped[str | None] = mapped_column(String(40))
    confidential: Mapped[bool] = mapped_column(Boolean, default=True, server_default="1")


class IncidentFollowup(Synced, Base):
    """A step after a report: 应急处置 -> 评估帮扶 -> 监护干预 -> 结案."""

    __tablename__ = "incident_followup"

    incident_id: Mapped[str] = mapped_column(String(36), ForeignKey("incident.id"), index=True)
    stage: Mapped[FollowupStage] = mapped_column(Code(FollowupStage))
    on_date: Mapped[date] = mapped_column(Date)
    action: Mapped[str] = mapped_column(Text)
    result: Mapped[str | None] = mapped_column(Text)
    done_by: Mapped[str | None] = mapped_column(String(50))


class Assistance(Synced, Base):
    """救助帮扶: a benefit or service the child receives."""

    __tablename__ = "assistance"

    child_id: Mapped[str] = child_fk()
    kind: Mapped[AssistanceKind] = mapped_column(Code(AssistanceKind))
    start_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    amount_yuan: Mapped[int | None] = mapped_column(Integer)
    period: Mapped[str | None] = mapped_column(String(20))  # 月 / 年 / 一次性
    provider: Mapped[str | None] = mapped_column(String(100))
    note: Mapped[str | None] = mapped_column(Text)


class Attachment(Synced, Base):
    """A scan or photo; the bytes are in the local blob table, named by SHA-256."""

    __tablename__ = "attachment"

    child_id: Mapped[str] = child_fk()
    owner_table: Mapped[str | None] = mapped_column(String(40))
    owner_id: Mapped[str | None] = mapped_column(String(36))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    name: Mapped[str] = mapped_column(String(200))
    mime: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(20), default="scan")
    note: Mapped[str | None] = mapped_column(Text)


class CountyPolicy(Synced, Base):
    """A county's overrides of the visit-rhythm policy (region_code is the 6-digit county)."""

    __tablename__ = "county_policy"

    body: Mapped[dict[str, object]] = mapped_column(JSON, default=dict, server_default="{}")
    version: Mapped[int] = mapped_column(Integer, default=1)
    effective_from: Mapped[date] = mapped_column(Date)
