"""辍学 (issue 18): a child who left school, and the attempts to bring the child back."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ...core.vocab import DropoutReason, DropoutState, PersuasionOutcome
from .base import Base, Code, Synced
from .child import child_fk


class Dropout(Synced, Base):
    """A child's leaving school: open while persuaded back (劝返), then returned or
    reported in writing (书面报告) to the township and the county's education bureau."""

    __tablename__ = "dropout"

    child_id: Mapped[str] = child_fk()
    school: Mapped[str | None] = mapped_column(String(100))
    grade: Mapped[str | None] = mapped_column(String(20))
    left_on: Mapped[date] = mapped_column(Date)
    reason: Mapped[DropoutReason] = mapped_column(Code(DropoutReason))
    notes: Mapped[str | None] = mapped_column(Text)
    state: Mapped[DropoutState] = mapped_column(Code(DropoutState), default=DropoutState.OPEN)
    reported_on: Mapped[date | None] = mapped_column(Date)


class Persuasion(Synced, Base):
    """One attempt to bring the child back to school (劝返), never edited."""

    __tablename__ = "persuasion"

    dropout_id: Mapped[str] = mapped_column(String(36), ForeignKey("dropout.id"), index=True)
    on_date: Mapped[date] = mapped_column(Date)
    done_by: Mapped[str | None] = mapped_column(String(50))
    method: Mapped[str | None] = mapped_column(String(100))
    outcome: Mapped[PersuasionOutcome] = mapped_column(Code(PersuasionOutcome))
    note: Mapped[str | None] = mapped_column(Text)
