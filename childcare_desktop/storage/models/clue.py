"""线索 (issue 18): a clue from a hotline, the school, the village or the police."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ...core.vocab import ClueHandling, ClueOutcome, ClueSource, ClueState
from .base import Base, Code, Synced


class Clue(Synced, Base):
    """A clue received, what the director made of it (a report, a visit, a note) and
    its outcome.

    ``child_id``, ``incident_id`` and ``visit_id`` are no foreign keys: a child
    transferred away leaves this store with its file while the village keeps its clues,
    and a laptop may hold a clue whose report it is not shown."""

    __tablename__ = "clue"

    source: Mapped[ClueSource] = mapped_column(Code(ClueSource))
    source_detail: Mapped[str | None] = mapped_column(String(100))
    received_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    content: Mapped[str] = mapped_column(Text)
    safety: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    child_id: Mapped[str | None] = mapped_column(String(36), index=True)
    about: Mapped[str | None] = mapped_column(String(100))
    state: Mapped[ClueState] = mapped_column(Code(ClueState), default=ClueState.OPEN)
    handling: Mapped[ClueHandling | None] = mapped_column(Code(ClueHandling))
    incident_id: Mapped[str | None] = mapped_column(String(36))
    visit_id: Mapped[str | None] = mapped_column(String(36))
    handled_on: Mapped[date | None] = mapped_column(Date)
    handling_note: Mapped[str | None] = mapped_column(Text)
    outcome: Mapped[ClueOutcome | None] = mapped_column(Code(ClueOutcome))
    outcome_note: Mapped[str | None] = mapped_column(Text)
    closed_on: Mapped[date | None] = mapped_column(Date)
