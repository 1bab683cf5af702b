"""The SQLAlchemy engine over one SQLCipher file, and the driver errors a user can meet.

Every connection is keyed, checked and set up the same way (WAL, synchronous=FULL,
foreign keys, no recursive triggers, a busy timeout), every transaction takes the
write lock at its start, and at its end what it captured is put parents first
(:mod:`.capture_order`).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import sqlcipher3
from sqlalchemy import URL, create_engine, event, exc, pool
from sqlalchemy.engine import Engine

from ..core.errors import Kind, StoreError
from . import capture_order


@contextlib.contextmanager
def raw_connection(engine: Engine) -> Iterator[Any]:
    """The driver's connection outside any transaction: for checkpoints, VACUUM, ATTACH."""
    conn = engine.raw_connection()
    try:
        yield conn.driver_connection
    finally:
        conn.close()


def make_engine(path: Path, key: str | None) -> Engine:
    """An engine whose every connection is keyed, checked and set up the same way.

    ``key=None`` gives a plain SQLite file through the same driver and SQLite build:
    only the benchmark uses it, to measure what the encryption costs on one workload.
    """
    options: dict[str, Any] = {}
    if key is None:
        url = URL.create("sqlite+pysqlite", database=str(path))
        options["module"] = sqlcipher3.dbapi2
    else:
        url = URL.create("sqlite+pysqlcipher", password=key, database=str(path))
    engine = create_engine(
        url,
        poolclass=pool.QueuePool,
        pool_size=2,
        max_overflow=2,
        connect_args={"check_same_thread": False},
        # Errors quote their SQL; never their values (names, ID numbers) into a log line.
        hide_parameters=True,
        **options,
    )
    event.listen(engine, "connect", _setup_connection)
    event.listen(engine, "begin", _begin_immediate)
    event.listen(engine, "commit", _parents_first)
    return engine


CACHE_KIB = 32 * 1024  # per connection; a pool of two, two more at a busy moment


def _setup_connection(dbapi_conn: Any, _record: Any) -> None:
    cursor = dbapi_conn.cursor()
    try:
        cursor.execute("PRAGMA cipher_log_level = NONE")  # no SQLCipher chatter on stderr
        cursor.execute("SELECT count(*) FROM sqlite_master").fetchall()  # checks the key
        cursor.execute("PRAGMA journal_mode = WAL")  # persistent; a no-op once set
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA synchronous = FULL")  # battery laptops lose power
        cursor.execute("PRAGMA recursive_triggers = OFF")
        cursor.execute("PRAGMA busy_timeout = 10000")
        # Pages are decrypted as they are read into SQLite's cache: its default 2 MB held
        # a fortieth of a 5,000-child store, and a worklist decrypted most pages again
        # each time. Memory is taken only as pages are read, up to this.
        cursor.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
    finally:
        cursor.close()
    dbapi_conn.isolation_level = None  # transactions are begun by _begin_immediate


def _begin_immediate(conn: Any) -> None:
    # Take the write lock up front: a deferred transaction that reads and then writes
    # can fail with SQLITE_BUSY at the upgrade, without waiting on busy_timeout.
    conn.exec_driver_sql("BEGIN IMMEDIATE")
    capture_order.remember_start(conn.connection.driver_connection, conn.info)


def _parents_first(conn: Any) -> None:
    # Every write path commits here: the ORM, Core and raw SQL through the engine.
    capture_order.parents_first(conn.connection.driver_connection, conn.info)


_MESSAGES = (
    ("file is not a database", Kind.WRONG_PASSPHRASE),
    ("database or disk is full", Kind.DISK_FULL),
    ("disk i/o error", Kind.DISK_FULL),
    ("database is locked", Kind.STORE_LOCKED),
    ("readonly database", Kind.READ_ONLY),
    ("unable to open database file", Kind.READ_ONLY),
    ("malformed", Kind.INTEGRITY_FAILED),
)


@contextlib.contextmanager
def translate_errors() -> Iterator[None]:
    """Turn the driver's errors that a user can meet into StoreError kinds."""
    try:
        yield
    except exc.DBAPIError as err:
        message = str(err.orig).lower()
        for needle, kind in _MESSAGES:
            if needle in message:
                raise StoreError(kind) from err
        raise
