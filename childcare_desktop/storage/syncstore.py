"""The store's side of sync: :class:`sync.client.LocalStore` over the encrypted store.

Each method is one local transaction. Pulled changes are checked, then written with
``applying = 1`` so the capture triggers stand aside (they are the server's, not this
laptop's); see ``storage.pulled``.
"""

from __future__ import annotations

import json
import logging
import time
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sync.client.store import Ack, Entry, SyncState
from sync.protocol import Operation, OpKind, Status
from sync.recovery import CountyKey, RecoveryError

from ..core.entities import NOT_FIELDS
from ..core.errors import StoreError, ValidationError
from . import (
    duplicate_cases,
    kept_group,
    lost_merge,
    places,
    recovery,
    settings,
    spot_findings,
)
from .applying import TABLES, applying, pending_fields, set_fields, store_conflict
from .applying import upsert_bases as _upsert_bases
from .capture import capture_set
from .held import clean_checked
from .leaving import first_blocked
from .maintenance import become_new_site
from .outbox import pending_operations, quarantined_operations, unsettled_counts
from .pulled import apply_entries
from .store import Store

__all__ = ["TABLES", "StoreSync"]

log = logging.getLogger(__name__)


# Where a township's review starts (``services.reviews``): the clock at the end of its
# first complete sync, once.
REVIEW_MARK_SQL = (
    "INSERT INTO setting (key, value) SELECT 'review_since_hlc', CAST(hlc AS TEXT) "
    "FROM sync_site WHERE id = 1 "
    "AND NOT EXISTS (SELECT 1 FROM setting WHERE key = 'review_since_hlc')"
)


def _now_ms() -> int:
    return int(time.time() * 1000)


