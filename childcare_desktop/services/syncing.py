"""Sync for front ends: enroll, run a sync, read its status, list and resolve conflicts,
list what was set aside (this laptop's changes by the server, pulled ones by this laptop).

Unlike the other use cases these own their transactions (a sync is many small ones, each
a resumable step); they take the open :class:`Store`, never a session.
"""

from __future__ import annotations

import hashlib
import json
import ssl
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import platformdirs

from sync import client
from sync.client import SyncEngine, SyncError, SyncReport, Transport
from sync.client.transport import check_server_url
from sync.protocol import CLOCK_WARNING_MS, Hold

from .. import __version__
from ..core.entities import BY_TABLE, Group
from ..core.errors import Kind, StateError
from ..storage import settings
from ..storage.outbox import unsettled_counts
from ..storage.store import Store
from ..storage.syncstore import StoreSync
from .common import record_audit
from .places import place_label
from .preferences import take_enrollment

__all__ = [
    "Candidate",
    "ConflictView",
    "SetAside",
    "SyncError",
    "SyncReport",
    "SyncStatus",
    "conflicts",
    "enroll",
    "ping",
    "quarantined",
    "resolve",
    "run",
    "set_aside",
    "set_auto",
    "set_server",
    "status",
    "transport",
]


@dataclass(frozen=True, slots=True)
class SyncStatus:
    enrolled: bool
    server_url: str | None
    user: str | None
    role: str | None
    scope: str | None
    auto_sync: bool
    last_ok: datetime | None
    last_try: datetime | None
    last_error: str | None
    pending: int
    quarantined: int
    open_conflicts: int
    clock_offset_ms: int | None
    ca_file: str | None = None  # the county's own certificate, when this laptop trusts one
    set_aside: int = 0  # pulled changes this laptop's checks set aside
    demo: bool = False  # the demo store: never enrolled, never synced
    scope_name: str = ""  # the scope by its name ("" when the store knows none)

    @property
    def clock_warning(self) -> bool:
        return self.clock_offset_ms is not None and abs(self.clock_offset_ms) > CLOCK_WARNING_MS


@dataclass(frozen=True, slots=True)
class Candidate:
    value: Any
    user: str | None
    device_time: datetime | None  # the laptop's clock, which may be wrong
    received: datetime | None  # the server's clock when it arrived
    kept: bool  # the value the record shows now


@dataclass(frozen=True, slots=True)
class ConflictView:
    id: str
    table: str
    row_id: str
    field: str
    child_id: str | None
    child_name: str | None
    policy: str  # "keep_first": identity field, must be reviewed; "lww": later arrival shown
    state: str
    base_version: int | None
    candidates: list[Candidate] = field(default_factory=list)
    resolution_pending: bool = False
    base_known: bool = False  # the server said what the field held before the edits
    base_value: Any = None


def _ms(value: Any) -> datetime | None:
    return datetime.fromtimestamp(value / 1000, tz=UTC) if isinstance(value, int) else None


def status(store: Store) -> SyncStatus:
    with store.connection() as conn:
        r = conn.exec_driver_sql(
            "SELECT server_url, user_name, role, scope, auto_sync, last_ok_ms, last_try_ms, "
            "last_error, clock_offset_ms, token FROM sync_state WHERE id = 1"
        ).one()
        pending, quarantined = unsettled_counts(conn)
        open_conflicts = conn.exec_driver_sql(
            "SELECT count(*) FROM sync_conflict WHERE state = 'open' AND id NOT IN "
            "(SELECT conflict_id FROM sync_resolution)"
        ).scalar_one()
        ca_pem = settings.read(conn, settings.SERVER_CA)
        held = conn.exec_driver_sql("SELECT count(*) FROM sync_held").scalar_one()
        demo = bool(settings.read(conn, settings.DEMO))
        scope_name = place_label(conn, r.scope) if r.scope else ""
    return SyncStatus(
        scope_name="" if scope_name == r.scope else scope_name,
        enrolled=bool(r.server_url and r.token),
        server_url=r.server_url,
        user=r.user_name,
        role=r.role,
        scope=r.scope,
        auto_sync=bool(r.auto_sync),
        last_ok=_ms(r.last_ok_ms),
        last_try=_ms(r.last_try_ms),
        last_error=r.last_error,
        pending=pending,
        quarantined=quarantined,
        open_conflicts=open_conflicts,
        clock_offset_ms=r.clock_offset_ms,
        ca_file=str(_ca_file(ca_pem)) if ca_pem else None,
        set_aside=held,
        demo=demo,
    )


