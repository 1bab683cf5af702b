"""The child's family (parents, grandparents) and carers (受委托照护人)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from ..core.identity import parse_id_number
from ..core.records import CarerRecord, FamilyMemberRecord
from ..core.vocab import IdType
from ..storage.models import Carer, Child, FamilyMember
from ..storage.models.base import new_id
from . import fields
from .common import apply_changes, load, save, to_record


def add_family_member(
    session: Session, *, child_id: str, relation: str, **values: Any
) -> FamilyMemberRecord:
    """Record a parent, grandparent or other family member of the child."""
    member = build_family_member(load(session, Child, child_id), relation=relation, **values)
    save(session, member, "family_added", child_id, member=member.id)
    return to_record(member, FamilyMemberRecord)


def build_family_member(child: Child, *, relation: str, **values: Any) -> FamilyMember:
    """A family member checked as :func:`add_family_member` checks it, not yet added."""
    cleaned = fields.clean_fields(fields.FAMILY_MEMBER, {"relation": relation, **values})
    _check_adult_id(cleaned, cleaned.get("id_type", IdType.UNKNOWN))
    return FamilyMember(id=new_id(), child_id=child.id, region_code=child.region_code, **cleaned)


def update_family_member(session: Session, *, member_id: str, **changes: Any) -> FamilyMemberRecord:
    member = load(session, FamilyMember, member_id)
    cleaned = fields.clean_fields(fields.FAMILY_MEMBER, changes)
    _check_adult_id(cleaned, cleaned.get("id_type", member.id_type))
    apply_changes(session, member, cleaned, "family_edited", member.child_id)
    return to_record(member, FamilyMemberRecord)


def remove_family_member(session: Session, *, member_id: str) -> None:
    """Withdraw a family member entered by mistake (kept as a tombstone)."""
    member = load(session, FamilyMember, member_id)
    member.deleted = True
    save(session, member, "family_removed", member.child_id, member=member.id)


def add_carer(
    session: Session, *, child_id: str, name: str, relation: str, **values: Any
) -> CarerRecord:
    """Record the person entrusted with the child's daily care."""
    carer = build_carer(load(session, Child, child_id), name=name, relation=relation, **values)
    save(session, carer, "carer_added", child_id, carer=carer.id)
    return to_record(carer, CarerRecord)


def build_carer(child: Child, *, name: str, relation: str, **values: Any) -> Carer:
    """A carer checked as :func:`add_carer` checks it, not yet added."""
    cleaned = fields.clean_fields(fields.CARER, {"name": name, "relation": relation, **values})
    _check_adult_id(cleaned, cleaned.get("id_type", IdType.UNKNOWN))
    return Carer(id=new_id(), child_id=child.id, region_code=child.region_code, **cleaned)


def update_carer(session: Session, *, carer_id: str, **changes: Any) -> CarerRecord:
    carer = load(session, Carer, carer_id)
    cleaned = fields.clean_fields(fields.CARER, changes)
    _check_adult_id(cleaned, cleaned.get("id_type", carer.id_type))
    apply_changes(session, carer, cleaned, "carer_edited", carer.child_id)
    return to_record(carer, CarerRecord)


def remove_carer(session: Session, *, carer_id: str) -> None:
    carer = load(session, Carer, carer_id)
    carer.deleted = True
    save(session, carer, "carer_removed", carer.child_id, carer=carer.id)


def _check_adult_id(values: dict[str, Any], id_type: Any) -> None:
    """A citizen ID number is validated and normalised; other documents are kept as typed."""
    number = values.get("id_number")
    if number and id_type in (
        IdType.RESIDENT_ID,
        IdType.UNKNOWN,
        IdType.HMT_PERMIT,
        IdType.FOREIGN_PR,
    ):
        parsed = parse_id_number(number)
        values["id_number"] = parsed.number
        if values.get("birth_date") is None:
            values["birth_date"] = parsed.birth_date
