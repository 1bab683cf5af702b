"""The encrypted store: one SQLCipher file per installation, opened through SQLAlchemy.

:func:`create_store` makes a new store; :func:`open_store` unlocks an existing one,
checks that it is a store of ours and not from a newer version, and brings its schema
up to date (after a backup copy). Every failure a user can meet - wrong passphrase, not
a store, store too new, disk full, locked, read-only - is a :class:`StoreError` with
its own kind, and none of them changes the file.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import URL, create_engine, event, exc, pool, text
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from ..core.errors import Kind, StoreError
from . import keys, migrate

log = logging.getLogger(__name__)


@dataclass
class Store:
    """An unlocked store. Use :meth:`session` for a unit of work; :meth:`close` to lock."""

    path: Path
    engine: Engine
    actor: str
    _sessions: sessionmaker[Session] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._sessions = sessionmaker(self.engine, expire_on_commit=False,
                                      info={"actor": self.actor})  # fmt: skip

    @contextlib.contextmanager
    def session(self) -> Iterator[Session]:
        """One transaction: committed when the block ends, rolled back if it raises."""
        with translate_errors(), self._sessions.begin() as session:
            yield session

    @contextlib.contextmanager
    def connection(self) -> Iterator[Any]:
        """A Core connection inside one transaction (for raw SQL and maintenance)."""
        with translate_errors(), self.engine.begin() as conn:
            yield conn

    def close(self) -> None:
        self.engine.dispose()


def create_store(path: Path | str, passphrase: str, *, actor: str = "",
                 region_code: str | None = None) -> Store:  # fmt: skip
    """Create a new, empty store at ``path`` (which must not exist yet)."""
    path = Path(path)
    if path.exists() and path.stat().st_size > 0:
        raise StoreError(Kind.STORE_EXISTS, path=str(path))
    problems = keys.passphrase_problems(passphrase)
    if problems:
        raise StoreError(Kind.WEAK_PASSPHRASE, problems=problems)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise StoreError(Kind.READ_ONLY, path=str(path.parent)) from err
    salt = keys.new_salt()
    engine = _engine(path, keys.raw_key_pragma_value(keys.derive_key(passphrase, salt), salt))
    try:
        with translate_errors():
            migrate.create_schema(engine, actor=actor, region_code=region_code)
    except BaseException:
        engine.dispose()
        for leftover in (path, *sidecars(path)):
            leftover.unlink(missing_ok=True)
        raise
    log.info("created a new store")
    return Store(path, engine, actor)


def open_store(path: Path | str, passphrase: str, *, actor: str = "",
               upgrade: bool = True) -> Store:  # fmt: skip
    """Unlock the store at ``path``; the schema is upgraded (after a backup) if it is older."""
    path = Path(path)
    check_file(path)
    engine = _engine(path, raw_key_for(path, passphrase))
    try:
        with translate_errors(), engine.connect() as conn:
            migrate.check_is_store(conn)
        if upgrade:
            migrate.upgrade_if_needed(engine, path)
    except BaseException:
        engine.dispose()
        raise
    return Store(path, engine, actor)


def raw_key_for(path: Path, passphrase: str) -> str:
    salt = keys.read_salt(path)
    return keys.raw_key_pragma_value(keys.derive_key(passphrase, salt), salt)


def check_file(path: Path) -> None:
    if not path.is_file():
        raise StoreError(Kind.STORE_NOT_FOUND, path=str(path))
    size = path.stat().st_size
    with path.open("rb") as fh:
        head = fh.read(len(keys.SQLITE_HEADER))
    if head == keys.SQLITE_HEADER:
        raise StoreError(Kind.NOT_A_STORE, path=str(path), reason="unencrypted")
    if size < 1024 or size % 512:
        raise StoreError(Kind.NOT_A_STORE, path=str(path), reason="truncated")


def sidecars(path: Path) -> tuple[Path, Path]:
    return path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")


def _engine(path: Path, key: str | None) -> Engine:
    """An engine whose every connection is keyed, checked and set up the same way.

    ``key=None`` gives a plain SQLite file: only the benchmark uses it, to measure what
    the encryption costs on the same workload.
    """
    url = URL.create("sqlite+pysqlcipher", password=key or "", database=str(path))
    engine = create_engine(
        url,
        poolclass=pool.QueuePool,
        pool_size=2,
        max_overflow=2,
        connect_args={"check_same_thread": False},
    )
    event.listen(engine, "connect", _setup_connection)
    event.listen(engine, "begin", _begin_immediate)
    return engine


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
    finally:
        cursor.close()
    dbapi_conn.isolation_level = None  # transactions are begun by _begin_immediate


def _begin_immediate(conn: Any) -> None:
    # Take the write lock up front: a deferred transaction that reads and then writes
    # can fail with SQLITE_BUSY at the upgrade, without waiting on busy_timeout.
    conn.exec_driver_sql("BEGIN IMMEDIATE")


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
