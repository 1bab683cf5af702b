"""Opening, creating and backing up stores, for front ends that do not touch storage."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..core.errors import Kind, StoreError
from ..core.roles import Role
from ..core.text import clean_name
from ..storage import keys, maintenance, settings
from ..storage.models import Child
from ..storage.store import Store, check_file, create_store, open_store, raw_key_for
from . import preferences

DEMO_PASSPHRASE = "demo-passphrase"  # the demo store holds only invented children

__all__ = [
    "DEMO_PASSPHRASE",
    "BackupCheck",
    "Store",
    "act_as_user",
    "backup",
    "change_passphrase",
    "check_backup",
    "check_passphrase_change",
    "create",
    "open_demo",
    "passphrase_problems",
    "restore",
    "unlock",
]


def unlock(path: Path, passphrase: str, *, actor: str) -> Store:
    return open_store(path, passphrase, actor=actor)


def create(
    path: Path,
    passphrase: str,
    *,
    actor: str,
    region_code: str | None,
    role: str | None = None,
    name: str = "",
    village: str = "",
    township: str = "",
    county: str = "",
) -> Store:
    """A new, empty store for a director's village (12-digit code) or a supervisor's
    township (9 digits). Without ``role`` the code's length says which. Everything is
    checked before the file is made: a wrong code leaves nothing behind."""
    parsed, code = preferences.check_role_region(
        role or preferences.role_for_region(region_code), region_code
    )
    names = {  # checked before the file is made, like the code
        settings.VILLAGE_NAME: village if parsed is Role.DIRECTOR else "",
        settings.TOWNSHIP_NAME: township,
        settings.COUNTY_NAME: county,
    }
    names = {s: clean_name(v, s.key, required=False) for s, v in names.items()}
    store = create_store(path, passphrase, actor=actor, region_code=code)
    with store.session() as session:
        if name:
            preferences.set_work_settings(
                session,
                name=name,
                role=parsed,
                region_code=code,
                village=village,
                township=township,
                county=county,
            )
        else:  # who works it is asked later (设置); its role and places' names are known now
            settings.write(session, settings.ROLE, parsed.value)
            for setting, value in names.items():
                settings.write(session, setting, value)
    if name:
        store.set_actor(name)
    return store


def open_demo(path: Path, *, actor: str, children: int = 60) -> Store:
    """The demo store, built on first use (synthetic data, a published passphrase)."""
    if path.exists():
        return open_store(path, DEMO_PASSPHRASE, actor=actor)
    from .demo import DIRECTOR, build_demo_village  # only to build it: not at every start

    store = create_store(path, DEMO_PASSPHRASE, actor=DIRECTOR)  # the invented director
    with store.session() as session:
        build_demo_village(session, children=children)
    store.set_actor(actor)
    return store


def backup(store: Store, target: Path) -> Path:
    return maintenance.backup_store(store, target)


def passphrase_problems(passphrase: str, user_inputs: Iterable[str] = ()) -> list[str]:
    """Why a new passphrase is too weak (codes; empty = fine). ``user_inputs`` are words
    a guesser would try first: the store's name, the user's name, the village."""
    return keys.passphrase_problems(passphrase, user_inputs)


def set_actor(store: Store, actor: str) -> None:
    """Whom the audit log names for what this store does from now on."""
    store.set_actor(actor)


def act_as_user(store: Store) -> str:
    """Name the store's user (设置's name) in the audit log and on prints, when set;
    returns whom the store now names."""
    with store.session() as session:
        name = preferences.work_settings(session).director
    if name:
        store.set_actor(name)
    return store.actor


def session_actor(session: Session) -> str:
    return str(session.info.get("actor") or "")


def check_passphrase_change(store: Store, old: str, new: str) -> None:
    """Raise WRONG_PASSPHRASE unless ``old`` opens ``store``, WEAK_PASSPHRASE if ``new``
    is easy to guess; nothing is changed."""
    if raw_key_for(store.path, old) != str(store.engine.url.password):
        raise StoreError(Kind.WRONG_PASSPHRASE, path=store.path.name)
    if problems := keys.passphrase_problems(new, (store.path.stem, store.actor)):
        raise StoreError(Kind.WEAK_PASSPHRASE, problems=problems)


def change_passphrase(store: Store, old: str, new: str) -> Store:
    """Re-encrypt ``store`` under ``new`` once ``old`` is shown to open it; returns the
    store reopened. Backups made before keep opening with ``old``."""
    check_passphrase_change(store, old, new)
    return maintenance.change_passphrase(store, new)


@dataclass(frozen=True, slots=True)
class BackupCheck:
    children: int  # how many children's files the backup holds
    problems: tuple[str, ...] = ()


def check_backup(source: Path, passphrase: str) -> BackupCheck:
    """Open a copy of the backup ``source`` with ``passphrase`` and run the integrity
    check on it; the backup file itself is never written (opening may upgrade a copy).
    Raises WRONG_PASSPHRASE, NOT_A_STORE... as unlocking does; BACKUP_INVALID when the
    check finds problems."""
    with tempfile.TemporaryDirectory(prefix="childcare-restore-") as folder:
        copy = Path(folder) / "check.db"
        check_file(source)
        shutil.copyfile(source, copy)
        store = open_store(copy, passphrase)
        try:
            if not maintenance.check_store(store).ok:
                raise StoreError(Kind.BACKUP_INVALID, path=source.name)
            with store.session() as session:
                children = session.scalar(select(func.count()).where(Child.deleted.is_(False)))
        finally:
            store.close()
    return BackupCheck(children or 0)


def restore(
    source: Path, path: Path, passphrase: str, *, actor: str
) -> tuple[BackupCheck, Path | None]:
    """Check the backup ``source`` (:func:`check_backup`), then put it in place of the
    store at ``path`` (which must be closed); the replaced store is kept aside as
    ``<name>.before-restore-<time>``. Returns the check and where the old store went."""
    checked = check_backup(source, passphrase)
    restored, kept = maintenance.restore_store(source, path, passphrase, actor=actor)
    restored.close()
    return checked, kept
