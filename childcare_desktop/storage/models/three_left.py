"""三留守 (issue 18): the left-behind women and elderly of a village, and their visits."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ...core.vocab import AdultContactMode, AdultExitReason, Health, LeftBehindAdultKind, Sex
from .base import Base, Code, Synced

UNKNOWN = "unknown"


class LeftBehindAdult(Synced, Base):
    """A left-behind woman (留守妇女) or elder (留守老年人): a simple file, no child's."""

    __tablename__ = "left_behind_adult"

    kind: Mapped[LeftBehindAdultKind] = mapped_column(Code(LeftBehindAdultKind))
    name: Mapped[str] = mapped_column(String(50))
    sex: Mapped[Sex] = mapped_column(Code(Sex), server_default=UNKNOWN)
    birth_date: Mapped[date | None] = mapped_column(Date)
    id_number: Mapped[str | None] = mapped_column(String(30))
    address: Mapped[str | None] = mapped_column(String(200))
    work_place: Mapped[str | None] = mapped_column(String(100))
    away_who: Mapped[str | None] = mapped_column(String(100))
    health: Mapped[Health] = mapped_column(Code(Health), server_default=UNKNOWN)
    phone: Mapped[str | None] = mapped_column(String(40))
    registered_on: Mapped[date] = mapped_column(Date)
    notes: Mapped[str | None] = mapped_column(Text)
    exited_on: Mapped[date | None] = mapped_column(Date)
    exit_reason: Mapped[AdultExitReason | None] = mapped_column(Code(AdultExitReason))


class LeftBehindAdultVisit(Synced, Base):
    """One contact with a left-behind woman or elder (入户 or 电话), never edited."""

    __tablename__ = "left_behind_adult_visit"

    person_id: Mapped[str] = mapped_column(
        String(36), ForeignKey("left_behind_adult.id"), index=True
    )
    visited_on: Mapped[date] = mapped_column(Date)
    mode: Mapped[AdultContactMode] = mapped_column(Code(AdultContactMode))
    notes: Mapped[str | None] = mapped_column(Text)
