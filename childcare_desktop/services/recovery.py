"""The county's recovery of a store whose passphrase is lost (see :mod:`sync.recovery`).

At the county's offline machine, ``childcare recovery open`` takes the store file (from
the laptop, or a copy), its recovery file, the county's private key and that key's
passphrase, and sets a new passphrase on the store, in its audit log. Whatever fails
(wrong county passphrase, a store sealed to another county key) fails before the store
is opened: the file is left as it was.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sync.recovery import CountyKey, RecoveryError, unlock_private, unseal

from ..core.errors import Kind, StoreError, ValidationError
from ..storage import audit, keys, maintenance, recovery
from ..storage.store import Store, check_file, open_with_key

__all__ = [
    "Recovered",
    "county_key_of",
    "open_for_county",
    "recoverable",
    "recovery_path",
    "take_county_key",
]


@dataclass(frozen=True, slots=True)
class Recovered:
    path: Path
    county_key: str  # the fingerprint of the county key that opened it
    resealed: bool  # the recovery file beside ``path`` now holds the new key


def recovery_path(path: Path) -> Path:
    """Where the recovery file of the store at ``path`` is (or would be)."""
    return recovery.recovery_path(path)


def recoverable(path: Path) -> bool:
    """Whether the county could open the store at ``path`` (its recovery file is there)."""
    return recovery.recovery_path(path).is_file()


def parse_county_key(text: str) -> CountyKey:
    """The county's public key from its file's text; RECOVERY_FILE_INVALID if it is not one."""
    try:
        return CountyKey.parse(text)
    except RecoveryError as err:
        raise recovery.store_error(err) from None


def take_county_key(store: Store, text: str) -> str:
    """Seal ``store``'s key to the county public key of the file text ``text`` (and keep
    it for later passphrase changes); returns its fingerprint."""
    county = parse_county_key(text)
    recovery.take_county_key(store, county)
    return county.fingerprint


def county_key_of(store: Store) -> str | None:
    """The fingerprint of the county key the store is sealed to, or None."""
    with store.connection() as conn:
        county = recovery.county_key(conn)
    return None if county is None else county.fingerprint


def open_for_county(
    path: Path,
    *,
    private_key: str,
    county_passphrase: str,
    new_passphrase: str,
    by: str,
    recovery_file: Path | None = None,
) -> Recovered:
    """Set ``new_passphrase`` on the store at ``path`` with the county's ``private_key``
    (its file's text) and its passphrase; ``by`` is who at the county does it (audit).

    The recovery file is the store's own unless ``recovery_file`` names another (a
    backup's store with the laptop's file). Every refusal leaves the store unchanged."""
    by = by.strip()
    if not by:
        raise ValidationError(Kind.REQUIRED, "user")
    check_file(path)
    if problems := keys.passphrase_problems(new_passphrase, (path.stem, by)):
        raise StoreError(Kind.WEAK_PASSPHRASE, problems=problems)
    sealed = recovery.read_recovery_file(recovery_file or recovery.recovery_path(path))
    try:
        private = unlock_private(private_key, county_passphrase)
        candidates = unseal(sealed, private, keys.read_salt(path))
    except RecoveryError as err:
        raise recovery.store_error(err) from None
    store = _open_with_any(path, candidates, by)
    fingerprint = CountyKey(bytes(private.public_key)).fingerprint
    store = maintenance.change_passphrase(store, new_passphrase)
    try:
        with store.connection() as conn:
            audit.append_raw(
                conn,
                actor=by,
                action="passphrase_recovered",
                detail={"county_key": fingerprint, "by": by},
            )
        resealed = recoverable(path)  # beside ``path``, a backup's too
    finally:
        store.close()
    return Recovered(path, fingerprint, resealed)


def _open_with_any(path: Path, candidates: list[bytes], by: str) -> Store:
    """The store opened with the first of its sealed keys that opens it (newest first)."""
    salt = keys.read_salt(path)
    for key in candidates:
        try:
            return open_with_key(
                path, keys.raw_key_pragma_value(key, salt), actor=by, upgrade=False
            )
        except StoreError as err:
            if err.kind is not Kind.WRONG_PASSPHRASE:
                raise
    raise StoreError(Kind.RECOVERY_STALE, path=str(path))
