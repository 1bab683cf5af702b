"""审核: the township's answer to what a director did (see ``core.entities.REVIEW``)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ...core.vocab import ReviewDecision, ReviewKind
from .base import Base, Code, Synced
from .child import child_fk


class Review(Synced, Base):
    """A supervisor's 通过 or 退回 of one item (a registration, an exit, an agreement...),
    insert-only: a later answer is a new row."""

    __tablename__ = "review"

    child_id: Mapped[str] = child_fk()
    subject_table: Mapped[str] = mapped_column(String(40))
    subject_id: Mapped[str] = mapped_column(String(36), index=True)
    subject_kind: Mapped[ReviewKind] = mapped_column(Code(ReviewKind))
    subject_digest: Mapped[str] = mapped_column(String(64))
    decision: Mapped[ReviewDecision] = mapped_column(Code(ReviewDecision))
    comment: Mapped[str | None] = mapped_column(Text)
    decided_by: Mapped[str | None] = mapped_column(String(50))
    decided_at: Mapped[datetime] = mapped_column(DateTime)
