"""Opening, creating and backing up stores, for front ends that do not touch storage."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from sqlalchemy.orm import Session

from ..storage import keys, maintenance
from ..storage.store import Store, create_store, open_store
from .demo import DIRECTOR, build_demo_village

DEMO_PASSPHRASE = "demo-passphrase"  # the demo store holds only invented children

__all__ = [
    "DEMO_PASSPHRASE",
    "Store",
    "backup",
    "create",
    "open_demo",
    "passphrase_problems",
    "unlock",
]


def unlock(path: Path, passphrase: str, *, actor: str) -> Store:
    return open_store(path, passphrase, actor=actor)


def create(path: Path, passphrase: str, *, actor: str, region_code: str | None) -> Store:
    return create_store(path, passphrase, actor=actor, region_code=region_code)


def open_demo(path: Path, *, actor: str, children: int = 60) -> Store:
    """The demo store, built on first use (synthetic data, a published passphrase)."""
    if path.exists():
        return open_store(path, DEMO_PASSPHRASE, actor=actor)
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


def session_actor(session: Session) -> str:
    return str(session.info.get("actor") or "")
