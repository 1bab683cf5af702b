"""Suspected duplicates (疑似重复, issue 15): the cases the county found, as this laptop
last received them, and the synced decision a supervisor makes on one."""

from __future__ import annotations

from datetime import date

from sqlalchemy import BigInteger, Boolean, Date, String
from sqlalchemy.orm import Mapped, mapped_column

from ...core.vocab import DuplicateOutcome
from .base import Base, Code, Synced
from .child import child_fk


class DuplicateDecision(Synced, Base):
    """合并 or 不是同一人: filed with the file kept (or the case's first file)."""

    __tablename__ = "duplicate_decision"

    child_id: Mapped[str] = child_fk()
    case_id: Mapped[str] = mapped_column(String(40))
    other_id: Mapped[str] = mapped_column(String(36))
    outcome: Mapped[DuplicateOutcome] = mapped_column(Code(DuplicateOutcome))
    decided_by: Mapped[str | None] = mapped_column(String(50))
    decided_on: Mapped[date] = mapped_column(Date)


class DuplicateCase(Base):
    """An open case the county server holds for this laptop's user (not synced: replaced
    whole at each sync by what the server serves)."""

    __tablename__ = "duplicate_case"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    child_a: Mapped[str] = mapped_column(String(36))
    child_b: Mapped[str] = mapped_column(String(36))
    region_a: Mapped[str] = mapped_column(String(12))
    region_b: Mapped[str] = mapped_column(String(12))
    reason: Mapped[str] = mapped_column(String(20))  # id_number | name_birth | pinyin
    opened_ms: Mapped[int] = mapped_column(BigInteger)
    # Both files are in this user's scope (a township's two villages); a pair across
    # townships is the county's to decide.
    decidable: Mapped[bool] = mapped_column(Boolean)
