"""The server's database: engine, migrations, the write lock and the epoch."""

from __future__ import annotations

import os
import secrets
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine, event, select
from sqlalchemy.engine import Connection, Engine, make_url

from . import journal as journaling
from . import schema

MIGRATIONS = Path(__file__).with_name("migrations")


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


class Database:
    """One server database. Writes are serialised per site and per village: on PostgreSQL
    by row locks (``FOR UPDATE``), on the embedded SQLite file by one process-wide lock."""

    def __init__(self, url: str, journal: Path | str | None = None) -> None:
        self.url = url
        self.is_sqlite = url.startswith("sqlite")
        if journal is None and self.is_sqlite:
            journal = default_journal(make_url(url).database)
        # What the county decides is also written outside the database (sync.server.journal).
        self.journal = journaling.Journal(journal) if journal is not None else None
        # An SQL error's message never carries the values (children's data) into a log.
        if self.is_sqlite:
            _private_file(make_url(url).database)
            self.engine: Engine = create_engine(
                url, connect_args={"timeout": 30}, hide_parameters=True
            )
            event.listen(self.engine, "connect", _sqlite_pragmas)
        else:
            self.engine = create_engine(
                url, pool_size=8, max_overflow=8, pool_pre_ping=True, hide_parameters=True
            )
        self._lock = threading.Lock()

    def migrate(self, revision: str = "head") -> None:
        """Create or upgrade the database (to ``revision``), and give it an epoch."""
        with self._migrating() as (config, conn):
            command.upgrade(config, revision)
            if (
                conn.execute(
                    select(schema.meta.c.value).where(schema.meta.c.key == "epoch")
                ).first()
                is None
            ):
                _new_epoch(conn, 0)
                # A new database holds nothing an older journal at its path speaks of.
                journaling.set_head(conn, self.journal.last() if self.journal else 0)
            elif (
                conn.execute(
                    select(schema.meta.c.value).where(schema.meta.c.key == journaling.HEAD)
                ).first()
                is None
            ):
                journaling.set_head(conn, 0)  # made before the journal: it lacks every line

    def downgrade(self, revision: str) -> None:
        with self._migrating() as (config, _conn):
            command.downgrade(config, revision)

    @contextmanager
    def _migrating(self) -> Iterator[tuple[Config, Connection]]:
        """A migration's transaction. On SQLite, foreign keys are off while a migration
        rebuilds a table others refer to (SQLite's own procedure for schema changes) and
        checked before it commits."""
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        if not self.is_sqlite:
            with self.write() as conn:
                config.attributes["connection"] = conn
                yield config, conn
            return
        with self._lock, self.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
            try:
                conn.exec_driver_sql("BEGIN IMMEDIATE")
                try:
                    config.attributes["connection"] = conn
                    yield config, conn
                    if conn.exec_driver_sql("PRAGMA foreign_key_check").first() is not None:
                        raise RuntimeError("a migration left a broken reference")
                except BaseException:
                    conn.rollback()
                    raise
                conn.commit()
            finally:
                conn.exec_driver_sql("PRAGMA foreign_keys=ON")

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """A write transaction; the journal lines it records are appended once it commits."""
        if self.is_sqlite:
            with self._lock, self.engine.connect() as conn:
                conn.exec_driver_sql("BEGIN IMMEDIATE")
                journaling.opened(conn, self.journal)
                try:
                    yield conn
                except BaseException:
                    conn.rollback()
                    journaling.closed(conn, committed=False)
                    raise
                conn.commit()
                journaling.closed(conn, committed=True)
        else:
            with self.engine.connect() as conn:
                journaling.opened(conn, self.journal)
                committed = False
                try:
                    with conn.begin():
                        yield conn
                    committed = True
                finally:
                    journaling.closed(conn, committed=committed)

    @contextmanager
    def read(self) -> Iterator[Connection]:
        with self.engine.connect() as conn:
            yield conn

    def lock(self, table: Any, *where: Any) -> Any:
        """``SELECT ... FOR UPDATE`` where rows can be locked (the SQLite path holds the lock)."""
        query = select(table).where(*where)
        return query if self.is_sqlite else query.with_for_update()

    def dispose(self) -> None:
        self.engine.dispose()


def epoch(conn: Connection) -> tuple[str, int]:
    """The server's epoch: an id and a number, both new after every restore from backup."""
    values = dict(conn.execute(select(schema.meta.c.key, schema.meta.c.value)).tuples().all())
    return values["epoch"], int(values["epoch_no"])


def mark_restored(conn: Connection) -> tuple[str, int]:
    """Start a new epoch: laptops then re-send what this (restored) database lacks."""
    _, number = epoch(conn)
    return _new_epoch(conn, number + 1)


def _new_epoch(conn: Connection, number: int) -> tuple[str, int]:
    ident = secrets.token_hex(8)
    for key, value in (("epoch", ident), ("epoch_no", str(number))):
        conn.execute(schema.meta.delete().where(schema.meta.c.key == key))
        conn.execute(schema.meta.insert().values(key=key, value=value))
    return ident, number


def default_journal(database: str | None) -> Path | None:
    """The decision journal of an SQLite file: next to it (``server.db`` ->
    ``server-decisions.jsonl``)."""
    if not database or database == ":memory:" or database.startswith("file:"):
        return None
    path = Path(database)
    return path.with_name(f"{path.stem}-decisions.jsonl")


def _private_file(database: str | None) -> None:
    """The SQLite file, its -wal and -shm (which SQLite creates with the file's mode) are
    the county's case files: readable by the server's account only (0600), in a folder of
    its own (0700) when the server makes it."""
    if not database or database == ":memory:" or database.startswith("file:"):
        return
    path = Path(database)
    if not path.parent.exists():
        path.parent.mkdir(parents=True, mode=0o700)
        path.parent.chmod(0o700)  # whatever the umask
    if not path.exists():
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
    for part in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        if part.exists():
            part.chmod(0o600)


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cursor = dbapi_conn.cursor()
    for pragma in ("journal_mode=WAL", "synchronous=FULL", "foreign_keys=ON", "busy_timeout=30000"):
        cursor.execute(f"PRAGMA {pragma}")
    cursor.close()
    # Let SQLAlchemy's "BEGIN IMMEDIATE" through: pysqlite would otherwise begin on its own.
    dbapi_conn.isolation_level = None
