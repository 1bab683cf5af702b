"""What every use case shares: the acting user, loading rows, audit entries, records."""

from __future__ import annotations

import dataclasses
import gc
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..core.errors import Kind, NotFoundError, StateError, ValidationError
from ..core.region import Level, Region
from ..core.vocab import EnrollmentEventKind
from ..storage import audit, settings
from ..storage.models import Child, EnrollmentEvent, Synced

R = TypeVar("R")
M = TypeVar("M", bound=Synced)


class Progress:
    """What a long job reports to, and asks whether to stop (a Qt or console adapter)."""

    def report(self, done: int, total: int, note: str = "") -> None:  # pragma: no cover
        pass

    def cancelled(self) -> bool:
        return False


def actor(session: Session) -> str:
    """The name of the person at the keyboard (set when the store was unlocked)."""
    return str(session.info.get("actor") or "")


def record_audit(session: Session, action: str, child_id: str | None = None, **detail: Any) -> None:
    """Write an audit entry; ``detail`` holds ids and field names, never personal data.

    Inside :func:`audit_group` the entries are collected instead, to be written as one.
    """
    group = session.info.get(_GROUP)
    if group is not None:
        group.append({"action": action, **({"child": child_id} if child_id else {}), **detail})
        return
    audit.append_raw(
        session, actor=actor(session), action=action, child_id=child_id, detail=detail or None
    )


_GROUP = "audit_group"


@contextmanager
def audit_group(
    session: Session, action: str, child_id: str | None = None, **detail: Any
) -> Iterator[None]:
    """Write the audit entries of the block as one entry ``action`` whose detail lists them
    (an imported ledger row: the child, the parents, the carer). Nothing is left out; the
    log only gets one hash-chained entry instead of six."""
    entries: list[dict[str, Any]] = []
    session.info[_GROUP] = entries
    try:
        yield
    finally:
        del session.info[_GROUP]
    if entries:
        audit.append_raw(
            session,
            actor=actor(session),
            action=action,
            child_id=child_id or next((e["child"] for e in entries if e.get("child")), None),
            detail={**detail, "entries": entries},
        )


def save(session: Session, row: R, action: str, child_id: str, **detail: Any) -> R:
    """Add ``row`` (a new one, or one just changed), flush it, and audit ``action``."""
    session.add(row)
    session.flush()
    record_audit(session, action, child_id, **detail)
    return row


def apply_changes(
    session: Session, row: Any, cleaned: dict[str, Any], action: str, child_id: str
) -> list[str]:
    """Set the fields whose value differs; audit their names (never their values)."""
    changed = sorted(k for k, v in cleaned.items() if getattr(row, k) != v)
    for key in changed:
        setattr(row, key, cleaned[key])
    session.flush()
    if changed:
        where = {} if row.id == child_id else {"row": row.id}
        record_audit(session, action, child_id, **where, fields=changed)
    return changed


def load(session: Session, model: type[M], row_id: str) -> M:
    """A live (not tombstoned) row, or NotFoundError."""
    row = session.get(model, row_id)
    if row is None or row.deleted:
        raise NotFoundError(model.__tablename__, row_id)
    return row


def to_record(row: Any, record_type: type[R], **extra: Any) -> R:
    """Copy a row's columns into a frozen record (lists become tuples)."""
    values: dict[str, Any] = {}
    for f in dataclasses.fields(record_type):  # type: ignore[arg-type]
        if f.name in extra:
            values[f.name] = extra[f.name]
        elif hasattr(row, f.name):
            value = getattr(row, f.name)
            values[f.name] = tuple(value) if isinstance(value, list) else value
    return record_type(**values)


def home_region(session: Session, region_code: str | None = None) -> str:
    """The 12-digit village code to file a new record under.

    A director's store files under its own village unless told otherwise. A township's
    store (a supervisor's, 9 digits) has no village of its own: the record's village
    must be given, and must lie in the township.
    """
    township = store_township(session)
    home = settings.read(session, settings.HOME_REGION)
    code = (region_code or "").strip() or (None if township else home)
    if not code:
        raise ValidationError(Kind.REQUIRED, "region_code")
    region = Region.parse(code)
    if region.level is not Level.VILLAGE:
        raise ValidationError(Kind.REGION_INVALID, "region_code", value=code[:20])
    if township and not region.code.startswith(township):
        raise ValidationError(
            Kind.REGION_OUTSIDE, "region_code", value=region.code, township=township
        )
    return region.code


def store_township(session: Session) -> str | None:
    """The township of a township's store (a supervisor's); None for a village's."""
    home = settings.read(session, settings.HOME_REGION)
    return home if home and Region.parse(home).level is Level.TOWNSHIP else None


def is_active(session: Session, child_id: str) -> bool:
    """在册: no exit, or re-entered after the latest exit."""
    latest = session.execute(
        select(EnrollmentEvent.kind)
        .where(EnrollmentEvent.child_id == child_id, EnrollmentEvent.deleted.is_(False))
        .order_by(EnrollmentEvent.on_date.desc(), EnrollmentEvent.created_hlc.desc())
        .limit(1)
    ).scalar()
    return latest is not EnrollmentEventKind.EXIT


def require_active(session: Session, child: Child) -> None:
    if not is_active(session, child.id):
        raise StateError(Kind.CHILD_EXITED, "child_id")


def not_before_birth(child: Child, on: date | None, field: str) -> None:
    if on is not None and child.birth_date is not None and on < child.birth_date:
        raise ValidationError(Kind.DATE_BEFORE_BIRTH, field, value=on.isoformat())


@contextmanager
def few_collections() -> Iterator[None]:
    """Hold the garbage collector back while building many small objects that all live
    to the end (a worklist makes some 100,000): a collection midway frees nothing and
    walks the whole heap, a quarter of the worklist's time on a 5,000-child store. It
    runs again as soon as the block ends."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
