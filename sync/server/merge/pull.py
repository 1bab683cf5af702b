"""Reading: the changes in a device's scope after its cursors, and what is held."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import and_, exists, func, or_, select
from sqlalchemy.engine import Connection

from childcare_desktop.core.checks import IDENTITY_FIELDS
from childcare_desktop.core.entities import ENTITIES
from childcare_desktop.core.roles import Permission

from ...protocol import FLAG_FUTURE, FLAG_MOVED, EntryKind, Status
from .. import schema as s
from ..db import epoch
from ..principal import Principal
from .hold import shown
from .state import chunks

LINE_BYTES = 4 * 1024  # JSON of one line of an answer as lines (a cut loses about half)
ROW_BYTES = 30  # an entry's JSON besides its value, ids and names: brackets, numbers, quotes
TOGETHER_ROWS = 64  # read past the budget: the fields of one change of a record go together
EFFECTIVE = (Status.APPLIED.value, Status.CONFLICT.value)
# Tables whose records name the table of the record they belong to, and in which field.
OWNED_BY_NAME = {
    e.table: f.ref_table for e in ENTITIES for f in e.refs if f.ref == "*" and f.ref_table
}
# Fields of a group (an agreement's state and its dates) come with every change of theirs:
# a laptop between two pages never shows a state with the dates of another change.
GROUPED = {(e.table, name) for e in ENTITIES for g in e.groups for name in g.fields}
# So do a document type and its number: a laptop checks a pulled change of one with the
# other as it stands (``storage.held``), and a number passed over would leave the type
# that follows it checked against an older number, refused and set aside for good.
GROUPED |= {(e.table, name) for e in ENTITIES for name in IDENTITY_FIELDS if name in e}
KIND_CODE = {
    "insert": EntryKind.INSERT,
    "set": EntryKind.SET,
    "conflict": EntryKind.CONFLICT,
    "exit": EntryKind.EXIT,
}


def heads_in_scope(conn: Connection, who: Principal) -> dict[str, int]:
    v = s.village.c
    prefixes = [who.region[:n] for n in (6, 9, 12) if n < len(who.region)]
    query = select(v.region, v.seq).where(
        or_(v.region.like(who.region + "%"), v.region.in_(prefixes))
    )
    return {r.region: r.seq for r in conn.execute(query)}


def unreadable(who: Principal) -> list[str]:
    """The tables whose records the user's role may not receive (reports, for a viewer)."""
    return [e.table for e in ENTITIES if not who.may(e.readers)]