def enroll(
    store: Store,
    server_url: str,
    *,
    user: str,
    code: str,
    label: str,
    allow_http: bool = False,
    ca_pem: str | None = None,
) -> dict[str, object]:
    """Spend the county's one-time code; raises :class:`SyncError` (nothing changes).

    ``https://`` only, unless the server is this machine or ``allow_http``; ``ca_pem`` is
    the county's own certificate (PEM) when it signs its server's itself: it is kept in
    the store and checked on every request to that server from then on.

    The demo store is refused (a :class:`StateError` of kind DEMO_STORE): its invented
    children must never reach a county's files. The server's role and region become the
    store's (preferences.take_enrollment)."""
    refuse_demo(store)
    server_url = check_server_url(server_url, allow_http=allow_http)
    verify = True
    if ca_pem is not None:
        _check_pem(ca_pem)
        verify = str(_ca_file(ca_pem))
    link = Transport(server_url, attempts=2, verify=verify)
    who = client.enroll(
        server_url, user=user, code=code, label=label, store=StoreSync(store), transport=link
    )
    with store.connection() as conn:  # a new enrollment trusts only what it was given
        settings.write(conn, settings.SERVER_CA, ca_pem)
    with store.session() as session:
        take_enrollment(session, role=str(who["role"]), region=str(who["region"]))
    return who


def refuse_demo(store: Store) -> None:
    """Raise DEMO_STORE if ``store`` is the demo's invented village."""
    with store.connection() as conn:
        if settings.read(conn, settings.DEMO):
            raise StateError(Kind.DEMO_STORE)


def _check_pem(pem: str) -> None:
    try:
        ssl.create_default_context(cadata=pem)
    except (ssl.SSLError, ValueError) as exc:
        raise SyncError("bad_ca", "not a certificate in PEM form") from exc


def _ca_file(pem: str) -> Path:
    """The certificate as a file for ``requests``, named by its hash, in the platform's
    cache folder (a certificate is public; the store keeps the original)."""
    folder = Path(platformdirs.user_cache_dir("childcare", appauthor=False)) / "ca"
    path = folder / f"{hashlib.sha256(pem.encode()).hexdigest()[:32]}.pem"
    if not path.exists():
        folder.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".tmp")
        partial.write_text(pem, encoding="utf-8")
        partial.replace(path)
    return path


def run(
    store: Store,
    *,
    progress: Callable[[str, int, int], None] | None = None,
    transport: Transport | None = None,
) -> SyncReport:
    """One sync. Never raises for a failed sync: the report says what happened (a demo
    store enrolled by an earlier version is not synced: error ``demo_store``)."""
    try:
        refuse_demo(store)
    except StateError:
        return SyncReport(error="demo_store")
    if transport is None:
        transport = _link(store)
    try:
        engine = SyncEngine(StoreSync(store), transport=transport, app_version=__version__)
    except SyncError as exc:
        return SyncReport(error=exc.code, message=exc.message)
    report = engine.run(progress)
    if report.ok and (report.pushed or report.pulled):
        with store.session() as session:
            record_audit(session, "synced", None, pushed=report.pushed, pulled=report.pulled)
    return report


def ping(server_url: str, *, timeout: float = 5.0, ca_file: str | None = None) -> bool:
    """Whether the county server answers: one tiny unauthenticated GET, no retries."""
    link = Transport(server_url, timeout=timeout, attempts=1, verify=ca_file or True)
    try:
        answer = link.request("GET", "/ping", b"", {})
    except SyncError:
        return False
    return answer.status_code == 200


def transport(
    store: Store,
    *,
    timeout: float = 20.0,
    attempts: int = 3,
    sleep: Callable[[float], None] = time.sleep,
) -> Transport | None:
    """A transport to this laptop's server for :func:`run`, with the caller's timeout and
    backoff sleep (an app passes one that wakes when the sync is cancelled)."""
    return _link(store, timeout=timeout, attempts=attempts, sleep=sleep)


def _link(store: Store, **options: Any) -> Transport | None:
    """A transport to this laptop's server that checks its certificate as enrolled."""
    with store.connection() as conn:
        url = conn.exec_driver_sql("SELECT server_url FROM sync_state WHERE id = 1").scalar()
        ca_pem = settings.read(conn, settings.SERVER_CA)
    if not url:
        return None
    return Transport(url, verify=str(_ca_file(ca_pem)) if ca_pem else True, **options)


def set_server(store: Store, server_url: str, *, allow_http: bool = False) -> None:
    """Talk to the same county server under another address (the token stays valid);
    ``https://`` only, as for :func:`enroll`."""
    server_url = check_server_url(server_url, allow_http=allow_http)
    with store.connection() as conn:
        conn.exec_driver_sql("UPDATE sync_state SET server_url = ? WHERE id = 1", (server_url,))


def set_auto(store: Store, on: bool) -> None:
    with store.connection() as conn:
        conn.exec_driver_sql("UPDATE sync_state SET auto_sync = ? WHERE id = 1", (int(on),))


