"""季度核实 (issue 18): the quarterly verification of a child in difficulty's family."""

from __future__ import annotations

from datetime import date

from sqlalchemy import JSON, Date, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ...core.vocab import BenefitsRight
from .base import Base, Code, Synced
from .child import child_fk


class QuarterlyCheck(Synced, Base):
    """One quarter's verification (``2026Q4``): what changed in the family, whether the
    benefits are still right, who checked and when."""

    __tablename__ = "quarterly_check"

    child_id: Mapped[str] = child_fk()
    quarter: Mapped[str] = mapped_column(String(6))
    checked_on: Mapped[date] = mapped_column(Date)
    changes: Mapped[list[str]] = mapped_column(JSON, default=list, server_default="[]")
    change_note: Mapped[str | None] = mapped_column(Text)
    benefits_ok: Mapped[BenefitsRight] = mapped_column(Code(BenefitsRight))
    benefits_note: Mapped[str | None] = mapped_column(Text)
    checked_by: Mapped[str] = mapped_column(String(50))