def pull(
    conn: Connection,
    who: Principal,
    cursors: dict[str, int],
    *,
    limit: int,
    max_bytes: int,
    site_id: str | None = None,
    mine: int | None = None,
) -> dict[str, Any]:
    """Changes in the caller's scope after its cursors, oldest first, village by village.

    The caller's own changes are left out (it has them, and their versions came with the
    acknowledgement); its cursor still moves past them. With ``mine`` (the highest
    counter the laptop holds as acknowledged) only those are left out: a copy of the
    store file on another laptop may have sent later ones under the same site id. Those
    of an earlier epoch come all the same: after a restore the laptop pulls again from
    zero, over bases it dropped, and a record another laptop made comes whole with its
    first values, which the laptop's own later change must follow (else it would show
    them in place of its own). So do those made after a record moved into the village:
    its whole insert there comes to a laptop whose scope holds both villages, which
    files the record anew (its bases start again) and takes the insert's values.
    Records the user's role may not read are left out the same way. A field set again
    later in the feed comes once, as its latest change (:func:`_superseded`)."""
    heads = heads_in_scope(conn, who) if who.may(Permission.READ) else {}
    _id, epoch_no = epoch(conn)
    hidden = unreadable(who)
    pages = []
    budget, size = limit, 0
    more = False
    log = s.change_log.c
    mv = s.moved.c
    for region in sorted(heads):
        after, head = int(cursors.get(region, 0)), heads[region]
        if after >= head:
            continue
        if budget <= 0 or size >= max_bytes:
            more = True
            break
        # No more rows than could fit in the bytes left (each counts at least ROW_BYTES):
        # a laptop on a poor link asks for a few kilobytes, not for PULL_LIMIT rows.
        rows = min(budget, (max_bytes - size) // ROW_BYTES + 1)
        query = (
            select(
                log.seq, log.epoch_no, log.kind, log.tbl, log.row_id, log.field, log.value, log.flag
            )
            .where(
                log.region == region,
                log.seq > after,
                log.seq <= head,
                log.status.in_(EFFECTIVE),
                or_(
                    log.site_id.is_(None),
                    log.site_id != (site_id or ""),
                    log.flag.like(FLAG_MOVED + "|%"),  # its own late insert, re-filed
                    log.ctr > (mine if mine is not None else log.ctr),
                    log.epoch_no < epoch_no,
                    exists().where(
                        mv.tbl == log.tbl,
                        mv.row_id == log.row_id,
                        mv.to_region == region,
                        mv.seq < log.seq,
                    ),
                ),
                or_(log.kind != "set", _grouped(log), ~_superseded(log)),
            )
            .order_by(log.seq)
            .limit(rows + TOGETHER_ROWS)
        )
        if hidden:
            query = query.where(log.tbl.not_in(hidden))
        found = conn.execute(query).all()
        fetched: list[Any] = []
        for i, r in enumerate(found):
            fetched.append(r)
            # about the entry's JSON: [seq, epoch, kind, "tbl", "row_id", "field", value]
            _seq, _epoch, _kind, tbl, row_id, name, value, _flag = r
            size += len(value) + len(row_id) + len(tbl) + len(name or "") + ROW_BYTES
            full = size >= max_bytes or len(fetched) >= rows
            # An answer never ends inside one change of a record (a state and its date):
            # no laptop ever shows an agreement signed without the day it was signed.
            if full and not (i + 1 < len(found) and _same_change(r, found[i + 1])):
                break
        shown = _readable(conn, fetched, hidden) if hidden else fetched
        entries = [_entry(r) for r in shown]
        complete = len(fetched) == len(found) < rows + TOGETHER_ROWS
        budget -= len(fetched)
        to = head if complete or not fetched else fetched[-1].seq
        if not complete:
            more = True
        pages.append({"r": region, "to": to, "e": entries})
    return {"pages": pages, "more": more}


def _grouped(log: Any) -> Any:
    tables: dict[str, list[str]] = {}
    for table, name in sorted(GROUPED):
        tables.setdefault(table, []).append(name)
    return or_(*(and_(log.tbl == t, log.field.in_(names)) for t, names in tables.items()))


def _superseded(log: Any) -> Any:
    """Whether a field's value in a change is no longer its value, and a later change of
    the village's feed brings the one it has: a pull brings each field once however
    often it changed since the cursor, as its latest value (issue 19: 50,000 edits of
    10,500 fields send 50,000 changes up and 10,500 down).

    The field's version is the seq of the change that set it in the feed of the village
    the record is in (apply, resolve, an undelete; a move into the village sets every
    field's version to its whole insert there). So while the record is still in the
    change's village, a higher version is a later change of that feed: one in the
    puller's scope, for the same table, applied or in conflict (a change kept out, a
    value kept, bumps no version), which comes after this one or is the puller's own
    (its value is the laptop's). A record moved away since is never passed over."""
    f, r = s.field.c, s.row.c
    later = exists().where(
        f.tbl == log.tbl, f.row_id == log.row_id, f.field == log.field, f.version > log.version
    )
    # Its region looked up by the record's key alone: joined in the EXISTS, PostgreSQL
    # took the record by region and table, 800 rows a change (2 s a pull of 50,000).
    region = select(r.region).where(r.tbl == log.tbl, r.row_id == log.row_id)
    here = func.coalesce(region.scalar_subquery(), "") == log.region
    return and_(later.correlate(s.change_log), here)


def _same_change(a: Any, b: Any) -> bool:
    """Whether ``b`` sets another field of the record ``a`` set, right after it."""
    return a.kind == b.kind == "set" and (a.tbl, a.row_id) == (b.tbl, b.row_id)


def as_lines(answer: dict[str, Any]) -> bytes:
    """A pull answer as lines (:data:`sync.protocol.LINES_TYPE`): each page in parts of
    about :data:`LINE_BYTES`, ``{"r": village, "e": [...]}``, the page's last part with
    its ``to`` (a part before it moves the cursor to its last entry's seq: every change
    up to there is in it or not the laptop's), then ``{"more": ...}``."""
    out = bytearray()
    for page in answer["pages"]:
        head = b'{"r":' + _json(page["r"]) + b',"e":['
        part: list[bytes] = []
        size = 0
        entries = page["e"]
        for i, e in enumerate(entries):
            part.append(_json(e))
            size += len(part[-1])
            later = entries[i + 1] if i + 1 < len(entries) else e
            together = later is not e and later[2] == e[2] == EntryKind.SET
            if size >= LINE_BYTES and not (together and later[3:5] == e[3:5]):
                out += head + b",".join(part) + b"]}\n"
                part, size = [], 0
        out += head + b",".join(part) + b'],"to":' + _json(page["to"]) + b"}\n"
    return bytes(out + b'{"more":' + _json(answer["more"]) + b"}\n")


def _json(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()


def _entry(r: Any) -> list[Any]:
    """One pulled change on the wire; a flagged one carries its flag last. (The row read
    by position: thousands a page, and a column looked up by name costs more.)"""
    seq, epoch_no, kind, tbl, row_id, name, value, flag = r
    e = [seq, epoch_no, KIND_CODE[kind], tbl, row_id, name, json.loads(value)]
    if flag:
        e.append(flag)
    return e


def _readable(conn: Connection, rows: list[Any], hidden: list[str]) -> list[Any]:
    """Leave out records tied to a table the role may not read: an attachment owned by a
    mandatory report says that there is one, and what it is."""
    owned = {r.row_id for r in rows if r.tbl in OWNED_BY_NAME}
    if not owned:
        return rows
    f = s.field.c
    owners: dict[tuple[str, str], Any] = {}
    for part in chunks(sorted(owned)):
        owners.update(
            ((x.tbl, x.row_id), json.loads(x.value))
            for x in conn.execute(
                select(f.tbl, f.row_id, f.value).where(
                    f.tbl.in_(list(OWNED_BY_NAME)),
                    f.field.in_(list(OWNED_BY_NAME.values())),
                    f.row_id.in_(part),
                )
            )
        )
    return [r for r in rows if owners.get((r.tbl, r.row_id)) not in hidden]


def stale(heads: dict[str, int], cursors: dict[str, int]) -> list[str]:
    return sorted(r for r, seq in heads.items() if seq > int(cursors.get(r, 0)))


def quarantine_in_scope(
    conn: Connection, who: Principal, *, site_id: str | None = None
) -> list[dict[str, Any]]:
    """What is held: one site's operations, or everything in the user's scope (a report's
    reporter masked in both)."""
    q = s.quarantine.c
    query = select(q.id, q.site_id, q.ctr, q.region, q.op, q.reason, q.received_ms).order_by(q.id)
    if site_id is not None:
        query = query.where(q.site_id == site_id)
    out = []
    for r in conn.execute(query):
        if site_id is None and who.region and not (r.region and who.can_read(r.region)):
            continue
        out.append(
            {
                "id": r.id,
                "site": r.site_id,
                "ctr": r.ctr,
                "region": r.region,
                "op": shown(json.loads(r.op)),
                "reason": r.reason,
                "received_ms": r.received_ms,
            }
        )
    return out


def flagged(conn: Connection) -> list[dict[str, Any]]:
    """Changes applied with dates after the server's day when they arrived (the laptop's
    clock was ahead): which record and fields, from which device, when."""
    log = s.change_log.c
    query = (
        select(log.region, log.tbl, log.row_id, log.flag, log.site_id, log.received_ms)
        .where(log.flag.like(FLAG_FUTURE + "|%"), log.status.in_(EFFECTIVE))
        .order_by(log.received_ms, log.region, log.seq)
    )
    return [
        {
            "region": r.region,
            "table": r.tbl,
            "row": r.row_id,
            "fields": r.flag.split("|", 1)[-1],
            "site": r.site_id,
            "received_ms": r.received_ms,
        }
        for r in conn.execute(query)
    ]


def counts(conn: Connection) -> dict[str, int]:
    return {
        "changes": conn.execute(select(func.count()).select_from(s.change_log)).scalar_one(),
        "conflicts_open": conn.execute(
            select(func.count()).select_from(s.conflict).where(s.conflict.c.state == "open")
        ).scalar_one(),
        "quarantined": conn.execute(select(func.count()).select_from(s.quarantine)).scalar_one(),
    }