class StoreSync:
    """Implements :class:`sync.client.store.LocalStore` for one open store."""

    def __init__(self, store: Store) -> None:
        self.store = store
        # A pulled exit waits for this laptop's changes of the child (sent next sync).
        self.exit_waits = False

    # --- state ---------------------------------------------------------------------

    def sync_state(self) -> SyncState:
        self.exit_waits = False  # read before each pull: says what the next answer did
        with self.store.connection() as conn:
            site = conn.exec_driver_sql("SELECT site_id FROM sync_site WHERE id = 1").scalar_one()
            r = conn.exec_driver_sql(
                "SELECT server_url, token, epoch, cursors FROM sync_state WHERE id = 1"
            ).one()
            acked = conn.exec_driver_sql(
                "SELECT COALESCE(MAX(ctr), 0) FROM outbox WHERE site_id = ? AND state != 'pending'",
                (site,),
            ).scalar_one()
        return SyncState(site, r.server_url, r.token, r.epoch, json.loads(r.cursors), acked)

    def save_enrollment(
        self, *, server_url: str, device_id: str, token: str, user: dict[str, Any], epoch: str
    ) -> None:
        with self.store.connection() as conn:
            conn.exec_driver_sql(
                "UPDATE sync_state SET server_url = ?, device_id = ?, token = ?, user_name = ?, "
                "role = ?, scope = ?, epoch = ?, cursors = '{}', last_error = NULL WHERE id = 1",
                (server_url, device_id, token, user["user"], user["role"], user["region"], epoch),
            )
            conn.exec_driver_sql("DELETE FROM field_base")
            conn.exec_driver_sql("DELETE FROM sync_move")  # numbered anew, pulled again
            conn.exec_driver_sql("DELETE FROM sync_held")  # all is pulled again, and checked
            conn.exec_driver_sql("DELETE FROM sync_flag")

    def save_token(self, token: str) -> None:
        with self.store.connection() as conn:
            conn.exec_driver_sql("UPDATE sync_state SET token = ? WHERE id = 1", (token,))

    def record_sync(
        self, *, ok: bool, at_ms: int, offset_ms: int | None, error: str | None
    ) -> None:
        with self.store.connection() as conn:
            conn.exec_driver_sql(
                "UPDATE sync_state SET last_try_ms = ?, last_error = ?, "
                "last_ok_ms = CASE WHEN ? THEN ? ELSE last_ok_ms END, "
                "clock_offset_ms = COALESCE(?, clock_offset_ms) WHERE id = 1",
                (at_ms, error, ok, at_ms, offset_ms),
            )
            if ok:  # the first complete sync: what came before is not for review
                conn.exec_driver_sql(REVIEW_MARK_SQL)

    def receive_clock(self, server_ms: int) -> None:
        with self.store.connection() as conn:
            conn.exec_driver_sql(
                "UPDATE sync_site SET hlc = MAX(hlc + 1, ? * 65536) WHERE id = 1", (server_ms,)
            )

    # --- sync health ---------------------------------------------------------------

    def health_report(self) -> dict[str, Any]:
        with self.store.connection() as conn:
            pending, quarantined = unsettled_counts(conn)
            held = conn.exec_driver_sql("SELECT count(*) FROM sync_held").scalar_one()
            top = conn.exec_driver_sql("SELECT ctr FROM sync_site WHERE id = 1").scalar()
            last_ok = conn.exec_driver_sql(
                "SELECT last_ok_ms FROM sync_state WHERE id = 1"
            ).scalar()
        return {
            "pending": pending,
            "set_aside": quarantined + held,
            "top": top or 0,
            "last_ok_ms": last_ok,
        }

    def receive_health(self, devices: list[dict[str, Any]], *, at_ms: int) -> None:
        with self.store.connection() as conn:
            settings.write(conn, settings.SYNC_HEALTH, {"at_ms": at_ms, "devices": devices})

    def findings_fixed(self) -> dict[str, int]:
        with self.store.connection() as conn:
            return spot_findings.marked(conn)

    def receive_findings(self, findings: Sequence[Any], fixed: Sequence[Any]) -> int:
        with self.store.connection() as conn:
            return spot_findings.receive(conn, findings, fixed)

    def receive_recovery_key(self, county: dict[str, Any]) -> None:
        try:
            recovery.take_county_key(self.store, CountyKey.parse(county))
        except RecoveryError:
            log.warning("the server gave a recovery key that is not one; ignored")
        except StoreError:  # cannot write beside the store: sealed again next sync
            log.warning("could not write the recovery file beside the store", exc_info=True)

    # --- push ----------------------------------------------------------------------

    def pending(self, limit: int, *, after: int = 0) -> list[Operation]:
        with self.store.connection() as conn:
            return pending_operations(conn, limit=limit, after=after)

    def pending_count(self) -> int:
        with self.store.connection() as conn:
            return unsettled_counts(conn)[0]

    def released(self, site_id: str, hwm: int, held: Sequence[int]) -> list[Operation]:
        still = set(held)
        with self.store.connection() as conn:
            return [
                op
                for op in quarantined_operations(conn, site_id=site_id, up_to=hwm)
                if op.ctr not in still
            ]

    def rejected(self, site_id: str, items: Sequence[tuple[int, str]]) -> int:
        """Set aside for good what the county sent back, with its reason (the value typed
        here stays: only the outbox says the server did not take it)."""
        if not items:
            return 0
        with self.store.connection() as conn:
            return sum(
                conn.exec_driver_sql(
                    "UPDATE outbox SET state = 'quarantined', note = ?, "
                    "acked_ms = coalesce(acked_ms, ?) WHERE site_id = ? AND ctr = ? "
                    "AND state IN ('pending', 'quarantined') AND coalesce(note, '') != ?",
                    (reason, _now_ms(), site_id, ctr, reason),
                ).rowcount
                for ctr, reason in items
            )

    def acknowledge(self, site_id: str, acks: Sequence[Ack], ops: Sequence[Operation]) -> None:
        if not acks:
            return
        now = _now_ms()
        sent = {op.ctr: op for op in ops if op.site_id == site_id}
        with self.store.connection() as conn:
            requeued = _requeued(conn, site_id, acks)
            conn.exec_driver_sql(
                "UPDATE outbox SET state = ?, acked_seq = ?, acked_ms = ?, note = ? "
                "WHERE site_id = ? AND ctr = ? AND state IN ('pending', 'quarantined')",
                [
                    (
                        "quarantined" if a.status == Status.QUARANTINED else "acked",
                        a.version,
                        now,
                        _note(a),
                        site_id,
                        a.ctr,
                    )
                    for a in acks
                ],
            )
            bases: list[tuple[str, str, str, int]] = []
            # What the server holds now of each field these operations touched (the
            # last of them wins, a kept earlier value in its place), and which of those
            # fields this laptop must show: kept ones, and those sent again after a
            # restore (the laptop may show a value pulled before it, which is gone).
            latest: dict[tuple[str, str, str], Any] = {}
            show: set[tuple[str, str, str]] = set()
            for a in sorted(acks, key=lambda a: a.ctr):
                op = sent.get(a.ctr)
                if op is None or a.version is None:
                    continue
                if op.kind == OpKind.INSERT:
                    bases.extend((op.table, op.row_id, f, a.version) for f in op.value)
                    for f, v in op.value.items():
                        latest[(op.table, op.row_id, f)] = v
                        if a.ctr in requeued:
                            show.add((op.table, op.row_id, f))
                elif op.field is not None:
                    key = (op.table, op.row_id, op.field)
                    bases.append((*key, a.version))
                    latest[key] = a.value if a.status == Status.KEPT else op.value
                    if a.status == Status.KEPT or a.ctr in requeued:
                        show.add(key)
            # A group's field kept: the whole group as the server holds it, at once.
            group, group_bases = kept_group.values(acks, sent)
            latest.update(group)
            show.update(group)
            _upsert_bases(conn, bases + group_bases)
            if show:
                _show(conn, [(*key, latest[key]) for key in sorted(show)])
            lost_merge.undo(conn, acks, sent)

    def requeue_after(self, site_id: str, hwm: int) -> int:
        with self.store.connection() as conn:
            result = conn.exec_driver_sql(
                "UPDATE outbox SET state = 'pending', acked_seq = NULL, acked_ms = NULL, "
                "note = 'requeued' WHERE site_id = ? AND ctr > ? AND state != 'pending'",
                (site_id, hwm),
            )
            return result.rowcount

    def new_epoch(self, epoch: str) -> None:
        with self.store.connection() as conn:
            conn.exec_driver_sql(
                "UPDATE sync_state SET epoch = ?, cursors = '{}' WHERE id = 1", (epoch,)
            )
            conn.exec_driver_sql("DELETE FROM field_base")
            conn.exec_driver_sql("DELETE FROM sync_move")  # numbered anew, pulled again
            # What the restored server still holds comes again (and is set aside again).
            conn.exec_driver_sql("DELETE FROM sync_held")
            # So do its conflicts; one it lost would stay in the inbox for good. A choice
            # still to be sent keeps its conflict (see resolution_orphaned).
            conn.exec_driver_sql(
                "DELETE FROM sync_conflict WHERE id NOT IN "
                "(SELECT conflict_id FROM sync_resolution)"
            )

    def become_new_site(self) -> str:
        with self.store.connection() as conn:
            _old, new, _moved = become_new_site(conn)
        return new

    # --- pull ----------------------------------------------------------------------

    def apply_page(self, region: str, to_seq: int, entries: Sequence[Entry]) -> None:
        """Apply a pulled page and move the cursor past all of it, in one transaction:
        what fails this laptop's checks is set aside (``storage.pulled``), never pulled
        again and never in the way of the rest."""
        with self.store.connection() as conn:
            cut = first_blocked(conn, entries)
            if cut is not None:  # a file moves: this laptop's changes of it go first
                entries, to_seq = entries[:cut], entries[cut].seq - 1
                self.exit_waits = True
            _upsert_bases(conn, apply_entries(conn, region, entries))
            cursors = json.loads(
                conn.exec_driver_sql("SELECT cursors FROM sync_state WHERE id = 1").scalar_one()
            )
            cursors[region] = max(int(cursors.get(region, 0)), to_seq)
            conn.exec_driver_sql(
                "UPDATE sync_state SET cursors = ? WHERE id = 1", (json.dumps(cursors),)
            )

    # --- conflicts -----------------------------------------------------------------

    @staticmethod
    def set_local(conn: Any, tbl: str, row_id: str, field: str, value: Any) -> Any:
        """Show a value chosen in a conflict at once, without capturing it as an edit (the
        resolution itself goes to the server, which records it for everyone). Returns the
        value as kept (cleaned); ValidationError for one that breaks the field's rule."""
        value = clean_checked(tbl, field, value)
        with applying(conn):
            set_fields(conn, tbl, field, [(value, row_id)])
        return value

    def pending_resolutions(self) -> list[tuple[str, Any]]:
        with self.store.connection() as conn:
            rows = conn.exec_driver_sql(
                "SELECT conflict_id, value FROM sync_resolution ORDER BY created_ms"
            ).all()
        return [(r.conflict_id, json.loads(r.value)) for r in rows]

    def resolution_sent(self, conflict_id: str, body: dict[str, Any]) -> None:
        with self.store.connection() as conn:
            conn.exec_driver_sql(
                "DELETE FROM sync_resolution WHERE conflict_id = ?", (conflict_id,)
            )
            refused = body.pop("refused", None)
            store_conflict(conn, body)
            if refused and body.get("state") == "open":
                # The county refused the chosen value: the field shows what the server
                # shows again, and the conflict is open in the inbox once more.
                _show(conn, [(body["tbl"], body["row"], body["field"], body.get("provisional"))])

    def resolution_orphaned(self, conflict_id: str, value: Any) -> None:
        """The server no longer knows the conflict (restored from a backup older than
        it): the choice leaves the inbox and goes to the server as this laptop's edit
        of the field, made over what the laptop last saw of it."""
        with self.store.connection() as conn:
            found = conn.exec_driver_sql(
                "SELECT tbl, row_id, field FROM sync_conflict WHERE id = ?", (conflict_id,)
            ).first()
            conn.exec_driver_sql(
                "DELETE FROM sync_resolution WHERE conflict_id = ?", (conflict_id,)
            )
            conn.exec_driver_sql("DELETE FROM sync_conflict WHERE id = ?", (conflict_id,))
            if found is not None and found.tbl in TABLES:
                value_json = json.dumps(value, ensure_ascii=False)
                capture_set(conn, found.tbl, found.row_id, found.field, value_json)

    # --- the audit log -------------------------------------------------------------

    def audit_since(self, after: int, limit: int) -> list[list[Any]]:
        with self.store.connection() as conn:
            rows = conn.exec_driver_sql(
                "SELECT id, at, hlc, actor, action, child_id, detail, prev_hash, hash "
                "FROM audit_log WHERE id > ? ORDER BY id LIMIT ?",
                (after, limit),
            ).all()
        return [list(r) for r in rows]

    def audit_hash(self, entry_id: int) -> str | None:
        with self.store.connection() as conn:
            return conn.exec_driver_sql(
                "SELECT hash FROM audit_log WHERE id = ?", (entry_id,)
            ).scalar()

    # --- sync by USB stick ----------------------------------------------------------

    def bundle_state(self) -> dict[str, Any]:
        with self.store.connection() as conn:
            return dict(settings.read(conn, settings.SYNC_BUNDLE) or {})

    def save_bundle_state(self, state: dict[str, Any]) -> None:
        with self.store.connection() as conn:
            settings.write(conn, settings.SYNC_BUNDLE, state)

    # --- the names of places -------------------------------------------------------

    def places_version(self) -> str | None:
        with self.store.connection() as conn:
            return settings.read(conn, places.VERSION)

    def save_places(self, version: str, names: Sequence[tuple[str, str]]) -> None:
        with self.store.connection() as conn:
            places.save_names(conn, version, names)

    # --- attachments ---------------------------------------------------------------

    def wants_duplicates(self) -> bool:
        with self.store.connection() as conn:
            return duplicate_cases.wanted(conn)

    def receive_duplicates(self, cases: Sequence[dict[str, Any]]) -> int:
        with self.store.connection() as conn:
            return duplicate_cases.replace(conn, cases)

    def blobs_to_upload(self) -> list[tuple[str, int]]:
        with self.store.connection() as conn:
            rows = conn.exec_driver_sql("SELECT sha256, size FROM blob WHERE uploaded = 0").all()
        return [(r.sha256, r.size) for r in rows]

    def read_blob(self, sha256: str, offset: int, size: int) -> bytes:
        with self.store.connection() as conn:
            data = conn.exec_driver_sql(
                "SELECT substr(data, ?, ?) FROM blob WHERE sha256 = ?", (offset + 1, size, sha256)
            ).scalar_one()
        return bytes(data)

    def blob_uploaded(self, sha256: str) -> None:
        with self.store.connection() as conn:
            conn.exec_driver_sql("UPDATE blob SET uploaded = 1 WHERE sha256 = ?", (sha256,))


