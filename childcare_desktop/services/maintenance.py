"""Looking after a store file: restore, a new passphrase, the integrity check, the demo store.

With stores.py (unlock, create, backup), this is all a front end needs of the store files:
the command line goes through these use cases as the GUI does, never through storage.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ..core.errors import Kind, ValidationError
from ..storage import maintenance, settings
from ..storage.maintenance import CheckReport
from ..storage.store import Store, open_store, sidecars
from .demo import DemoSummary, build_demo_village

__all__ = [
    "CheckReport",
    "DemoSummary",
    "build_demo_store",
    "change_passphrase",
    "check_store",
    "remove_demo_store",
    "restore_backup",
]


def restore_backup(source: Path, path: Path, passphrase: str, *, actor: str) -> Path | None:
    """Put the backup ``source`` in place of the store at ``path`` (left locked).

    Returns where the replaced store was kept, or None if there was none. The restored
    store becomes a new sync site (see storage.maintenance.restore_store).
    """
    store, kept = maintenance.restore_store(source, path, passphrase, actor=actor)
    store.close()
    return kept


def change_passphrase(store: Store, new_passphrase: str) -> Store:
    """Re-encrypt ``store`` under ``new_passphrase``; returns the store reopened with it."""
    return maintenance.change_passphrase(store, new_passphrase)


def check_store(store: Store) -> CheckReport:
    """Encryption, SQLite integrity, foreign keys, the outbox, capture triggers, audit chain."""
    return maintenance.check_store(store)


def remove_demo_store(path: Path, passphrase: str) -> None:
    """Delete a store that the demo made; any other store is refused (never a real one)."""
    store = open_store(path, passphrase, upgrade=False)
    try:
        with store.connection() as conn:
            is_demo = settings.read(conn, settings.DEMO)
    finally:
        store.close()
    if not is_demo:
        raise ValidationError(Kind.STORE_EXISTS, path=str(path))
    _delete_store_files(path)


def build_demo_store(store: Store, *, children: int, seed: int, as_of: date | None) -> DemoSummary:
    """Fill a new, empty ``store`` with the invented demo village (services.demo).

    A half-built demo is of no use: if building fails, the store is closed and its files
    are deleted before the error goes on.
    """
    try:
        with store.session() as session:
            return build_demo_village(session, children=children, seed=seed, as_of=as_of)
    except BaseException:
        store.close()
        _delete_store_files(store.path)
        raise


def _delete_store_files(path: Path) -> None:
    for leftover in (path, *sidecars(path)):
        leftover.unlink(missing_ok=True)
