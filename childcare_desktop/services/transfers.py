"""转移: moving a child to another village of the county when the family moves (issue 15).

The village the child is in asks (a director, or the township's supervisor); the
receiving side's supervisor accepts or refuses (the county, across townships). All of it
is synced records, so it works offline on both sides; the county server checks who may
decide and, when it applies an acceptance, moves the child's whole file to the new
village (``sync.server.merge.moving``). The transfer itself stays in the old village as
its history: 转出至 <village>.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..core.errors import Kind, ValidationError
from ..core.roles import Permission, in_scope, may
from ..core.vocab import TransferState
from ..storage.models import Child, Transfer
from . import preferences
from .common import apply_changes, load, save
from .places import place_names, village_label

REASON_MAX = 4000


@dataclass(frozen=True, slots=True)
class TransferRecord:
    id: str
    child_id: str
    child_name: str
    from_region: str
    from_label: str  # 青石镇柳溪村, or the code when the name is not known here
    to_region: str
    to_label: str
    reason: str
    requested_by: str
    requested_on: date
    state: str  # core.vocab.TransferState
    state_label: str
    decided_by: str
    decided_on: date | None
    decision_note: str
    may_decide: bool = False  # this store's user may accept or refuse it now
    may_withdraw: bool = False  # ... or withdraw it (撤回)


def request_transfer(
    session: Session, *, child_id: str, to_region: str, reason: str
) -> TransferRecord:
    """Ask to move a child to another village of the same county."""
    child = load(session, Child, child_id)
    to_region = (to_region or "").strip()
    if not (to_region.isascii() and to_region.isdigit() and len(to_region) == 12):
        raise ValidationError(Kind.REGION_INVALID, "to_region", value=to_region[:20])
    if to_region[:6] != child.region_code[:6] or to_region == child.region_code:
        raise ValidationError(Kind.TRANSFER_TARGET, "to_region", value=to_region)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(Kind.REQUIRED, "reason")
    if len(reason) > REASON_MAX:
        raise ValidationError(Kind.TOO_LONG, "reason", max_len=REASON_MAX)
    row = Transfer(
        child_id=child.id,
        child_name=child.name,
        to_region=to_region,
        reason=reason,
        requested_by=preferences.work_settings(session).director or None,
        requested_on=date.today(),
        state=TransferState.REQUESTED,
        region_code=child.region_code,
    )
    save(session, row, "transfer_requested", child.id, transfer=row.id)
    return _record(row, place_names(session))


def decide_transfer(
    session: Session, *, transfer_id: str, accept: bool, note: str = ""
) -> TransferRecord:
    """Accept or refuse a transfer asked for (the server moves the file on acceptance)."""
    row = load(session, Transfer, transfer_id)
    _still_asked(row)
    ws = preferences.work_settings(session)
    if not may(ws.role, Permission.ACCEPT_TRANSFER) or not may_decide_here(
        ws.home_region or "", row.region_code, row.to_region
    ):
        raise ValidationError(Kind.NOT_PERMITTED, "state")
    state = TransferState.ACCEPTED if accept else TransferState.REFUSED
    changes = {
        "state": state,
        "decided_by": ws.director or None,
        "decided_on": date.today(),
        "decision_note": (note or "").strip()[:REASON_MAX] or None,
    }
    apply_changes(session, row, changes, f"transfer_{state.value}", row.child_id)
    return _record(row, place_names(session))


def cancel_transfer(session: Session, *, transfer_id: str) -> TransferRecord:
    """Withdraw a transfer not yet decided (who may ask for it over the child's village)."""
    row = load(session, Transfer, transfer_id)
    _still_asked(row)
    if not _may_withdraw(preferences.work_settings(session), row.region_code):
        raise ValidationError(Kind.NOT_PERMITTED, "state")
    changes = {"state": TransferState.CANCELLED, "decided_on": date.today()}
    apply_changes(session, row, changes, "transfer_cancelled", row.child_id)
    return _record(row, place_names(session))


def may_decide_here(scope: str, from_region: str, to_region: str) -> bool:
    """Whether a store of ``scope`` covers both villages (the server's rule as well)."""
    return in_scope(scope, to_region) and in_scope(scope, from_region)


def list_transfers(session: Session, *, child_id: str | None = None) -> list[TransferRecord]:
    """Every transfer this store holds, the ones still asked for first, newest first."""
    query = select(Transfer).where(Transfer.deleted.is_(False))
    if child_id is not None:
        query = query.where(Transfer.child_id == child_id)
    rows = session.scalars(query).all()
    names = place_names(session)
    ws = preferences.work_settings(session)
    records = [_with_rights(_record(r, names), ws) for r in rows]
    asked = TransferState.REQUESTED.value
    return sorted(records, key=lambda r: (r.state != asked, -r.requested_on.toordinal(), r.id))


def destinations(session: Session, *, child_id: str) -> list[tuple[str, str]]:
    """The villages this store knows that a child may move to: (code, label), by label
    (the county's other villages once their names have synced; a township store's own)."""
    child = load(session, Child, child_id)
    names = place_names(session)
    held = session.scalars(select(Child.region_code).distinct()).all()
    codes = {c for c in (*names, *held) if len(c) == 12 and c[:6] == child.region_code[:6]}
    codes.discard(child.region_code)
    return sorted(((c, village_label(c, names)) for c in codes), key=lambda x: (x[1], x[0]))


def _may_withdraw(ws: preferences.WorkSettings, from_region: str) -> bool:
    return may(ws.role, Permission.REQUEST_TRANSFER) and in_scope(ws.home_region or "", from_region)


def _with_rights(r: TransferRecord, ws: preferences.WorkSettings) -> TransferRecord:
    """What this store's user may do with a transfer still asked for (the server's rules)."""
    if r.state != TransferState.REQUESTED.value:
        return r
    decide = may(ws.role, Permission.ACCEPT_TRANSFER) and may_decide_here(
        ws.home_region or "", r.from_region, r.to_region
    )
    return replace(r, may_decide=decide, may_withdraw=_may_withdraw(ws, r.from_region))


def _still_asked(row: Transfer) -> None:
    if row.state != TransferState.REQUESTED:
        state = TransferState.parse(row.state)
        raise ValidationError(Kind.STATE_TRANSITION, "state", state=state.label if state else "")


def _record(row: Transfer, names: dict[str, str]) -> TransferRecord:
    state = TransferState.parse(row.state)
    return TransferRecord(
        id=row.id,
        child_id=row.child_id,
        child_name=row.child_name or "",
        from_region=row.region_code,
        from_label=village_label(row.region_code, names),
        to_region=row.to_region,
        to_label=village_label(row.to_region, names),
        reason=row.reason,
        requested_by=row.requested_by or "",
        requested_on=row.requested_on,
        state=str(row.state),
        state_label=state.label if state else str(row.state),
        decided_by=row.decided_by or "",
        decided_on=row.decided_on,
        decision_note=row.decision_note or "",
    )
