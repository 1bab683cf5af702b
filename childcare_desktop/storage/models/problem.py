"""发现问题和解决方案 (issue 18): a problem found in a child's situation and its steps."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ...core.vocab import ProblemKind, ProblemState
from .base import Base, Code, Synced
from .child import child_fk


class Problem(Synced, Base):
    """A problem found on a visit or an assessment: who acts by when, until closed."""

    __tablename__ = "problem"

    child_id: Mapped[str] = child_fk()
    kind: Mapped[ProblemKind] = mapped_column(Code(ProblemKind))
    description: Mapped[str] = mapped_column(Text)
    found_on: Mapped[date] = mapped_column(Date)
    # The visit or assessment it came from: named, not a foreign key (a voided visit
    # still names it; the file shows the date).
    visit_id: Mapped[str | None] = mapped_column(String(36))
    assessment_id: Mapped[str | None] = mapped_column(String(36))
    handled_by: Mapped[str | None] = mapped_column(String(100))
    target_on: Mapped[date] = mapped_column(Date)
    state: Mapped[ProblemState] = mapped_column(Code(ProblemState), default=ProblemState.OPEN)
    closed_on: Mapped[date | None] = mapped_column(Date)
    solution: Mapped[str | None] = mapped_column(Text)


class ProblemStep(Synced, Base):
    """One dated step taken on a problem (what was done, what came of it), never edited."""

    __tablename__ = "problem_step"

    problem_id: Mapped[str] = mapped_column(String(36), ForeignKey("problem.id"), index=True)
    on_date: Mapped[date] = mapped_column(Date)
    action: Mapped[str] = mapped_column(Text)
    result: Mapped[str | None] = mapped_column(String(200))
