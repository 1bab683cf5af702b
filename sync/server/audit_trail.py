"""The county's 查阅记录: who printed, exported or viewed which child's file, read from
the audit entries the laptops push (:mod:`.audit`) and the console's own ``staff_audit``.

One page is one query: both sources as one ``UNION ALL`` ordered by the moment (a
laptop's ``at`` as it wrote it, ISO 8601; a staff action's ``at_ms`` in Beijing time,
written the same way), newest first, ``LIMIT``/``OFFSET``. The laptops' table is read
through its ``(at, ...)`` and ``(action, at, ...)`` indexes (server migration 0017); the
filters are those indexes' columns, the device's user and the child's village.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import String, and_, cast, func, literal, literal_column, null, or_, select
from sqlalchemy.engine import Connection
from sqlalchemy.sql import ColumnElement, Select

from . import schema as s

PAGE = 100
CHINA = timedelta(hours=8)
# The kinds a page may be filtered by: the laptops' actions and, for the console's
# own, a test on the staff action's name (the downloads, releases ... of each page).
KINDS: dict[str, tuple[frozenset[str], tuple[str, ...]]] = {
    "printed": (frozenset({"printed"}), ("print",)),
    "exported": (frozenset({"exported", "bundle_exported"}), ("export", "download")),
    "viewed": (frozenset({"child_viewed", "attachment_opened"}), ()),
    "console": (frozenset(), ("",)),  # every staff action
}
REPORTS = "report_"  # the laptops' actions on a mandatory report (强制报告)


@dataclass(frozen=True, slots=True)
class Filters:
    region: str = ""  # a township's or village's code (prefix)
    kind: str = ""  # one of KINDS, or "" for every entry
    start: date | None = None  # Beijing days, both included
    end: date | None = None
    user: str = ""
    reports: bool = False  # may the viewer see entries on mandatory reports


def page(conn: Connection, f: Filters, number: int = 1) -> tuple[list[dict[str, Any]], bool]:
    """The entries of page ``number`` (from 1), newest first, and whether more follow."""
    laptops = _laptops(f)
    staff = _staff(conn, f)
    parts = [q for q in (laptops, staff) if q is not None]
    if not parts:
        return [], False
    union = parts[0].union_all(*parts[1:]) if len(parts) > 1 else parts[0]
    u = union.subquery()
    query = (
        select(u)
        .order_by(u.c.at.desc(), u.c.source.desc(), u.c.key.desc())
        .limit(PAGE + 1)
        .offset((max(number, 1) - 1) * PAGE)
    )
    rows = [dict(r) for r in conn.execute(query).mappings()]
    return rows[:PAGE], len(rows) > PAGE


def children(conn: Connection, ids: set[str]) -> dict[str, tuple[str, str]]:
    """The name and village of each child (as the server holds them)."""
    if not ids:
        return {}
    f, r = s.field.c, s.row.c
    query = (
        select(f.row_id, f.value, r.region)
        .join(s.row, and_(r.tbl == f.tbl, r.row_id == f.row_id))
        .where(f.tbl == "child", f.field == "name", f.row_id.in_(sorted(ids)))
    )
    return {x.row_id: (str(json.loads(x.value) or ""), x.region) for x in conn.execute(query)}


def _laptops(f: Filters) -> Select[Any] | None:
    e, u, r = s.audit_entry.c, s.user.c, s.row.c
    actions, _ = KINDS.get(f.kind, (frozenset(), ()))
    if f.kind == "console":
        return None
    where: list[ColumnElement[bool]] = []
    if f.kind:
        where.append(e.action.in_(sorted(actions)))
    if not f.reports:
        where.append(~e.action.startswith(REPORTS, autoescape=True))
    if f.start is not None:
        where.append(e.at >= f.start.isoformat())
    if f.end is not None:
        where.append(e.at < (f.end + timedelta(days=1)).isoformat())
    if f.user:
        where.append(or_(e.actor == f.user, u.name == f.user))
    if f.region:
        where.append(
            or_(
                u.region.startswith(f.region, autoescape=True),
                r.region.startswith(f.region, autoescape=True),
            )
        )
    key = e.site_id + literal(":") + cast(e.segment, String) + literal(":") + cast(e.id, String)
    return (
        select(
            e.at.label("at"),
            literal(1).label("source"),
            key.label("key"),
            e.actor.label("actor"),
            u.name.label("user"),
            u.role.label("role"),
            u.region.label("user_region"),
            s.device.c.label.label("device"),
            e.action.label("action"),
            e.child_id.label("child_id"),
            e.detail.label("detail"),
        )
        .select_from(s.audit_entry)
        .join(s.site, s.site.c.site_id == e.site_id)
        .join(s.device, s.device.c.id == s.site.c.device_id)
        .join(s.user, u.id == s.device.c.user_id)
        .outerjoin(s.row, and_(r.tbl == "child", r.row_id == e.child_id))
        .where(*where)
    )


def _staff(conn: Connection, f: Filters) -> Select[Any] | None:
    a = s.staff_audit.c
    _, words = KINDS.get(f.kind, (frozenset(), ("",)))
    if f.region or (f.kind and not words):
        return None  # the console's actions are the county's, of no village
    where: list[ColumnElement[bool]] = []
    if f.kind and f.kind != "console":
        where.append(or_(*(a.action.contains(w, autoescape=True) for w in words)))
    if f.start is not None:
        where.append(a.at_ms >= _ms(f.start))
    if f.end is not None:
        where.append(a.at_ms < _ms(f.end + timedelta(days=1)))
    if f.user:
        where.append(a.staff == f.user)
    return select(
        _beijing(conn, a.at_ms).label("at"),
        literal(0).label("source"),
        a.id.label("key"),
        a.staff.label("actor"),
        a.staff.label("user"),
        literal("staff").label("role"),
        null().label("user_region"),
        a.client.label("device"),
        a.action.label("action"),
        null().label("child_id"),
        a.detail.label("detail"),
    ).where(*where)


def _ms(day: date) -> int:
    """The first millisecond of a Beijing day."""
    return int((datetime(day.year, day.month, day.day, tzinfo=UTC) - CHINA).timestamp() * 1000)


def _beijing(conn: Connection, at_ms: Any) -> ColumnElement[str]:
    """``at_ms`` as the laptops write a moment: 2026-11-30T09:05:00+08:00."""
    if conn.dialect.name == "sqlite":
        return func.strftime("%Y-%m-%dT%H:%M:%S+08:00", at_ms / 1000, "unixepoch", "+8 hours")
    return func.to_char(
        func.to_timestamp(at_ms / 1000.0).op("AT TIME ZONE")(literal_column("'UTC'"))
        + literal_column("interval '8 hours'"),
        literal_column('\'YYYY-MM-DD"T"HH24:MI:SS"+08:00"\''),
    )
