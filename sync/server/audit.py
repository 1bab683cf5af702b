"""Each laptop's audit log on the server: insert-only, its hash chain checked, its head kept.

Whoever holds a store's passphrase can drop the audit log's triggers, rewrite entries
and recompute the whole chain: ``childcare check`` then says it is intact. But the
server already holds the entries up to its head: at the next sync the laptop's entry at
that id (its hash) is no longer the head's, or the laptop no longer has it. The server
records an alert for the county, starts a new segment for that laptop and keeps both
versions; the sync itself goes on.
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.engine import Connection

from childcare_desktop.core.chain import GENESIS, entry_hash

from . import schema as s
from .db import Database
from .errors import SyncRefused, bad_request
from .merge.state import chunks
from .merge.write import insert_many
from .principal import Principal

MAX_ENTRIES = 2000  # per request
_HASH = re.compile(r"^[0-9a-f]{64}$")


class Alert(StrEnum):
    REWRITTEN = "rewritten"  # the laptop's entry at the head has another hash
    TRUNCATED = "truncated"  # the laptop no longer has the entry at the head
    FORGED = "forged"  # an entry whose hash does not match its contents
    # A device's new site (its store restored, or copied) whose chain differs from the
    # chain its earlier site sent: rewritten before it became a new site, or copied and
    # used on two laptops (a restored backup holds a prefix of the old chain: no alert).
    DIVERGED = "diverged"


def head(conn: Connection, site_id: str) -> dict[str, Any]:
    """The last entry the server holds of this site's chain (id 0: none yet)."""
    h = s.audit_head.c
    found = conn.execute(select(h.id, h.hash).where(h.site_id == site_id)).first()
    return {"id": found.id, "hash": found.hash} if found else {"id": 0, "hash": GENESIS}


def receive(
    db: Database,
    conn: Connection,
    who: Principal,
    site_id: str,
    at_head: str | None,
    entries: list[list[Any]],
    *,
    now_ms: int,
) -> dict[str, Any]:
    """Store a laptop's next audit entries. ``at_head`` is the laptop's hash of the
    entry at the server's head (None when it has no such entry)."""
    # The site's row is locked, not only its head: before a site's first entries there is
    # no head to lock, and two relays of one bundle at once would both insert them.
    owner = conn.execute(db.lock(s.site, s.site.c.site_id == site_id)).first()
    if owner is None or owner.device_id != who.device_id:
        raise SyncRefused(409, "unknown_site", "say hello first: this site is not registered")
    h = s.audit_head.c
    found = conn.execute(db.lock(s.audit_head, h.site_id == site_id)).first()
    segment, last, last_hash = (found.segment, found.id, found.hash) if found else (0, 0, GENESIS)
    rows = [_row(item) for item in entries]
    alert: Alert | None = None
    start: str | None = last_hash  # the chain the entries must continue (None: a new one)
    if last and at_head != last_hash:
        alert, start = (Alert.REWRITTEN if at_head else Alert.TRUNCATED), None
    else:
        rows = [r for r in rows if r["id"] > last]
        starts_anew = not last and rows and rows[0]["prev_hash"] != GENESIS
        if rows and (rows[0]["id"] != last + 1 or starts_anew):
            alert, start = Alert.TRUNCATED, None  # entries the server never saw are gone
    kept = _chained(rows, start)
    if not found and kept and alert is None:
        parted = _parts_from_earlier(conn, who, site_id, kept)
        if parted is not None and not _known_alert(conn, site_id, Alert.DIVERGED, parted):
            conn.execute(
                s.audit_alert.insert().values(
                    site_id=site_id, kind=Alert.DIVERGED.value, at_id=parted, received_ms=now_ms
                )
            )
    if alert is None and len(kept) < len(rows):
        alert = Alert.FORGED
    at_id = kept[-1]["id"] + 1 if alert is Alert.FORGED and kept else last + 1
    if alert is not None and not _known_alert(conn, site_id, alert, at_id):
        conn.execute(
            s.audit_alert.insert().values(
                site_id=site_id, kind=alert.value, at_id=at_id, received_ms=now_ms
            )
        )
    if alert in (Alert.REWRITTEN, Alert.TRUNCATED):
        segment += 1
    for r in kept:
        r.update(site_id=site_id, segment=segment, received_ms=now_ms)
    insert_many(conn, s.audit_entry, kept)
    if kept:
        last, last_hash = kept[-1]["id"], kept[-1]["hash"]
    values = {"segment": segment, "id": last, "hash": last_hash, "updated_ms": now_ms}
    if found:
        conn.execute(update(s.audit_head).where(h.site_id == site_id).values(**values))
    else:
        conn.execute(s.audit_head.insert().values(site_id=site_id, **values))
    return {"head": {"id": last, "hash": last_hash}, "accepted": len(kept), "alert": alert}


