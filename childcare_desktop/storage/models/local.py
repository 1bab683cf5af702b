"""Tables that stay on this laptop: the sync site and its outbox, the audit log, settings, blobs."""

from __future__ import annotations

from datetime import date

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    Index,
    Integer,
    LargeBinary,
    PrimaryKeyConstraint,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base


class SyncSite(Base):
    """The one row describing this store as a sync site.

    ``ctr`` is the gapless per-site change counter and ``hlc`` the hybrid logical clock;
    both are advanced only by the capture triggers. ``applying`` is 1 while the sync
    applies changes pulled from the server, so they are not captured again.
    """

    __tablename__ = "sync_site"
    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    site_id: Mapped[str] = mapped_column(String(32))
    ctr: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")
    hlc: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")
    applying: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    created_ms: Mapped[int] = mapped_column(BigInteger)


class Outbox(Base):
    """One captured change: a row inserted, or one field set. ``(site_id, ctr)`` is the
    idempotency key and the upload order; acknowledged rows are kept for re-push."""

    __tablename__ = "outbox"
    __table_args__ = (
        PrimaryKeyConstraint("site_id", "ctr"),
        CheckConstraint("kind IN ('insert', 'set')", name="kind"),
        # What is still to send: read at every sync, a small part of a table kept forever.
        Index("ix_outbox_pending", "site_id", "ctr", sqlite_where=text("state = 'pending'")),
        # What the server set aside: asked at every hello, as small (issue 19).
        Index(
            "ix_outbox_quarantined", "site_id", "ctr", sqlite_where=text("state = 'quarantined'")
        ),
    )

    site_id: Mapped[str] = mapped_column(String(32))
    ctr: Mapped[int] = mapped_column(BigInteger)
    tbl: Mapped[str] = mapped_column(String(40))
    row_id: Mapped[str] = mapped_column(String(36))
    kind: Mapped[str] = mapped_column(String(10))
    field: Mapped[str | None] = mapped_column(String(40))
    value: Mapped[str] = mapped_column(Text)  # JSON: the row for an insert, the value for a set
    region_code: Mapped[str] = mapped_column(String(12))
    hlc: Mapped[int] = mapped_column(BigInteger)
    device_ms: Mapped[int] = mapped_column(BigInteger)
    state: Mapped[str] = mapped_column(String(12), default="pending", server_default="pending")
    acked_seq: Mapped[int | None] = mapped_column(BigInteger)  # the version the server gave
    acked_ms: Mapped[int | None] = mapped_column(BigInteger)
    base: Mapped[int | None] = mapped_column(BigInteger)  # version of the field edited over
    note: Mapped[str | None] = mapped_column(Text)  # why the server quarantined or kept it


class SyncState(Base):
    """The one row of this store's sync settings: server, device token, epoch, cursors.

    The token is as secret as the passphrase; it lives only here, inside the encrypted store.
    """

    __tablename__ = "sync_state"
    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    server_url: Mapped[str | None] = mapped_column(String(200))
    device_id: Mapped[str | None] = mapped_column(String(32))
    token: Mapped[str | None] = mapped_column(String(100))
    user_name: Mapped[str | None] = mapped_column(String(60))
    role: Mapped[str | None] = mapped_column(String(12))
    scope: Mapped[str | None] = mapped_column(String(12))
    epoch: Mapped[str | None] = mapped_column(String(32))
    cursors: Mapped[str] = mapped_column(Text, default="{}", server_default="{}")  # JSON
    auto_sync: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    last_ok_ms: Mapped[int | None] = mapped_column(BigInteger)
    last_try_ms: Mapped[int | None] = mapped_column(BigInteger)
    last_error: Mapped[str | None] = mapped_column(String(40))
    clock_offset_ms: Mapped[int | None] = mapped_column(BigInteger)


class FieldBase(Base):
    """The last version of each field this laptop has from the server: the base of its
    next edit of that field (captured into the outbox by the triggers)."""

    __tablename__ = "field_base"
    # Keyed by its primary key alone (no rowid b-tree): one write per field, not two.
    __table_args__ = (PrimaryKeyConstraint("tbl", "row_id", "field"), {"sqlite_with_rowid": False})

    tbl: Mapped[str] = mapped_column(String(40))
    row_id: Mapped[str] = mapped_column(String(36))
    field: Mapped[str] = mapped_column(String(40))
    version: Mapped[int] = mapped_column(BigInteger)


class SyncConflict(Base):
    """A conflict recorded by the server (every value, with who and when), as pulled."""

    __tablename__ = "sync_conflict"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    region_code: Mapped[str] = mapped_column(String(12))
    tbl: Mapped[str] = mapped_column(String(40))
    row_id: Mapped[str] = mapped_column(String(36), index=True)
    field: Mapped[str] = mapped_column(String(40))
    state: Mapped[str] = mapped_column(String(10))  # open | resolved
    body: Mapped[str] = mapped_column(Text)  # JSON, as the server keeps it


class SyncResolution(Base):
    """A conflict resolved on this laptop, waiting to be sent."""

    __tablename__ = "sync_resolution"

    conflict_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    value: Mapped[str] = mapped_column(Text)  # JSON
    actor: Mapped[str] = mapped_column(String(50))
    created_ms: Mapped[int] = mapped_column(BigInteger)


