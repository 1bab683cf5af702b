"""The county's 查阅记录: who printed, exported or viewed which child's file, read from
the audit entries the laptops push (:mod:`.audit`) and the console's own ``staff_audit``.

Newest first by the moment: a laptop's ``at`` as it wrote it (ISO 8601, Beijing time
in the county), a staff action's ``at_ms`` written the same way. Each source is read
newest first through its index (the laptops' ``(at, ...)`` and ``(action, at)``, server
migration 0017; ``staff_audit.at_ms``) with ``LIMIT``/``OFFSET``, the laptops' table
alone before the join (the users and villages asked for turned into its laptops' sites
first); with both sources each gives up to the page's end and the two are merged here.
"""

from __future__ import annotations

import heapq
import itertools
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import and_, literal, null, or_, select
from sqlalchemy.engine import Connection
from sqlalchemy.sql import ColumnElement, Select

from . import schema as s
from .days import CHINA

PAGE = 100
# The kinds a page may be filtered by: the laptops' actions and, for the console's
# own, a test on the staff action's name (the downloads, releases ... of each page).
KINDS: dict[str, tuple[frozenset[str], tuple[str, ...]]] = {
    "printed": (frozenset({"printed"}), ("print",)),
    "exported": (frozenset({"exported", "bundle_exported"}), ("export", "download")),
    "viewed": (frozenset({"child_viewed", "attachment_opened"}), ()),
    "console": (frozenset(), ("",)),  # every staff action
}
REPORTS = "report_"  # the laptops' actions on a mandatory report (强制报告)
CLUES = "clue_"  # ... and on a clue (线索), confidential as the reports are


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
    offset = (max(number, 1) - 1) * PAGE
    sides = [q for q in (_laptops(conn, f), _staff(f)) if q is not None]
    if len(sides) == 1:  # one source: the database skips to the page itself
        found = [dict(r) for r in conn.execute(sides[0](offset, PAGE + 1)).mappings()]
    else:  # both: each side's newest up to the page's end, merged here
        each = [
            [_keyed(dict(r)) for r in conn.execute(side(0, offset + PAGE + 1)).mappings()]
            for side in sides
        ]
        merged = heapq.merge(*each, key=_order, reverse=True)
        found = list(itertools.islice(merged, offset, offset + PAGE + 1))
    rows = [_keyed(r) for r in found]
    return rows[:PAGE], len(rows) > PAGE


def _keyed(row: dict[str, Any]) -> dict[str, Any]:
    """A staff action's moment written as the laptops write theirs (Beijing time)."""
    if row["at"] is None:
        moment = datetime.fromtimestamp(row["at_ms"] / 1000, tz=UTC) + CHINA
        row["at"] = moment.strftime("%Y-%m-%dT%H:%M:%S+08:00")
    return row


def _order(row: dict[str, Any]) -> tuple[Any, ...]:
    return (row["at"], row["source"], row["k1"], row["k2"], row["k3"])


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


Side = Callable[[int, int], Select[Any]]  # (offset, limit) -> a source's query


def _laptops(conn: Connection, f: Filters) -> Side | None:
    """The laptops' side: the page's entries picked from ``audit_entry`` alone through its
    indexes (newest first), then joined to their device's user and child's village."""
    e, u, r = s.audit_entry.c, s.user.c, s.row.c
    actions, _ = KINDS.get(f.kind, (frozenset(), ()))
    if f.kind == "console":
        return None
    where: list[ColumnElement[bool]] = []
    if f.kind:
        where.append(e.action.in_(sorted(actions)))
    if not f.reports:
        where.append(~e.action.startswith(REPORTS, autoescape=True))
        where.append(~e.action.startswith(CLUES, autoescape=True))
    if f.start is not None:
        where.append(e.at >= f.start.isoformat())
    if f.end is not None:
        where.append(e.at < (f.end + timedelta(days=1)).isoformat())
    if f.user:
        where.append(or_(e.actor == f.user, e.site_id.in_(_sites(conn, u.name == f.user))))
    if f.region:
        in_region = u.region.startswith(f.region, autoescape=True)
        kids = select(r.row_id).where(
            r.tbl == "child", r.region.startswith(f.region, autoescape=True)
        )
        where.append(or_(e.site_id.in_(_sites(conn, in_region)), e.child_id.in_(kids)))
    order = [e.at.desc(), e.site_id.desc(), e.segment.desc(), e.id.desc()]
    return lambda offset, limit: _joined(
        select(s.audit_entry).where(*where).order_by(*order).offset(offset).limit(limit)
    )


def _joined(query: Select[Any]) -> Select[Any]:
    """The laptops' entries ``query`` picked, with their device's user."""
    picked = query.subquery()
    p, u = picked.c, s.user.c
    return (
        select(
            p.at.label("at"),
            null().label("at_ms"),
            literal(1).label("source"),
            p.site_id.label("k1"),
            p.segment.label("k2"),
            p.id.label("k3"),
            p.actor.label("actor"),
            u.name.label("user"),
            u.role.label("role"),
            u.region.label("user_region"),
            s.device.c.label.label("device"),
            p.action.label("action"),
            p.child_id.label("child_id"),
            p.detail.label("detail"),
        )
        .select_from(picked)
        .join(s.site, s.site.c.site_id == p.site_id)
        .join(s.device, s.device.c.id == s.site.c.device_id)
        .join(s.user, u.id == s.device.c.user_id)
        .order_by(p.at.desc(), p.site_id.desc(), p.segment.desc(), p.id.desc())
    )


def _sites(conn: Connection, which: ColumnElement[bool]) -> list[str]:
    """The sites (laptops) of the users ``which`` picks: a few, read first."""
    query = (
        select(s.site.c.site_id)
        .join(s.device, s.device.c.id == s.site.c.device_id)
        .join(s.user, s.user.c.id == s.device.c.user_id)
        .where(which)
    )
    return list(conn.execute(query).scalars())


def _staff(f: Filters) -> Side | None:
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
    query = (
        select(
            null().label("at"),
            a.at_ms.label("at_ms"),
            literal(0).label("source"),
            a.id.label("k1"),
            literal(0).label("k2"),
            literal(0).label("k3"),
            a.staff.label("actor"),
            a.staff.label("user"),
            literal("staff").label("role"),
            null().label("user_region"),
            a.client.label("device"),
            a.action.label("action"),
            null().label("child_id"),
            a.detail.label("detail"),
        )
        .where(*where)
        .order_by(a.at_ms.desc(), a.id.desc())
    )
    return lambda offset, limit: query.offset(offset).limit(limit)


def _ms(day: date) -> int:
    """The first millisecond of a Beijing day."""
    return int((datetime(day.year, day.month, day.day, tzinfo=UTC) - CHINA).timestamp() * 1000)
