"""The county's spot-check findings (县级抽查问题) for this laptop's scope: kept between
syncs, never pushed; a finding marked fixed here is sent until the server says it has it."""

from __future__ import annotations

from sqlalchemy import BigInteger, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base


class SpotFinding(Base):
    """One finding as the server last served it (``storage.spot_findings``), and this
    laptop's fixed mark (``fixed_ms``) until the server acknowledges it."""

    __tablename__ = "spot_finding"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    child_id: Mapped[str] = mapped_column(String(64), index=True)
    item: Mapped[str] = mapped_column(String(20))
    label: Mapped[str] = mapped_column(String(20))  # the checklist item, in words
    note: Mapped[str] = mapped_column(Text)
    drawn_on: Mapped[str] = mapped_column(String(10))  # the draw's date, ISO
    fixed_ms: Mapped[int | None] = mapped_column(BigInteger)  # marked 已整改 here, not yet acked
