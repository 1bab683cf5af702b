"""退出 and 重新纳入: a child leaves the roster (aged out, parents returned, moved...) or
comes back. Both are kept as history; nothing in the file is removed."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..core.errors import Kind, StateError, ValidationError
from ..core.records import EnrollmentRecord
from ..core.vocab import Category, EnrollmentEventKind, ExitReason
from ..storage.models import Child, EnrollmentEvent
from . import fields
from .categories import add_category, memberships
from .common import is_active, load, not_before_birth, record_audit, save, to_record


def exit_child(
    session: Session,
    *,
    child_id: str,
    on_date: date | str,
    reason: ExitReason | str,
    note: str | None = None,
) -> EnrollmentRecord:
    """退出: the child leaves the roster on ``on_date``; categories still open end then."""
    child = load(session, Child, child_id)
    if not is_active(session, child.id):
        raise StateError(Kind.CHILD_EXITED, "child_id")
    when = fields.day(required=True)("on_date", on_date)
    not_before_birth(child, when, "on_date")
    _not_before_latest_event(session, child.id, when)
    why = fields.choice(ExitReason)("reason", reason)
    for membership in memberships(session, child.id):
        if membership.ended_on is None:
            if membership.recognized_on and when < membership.recognized_on:
                raise ValidationError(Kind.DATE_ORDER, "on_date")
            membership.ended_on = when
            membership.end_reason = why.label
    event = EnrollmentEvent(
        child_id=child.id,
        region_code=child.region_code,
        kind=EnrollmentEventKind.EXIT,
        on_date=when,
        reason=why,
        note=fields.note("note", note),
    )
    save(session, event, "child_exited", child.id, reason=why.value)
    return to_record(event, EnrollmentRecord)


def reenter_child(
    session: Session,
    *,
    child_id: str,
    on_date: date | str,
    categories: Iterable[Category | str] = (),
    note: str | None = None,
) -> EnrollmentRecord:
    """重新纳入: an exited child returns to the roster, with the categories now held."""
    child = load(session, Child, child_id)
    if is_active(session, child.id):
        raise StateError(Kind.CHILD_ACTIVE, "child_id")
    when = fields.day(required=True)("on_date", on_date)
    _not_before_latest_event(session, child.id, when)
    event = EnrollmentEvent(
        child_id=child.id,
        region_code=child.region_code,
        kind=EnrollmentEventKind.REENTRY,
        on_date=when,
        note=fields.note("note", note),
    )
    session.add(event)
    session.flush()
    for category in categories:
        add_category(session, child_id=child.id, category=category, recognized_on=when)
    record_audit(session, "child_reentered", child.id)
    return to_record(event, EnrollmentRecord)


def _not_before_latest_event(session: Session, child_id: str, when: date) -> None:
    """Exits and re-entries follow one another in time: one dated before the latest
    would make the history say the opposite of what happened."""
    latest = session.execute(
        select(func.max(EnrollmentEvent.on_date)).where(
            EnrollmentEvent.child_id == child_id, EnrollmentEvent.deleted.is_(False)
        )
    ).scalar()
    if latest is not None and when < latest:
        raise ValidationError(Kind.DATE_ORDER, "on_date", after=latest.isoformat())
