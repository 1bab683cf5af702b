"""The names of divisions the county syncs down (区划名称); this laptop's copy, never pushed."""

from __future__ import annotations

from sqlalchemy import BigInteger, String
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base


class Place(Base):
    """One division's name: the store's scope and the county and township above it, as
    the county server last served them (``storage.places``)."""

    __tablename__ = "place"

    code: Mapped[str] = mapped_column(String(12), primary_key=True)  # 6, 9 or 12 digits
    name: Mapped[str] = mapped_column(String(60))
    received_ms: Mapped[int] = mapped_column(BigInteger)
