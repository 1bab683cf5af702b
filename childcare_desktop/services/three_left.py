"""三留守 (issue 18): a simple file for each left-behind woman (留守妇女) and elder
(留守老年人) of the village, its contacts (入户 / 电话), the exit, and the contacts due.

The county switches the duty on in its policy (``three_left_behind.enabled``). Switched
off, nothing asks for these people (:func:`enabled`, :func:`contacts_due`), but what was
kept stays in the store and syncs. They are never children: no child's count, roster,
summary table or duplicate search reads these tables.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..core.errors import Kind, StateError
from ..core.policy import Policy
from ..core.row_rules import check_rules
from ..core.three_left import AdultDue, AdultFacts, next_contact, settle_identity
from ..core.three_left import contacts_due as due_of
from ..core.vocab import AdultContactMode, AdultExitReason, Health, LeftBehindAdultKind, Sex
from ..storage.models import LeftBehindAdult, LeftBehindAdultVisit
from . import fields
from .common import home_region, load, record_audit, to_record
from .worklist import current_policy

PERSON: dict[str, fields.Rule] = {
    "kind": fields.choice(LeftBehindAdultKind),
    "name": fields.person_name(),
    "sex": fields.choice(Sex),
    "birth_date": fields.day(),
    "id_number": fields.document_number,
    "address": fields.text(),
    "work_place": fields.text(100),
    "away_who": fields.text(100),
    "health": fields.choice(Health),
    "phone": fields.phone,
    "registered_on": fields.day(required=True),
    "notes": fields.note,
}
VISIT: dict[str, fields.Rule] = {
    "visited_on": fields.day(required=True),
    "mode": fields.choice(AdultContactMode),
    "notes": fields.note,
}
EXIT: dict[str, fields.Rule] = {
    "exited_on": fields.day(required=True),
    "exit_reason": fields.choice(AdultExitReason),
}
IDENTITY = ("sex", "birth_date", "id_number")


@dataclass(frozen=True, slots=True)
class AdultRecord:
    id: str
    kind: LeftBehindAdultKind
    name: str
    sex: Sex
    birth_date: date | None
    id_number: str | None
    address: str | None
    work_place: str | None
    away_who: str | None
    health: Health
    phone: str | None
    registered_on: date
    notes: str | None
    exited_on: date | None
    exit_reason: AdultExitReason | None
    region_code: str
    last_contact_on: date | None = None
    next_contact_on: date | None = None  # None once exited


@dataclass(frozen=True, slots=True)
class AdultVisitRecord:
    id: str
    person_id: str
    visited_on: date
    mode: AdultContactMode
    notes: str | None


def policy(session: Session, as_of: date | None = None) -> Policy:
    """The county policy in force (the defaults where none came down)."""
    return current_policy(session, as_of=as_of or date.today())[0]


def enabled(session: Session, as_of: date | None = None) -> bool:
    """Whether the county asks this village to keep its left-behind women and elderly."""
    return policy(session, as_of).three_left_behind_enabled


def add_person(session: Session, *, region_code: str | None = None, **values: Any) -> AdultRecord:
    """File a left-behind woman or elder (``values``: the fields of :data:`PERSON`; kind,
    name and a birth date or an ID number required)."""
    values.setdefault("registered_on", date.today())
    values.setdefault("kind", None)  # required: the form names it
    cleaned = fields.clean_fields(PERSON, values)
    cleaned["sex"] = cleaned.get("sex") or Sex.UNKNOWN
    cleaned["health"] = cleaned.get("health") or Health.UNKNOWN
    settle_identity(cleaned, cleaned["kind"], today=date.today())
    row = LeftBehindAdult(region_code=home_region(session, region_code), **cleaned)
    session.add(row)
    session.flush()
    record_audit(session, "left_behind_adult_added", row=row.id, kind=row.kind.value)
    return person(session, row.id)


def edit_person(session: Session, person_id: str, **changes: Any) -> AdultRecord:
    """Change a file's fields (its kind stays: a woman who turns 60 is filed anew)."""
    row = load(session, LeftBehindAdult, person_id)
    cleaned = fields.clean_fields({k: r for k, r in PERSON.items() if k != "kind"}, changes)
    whole = {k: cleaned.get(k, getattr(row, k)) for k in IDENTITY}
    if "birth_date" in cleaned and cleaned["birth_date"] is None:  # emptied: the ID's again
        whole["birth_date"] = None
    settle_identity(whole, row.kind, today=date.today())
    if "registered_on" in cleaned:  # not after the exit, if any
        dates = {"registered_on": cleaned["registered_on"], "exited_on": row.exited_on}
        check_rules("left_behind_adult", dates, fields=("registered_on",))
    cleaned.update({k: v for k, v in whole.items() if k in cleaned or v != getattr(row, k)})
    changed = sorted(k for k, v in cleaned.items() if getattr(row, k) != v)
    for key in changed:
        setattr(row, key, cleaned[key])
    session.flush()
    if changed:
        record_audit(session, "left_behind_adult_edited", row=row.id, fields=changed)
    return person(session, row.id)


