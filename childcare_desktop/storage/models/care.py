"""委托照护协议: the entrusted-care agreement and its lifecycle (draft -> signed -> superseded/ended)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ...core.vocab import AgreementState, YesNo
from .base import Base, Code, Synced
from .child import UNKNOWN, child_fk


class CareAgreement(Synced, Base):
    __tablename__ = "care_agreement"

    child_id: Mapped[str] = child_fk()
    # 甲方: the parent (or other guardian) who entrusts; 乙方: the carer.
    principal_id: Mapped[str | None] = mapped_column(String(36), ForeignKey("family_member.id"))
    carer_id: Mapped[str | None] = mapped_column(String(36), ForeignKey("carer.id"))
    state: Mapped[AgreementState] = mapped_column(Code(AgreementState), server_default="draft")
    start_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    contact_frequency: Mapped[str | None] = mapped_column(String(100))  # e.g. 每周至少一次
    fee: Mapped[str | None] = mapped_column(String(100))  # amount and terms, or 无偿
    child_opinion: Mapped[str | None] = mapped_column(Text)
    remote_confirmation: Mapped[YesNo] = mapped_column(Code(YesNo), server_default=UNKNOWN)
    remote_note: Mapped[str | None] = mapped_column(Text)
    signed_on: Mapped[date | None] = mapped_column(Date)
    signed_by_principal: Mapped[str | None] = mapped_column(String(50))
    signed_by_carer: Mapped[str | None] = mapped_column(String(50))
    witness: Mapped[str | None] = mapped_column(String(100))  # 丙方: village committee signer
    filed_on: Mapped[date | None] = mapped_column(Date)  # 备案
    ended_on: Mapped[date | None] = mapped_column(Date)
    end_reason: Mapped[str | None] = mapped_column(String(200))
    supersedes_id: Mapped[str | None] = mapped_column(String(36))
    scan_attachment_id: Mapped[str | None] = mapped_column(String(36))
    notes: Mapped[str | None] = mapped_column(Text)
