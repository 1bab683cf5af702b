"""四级分类服务 (issue 18): a child's service plan, written for the child's risk colour."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ...core.vocab import RiskColour
from .base import Base, Code, Synced
from .child import child_fk


class ServicePlan(Synced, Base):
    """What is done for a child, by whom, how often; never edited: a revision is a new
    plan, the latest written is the current one."""

    __tablename__ = "service_plan"
    # the worklist reads each child's current plan from the index alone (migration 0020)
    __table_args__ = (
        Index(
            "ix_service_plan_latest",
            "child_id",
            "written_on",
            "created_hlc",
            "id",
            "colour",
            "review_due",
            "deleted",
        ),
    )

    child_id: Mapped[str] = child_fk()
    colour: Mapped[RiskColour] = mapped_column(Code(RiskColour))
    measures: Mapped[str] = mapped_column(Text)
    responsible: Mapped[str] = mapped_column(String(100))
    frequency: Mapped[str] = mapped_column(String(100))
    written_on: Mapped[date] = mapped_column(Date)
    review_due: Mapped[date | None] = mapped_column(Date)
