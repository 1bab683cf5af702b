"""Tables that stay on this laptop: the sync site and its outbox, the audit log, settings, blobs."""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Integer,
    LargeBinary,
    PrimaryKeyConstraint,
    String,
    Text,
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
    acked_seq: Mapped[int | None] = mapped_column(BigInteger)
    acked_ms: Mapped[int | None] = mapped_column(BigInteger)


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

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(Integer)
    data: Mapped[bytes] = mapped_column(LargeBinary)
