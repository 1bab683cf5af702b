"""委托照护协议: draft -> signed -> superseded (by a newer signed one) or ended.

Only a draft is edited. Signing needs the carer, the period and who signed; signing a
new agreement supersedes the one in force, so a child has one signed agreement at a time.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..core.errors import Kind, StateError, ValidationError
from ..core.records import AgreementRecord
from ..core.vocab import AgreementState, YesNo
from ..storage.models import CareAgreement, Carer, Child, FamilyMember
from . import fields
from .common import load, record_audit, require_active, save, to_record


def draft_agreement(
    session: Session,
    *,
    child_id: str,
    carer_id: str,
    start_date: date | str,
    end_date: date | str,
    **values: Any,
) -> AgreementRecord:
    """Prepare an agreement for the parents, the carer and the village committee to sign."""
    child = load(session, Child, child_id)
    require_active(session, child)
    cleaned = fields.clean_fields(
        fields.AGREEMENT_DRAFT,
        {"carer_id": carer_id, "start_date": start_date, "end_date": end_date, **values},
    )
    _check_parties(session, child, cleaned)
    _check_period(cleaned)
    row = CareAgreement(
        child_id=child.id, region_code=child.region_code, state=AgreementState.DRAFT, **cleaned
    )
    row.contact_frequency = row.contact_frequency or "每周至少一次"
    save(session, row, "agreement_drafted", child.id, agreement=row.id)
    return to_record(row, AgreementRecord)


def update_draft(session: Session, *, agreement_id: str, **changes: Any) -> AgreementRecord:
    row = _in_state(session, agreement_id, AgreementState.DRAFT)
    cleaned = fields.clean_fields(fields.AGREEMENT_DRAFT, changes)
    merged = {k: getattr(row, k) for k in fields.AGREEMENT_DRAFT} | cleaned
    _check_parties(session, load(session, Child, row.child_id), merged)
    _check_period(merged)
    for key, value in cleaned.items():
        setattr(row, key, value)
    session.flush()
    record_audit(
        session, "agreement_edited", row.child_id, agreement=row.id, fields=sorted(cleaned)
    )
    return to_record(row, AgreementRecord)


def sign_agreement(
    session: Session,
    *,
    agreement_id: str,
    signed_on: date | str,
    signed_by_principal: str,
    signed_by_carer: str,
    witness: str,
    filed_on: date | str | None = None,
    remote_confirmation: YesNo | str | None = None,
    remote_note: str | None = None,
) -> AgreementRecord:
    """Record the signatures; an earlier signed agreement of the child is superseded.

    When a parent is away, ``remote_confirmation="yes"`` with a note of how it was
    confirmed (phone, video, a recording kept) stands in for the parent's presence.
    """
    row = _in_state(session, agreement_id, AgreementState.DRAFT)
    signed = fields.day(required=True)("signed_on", signed_on)
    row.signed_by_principal = fields.person_name()("signed_by_principal", signed_by_principal)
    row.signed_by_carer = fields.person_name()("signed_by_carer", signed_by_carer)
    row.witness = fields.text(100, required=True)("witness", witness)
    row.filed_on = fields.day()("filed_on", filed_on)
    if row.filed_on is not None and row.filed_on < signed:
        raise ValidationError(Kind.DATE_ORDER, "filed_on")
    if remote_confirmation is not None:
        row.remote_confirmation = fields.choice(YesNo)("remote_confirmation", remote_confirmation)
    if remote_note is not None:
        row.remote_note = fields.note("remote_note", remote_note)
    for required in ("carer_id", "start_date", "end_date"):
        if getattr(row, required) is None:
            raise ValidationError(Kind.REQUIRED, required)
    previous = session.scalars(
        select(CareAgreement)
        .where(
            CareAgreement.child_id == row.child_id,
            CareAgreement.id != row.id,
            CareAgreement.state == AgreementState.SIGNED,
            CareAgreement.deleted.is_(False),
        )
        .order_by(CareAgreement.signed_on)
    ).all()
    for old in previous:
        old.state = AgreementState.SUPERSEDED
    row.supersedes_id = previous[-1].id if previous else None
    row.signed_on = signed
    row.state = AgreementState.SIGNED
    save(session, row, "agreement_signed", row.child_id, agreement=row.id)
    return to_record(row, AgreementRecord)


def end_agreement(
    session: Session, *, agreement_id: str, ended_on: date | str, reason: str
) -> AgreementRecord:
    """终止: a signed agreement ends early (carer unable, parents back), or a draft is dropped."""
    row = load(session, CareAgreement, agreement_id)
    if row.state not in (AgreementState.DRAFT, AgreementState.SIGNED):
        raise StateError(Kind.STATE_TRANSITION, "state", state=str(row.state))
    row.ended_on = fields.day(required=True)("ended_on", ended_on)
    row.end_reason = fields.text(required=True)("end_reason", reason)
    row.state = AgreementState.ENDED
    save(session, row, "agreement_ended", row.child_id, agreement=row.id)
    return to_record(row, AgreementRecord)


def list_agreements(session: Session, *, child_id: str) -> tuple[AgreementRecord, ...]:
    rows = session.scalars(
        select(CareAgreement)
        .where(CareAgreement.child_id == child_id, CareAgreement.deleted.is_(False))
        .order_by(CareAgreement.start_date.desc())
    )
    return tuple(to_record(r, AgreementRecord) for r in rows)


def _in_state(session: Session, agreement_id: str, state: AgreementState) -> CareAgreement:
    row = load(session, CareAgreement, agreement_id)
    if row.state is not state:
        raise StateError(Kind.STATE_TRANSITION, "state", state=str(row.state))
    return row


def _check_parties(session: Session, child: Child, values: dict[str, Any]) -> None:
    for key, model in (("carer_id", Carer), ("principal_id", FamilyMember)):
        if values.get(key):
            party = load(session, model, values[key])
            if party.child_id != child.id:
                raise ValidationError(Kind.INVALID_CHOICE, key)


def _check_period(values: dict[str, Any]) -> None:
    start, end = values.get("start_date"), values.get("end_date")
    if start and end and end < start:
        raise ValidationError(Kind.DATE_ORDER, "end_date")