def _parts_from_earlier(
    conn: Connection, who: Principal, site_id: str, rows: list[dict[str, Any]]
) -> int | None:
    """Where a device's new chain parts from what its earlier site sent (None: it does
    not, or there is no earlier one)."""
    h, e = s.audit_head.c, s.audit_entry.c
    earlier = conn.execute(
        select(h.site_id, h.id)
        .join(s.site, s.site.c.site_id == h.site_id)
        .where(s.site.c.device_id == who.device_id, h.site_id != site_id)
        .order_by(h.updated_ms.desc())
        .limit(1)
    ).first()
    if earlier is None:
        return None
    ids = [r["id"] for r in rows if r["id"] <= earlier.id]
    held: dict[int, str] = {}
    for part in chunks(ids):
        query = (
            select(e.id, e.hash)
            .where(e.site_id == earlier.site_id, e.id.in_(part))
            .order_by(e.segment)
        )
        held.update((x.id, x.hash) for x in conn.execute(query))  # the latest segment wins
    for r in rows:
        if r["id"] in held and held[r["id"]] != r["hash"]:
            return int(r["id"])
    return None


def _known_alert(conn: Connection, site_id: str, alert: Alert, at_id: int) -> bool:
    """A forged entry is refused at every sync until the laptop is dealt with: one alert."""
    a = s.audit_alert.c
    last = conn.execute(
        select(a.kind, a.at_id).where(a.site_id == site_id).order_by(a.id.desc()).limit(1)
    ).first()
    return last is not None and (last.kind, last.at_id) == (alert.value, at_id)


def _row(item: Any) -> dict[str, Any]:
    try:
        ident, at, hlc, actor, action, child_id, detail, prev, digest = item
    except (TypeError, ValueError):
        raise bad_request("an audit entry has nine fields") from None
    ok = (
        isinstance(ident, int)
        and ident > 0
        and isinstance(hlc, int)
        and all(isinstance(x, str) for x in (at, actor, action, detail, prev, digest))
        and (child_id is None or isinstance(child_id, str))
        and len(at) <= 40
        and len(actor) <= 60
        and len(action) <= 40
        and len(child_id or "") <= 64
        and len(detail) <= 16_000
        and "\x00" not in at + actor + action + (child_id or "") + detail
        and bool(_HASH.match(prev) and _HASH.match(digest))
    )
    if not ok:
        raise bad_request("a malformed audit entry")
    return {
        "id": ident,
        "at": at,
        "hlc": hlc,
        "actor": actor,
        "action": action,
        "child_id": child_id,
        "detail": detail,
        "prev_hash": prev,
        "hash": digest,
    }


def _chained(rows: list[dict[str, Any]], prev: str | None) -> list[dict[str, Any]]:
    """The leading entries that form a chain (from ``prev``, or from the first entry's
    own predecessor when the chain starts anew) with hashes true to their contents."""
    kept: list[dict[str, Any]] = []
    for r in rows:
        expected_prev = prev if prev is not None else r["prev_hash"]
        recomputed = entry_hash(
            r["prev_hash"], r["at"], r["hlc"], r["actor"], r["action"], r["child_id"], r["detail"]
        )
        consecutive = not kept or r["id"] == kept[-1]["id"] + 1
        if r["prev_hash"] != expected_prev or r["hash"] != recomputed or not consecutive:
            break
        kept.append(r)
        prev = r["hash"]
    return kept


def alerts(conn: Connection) -> list[dict[str, Any]]:
    """Every break found in a laptop's audit chain, newest first, with its device and user."""
    a = s.audit_alert.c
    query = (
        select(
            a.site_id,
            a.kind,
            a.at_id,
            a.received_ms,
            s.device.c.id.label("device"),
            s.device.c.label,
            s.user.c.name.label("user"),
        )
        .join(s.site, s.site.c.site_id == a.site_id)
        .join(s.device, s.device.c.id == s.site.c.device_id)
        .join(s.user, s.user.c.id == s.device.c.user_id)
        .order_by(a.id.desc())
    )
    return [dict(r._mapping) for r in conn.execute(query)]
