"""Schema versions: Alembic migrations applied when a store is opened, after a backup copy.

Opening a current store costs one query: the revision is compared with :data:`HEAD`
without loading Alembic. An older store is copied aside (``<store>.before-<rev>``) and
upgraded in one transaction; a store whose revision this version does not know was
written by a newer version and is refused untouched.
"""

from __future__ import annotations

import logging
import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import Connection, Engine

from ..core.errors import Kind, StoreError
from .engine import raw_connection

log = logging.getLogger(__name__)

HEAD = "0023"
MIGRATIONS = Path(__file__).with_name("migrations")
_REVISION_FILE = re.compile(r"^(\d{4})_\w+\.py$")


@cache
def known_revisions() -> tuple[str, ...]:
    """The revisions this version can read, oldest first (from the migration file names)."""
    return tuple(
        sorted(
            m.group(1)
            for f in (MIGRATIONS / "versions").iterdir()
            if (m := _REVISION_FILE.match(f.name))
        )
    )


def current_revision(conn: Connection) -> str | None:
    exists = conn.execute(
        text("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'")
    ).first()
    if not exists:
        return None
    return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def check_is_store(conn: Connection) -> None:
    """Refuse a database that is not one of our stores, or one from a newer version."""
    revision = current_revision(conn)
    if revision is None:
        raise StoreError(Kind.NOT_A_STORE, reason="no_schema")
    if revision not in known_revisions():
        raise StoreError(Kind.STORE_TOO_NEW, revision=revision, head=HEAD)


def create_schema(engine: Engine, *, actor: str, region_code: str | None) -> None:
    """Build a new store's schema at HEAD and record who created it."""
    from . import audit, settings

    with engine.begin() as conn:
        _run_alembic(conn, "head")
    with engine.begin() as conn:
        if region_code:
            settings.write(conn, settings.HOME_REGION, region_code)
        audit.append_raw(conn, actor=actor, action="store_created", detail={"schema": HEAD})


def upgrade_if_needed(engine: Engine, path: Path) -> str | None:
    """Upgrade an older store to HEAD; returns the backup path's name, or None if current."""
    with engine.connect() as conn:
        revision = current_revision(conn)
    if revision == HEAD:
        return None
    with raw_connection(engine) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # the copy must hold every commit
    backup = path.with_name(f"{path.name}.before-{HEAD}")
    shutil.copy2(path, backup)  # still encrypted: a byte copy of the store file
    log.info("upgrading store schema %s -> %s (backup kept)", revision, HEAD)
    with schema_change(engine) as conn:
        _run_alembic(conn, "head")
    return backup.name


@contextmanager
def schema_change(engine: Engine) -> Iterator[Connection]:
    """A transaction for migrations, with foreign keys enforced at the end, not per step.

    SQLite alters a table by copying it to a new one, dropping the old one and renaming;
    with foreign keys on, dropping ``child`` would delete (or refuse to delete) every
    visit that points at it. The pragma is only honoured outside a transaction, so it is
    set on the driver connection before BEGIN, and ``foreign_key_check`` must come back
    empty before the transaction commits.
    """
    with engine.connect() as conn:
        driver = conn.connection.driver_connection
        driver.execute("PRAGMA foreign_keys = OFF")
        try:
            with conn.begin():
                yield conn
                broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    table, _rowid, parent, _fk = broken[0]
                    raise StoreError(
                        Kind.INTEGRITY_FAILED, reason=f"foreign key {table} -> {parent}"
                    )
        finally:
            driver.execute("PRAGMA foreign_keys = ON")


def _run_alembic(conn: Connection, target: str) -> None:
    from alembic import command

    command.upgrade(alembic_config(conn), target)


def alembic_config(conn: Connection | None = None, **attributes: Any) -> Any:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["connection"] = conn
    cfg.attributes.update(attributes)
    return cfg