class SyncHeld(Base):
    """A pulled change this laptop's checks refused: set aside (never applied, never lost)
    with its reason, until a later change of the field makes it valid or the record it
    belongs to arrives. The cursor has moved past it: it is never pulled again."""

    __tablename__ = "sync_held"
    __table_args__ = (
        CheckConstraint("kind IN ('insert', 'set', 'conflict')", name="kind"),
        Index("ix_sync_held_row", "tbl", "row_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    region_code: Mapped[str] = mapped_column(String(12))  # the village it was pulled for
    tbl: Mapped[str] = mapped_column(String(40))
    row_id: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(10))
    field: Mapped[str | None] = mapped_column(String(40))  # a set's field; None for a row
    # JSON: the row of an insert (later pulled sets of its fields folded in) or the value.
    value: Mapped[str] = mapped_column(Text)
    version: Mapped[int] = mapped_column(BigInteger)  # the latest change folded in
    versions: Mapped[str] = mapped_column(Text, default="{}", server_default="{}")  # JSON
    reason: Mapped[str] = mapped_column(String(200))  # sync.protocol.Hold(...).encode()
    waits_for: Mapped[str | None] = mapped_column(String(120))  # "tbl/row_id" it needs
    received_ms: Mapped[int] = mapped_column(BigInteger)


class SyncFlag(Base):
    """A pulled date that lay after the county server's day when it arrived: the laptop
    that recorded it had its clock ahead. Applied all the same and shown for review;
    a later change of the field without the flag clears it."""

    __tablename__ = "sync_flag"
    __table_args__ = (UniqueConstraint("tbl", "row_id", "field"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    region_code: Mapped[str] = mapped_column(String(12))
    tbl: Mapped[str] = mapped_column(String(40))
    row_id: Mapped[str] = mapped_column(String(64))
    field: Mapped[str] = mapped_column(String(40))
    flag: Mapped[str] = mapped_column(String(20))  # sync.protocol.FLAG_FUTURE
    version: Mapped[int] = mapped_column(BigInteger)
    received_ms: Mapped[int] = mapped_column(BigInteger)


class SyncMove(Base):
    """The last move of a child's file (issue 15) this laptop has applied to a record, by
    the server's number, and whether that move's insert has come (its exit, pulled from
    the other village's feed, re-files it first): the feeds of several villages, pulled
    each on its own, are applied in the order the file moved (see storage.moves)."""

    __tablename__ = "sync_move"
    __table_args__ = (PrimaryKeyConstraint("tbl", "row_id"), {"sqlite_with_rowid": False})

    tbl: Mapped[str] = mapped_column(String(40))
    row_id: Mapped[str] = mapped_column(String(64))
    n: Mapped[int] = mapped_column(Integer)
    settled: Mapped[bool] = mapped_column(Boolean)


class AuditEntry(Base):
    """Append-only, hash-chained record of who opened, changed, printed or exported what."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[str] = mapped_column(String(32))  # wall-clock time, ISO 8601 with offset
    hlc: Mapped[int] = mapped_column(BigInteger)
    actor: Mapped[str] = mapped_column(String(50))
    action: Mapped[str] = mapped_column(String(40))
    child_id: Mapped[str | None] = mapped_column(String(36), index=True)
    detail: Mapped[str] = mapped_column(Text, default="{}")  # JSON; ids and field names only
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class Setting(Base):
    """A business setting kept in the store (typed and defaulted in storage.settings)."""

    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(Text)  # JSON


class Blob(Base):
    """Attachment bytes, named by SHA-256, encrypted with the rest of the store."""

    __tablename__ = "blob"
    __table_args__ = (
        # What is still to upload, read at every sync without the bytes (``uploaded`` lies
        # after ``data`` in the record: reading it there walks the whole attachment).
        Index("ix_blob_waiting", "sha256", "size", sqlite_where=text("uploaded = 0")),
    )

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(Integer)
    data: Mapped[bytes] = mapped_column(LargeBinary)
    uploaded: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class VisitLatest(Base):
    """Each child's latest visit of any kind and latest home visit, voided records aside:
    kept by triggers on ``visit`` (store migration 0022), never written by the code.

    The worklist reads a row per child here instead of seeking its last visits in the
    index of every visit, which grows with the years kept and which a first worklist
    after opening must decrypt page by page. A child never visited has no row, or a row
    of NULLs once its visits are gone."""

    __tablename__ = "visit_latest"
    __table_args__ = (PrimaryKeyConstraint("child_id"), {"sqlite_with_rowid": False})

    child_id: Mapped[str] = mapped_column(String(36))
    last_on: Mapped[date | None] = mapped_column(Date)
    last_home_on: Mapped[date | None] = mapped_column(Date)


class WorkTouched(Base):
    """The children whose worklist facts changed: appended by triggers on each table the
    worklist reads (store migration 0023), never written by the code. An open store's
    cached worklist recomputes the children logged after the entry it last read; a
    NULL child makes it start again."""

    __tablename__ = "work_touched"
    __table_args__ = ({"sqlite_autoincrement": True},)

    seq: Mapped[int] = mapped_column(Integer, primary_key=True)
    child_id: Mapped[str | None] = mapped_column(String(36))


class WorkTouchedState(Base):
    """Up to which entry ``work_touched`` was pruned: a cache that read less starts again."""

    __tablename__ = "work_touched_state"
    __table_args__ = (CheckConstraint("id = 1", name="ck_work_touched_state_one"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    pruned_upto: Mapped[int] = mapped_column(Integer)
