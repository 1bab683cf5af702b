"""结对帮扶 and 告知学校 (issue 18): a helper paired with a child, each contact, and the
record that the child's school was told."""

from __future__ import annotations

from datetime import date

from sqlalchemy import JSON, Date, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ...core.vocab import HelperRole, NoticeMode, PairingContactMode
from .base import Base, Code, Synced
from .child import child_fk


class Pairing(Synced, Base):
    """A helper paired with a child from ``since``; ``until`` ends the pairing."""

    __tablename__ = "pairing"

    child_id: Mapped[str] = child_fk()
    helper_name: Mapped[str] = mapped_column(String(50))
    helper_role: Mapped[HelperRole] = mapped_column(Code(HelperRole))
    phone: Mapped[str | None] = mapped_column(String(40))
    since: Mapped[date] = mapped_column(Date)
    until: Mapped[date | None] = mapped_column(Date)
    end_reason: Mapped[str | None] = mapped_column(String(200))


class PairingContact(Synced, Base):
    """One contact of a paired helper with the child, never edited."""

    __tablename__ = "pairing_contact"
    # each pairing's latest contact, read from the index alone (migration 0020)
    __table_args__ = (Index("ix_pairing_contact_latest", "pairing_id", "contacted_on", "deleted"),)

    pairing_id: Mapped[str] = mapped_column(String(36), ForeignKey("pairing.id"), index=True)
    contacted_on: Mapped[date] = mapped_column(Date)
    mode: Mapped[PairingContactMode] = mapped_column(Code(PairingContactMode))
    content: Mapped[str | None] = mapped_column(Text)


class SchoolNotice(Synced, Base):
    """That the child's school was told of the child's situation and the parents' work
    place and contact, never edited (a later notice supersedes it)."""

    __tablename__ = "school_notice"

    child_id: Mapped[str] = child_fk()
    school_name: Mapped[str] = mapped_column(String(100))
    told_on: Mapped[date] = mapped_column(Date)
    mode: Mapped[NoticeMode] = mapped_column(Code(NoticeMode))
    contents: Mapped[list[str]] = mapped_column(JSON, default=list, server_default="[]")
    told_whom: Mapped[str | None] = mapped_column(String(50))
    note: Mapped[str | None] = mapped_column(Text)
