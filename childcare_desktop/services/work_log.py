"""工作日志: the director's dated work not tied to one child (issue 18).

A meeting, a training, a phone call, the 儿童之家's activity: each entry is filed under
the village (a township's store names the village) and may name the children it
concerns, each of the entry's own village; the server checks the same of every link.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..core.errors import Kind, ValidationError
from ..core.vocab import WorkLogKind
from ..storage.models import Child, WorkLog, WorkLogChild
from . import fields
from .common import home_region, load, record_audit
from .printing import context

MOVED_AWAY = "已转出的儿童"  # a linked child whose file has left this store (a transfer)
RULES: dict[str, fields.Rule] = {
    "logged_on": fields.day(required=True),
    "kind": fields.choice(WorkLogKind),
    "title": fields.text(100, required=True),
    "content": fields.note,
    "place": fields.text(100),
}


@dataclass(frozen=True, slots=True)
class WorkLogEntry:
    id: str
    logged_on: date
    kind: WorkLogKind
    title: str
    content: str
    place: str
    region_code: str
    children: tuple[tuple[str, str], ...] = ()  # (child id, name), by name; name "": moved away


def add_entry(
    session: Session,
    *,
    children: Iterable[str] = (),
    region_code: str | None = None,
    **values: Any,
) -> WorkLogEntry:
    """File a new entry (``values``: the fields of :data:`RULES`; title, date and kind
    required) linking ``children``, each of the entry's village."""
    cleaned = fields.clean_fields(RULES, values)
    for name in ("logged_on", "kind", "title"):
        if cleaned.get(name) in (None, ""):
            raise ValidationError(Kind.REQUIRED, name)
    region = home_region(session, region_code)
    linked = _children(session, children, region)
    row = WorkLog(region_code=region, **cleaned)
    session.add(row)
    session.flush()
    _link(session, row, linked)
    record_audit(session, "work_log_added", row=row.id, kind=row.kind.value)
    return _entry(session, row)


def edit_entry(
    session: Session, entry_id: str, *, children: Iterable[str] | None = None, **changes: Any
) -> WorkLogEntry:
    """Change an entry's fields and, when ``children`` is given, the children it names."""
    row = load(session, WorkLog, entry_id)
    cleaned = fields.clean_fields(RULES, changes)
    for name in ("logged_on", "kind", "title"):
        if name in cleaned and cleaned[name] in (None, ""):
            raise ValidationError(Kind.REQUIRED, name)
    changed = sorted(k for k, v in cleaned.items() if getattr(row, k) != v)
    for key in changed:
        setattr(row, key, cleaned[key])
    if children is not None:
        # A child transferred away is no longer here to choose: its link stays.
        gone = [
            x.child_id for x in _links(session, row.id) if session.get(Child, x.child_id) is None
        ]
        wanted = _children(session, children, row.region_code) + gone
        if set(wanted) != {link.child_id for link in _links(session, row.id)}:
            _link(session, row, wanted)
            changed.append("children")
    session.flush()
    if changed:
        record_audit(session, "work_log_edited", row=row.id, fields=changed)
    return _entry(session, row)


def delete_entry(session: Session, entry_id: str) -> None:
    """Remove an entry (a tombstone that syncs) with its links."""
    row = load(session, WorkLog, entry_id)
    for link in _links(session, row.id):
        link.deleted = True
    row.deleted = True
    session.flush()
    record_audit(session, "work_log_deleted", row=row.id)


def entries(session: Session, year: int, month: int) -> list[WorkLogEntry]:
    """The month's entries, by date (then by title)."""
    first = date(year, month, 1)
    after = date(year + month // 12, month % 12 + 1, 1)
    rows = session.scalars(
        select(WorkLog)
        .where(WorkLog.deleted.is_(False), WorkLog.logged_on >= first, WorkLog.logged_on < after)
        .order_by(WorkLog.logged_on, WorkLog.title)
    )
    return [_entry(session, r) for r in rows]


def entry(session: Session, entry_id: str) -> WorkLogEntry:
    """One entry, or NotFoundError."""
    return _entry(session, load(session, WorkLog, entry_id))


def _children(session: Session, ids: Iterable[str], region: str) -> list[str]:
    """The distinct children named, each a live child of ``region``."""
    wanted = list(dict.fromkeys(i for i in ids if i))
    for child_id in wanted:
        child = session.get(Child, child_id)
        if child is None or child.deleted or child.region_code != region:
            raise ValidationError(Kind.REGION_OUTSIDE, "children", value=child_id[:36])
    return wanted


def _links(session: Session, entry_id: str) -> Sequence[WorkLogChild]:
    return session.scalars(
        select(WorkLogChild).where(
            WorkLogChild.work_log_id == entry_id, WorkLogChild.deleted.is_(False)
        )
    ).all()


def _link(session: Session, row: WorkLog, wanted: list[str]) -> None:
    """Make the entry's links exactly ``wanted``: drop the others, add the missing."""
    have = {link.child_id: link for link in _links(session, row.id)}
    for child_id, link in have.items():
        if child_id not in wanted:
            link.deleted = True
    for child_id in wanted:
        if child_id not in have:
            session.add(
                WorkLogChild(work_log_id=row.id, child_id=child_id, region_code=row.region_code)
            )
    session.flush()


def _entry(session: Session, row: WorkLog) -> WorkLogEntry:
    ids = [link.child_id for link in _links(session, row.id)]
    found = session.execute(select(Child.id, Child.name).where(Child.id.in_(ids)))
    names: dict[str, str] = {str(i): str(n) for i, n in found}
    linked = sorted(((i, str(names.get(i, ""))) for i in ids), key=lambda p: (p[1], p[0]))
    return WorkLogEntry(
        id=row.id,
        logged_on=row.logged_on,
        kind=row.kind,
        title=row.title,
        content=row.content or "",
        place=row.place or "",
        region_code=row.region_code,
        children=tuple(linked),
    )


def month_pdf(session: Session, year: int, month: int) -> bytes:
    """工作日志 of a month as PDF (audited as printed)."""
    from ..documents.work_log import WorkLogLine, WorkLogMonth, work_log_pdf  # reportlab

    lines = tuple(
        WorkLogLine(
            logged_on=e.logged_on.isoformat(),
            kind=e.kind.label,
            title=e.title,
            place=e.place,
            content=e.content,
            children="、".join(name or MOVED_AWAY for _, name in e.children),
        )
        for e in entries(session, year, month)
    )
    where = context(session)
    village = where.township + where.village
    pdf = work_log_pdf(WorkLogMonth(year, month, village, lines), where)
    record_audit(session, "printed", doc="work_log", month=f"{year}-{month:02d}")
    return pdf


def linkable_children(session: Session) -> list[tuple[str, str]]:
    """The children an entry may name: (id, name) of every live child here, by name."""
    rows = session.execute(
        select(Child.id, Child.name).where(Child.deleted.is_(False)).order_by(Child.name)
    )
    return [(str(i), str(n)) for i, n in rows]
