"""From a passphrase to the store's key, derived once per unlock.

SQLCipher 4 derives its key with PBKDF2-HMAC-SHA512 (256,000 iterations) over the
passphrase and the 16-byte salt at the start of the file. We run the same derivation
once in Python and hand SQLCipher the raw key, so that further connections (the GUI's
worker, a sync thread) open in microseconds instead of repeating the KDF; the file is a
standard SQLCipher 4 database that the plain passphrase opens in any SQLCipher tool.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from pathlib import Path

from ..core import passphrase as strength

KDF_ITERATIONS = 256_000
SALT_BYTES = 16
KEY_BYTES = 32
SQLITE_HEADER = b"SQLite format 3\x00"


def derive_key(passphrase: str, salt: bytes) -> bytes:
    return hashlib.pbkdf2_hmac(
        "sha512", passphrase.encode("utf-8"), salt, KDF_ITERATIONS, KEY_BYTES
    )


def raw_key_pragma_value(key: bytes, salt: bytes) -> str:
    """The ``x'<key><salt>'`` form SQLCipher takes for a raw key with an explicit salt."""
    return f"x'{key.hex()}{salt.hex()}'"


def new_salt() -> bytes:
    return os.urandom(SALT_BYTES)


def read_salt(path: Path) -> bytes:
    with path.open("rb") as fh:
        return fh.read(SALT_BYTES)


def passphrase_problems(passphrase: str, user_inputs: Iterable[str] = ()) -> list[str]:
    """Reasons a new passphrase is too weak to protect children's records (empty = fine):
    codes of :class:`core.passphrase.Weakness`, for the error's ``problems``."""
    return [w.value for w in strength.passphrase_problems(passphrase, user_inputs)]