@dataclass(frozen=True, slots=True)
class SetAside:
    """A change set aside: one of this laptop's by the server, or a pulled one by this
    laptop's checks. Ids and field names, the reason as a code, the child's name."""

    table: str
    row_id: str
    kind: str  # insert | set (| conflict: a pulled conflict record)
    field: str | None
    hold: Hold  # why: the refusal, and the field and rule or the record it waits for
    child_id: str | None
    child_name: str | None  # None: this laptop does not have the child's file (yet)
    at: datetime | None  # when it was set aside
    ctr: int | None = None  # this laptop's counter of the change (set aside by the server)


def quarantined(store: Store) -> list[SetAside]:
    """This laptop's changes the server set aside, with its reason."""
    with store.connection() as conn:
        rows = conn.exec_driver_sql(
            "SELECT ctr, tbl, row_id, kind, field, note, acked_ms FROM outbox "
            "WHERE state = 'quarantined' ORDER BY ctr"
        ).all()
        names = _Names(conn)
        return [
            SetAside(
                table=r.tbl,
                row_id=r.row_id,
                kind=r.kind,
                field=r.field,
                hold=Hold.decode(r.note),
                at=_ms(r.acked_ms),
                ctr=r.ctr,
                **names.of(r.tbl, r.row_id),
            )
            for r in rows
        ]


def set_aside(store: Store) -> list[SetAside]:
    """Pulled changes this laptop's checks set aside (the rest of the sync went on): what,
    whose, and why; oldest first."""
    with store.connection() as conn:
        rows = conn.exec_driver_sql(
            "SELECT tbl, row_id, kind, field, value, reason, received_ms FROM sync_held ORDER BY id"
        ).all()
        held = {
            (r.tbl, r.row_id): json.loads(r.value)
            for r in rows
            if r.kind == "insert" and r.value.startswith("{")
        }
        names = _Names(conn, held)
        return [
            SetAside(
                table=r.tbl,
                row_id=r.row_id,
                kind=r.kind,
                field=r.field,
                hold=Hold.decode(r.reason),
                at=_ms(r.received_ms),
                **names.of(r.tbl, r.row_id),
            )
            for r in rows
        ]


@dataclass(frozen=True)
class Flagged:
    """A pulled date the county server received before it was due (the laptop that made
    it had its clock ahead): applied, shown here for someone to check."""

    table: str
    row_id: str
    field: str
    value: Any  # the date as the record holds it now
    child_id: str | None
    child_name: str | None
    at: datetime | None  # when this laptop received it


def flagged(store: Store) -> list[Flagged]:
    """Pulled records whose dates lay after the server's day when they arrived."""
    with store.connection() as conn:
        rows = conn.exec_driver_sql(
            "SELECT tbl, row_id, field, received_ms FROM sync_flag ORDER BY id"
        ).all()
        names = _Names(conn)
        return [
            Flagged(
                table=r.tbl,
                row_id=r.row_id,
                field=r.field,
                value=_shown(conn, r.tbl, r.row_id, r.field),
                at=_ms(r.received_ms),
                **names.of(r.tbl, r.row_id),
            )
            for r in rows
            if r.tbl in BY_TABLE and r.field in BY_TABLE[r.tbl]
        ]


class _Names:
    """Whose a record is: its child, found through the owners named in the registry, in
    the store or among the records set aside."""

    def __init__(self, conn: Any, held: dict[tuple[str, str], dict[str, Any]] | None = None):
        self.conn = conn
        self.held = held or {}

    def of(self, table: str, row_id: str) -> dict[str, Any]:
        child_id = self.child_of(table, row_id)
        name = None
        if child_id is not None:
            name = self.conn.exec_driver_sql(
                "SELECT name FROM child WHERE id = ?", (child_id,)
            ).scalar()
            held_name = self.held.get(("child", child_id), {}).get("name")
            if name is None and isinstance(held_name, str):
                name = held_name
        return {"child_id": child_id, "child_name": name}

    def child_of(self, table: str, row_id: str) -> str | None:
        for _ in range(len(BY_TABLE)):  # owners form a chain ending at a child
            entity = BY_TABLE.get(table)
            if table == "child" or entity is None or entity.owner is None:
                return row_id if table == "child" else None
            values = self.held.get((table, row_id))
            if values is not None:
                owner = values.get(entity.owner)
            else:
                owner = self.conn.exec_driver_sql(
                    f"SELECT {entity.owner} FROM {table} WHERE id = ?", (row_id,)
                ).scalar()
            if not isinstance(owner, str):
                return None
            table, row_id = str(entity[entity.owner].ref), owner
        return None


