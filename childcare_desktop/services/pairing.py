"""结对帮扶: a helper paired with a child (a party member, a cadre, a teacher, a volunteer),
the contacts the helper logs (at least one a month), and the end of the pairing.

Contacts are records of fact and never edited. A contact is dated within the pairing
(from ``since`` to ``until``); a pairing ends once, never before its latest contact.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..core.errors import Kind, StateError, ValidationError
from ..core.pairing_work import PairingFacts
from ..core.records import PairingContactRecord, PairingRecord
from ..core.row_rules import check_rules
from ..core.vocab import HelperRole, PairingContactMode
from ..storage.models import Child, Pairing, PairingContact
from . import fields
from .common import apply_changes, load, not_before_birth, require_active, save, to_record

PAIRING = {
    "helper_name": fields.person_name(required=True),
    "helper_role": fields.choice(HelperRole),
    "phone": fields.phone,
    "since": fields.day(required=True),
}

CONTACT = {
    "contacted_on": fields.day(required=True),
    "mode": fields.choice(PairingContactMode),
    "content": fields.note,
}

END = {"until": fields.day(required=True), "end_reason": fields.text(required=True)}


def add_pairing(session: Session, *, child_id: str, **values: Any) -> PairingRecord:
    """Pair a helper with a child 在册 from ``since`` (not before the birth)."""
    child = load(session, Child, child_id)
    require_active(session, child)
    values.setdefault("helper_role", None)  # required: the form names it
    cleaned = fields.clean_fields(PAIRING, values)
    not_before_birth(child, cleaned["since"], "since")
    row = Pairing(child_id=child.id, region_code=child.region_code, **cleaned)
    save(session, row, "pairing_added", child.id, role=row.helper_role.value)
    return to_record(row, PairingRecord)


def add_contact(session: Session, *, pairing_id: str, **values: Any) -> PairingContactRecord:
    """Log one contact of the helper with the child, dated within the pairing."""
    pairing = load(session, Pairing, pairing_id)
    values.setdefault("mode", None)
    cleaned = fields.clean_fields(CONTACT, values)
    owner = {"owner.since": pairing.since, "owner.until": pairing.until}
    check_rules("pairing_contact", cleaned | owner, today=date.today())
    row = PairingContact(pairing_id=pairing.id, region_code=pairing.region_code, **cleaned)
    save(session, row, "pairing_contact_recorded", pairing.child_id, pairing=pairing.id)
    return to_record(row, PairingContactRecord)


def end_pairing(
    session: Session, *, pairing_id: str, until: date | str | None, end_reason: str | None
) -> PairingRecord:
    """End a pairing on ``until`` with its reason; once, and not before its last contact."""
    pairing = load(session, Pairing, pairing_id)
    if pairing.until is not None:
        raise StateError(Kind.PAIRING_ENDED, "until", until=pairing.until.isoformat())
    cleaned = fields.clean_fields(END, {"until": until, "end_reason": end_reason})
    end = cleaned["until"]
    check_rules("pairing", {"since": pairing.since, **cleaned}, today=date.today())
    contacts = _contacts(session, pairing.id)
    if contacts and end < contacts[-1].contacted_on:
        last = contacts[-1].contacted_on.isoformat()
        raise ValidationError(Kind.ENDS_BEFORE_CONTACT, "until", value=end.isoformat(), last=last)
    apply_changes(session, pairing, cleaned, "pairing_ended", pairing.child_id)
    return to_record(pairing, PairingRecord, contacts=contacts)


def list_pairings(session: Session, *, child_id: str) -> tuple[PairingRecord, ...]:
    """A child's pairings with their contacts, those in force first, then the latest."""
    rows = session.scalars(
        select(Pairing)
        .where(Pairing.child_id == child_id, Pairing.deleted.is_(False))
        .order_by(Pairing.until.is_not(None), Pairing.since.desc(), Pairing.created_hlc.desc())
    )
    return tuple(to_record(r, PairingRecord, contacts=_contacts(session, r.id)) for r in rows)


def active_pairings(session: Session, *, child_id: str | None = None) -> list[PairingFacts]:
    """Every pairing in force (of the store, or of one child) with its latest contact."""
    # one seek per pairing in the covering index (migration 0020), where grouping all
    # the contacts of every pairing, ended ones too, read the whole table
    last = (
        select(func.max(PairingContact.contacted_on))
        .where(PairingContact.pairing_id == Pairing.id, PairingContact.deleted.is_(False))
        .scalar_subquery()
    )
    query = select(Pairing.id, Pairing.child_id, Pairing.helper_name, Pairing.since, last).where(
        Pairing.deleted.is_(False), Pairing.until.is_(None)
    )
    if child_id is not None:
        query = query.where(Pairing.child_id == child_id)
    return [PairingFacts(*r) for r in session.execute(query)]


def _contacts(session: Session, pairing_id: str) -> tuple[PairingContactRecord, ...]:
    rows = session.scalars(
        select(PairingContact)
        .where(PairingContact.pairing_id == pairing_id, PairingContact.deleted.is_(False))
        .order_by(PairingContact.contacted_on, PairingContact.created_hlc)
    )
    return tuple(to_record(r, PairingContactRecord) for r in rows)
