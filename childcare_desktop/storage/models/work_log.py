"""工作日志: the director's dated work not tied to one child (issue 18)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ...core.vocab import WorkLogKind
from .base import Base, Code, Synced


class WorkLog(Synced, Base):
    """One entry of the log: a meeting, a training, a call, the 儿童之家's activity..."""

    __tablename__ = "work_log"

    logged_on: Mapped[date] = mapped_column(Date, index=True)
    kind: Mapped[WorkLogKind] = mapped_column(Code(WorkLogKind))
    title: Mapped[str] = mapped_column(String(100))
    content: Mapped[str | None] = mapped_column(Text)
    place: Mapped[str | None] = mapped_column(String(100))


class WorkLogChild(Synced, Base):
    """A child an entry concerns (one record a child; removed by its tombstone).

    ``child_id`` is no foreign key: a child transferred away leaves this store (its file
    is removed, ``storage.leaving``) while the village's log keeps naming the child."""

    __tablename__ = "work_log_child"

    work_log_id: Mapped[str] = mapped_column(String(36), ForeignKey("work_log.id"), index=True)
    child_id: Mapped[str] = mapped_column(String(36), index=True)
