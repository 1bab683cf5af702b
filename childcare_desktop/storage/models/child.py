"""The child's file (一人一档): the child, family, carers, categories and enrollment."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import JSON, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, validates

from ...core.search import pinyin_key
from ...core.vocab import (
    Category,
    DisabilityKind,
    EnrollmentEventKind,
    EntrustReason,
    ExitReason,
    Health,
    HukouType,
    IdType,
    Incapacity,
    LifeStatus,
    Relation,
    SchoolStage,
    Sex,
    YesNo,
)
from .base import Base, Code, Synced

UNKNOWN = "unknown"


def child_fk() -> Any:
    return mapped_column(String(36), ForeignKey("child.id"), index=True)


class Child(Synced, Base):
    __tablename__ = "child"

    file_no: Mapped[str | None] = mapped_column(String(40))  # 档案编号
    name: Mapped[str] = mapped_column(String(50))
    # Pinyin spellings and initials for roster search ("zs" finds 张三); derived here.
    name_pinyin: Mapped[str] = mapped_column(
        String(400), default="", server_default="", info={"local": True}
    )
    sex: Mapped[Sex] = mapped_column(Code(Sex), server_default=UNKNOWN)
    ethnicity: Mapped[str | None] = mapped_column(String(20))  # 民族; None = 未采集
    birth_date: Mapped[date | None] = mapped_column(Date)
    id_type: Mapped[IdType] = mapped_column(Code(IdType), server_default=UNKNOWN)
    id_number: Mapped[str | None] = mapped_column(String(30), index=True)
    hukou_registered: Mapped[YesNo] = mapped_column(Code(YesNo), server_default=UNKNOWN)
    hukou_type: Mapped[HukouType] = mapped_column(Code(HukouType), server_default=UNKNOWN)
    hukou_address: Mapped[str | None] = mapped_column(String(200))
    current_address: Mapped[str | None] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(40))  # household phone
    health: Mapped[Health] = mapped_column(Code(Health), server_default=UNKNOWN)
    disability_kind: Mapped[DisabilityKind | None] = mapped_column(Code(DisabilityKind))
    disability_grade: Mapped[int | None] = mapped_column(Integer)
    illness: Mapped[str | None] = mapped_column(String(200))
    school_stage: Mapped[SchoolStage] = mapped_column(Code(SchoolStage), server_default=UNKNOWN)
    school_name: Mapped[str | None] = mapped_column(String(100))
    school_grade: Mapped[str | None] = mapped_column(String(20))
    boarding: Mapped[YesNo] = mapped_column(Code(YesNo), server_default=UNKNOWN)
    economic_sources: Mapped[list[str]] = mapped_column(JSON, default=list, server_default="[]")
    entrust_reason: Mapped[EntrustReason] = mapped_column(
        Code(EntrustReason), server_default=UNKNOWN
    )
    has_carer: Mapped[YesNo] = mapped_column(Code(YesNo), server_default=UNKNOWN)
    registered_on: Mapped[date] = mapped_column(Date)  # 上报日期 / first entered
    notes: Mapped[str | None] = mapped_column(Text)

    @validates("name")
    def _derive_pinyin(self, _key: str, value: str) -> str:
        self.name_pinyin = pinyin_key(value)
        return value


class FamilyMember(Synced, Base):
    __tablename__ = "family_member"

    child_id: Mapped[str] = child_fk()
    relation: Mapped[Relation] = mapped_column(Code(Relation))
    name: Mapped[str | None] = mapped_column(String(50))
    birth_date: Mapped[date | None] = mapped_column(Date)
    life: Mapped[LifeStatus] = mapped_column(Code(LifeStatus), server_default=UNKNOWN)
    id_type: Mapped[IdType] = mapped_column(Code(IdType), server_default=UNKNOWN)
    id_number: Mapped[str | None] = mapped_column(String(30))
    phone: Mapped[str | None] = mapped_column(String(40))
    work_province: Mapped[str | None] = mapped_column(String(20))
    work_city: Mapped[str | None] = mapped_column(String(30))
    away_for_work: Mapped[YesNo] = mapped_column(Code(YesNo), server_default=UNKNOWN)
    away_since: Mapped[date | None] = mapped_column(Date)
    cross_county: Mapped[YesNo] = mapped_column(Code(YesNo), server_default=UNKNOWN)
    incapacity: Mapped[Incapacity] = mapped_column(Code(Incapacity), server_default=UNKNOWN)
    incapacity_since: Mapped[date | None] = mapped_column(Date)
    disability_kind: Mapped[DisabilityKind | None] = mapped_column(Code(DisabilityKind))
    disability_grade: Mapped[int | None] = mapped_column(Integer)
    notes: Mapped[str | None] = mapped_column(Text)


class Carer(Synced, Base):
    """受委托照护人: the person the parents entrust with the child's daily care."""

    __tablename__ = "carer"

    child_id: Mapped[str] = child_fk()
    name: Mapped[str] = mapped_column(String(50))
    id_type: Mapped[IdType] = mapped_column(Code(IdType), server_default=UNKNOWN)
    id_number: Mapped[str | None] = mapped_column(String(30))
    phone: Mapped[str | None] = mapped_column(String(40))
    relation: Mapped[Relation] = mapped_column(Code(Relation))
    address: Mapped[str | None] = mapped_column(String(200))
    birth_date: Mapped[date | None] = mapped_column(Date)
    health: Mapped[Health] = mapped_column(Code(Health), server_default=UNKNOWN)
    lives_with_child: Mapped[YesNo] = mapped_column(Code(YesNo), server_default=UNKNOWN)
    notes: Mapped[str | None] = mapped_column(Text)


class CategoryMembership(Synced, Base):
    """One category a child holds, from 认定 to 退出."""

    __tablename__ = "category_membership"

    child_id: Mapped[str] = child_fk()
    category: Mapped[Category] = mapped_column(Code(Category))
    recognized_on: Mapped[date | None] = mapped_column(Date)
    ended_on: Mapped[date | None] = mapped_column(Date)
    end_reason: Mapped[str | None] = mapped_column(String(200))
    basis: Mapped[str | None] = mapped_column(Text)


class EnrollmentEvent(Synced, Base):
    """退出 and 重新纳入, kept as history; the latest event gives the child's status."""

    __tablename__ = "enrollment_event"
    # each child's latest event, read from the index alone (migration 0020)
    __table_args__ = (
        Index(
            "ix_enrollment_event_latest", "child_id", "on_date", "created_hlc", "kind", "deleted"
        ),
    )

    child_id: Mapped[str] = child_fk()
    kind: Mapped[EnrollmentEventKind] = mapped_column(Code(EnrollmentEventKind))
    on_date: Mapped[date] = mapped_column(Date)
    reason: Mapped[ExitReason | None] = mapped_column(Code(ExitReason))
    note: Mapped[str | None] = mapped_column(Text)
