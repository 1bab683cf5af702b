"""What the sync engine needs from a laptop's store (implemented in the app's storage layer).

Each method is its own local transaction; nothing here is half-done after a crash.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from ..protocol import Operation


@dataclass(frozen=True, slots=True)
class SyncState:
    site_id: str
    server_url: str | None
    token: str | None
    epoch: str | None
    cursors: dict[str, int] = field(default_factory=dict)
    # The highest counter of this site the server has acknowledged to this store: later
    # ones under the same site id on the server were sent by a copy of the store file.
    acked_ctr: int = 0

    @property
    def enrolled(self) -> bool:
        return bool(self.server_url and self.token)


@dataclass(frozen=True, slots=True)
class Ack:
    """The server's answer for one pushed operation."""

    ctr: int
    status: str  # sync.protocol.Status
    version: int | None
    value: Any = None  # the kept value (status "k") or the quarantine reason (status "q")
    # Set aside with a merge the server did not take: {"value": what the server holds}.
    shown: dict[str, Any] | None = None


def rejected_of(hello: dict[str, Any]) -> list[tuple[int, str]]:
    """What the county sent back, from a hello's answer: ``(ctr, reason)`` (none from an
    older server, and nothing that is not one: a bad item must not stop a sync)."""
    items = hello.get("rejected")
    if not isinstance(items, list):
        return []
    return [
        (int(x[0]), str(x[1])[:300])
        for x in items
        if isinstance(x, list) and len(x) == 2 and isinstance(x[0], int) and isinstance(x[1], str)
    ]


@dataclass(frozen=True, slots=True)
class Entry:
    """One pulled change: a row inserted, a field set, or a conflict record."""

    seq: int
    version: int
    kind: int  # 0 insert, 1 set, 2 conflict
    table: str
    row_id: str
    field: str | None
    value: Any
    flag: str | None = None  # "future|field,...": dates after the server's day on arrival


class LocalStore(Protocol):
    def sync_state(self) -> SyncState: ...

    def save_enrollment(
        self, *, server_url: str, device_id: str, token: str, user: dict[str, Any], epoch: str
    ) -> None: ...

    def save_token(self, token: str) -> None:
        """Keep the device token the server handed out in place of the current one (it
        rotates them); the old one is refused once the new one was used."""
        ...

    def pending(self, limit: int, *, after: int = 0) -> list[Operation]:
        """The oldest unacknowledged operations, in counter order (those past counter
        ``after`` only: the ones before are on their way)."""
        ...

    def pending_count(self) -> int: ...

    def released(self, site_id: str, hwm: int, held: Sequence[int]) -> list[Operation]:
        """Operations this store holds as set aside that the server no longer holds (up to
        its ``hwm``): the server applied them since. The engine asks for their results
        (sending them again: the server answers from its log) and acknowledges them."""
        ...

    def rejected(self, site_id: str, items: Sequence[tuple[int, str]]) -> int:
        """Operations of this site the county sent back (``(ctr, reason)``, the reason as
        it travels: ``Hold.rejected``): set aside for good with that reason, never sent
        again, the laptop's own values left as they are. How many changed."""
        ...

    def acknowledge(self, site_id: str, acks: Sequence[Ack], ops: Sequence[Operation]) -> None:
        """Mark operations (pending, or set aside and since released) acknowledged (kept 30 days at least, for re-push after a server
        restore) and record each field's version as the base of later edits. ``ops`` are
        the operations as sent (the store need not read them back)."""
        ...

    def requeue_after(self, site_id: str, hwm: int) -> int:
        """Acknowledged operations above the server's high-water mark become pending again
        (the server was restored from a backup); returns how many."""
        ...

    def new_epoch(self, epoch: str) -> None:
        """The server was restored: forget cursors and bases, pull everything again."""
        ...

    def become_new_site(self) -> str:
        """This store file was copied: take a new site id and re-stamp pending operations."""
        ...

    def apply_page(self, region: str, to_seq: int, entries: Sequence[Entry]) -> None:
        """Apply pulled changes and move the village's cursor, in one transaction. Never
        overwrite a field with a pending local edit (only its base moves). A change that
        fails the store's own checks is set aside with its reason, never raised: one bad
        change must not stop a sync."""
        ...

    def receive_clock(self, server_ms: int) -> None: ...

    def record_sync(
        self, *, ok: bool, at_ms: int, offset_ms: int | None, error: str | None
    ) -> None: ...

    def health_report(self) -> dict[str, Any]:
        """What this laptop says of itself at each hello (sync health): ``pending``
        (changes not yet sent), ``set_aside`` (held by the server or by this laptop),
        ``top`` (its highest counter) and ``last_ok_ms`` (its last good sync, or None)."""
        ...

    def receive_health(self, devices: list[dict[str, Any]], *, at_ms: int) -> None:
        """Keep the sync health of the devices this user may see, as the server sent it
        at ``at_ms`` (its clock): shown offline until the next sync replaces it."""
        ...

    def findings_fixed(self) -> dict[str, int]:
        """The county's spot-check findings marked fixed here that the server has not
        acknowledged (id -> when, ms): sent with every hello until it does."""
        ...

    def receive_findings(self, findings: Sequence[Any], fixed: Sequence[Any]) -> int:
        """Keep the open findings of this scope a hello's answer carried, and forget the
        marks it acknowledged (``fixed``: ids); returns how many are open here."""
        ...

    def receive_recovery_key(self, county: dict[str, Any]) -> None:
        """The county's public recovery key as the server gave it at enrollment or hello
        (``{"fingerprint", "key"}``, :mod:`sync.recovery`): seal the store's key to it
        when it is new. A key that is not one is ignored (it must not stop a sync)."""
        ...

    def pending_resolutions(self) -> list[tuple[str, Any]]: ...

    def audit_since(self, after: int, limit: int) -> list[list[Any]]:
        """Audit entries after id ``after``, oldest first: [id, at, hlc, actor, action,
        child_id, detail, prev_hash, hash]."""
        ...

    def audit_hash(self, entry_id: int) -> str | None:
        """The hash of the audit entry ``entry_id`` (None when there is no such entry)."""
        ...

    def resolution_sent(self, conflict_id: str, body: dict[str, Any]) -> None: ...

    def resolution_orphaned(self, conflict_id: str, value: Any) -> None:
        """The server does not know the conflict (restored from an older backup): keep
        the choice as this laptop's edit of the field."""
        ...

    def wants_duplicates(self) -> bool:
        """Whether this store's user judges suspected duplicates (asks for the cases)."""
        ...

    def receive_duplicates(self, cases: Sequence[dict[str, Any]]) -> int:
        """Keep the open cases the server sent (replacing those kept); returns how many
        are still to be decided here."""

    def bundle_state(self) -> dict[str, Any]:
        """What sync by USB stick keeps (:mod:`sync.client.bundles`): keys, numbers."""
        ...

    def save_bundle_state(self, state: dict[str, Any]) -> None: ...

    def places_version(self) -> str | None:
        """The version of the division names this store holds (None: none yet)."""
        ...

    def save_places(self, version: str, names: Sequence[tuple[str, str]]) -> None:
        """Keep the names of the divisions in scope (code, name), in place of those held;
        a name that fails the store's checks is left out, never raised."""
        ...

    def blobs_to_upload(self) -> list[tuple[str, int]]: ...

    def read_blob(self, sha256: str, offset: int, size: int) -> bytes: ...

    def blob_uploaded(self, sha256: str) -> None: ...
