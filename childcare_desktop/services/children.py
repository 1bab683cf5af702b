"""Register a child and edit the child's own fields."""

from __future__ import annotations

from collections.abc import Callable, Iterable, MutableMapping
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..core.checks import CHECKED_ID_TYPES
from ..core.eligibility import check_category_age
from ..core.errors import Kind, ValidationError
from ..core.identity import IdKind, parse_id_number
from ..core.records import ChildRecord
from ..core.vocab import Category, IdType, SchoolStage, Sex
from ..storage.models import CategoryMembership, Child
from ..storage.models.base import new_id
from . import fields
from .common import apply_changes, home_region, load, save, to_record

# Document types whose numbers follow GB 11643 and carry birth date and sex.
ID_KIND_TYPES = {
    IdKind.RESIDENT: IdType.RESIDENT_ID,
    IdKind.HMT_PERMIT: IdType.HMT_PERMIT,
    IdKind.FOREIGN_PR: IdType.FOREIGN_PR,
}


def register_child(
    session: Session,
    *,
    name: str,
    region_code: str | None = None,
    categories: Iterable[Category | str] = (),
    recognized_on: date | str | None = None,
    **values: Any,
) -> ChildRecord:
    """Open a new file (一人一档) for a child, with the categories the child holds.

    Birth date and sex are taken from a citizen ID number when not given, and must
    agree with it when they are. Each category is checked against the child's age on
    the date it is recognised (认定).
    """
    child, held = build_child(
        session,
        name=name,
        region_code=region_code,
        categories=categories,
        recognized_on=recognized_on,
        **values,
    )
    save(session, child, "child_registered", child.id)
    session.add_all(held)
    session.flush()
    return to_record(child, ChildRecord)


FileNumbers = Callable[[str, date], str]


def build_child(
    session: Session,
    *,
    name: str,
    region_code: str | None = None,
    categories: Iterable[Category | str] = (),
    recognized_on: date | str | None = None,
    file_numbers: FileNumbers | None = None,
    unique_checked: bool = False,
    **values: Any,
) -> tuple[Child, list[CategoryMembership]]:
    """A new child and its category rows, checked as :func:`register_child` checks them,
    not yet added to the session.

    A caller that adds many children at once (a ledger import) numbers the files itself
    (``file_numbers``) and has checked that no other child holds the ID number
    (``unique_checked``): the store cannot see rows it has not been sent yet.
    """
    cleaned = fields.clean_fields(fields.CHILD, {"name": name, **values})
    if cleaned.get("registered_on") is None:  # a blank form field means today
        cleaned["registered_on"] = date.today()
    reconcile_identity(cleaned, current=None)
    if not unique_checked:
        check_unique_id(session, cleaned.get("id_number"), child_id=None)
    region = home_region(session, region_code)
    recognized = fields.day()("recognized_on", recognized_on) or cleaned["registered_on"]
    wanted = list(dict.fromkeys(parse_category(c) for c in categories))
    child = Child(id=new_id(), region_code=region, **cleaned)
    for category in wanted:
        check_age(child, category, recognized)
    numbering = file_numbers or (lambda r, on: _next_file_no(session, r, on))
    child.file_no = child.file_no or numbering(region, child.registered_on)
    held = [
        CategoryMembership(
            id=new_id(),
            child_id=child.id,
            region_code=region,
            category=category,
            recognized_on=recognized,
        )
        for category in wanted
    ]
    return child, held


def update_child(session: Session, *, child_id: str, **changes: Any) -> ChildRecord:
    """Change some of the child's own fields; identity fields are cross-checked again."""
    child = load(session, Child, child_id)
    cleaned = fields.clean_fields(fields.CHILD, changes)
    if {"id_number", "id_type", "birth_date", "sex"} & cleaned.keys():
        reconcile_identity(cleaned, current=child)
        check_unique_id(session, cleaned.get("id_number"), child_id=child.id)
    apply_changes(session, child, cleaned, "child_edited", child.id)
    return to_record(child, ChildRecord)


def get_child(session: Session, *, child_id: str) -> ChildRecord:
    return to_record(load(session, Child, child_id), ChildRecord)


def reconcile_identity(values: MutableMapping[str, Any], current: Any | None) -> None:
    """Check an ID number, and derive or cross-check birth date and sex from it.

    ``values`` are the cleaned new values (changed in place); ``current`` is the row
    being edited, whose values stand for the fields not being changed.
    """

    def now(key: str, default: Any = None) -> Any:
        return values[key] if key in values else getattr(current, key, default)

    number = now("id_number")
    id_type = now("id_type", IdType.UNKNOWN)
    if not number or id_type not in CHECKED_ID_TYPES:
        return
    parsed = parse_id_number(number)
    values["id_number"] = parsed.number
    values["id_type"] = ID_KIND_TYPES[parsed.kind]
    birth = now("birth_date")
    if birth is None:
        values["birth_date"] = parsed.birth_date
    elif birth != parsed.birth_date:
        raise ValidationError(
            Kind.ID_BIRTH_MISMATCH,
            "birth_date",
            from_id=parsed.birth_date.isoformat(),
            given=birth.isoformat(),
        )
    sex = now("sex", Sex.UNKNOWN)
    if sex in (None, Sex.UNKNOWN):
        values["sex"] = parsed.sex
    elif sex != parsed.sex:
        raise ValidationError(Kind.ID_SEX_MISMATCH, "sex", from_id=parsed.sex.value)


def check_unique_id(session: Session, number: str | None, child_id: str | None) -> None:
    """Two children never share an identity number (the national system's 重复数据 check)."""
    if not number:
        return
    query = select(Child.id).where(Child.id_number == number, Child.deleted.is_(False))
    if child_id:
        query = query.where(Child.id != child_id)
    other = session.execute(query.limit(1)).scalar()
    if other:
        raise ValidationError(Kind.ID_DUPLICATE, "id_number", existing=other)


def in_full_time_school(child: Child) -> bool:
    stage = child.school_stage
    return isinstance(stage, SchoolStage) and stage.full_time_school


def check_age(child: Child, category: Category, on: date) -> None:
    if child.birth_date is not None:
        check_category_age(
            category, child.birth_date, on, in_full_time_school=in_full_time_school(child)
        )


def parse_category(value: Category | str) -> Category:
    member = Category.parse(value)
    if member is None:
        raise ValidationError(Kind.INVALID_CHOICE, "category", value=str(value)[:40])
    return member


def _next_file_no(session: Session, region: str, registered_on: date) -> str:
    """档案编号: village code, year and a running number within this store."""
    prefix = f"{region}-{registered_on.year}-"
    return f"{prefix}{last_file_number(session, prefix) + 1:04d}"


def last_file_number(session: Session, prefix: str) -> int:
    """The highest running number in use after ``prefix``, not a count: a count reuses a
    number once a file is renumbered or merged in by sync. Numbers are zero-padded, so text
    order is numeric order up to 9,999 children a year in one village."""
    last = session.execute(
        select(func.max(Child.file_no)).where(Child.file_no.startswith(prefix))
    ).scalar_one()
    return int(last.rsplit("-", 1)[1]) if last and last.rsplit("-", 1)[1].isdigit() else 0
