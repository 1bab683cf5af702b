"""A child's move to another village of the county (issue 15)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ...core.vocab import TransferState
from .base import Base, Code, Synced


class Transfer(Synced, Base):
    """转移: asked for in the village the child leaves and kept there as its history.

    ``child_id`` is no foreign key: once the move is made the child's file leaves this
    store while the transfer stays (转出至 ...)."""

    __tablename__ = "transfer"

    child_id: Mapped[str] = mapped_column(String(36), index=True)
    child_name: Mapped[str | None] = mapped_column(String(50))
    to_region: Mapped[str] = mapped_column(String(12))
    reason: Mapped[str] = mapped_column(Text)
    requested_by: Mapped[str | None] = mapped_column(String(50))
    requested_on: Mapped[date] = mapped_column(Date)
    state: Mapped[TransferState] = mapped_column(
        Code(TransferState), default=TransferState.REQUESTED
    )
    decided_by: Mapped[str | None] = mapped_column(String(50))
    decided_on: Mapped[date | None] = mapped_column(Date)
    decision_note: Mapped[str | None] = mapped_column(Text)