def conflicts(store: Store, *, include_resolved: bool = False) -> list[ConflictView]:
    with store.connection() as conn:
        query = "SELECT id, body FROM sync_conflict"
        if not include_resolved:
            query += " WHERE state = 'open'"
        rows = conn.exec_driver_sql(query + " ORDER BY rowid").all()
        waiting = {
            r.conflict_id
            for r in conn.exec_driver_sql("SELECT conflict_id FROM sync_resolution").all()
        }
        views = []
        for r in rows:
            body = json.loads(r.body)
            child_id = _Names(conn).child_of(body["tbl"], body["row"])
            name = None
            if child_id:
                name = conn.exec_driver_sql(
                    "SELECT name FROM child WHERE id = ?", (child_id,)
                ).scalar()
            provisional = body.get("provisional")
            base = body.get("base") or {}
            views.append(
                ConflictView(
                    id=body["id"],
                    table=body["tbl"],
                    row_id=body["row"],
                    field=body["field"],
                    child_id=child_id,
                    child_name=name,
                    policy=body.get("policy", "lww"),
                    state=body["state"],
                    base_version=base.get("version"),
                    base_known="value" in base,
                    base_value=base.get("value"),
                    candidates=[
                        Candidate(
                            value=c.get("value"),
                            user=c.get("user"),
                            device_time=_ms(c.get("device_ms")),
                            received=_ms(c.get("received_ms")),
                            kept=c.get("value") == provisional,
                        )
                        for c in body.get("candidates", [])
                    ],
                    resolution_pending=body["id"] in waiting,
                )
            )
    return views


def _queue_resolution(conn: Any, store: Store, conflict_id: str, value: Any) -> None:
    conn.exec_driver_sql(
        "INSERT INTO sync_resolution (conflict_id, value, actor, created_ms) "
        "VALUES (?, ?, ?, ?) ON CONFLICT (conflict_id) DO UPDATE SET value = excluded.value",
        (conflict_id, json.dumps(value, ensure_ascii=False), store.actor, int(time.time() * 1000)),
    )


def _resolve_group(conn: Any, store: Store, conflict_id: str, value: Any, group: Group) -> None:
    """Fields that change together are chosen together: the laptop whose value was kept
    has its values of the group's other open conflicts kept too (the rest keep what they
    show), and what the resulting state leaves empty is emptied, as the county will do."""
    rows = {
        r.id: json.loads(r.body)
        for r in conn.exec_driver_sql(
            "SELECT id, body FROM sync_conflict WHERE state = 'open' AND "
            "(tbl, row_id) = (SELECT tbl, row_id FROM sync_conflict WHERE id = ?)",
            (conflict_id,),
        ).all()
    }
    chosen = rows[conflict_id]
    site = next((c.get("site") for c in chosen["candidates"] if c.get("value") == value), None)
    tbl, row_id = chosen["tbl"], chosen["row"]
    for other_id, body in rows.items():
        if other_id == conflict_id or body["field"] not in group.fields:
            continue
        mine = [c for c in body["candidates"] if site is not None and c.get("site") == site]
        pick = mine[-1]["value"] if mine else _shown(conn, tbl, row_id, body["field"])
        pick = StoreSync.set_local(conn, tbl, row_id, body["field"], pick)
        _queue_resolution(conn, store, other_id, pick)
    values = {name: _shown(conn, tbl, row_id, name) for name in group.fields}
    for name in dict(group.clears).get(str(values.get(group.lead)), ()):
        if values.get(name) not in (None, ""):
            StoreSync.set_local(conn, tbl, row_id, name, None)


def _shown(conn: Any, tbl: str, row_id: str, name: str) -> Any:
    assert tbl in BY_TABLE and name in BY_TABLE[tbl]  # names from the registry, not input
    return conn.exec_driver_sql(f"SELECT {name} FROM {tbl} WHERE id = ?", (row_id,)).scalar()


def resolve(store: Store, conflict_id: str, value: Any) -> None:
    """Keep one value (or a typed one): shown at once, sent to the server at the next sync.
    A value that breaks the field's rule raises ValidationError (nothing changes)."""
    with store.session() as session:
        conn = session.connection()
        found = conn.exec_driver_sql(
            "SELECT tbl, row_id, field FROM sync_conflict WHERE id = ?", (conflict_id,)
        ).first()
        if found is None:
            raise SyncError("unknown_conflict", "no such conflict")
        value = StoreSync.set_local(conn, found.tbl, found.row_id, found.field, value)
        _queue_resolution(conn, store, conflict_id, value)
        group = BY_TABLE[found.tbl].group_of(found.field) if found.tbl in BY_TABLE else None
        if group is not None:
            _resolve_group(conn, store, conflict_id, value, group)
        child_id = _Names(conn).child_of(found.tbl, found.row_id)
        record_audit(session, "conflict_resolved", child_id, fields=[found.field])
