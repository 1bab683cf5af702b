"""Categories a child holds (留守, 困境 sub-types, 事实无人抚养), from 认定 to 退出."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..core.eligibility import active_on, category_end_date
from ..core.errors import Kind, StateError, ValidationError
from ..core.records import CategoryRecord
from ..core.vocab import Category
from ..storage.models import CategoryMembership, Child
from . import fields
from .children import check_age, in_full_time_school, parse_category
from .common import load, not_before_birth, save, to_record


def add_category(
    session: Session,
    *,
    child_id: str,
    category: Category | str,
    recognized_on: date | str,
    basis: str | None = None,
) -> CategoryRecord:
    """认定: the child holds ``category`` from ``recognized_on``; its age is checked."""
    child = load(session, Child, child_id)
    member = parse_category(category)
    recognized = fields.day(required=True)("recognized_on", recognized_on)
    not_before_birth(child, recognized, "recognized_on")
    check_age(child, member, recognized)
    for existing in memberships(session, child.id):
        if existing.category is member and active_on(
            existing.recognized_on, existing.ended_on, recognized
        ):
            raise ValidationError(Kind.CATEGORY_DUPLICATE, "category", category=member.value)
    row = CategoryMembership(
        child_id=child.id,
        region_code=child.region_code,
        category=member,
        recognized_on=recognized,
        basis=fields.note("basis", basis),
    )
    save(session, row, "category_added", child.id, category=member.value)
    return category_record(child, row)


def end_category(
    session: Session, *, membership_id: str, ended_on: date | str, reason: str
) -> CategoryRecord:
    """退出 from one category (the child may keep others)."""
    row = load(session, CategoryMembership, membership_id)
    if row.ended_on is not None:
        raise StateError(Kind.STATE_TRANSITION, "ended_on", state="ended")
    ended = fields.day(required=True)("ended_on", ended_on)
    if row.recognized_on is not None and ended < row.recognized_on:
        raise ValidationError(Kind.DATE_ORDER, "ended_on")
    row.ended_on = ended
    row.end_reason = fields.text(required=True)("end_reason", reason)
    save(session, row, "category_ended", row.child_id, category=row.category.value)
    return category_record(load(session, Child, row.child_id), row)


def memberships(session: Session, child_id: str) -> list[CategoryMembership]:
    return list(
        session.scalars(
            select(CategoryMembership)
            .where(CategoryMembership.child_id == child_id, CategoryMembership.deleted.is_(False))
            .order_by(CategoryMembership.recognized_on)
        )
    )


def category_record(child: Child, row: CategoryMembership) -> CategoryRecord:
    ends = None
    if child.birth_date is not None and isinstance(row.category, Category):
        ends = category_end_date(
            row.category, child.birth_date, in_full_time_school=in_full_time_school(child)
        )
    return to_record(row, CategoryRecord, ends_by_age_on=ends)
