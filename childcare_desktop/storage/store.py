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

from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from ..core.errors import Kind, StoreError, ValidationError
from ..core.region import Level, Region
from . import keys, migrate
from .engine import make_engine, raw_connection, translate_errors

log = logging.getLogger(__name__)


@dataclass
class Store:
    """An unlocked store. Use :meth:`session` for a unit of work; :meth:`close` to lock."""

    path: Path
    engine: Engine
    actor: str
    _sessions: sessionmaker[Session] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.set_actor(self.actor)

    def set_actor(self, actor: str) -> None:
        """Whom the audit log names for the sessions made from now on."""
        self.actor = actor
        self._sessions = sessionmaker(self.engine, expire_on_commit=False, info={"actor": actor})

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

    def raw_connection(self) -> contextlib.AbstractContextManager[Any]:
        return raw_connection(self.engine)

    def close(self) -> None:
        self.engine.dispose()


def create_store(
    path: Path | str, passphrase: str, *, actor: str = "", region_code: str | None = None
) -> Store:
    """Create a new, empty store at ``path`` (which must not exist yet)."""
    path = Path(path)
    if path.exists() and path.stat().st_size > 0:
        raise StoreError(Kind.STORE_EXISTS, path=str(path))
    problems = keys.passphrase_problems(passphrase, (path.stem, actor, region_code or ""))
    if problems:
        raise StoreError(Kind.WEAK_PASSPHRASE, problems=problems)
    if region_code is not None:
        # A store belongs to one village (a director's) or township (a supervisor's): its
        # home region scopes every child it holds.
        region = Region.parse(region_code)
        if region.level not in (Level.VILLAGE, Level.TOWNSHIP):
            raise ValidationError(Kind.REGION_INVALID, "region_code", value=region_code)
        region_code = region.code
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise StoreError(Kind.READ_ONLY, path=str(path.parent)) from err
    salt = keys.new_salt()
    engine = make_engine(path, keys.raw_key_pragma_value(keys.derive_key(passphrase, salt), salt))
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


def open_store(
    path: Path | str, passphrase: str, *, actor: str = "", upgrade: bool = True
) -> Store:
    """Unlock the store at ``path``; the schema is upgraded (after a backup) if it is older."""
    path = Path(path)
    check_file(path)
    return open_with_key(path, raw_key_for(path, passphrase), actor=actor, upgrade=upgrade)


def open_with_key(path: Path, key: str, *, actor: str = "", upgrade: bool = True) -> Store:
    """Unlock the store at ``path`` with its raw key (``x'<key><salt>'``), as the
    county's recovery does; otherwise as :func:`open_store`."""
    check_file(path)
    engine = make_engine(path, key)
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