def log_visit(session: Session, *, person_id: str, **values: Any) -> AdultVisitRecord:
    """Record a contact (入户 / 电话); refused once the person left the roster, or dated
    before the registration."""
    row = load(session, LeftBehindAdult, person_id)
    if row.exited_on is not None:
        raise StateError(Kind.LEFT_BEHIND_EXITED, "person_id")
    values.setdefault("mode", None)  # required: the form names it
    cleaned = fields.clean_fields(VISIT, values)
    owner = {"owner.registered_on": row.registered_on}
    check_rules("left_behind_adult_visit", cleaned | owner, today=date.today())
    visit = LeftBehindAdultVisit(person_id=row.id, region_code=row.region_code, **cleaned)
    session.add(visit)
    session.flush()
    record_audit(session, "left_behind_adult_visited", row=row.id, mode=visit.mode.value)
    return _visit(visit)


def exit_person(session: Session, *, person_id: str, **values: Any) -> AdultRecord:
    """Take a person off the roster (退出): the date and the reason, together."""
    row = load(session, LeftBehindAdult, person_id)
    if row.exited_on is not None:
        raise StateError(Kind.LEFT_BEHIND_EXITED, "person_id")
    values.setdefault("exit_reason", None)
    cleaned = fields.clean_fields(EXIT, values)
    whole = {"registered_on": row.registered_on, **cleaned}
    check_rules("left_behind_adult", whole, today=date.today(), fields=("exited_on",))
    row.exited_on, row.exit_reason = cleaned["exited_on"], cleaned["exit_reason"]
    session.flush()
    record_audit(session, "left_behind_adult_exited", row=row.id, reason=row.exit_reason.value)
    return person(session, row.id)


def person(session: Session, person_id: str) -> AdultRecord:
    """One file with its latest contact and the next one due."""
    row = load(session, LeftBehindAdult, person_id)
    return _record(row, _last_contacts(session).get(row.id), policy(session))


def roster(session: Session, *, with_exited: bool = False) -> list[AdultRecord]:
    """The roster: women first, then elders, each by village and name."""
    query = select(LeftBehindAdult).where(LeftBehindAdult.deleted.is_(False))
    if not with_exited:
        query = query.where(LeftBehindAdult.exited_on.is_(None))
    rows = session.scalars(
        query.order_by(
            LeftBehindAdult.kind.desc(), LeftBehindAdult.region_code, LeftBehindAdult.name
        )
    )
    last, rules = _last_contacts(session), policy(session)
    return [_record(r, last.get(r.id), rules) for r in rows]


def visits(session: Session, person_id: str) -> list[AdultVisitRecord]:
    """A person's contacts, the latest first."""
    rows = session.scalars(
        select(LeftBehindAdultVisit)
        .where(LeftBehindAdultVisit.person_id == person_id, LeftBehindAdultVisit.deleted.is_(False))
        .order_by(LeftBehindAdultVisit.visited_on.desc(), LeftBehindAdultVisit.created_hlc.desc())
    )
    return [_visit(v) for v in rows]


def contacts_due(session: Session, *, as_of: date | None = None) -> list[AdultDue]:
    """The contacts due or overdue for the worklist; none while the county has 三留守 off."""
    as_of = as_of or date.today()
    rules = policy(session, as_of)
    if not rules.three_left_behind_enabled:
        return []
    return due_of((_facts(r) for r in roster(session)), as_of, rules)


def _facts(r: AdultRecord) -> AdultFacts:
    return AdultFacts(r.id, r.name, r.kind, r.region_code, r.registered_on, r.last_contact_on)


def _last_contacts(session: Session) -> dict[str, date]:
    found = session.execute(
        select(LeftBehindAdultVisit.person_id, func.max(LeftBehindAdultVisit.visited_on))
        .where(LeftBehindAdultVisit.deleted.is_(False))
        .group_by(LeftBehindAdultVisit.person_id)
    )
    return {str(p): d for p, d in found}


def _record(row: LeftBehindAdult, last: date | None, rules: Policy) -> AdultRecord:
    record = to_record(row, AdultRecord, last_contact_on=last)
    if row.exited_on is not None:
        return record
    return replace(record, next_contact_on=next_contact(_facts(record), rules))


def _visit(row: LeftBehindAdultVisit) -> AdultVisitRecord:
    return AdultVisitRecord(row.id, row.person_id, row.visited_on, row.mode, row.notes)
