"""The store's key sealed to the county's recovery key, in a file beside the store.

``<store>.recovery`` holds the store's raw SQLCipher key and salt, sealed to the
county's public key (:mod:`sync.recovery`): whoever holds the file without the county's
private key learns nothing (it names no child and no user). It is written at creation
when a county key is known, when the county key arrives or changes (enrollment, hello)
and after every change of passphrase (the raw key changes); the keys it held before are
kept after the new one, so that backups made under an older passphrase can be opened too.
"""

from __future__ import annotations

import logging
from pathlib import Path

from sync.recovery import CountyKey, RecoveryError, seal, sealed_to, write_atomically

from ..core.errors import Kind, StoreError
from . import audit, settings
from .audit import Executor
from .store import Store

log = logging.getLogger(__name__)

SUFFIX = ".recovery"

# What a RecoveryError's code means for a store (the UI words the kinds).
KINDS = {
    "bad_file": Kind.RECOVERY_FILE_INVALID,
    "wrong_passphrase": Kind.RECOVERY_WRONG_PASSPHRASE,
    "wrong_key": Kind.RECOVERY_WRONG_KEY,
    "other_store": Kind.RECOVERY_OTHER_STORE,
    "weak_passphrase": Kind.WEAK_PASSPHRASE,
}


def recovery_path(path: Path) -> Path:
    """Where the recovery file of the store at ``path`` lives."""
    return path.with_name(path.name + SUFFIX)


def county_key(db: Executor) -> CountyKey | None:
    """The county key this store is sealed to, or None if it knows none."""
    found = settings.read(db, settings.RECOVERY_KEY)
    return None if found is None else CountyKey.parse(found)


def take_county_key(store: Store, county: CountyKey) -> bool:
    """Keep ``county`` as the store's recovery key and seal the store's key to it when it
    is new (or the recovery file is missing or sealed to another); whether it sealed."""
    with store.connection() as conn:
        known = county_key(conn)
        if known != county:
            settings.write(conn, settings.RECOVERY_KEY, county.as_dict())
            audit.append_raw(
                conn,
                actor=store.actor,
                action="recovery_key_set",
                detail={"county_key": county.fingerprint},
            )
    if known == county and _sealed_to(store.path) == county.fingerprint:
        return False
    return seal_store(store)


def seal_store(store: Store) -> bool:
    """(Re)write the recovery file with the store's current key, sealed to its county
    key; False (nothing written) when the store knows no county key."""
    with store.connection() as conn:
        county = county_key(conn)
    if county is None:
        return False
    key, salt = raw_key_of(store)
    target = recovery_path(store.path)
    previous = _read(target)
    try:
        write_atomically(target, seal(county, key, salt, previous=previous))
    except OSError as err:
        raise StoreError(Kind.READ_ONLY, path=str(target.parent)) from err
    log.info("store key sealed to county key %s", county.fingerprint)
    return True


def raw_key_of(store: Store) -> tuple[bytes, bytes]:
    """The open store's raw key and salt (from the ``x'<key><salt>'`` it was opened with)."""
    value = str(store.engine.url.password)
    data = bytes.fromhex(value[2:-1])
    return data[:32], data[32:48]


def read_recovery_file(path: Path) -> str:
    """The recovery file's text; RECOVERY_NOT_SEALED if there is none."""
    text = _read(path)
    if text is None:
        raise StoreError(Kind.RECOVERY_NOT_SEALED, path=str(path))
    return text


def store_error(err: RecoveryError, **params: str) -> StoreError:
    """The error kind of a recovery failure."""
    kind = KINDS.get(err.code, Kind.RECOVERY_FILE_INVALID)
    return StoreError(kind, reason=err.message, sealed=err.sealed or "?", **params)


def _sealed_to(path: Path) -> str | None:
    text = _read(recovery_path(path))
    try:
        return None if text is None else sealed_to(text)
    except RecoveryError:
        return None


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