def _show(conn: Any, values: Sequence[tuple[str, str, str, Any]]) -> None:
    """Show the values the server holds (kept, or held again after a restore) where this
    laptop has no edit of its own waiting; a value that breaks its field's rule is not
    written (this laptop's stays, the conflict shows both)."""
    waiting = pending_fields(conn)
    # One statement per field, as a pulled page writes them (a restored server's
    # acknowledgements may show tens of thousands of values again).
    by_field: dict[tuple[str, str], list[tuple[Any, str]]] = defaultdict(list)
    for tbl, row_id, field, value in values:
        if (tbl, row_id, field) in waiting or field in NOT_FIELDS:
            continue
        try:
            cleaned = clean_checked(tbl, field, value)
        except ValidationError:
            continue
        by_field[(tbl, field)].append((cleaned, row_id))
    if not by_field:
        return
    with applying(conn):
        for (tbl, field), rows in by_field.items():
            set_fields(conn, tbl, field, rows)


def _requeued(conn: Any, site_id: str, acks: Sequence[Ack]) -> set[int]:
    """Which of these operations were sent again after a server restore: the restored
    server now holds their values, and this laptop may show values pulled before the
    restore that the server no longer has (it shows the server's again)."""
    low, high = min(a.ctr for a in acks), max(a.ctr for a in acks)
    return set(
        conn.exec_driver_sql(
            "SELECT ctr FROM outbox WHERE site_id = ? AND ctr BETWEEN ? AND ? "
            "AND note = 'requeued'",
            (site_id, low, high),
        ).scalars()
    )


def _note(ack: Ack) -> str | None:
    if ack.status == Status.QUARANTINED:
        return str(ack.value or "")
    if ack.status == Status.KEPT:
        return "kept"  # the server kept an earlier value; a conflict shows both
    return None
