"""Checking a backup file: it opens with the key, every page's HMAC holds, SQLite finds it
whole, and (right after writing) every table holds as many rows as the store did.

The row counts are taken inside the same read transaction as the export, so they are the
snapshot's; a copy that lost a page or a table, or a half-written one, fails here. The
file is opened read-only: checking a backup never writes it.
"""

from __future__ import annotations

import contextlib
import errno
from collections.abc import Iterator
from typing import Any

import sqlcipher3

from ..core.errors import Kind, StoreError
from . import migrate

# SQLite's words for a write that failed for want of room, or on a vanished disk.
_FULL = ("database or disk is full", "disk i/o error")
_GONE = ("unable to open database file",)


def table_counts(conn: Any, schema: str = "main") -> dict[str, int]:
    """Rows of every table of ``schema`` (a raw connection; within the caller's transaction)."""
    names = [
        r[0]
        for r in conn.execute(
            f"SELECT name FROM {schema}.sqlite_master "
            "WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
        )
    ]
    return {
        name: conn.execute(f'SELECT count(*) FROM {schema}."{name}"').fetchone()[0]
        for name in names
    }


@contextlib.contextmanager
def opened(path: Any, key: str) -> Iterator[Any]:
    """``path`` opened read-only with ``key`` (a raw connection, closed after): raises
    WRONG_PASSPHRASE when the key does not open it, BACKUP_INVALID when it is no store."""
    conn = sqlcipher3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(f'PRAGMA key = "{key}"')
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchall()
        except sqlcipher3.DatabaseError as err:
            wrong_key = "file is not a database" in str(err)
            kind = Kind.WRONG_PASSPHRASE if wrong_key else Kind.BACKUP_INVALID
            raise StoreError(kind, path=path.name) from err
        yield conn
    finally:
        conn.close()


def verify_file(path: Any, key: str, counts: dict[str, int] | None = None) -> str:
    """Open ``path`` read-only with ``key`` and check it; returns its schema revision.

    Raises WRONG_PASSPHRASE when the key does not open it (a backup made before the
    passphrase was changed), BACKUP_INVALID when it is damaged or, given ``counts``, a
    table holds a different number of rows, STORE_TOO_NEW for a newer program's backup.
    """
    with opened(path, key) as conn:
        try:
            damaged = conn.execute("PRAGMA cipher_integrity_check").fetchall()
            status = conn.execute("PRAGMA integrity_check").fetchall()
            revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            found = table_counts(conn) if counts is not None else None
        except sqlcipher3.DatabaseError as err:
            raise StoreError(Kind.BACKUP_INVALID, path=path.name) from err
    if damaged or status != [("ok",)] or revision is None or found != counts:
        raise StoreError(Kind.BACKUP_INVALID, path=path.name)
    if revision[0] not in migrate.known_revisions():
        raise StoreError(Kind.STORE_TOO_NEW, revision=revision[0], head=migrate.HEAD)
    return str(revision[0])


def raise_write_error(err: BaseException, path: Any) -> None:
    """A backup that could not be written, as its kind: DISK_FULL for a full disk or one
    that failed (a USB stick pulled out), READ_ONLY for a place we may not write; else return."""
    if isinstance(err, OSError):
        if err.errno in (errno.ENOSPC, errno.EIO, errno.EFBIG):
            raise StoreError(Kind.DISK_FULL, path=str(path)) from err
        if err.errno in (errno.EACCES, errno.EPERM, errno.EROFS, errno.ENOENT):
            raise StoreError(Kind.READ_ONLY, path=str(path)) from err
    elif isinstance(err, sqlcipher3.OperationalError):
        said = str(err).lower()
        if any(words in said for words in _FULL):
            raise StoreError(Kind.DISK_FULL, path=str(path)) from err
        if any(words in said for words in _GONE):
            raise StoreError(Kind.READ_ONLY, path=str(path)) from err


def key_of(store: Any) -> str:
    """The open store's raw key: its backups are encrypted with it (never shown or logged)."""
    return str(store.engine.url.password)
