"""The county's recovery key: a lost passphrase is not a lost store.

The county makes an X25519 key pair once, offline (``childcare-server recovery keygen``).
Its public key goes to the server (``recovery set-key``), which hands it to laptops at
enrollment and at every hello; the private key never leaves the county's safe, locked
under a passphrase of its own (argon2id, then a SecretBox). A laptop seals its store's
raw SQLCipher key and salt to the public key (an anonymous SealedBox) in a file beside
the store; only the private key opens that file, and with what it holds the county's
``childcare recovery open`` sets a new passphrase on the store.

Shared by the laptop (sealing) and the county's tools (keygen, opening), like
:mod:`sync.protocol`; it knows files and bytes, never a store or a database.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import nacl.exceptions
import nacl.pwhash
import nacl.secret
import nacl.utils
from nacl.public import PrivateKey, PublicKey, SealedBox

PUBLIC_KIND = "childcare-county-recovery-public-key"
PRIVATE_KIND = "childcare-county-recovery-private-key"
SEALED_KIND = "childcare-store-recovery"
VERSION = 1
KEY_BYTES = 32  # the store's raw SQLCipher key ...
SALT_BYTES = 16  # ... and its salt (the first 16 bytes of the store file)
# The private key is opened a few times a year on the county's offline machine: half a
# second and 256 MiB per guess of its passphrase is cheap there and dear for a thief.
OPSLIMIT = nacl.pwhash.argon2id.OPSLIMIT_MODERATE
MEMLIMIT = nacl.pwhash.argon2id.MEMLIMIT_MODERATE
KEPT_KEYS = 12  # a store's keys kept in its recovery file (one per change of passphrase)
MIN_COUNTY_PASSPHRASE = 12  # characters; two people hold it, so it can be long


class RecoveryError(Exception):
    """A known failure, by its code: ``bad_file`` (not a key or recovery file of ours),
    ``wrong_passphrase`` (of the private key), ``wrong_key`` (the store was sealed to
    another county key), ``other_store`` (the recovery file is of another store),
    ``weak_passphrase`` (a county passphrase too short)."""

    def __init__(self, code: str, message: str, sealed: str = "") -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.sealed = sealed  # wrong_key: the county keys the store is sealed to


def fingerprint(public: bytes) -> str:
    """A short name of a public key, read aloud over the phone: ``3f2a-91bc-07de-55aa``."""
    digest = hashlib.sha256(public).hexdigest()[:16]
    return "-".join(digest[i : i + 4] for i in range(0, 16, 4))


@dataclass(frozen=True, slots=True)
class CountyKey:
    """The county's public recovery key, as laptops keep it and the server serves it."""

    key: bytes

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.key)

    def as_dict(self) -> dict[str, str]:
        return {"fingerprint": self.fingerprint, "key": _b64(self.key)}

    def file_text(self) -> str:
        return _json({"kind": PUBLIC_KIND, "version": VERSION, **self.as_dict()})

    @classmethod
    def parse(cls, data: Any) -> CountyKey:
        """From the public key file's text or its dict (a hello's ``recovery``); the
        fingerprint, when given, must match the key."""
        if isinstance(data, str):
            data = _load(data)
        if not isinstance(data, dict):
            raise RecoveryError("bad_file", "not a county recovery public key")
        key = _unb64(data.get("key"), 32)
        if data.get("kind", PUBLIC_KIND) != PUBLIC_KIND:
            raise RecoveryError("bad_file", "not a county recovery public key")
        if "fingerprint" in data and data["fingerprint"] != fingerprint(key):
            raise RecoveryError("bad_file", "the key and its fingerprint differ")
        return cls(key)


def generate(passphrase: str) -> tuple[str, str]:
    """A new county key pair: (the private key file's text, locked with ``passphrase``;
    the public key file's text)."""
    if len(passphrase) < MIN_COUNTY_PASSPHRASE:
        raise RecoveryError(
            "weak_passphrase", f"the county passphrase needs {MIN_COUNTY_PASSPHRASE} characters"
        )
    private = PrivateKey.generate()
    public = CountyKey(bytes(private.public_key))
    salt = nacl.utils.random(nacl.pwhash.argon2id.SALTBYTES)
    box = nacl.secret.SecretBox(_stretch(passphrase, salt, OPSLIMIT, MEMLIMIT))
    locked = {
        "kind": PRIVATE_KIND,
        "version": VERSION,
        "fingerprint": public.fingerprint,
        "kdf": {"name": "argon2id", "ops": OPSLIMIT, "mem": MEMLIMIT, "salt": _b64(salt)},
        "box": _b64(box.encrypt(bytes(private))),
    }
    return _json(locked), public.file_text()


def private_fingerprint(text: str) -> str:
    """Which public key a private key file belongs to (no passphrase needed)."""
    data = _load(text)
    if not isinstance(data, dict) or data.get("kind") != PRIVATE_KIND:
        raise RecoveryError("bad_file", "not a county recovery private key")
    return str(data.get("fingerprint"))


def unlock_private(text: str, passphrase: str) -> PrivateKey:
    """The private key from its file; ``wrong_passphrase`` if the passphrase is not its."""
    data = _load(text)
    if not isinstance(data, dict) or data.get("kind") != PRIVATE_KIND:
        raise RecoveryError("bad_file", "not a county recovery private key")
    try:
        kdf = data["kdf"]
        ops, mem = int(kdf["ops"]), int(kdf["mem"])
        salt = _unb64(kdf["salt"], nacl.pwhash.argon2id.SALTBYTES)
        box = _unb64(data["box"], None)
    except (KeyError, TypeError, ValueError):
        raise RecoveryError("bad_file", "a damaged county recovery private key") from None
    try:
        secret = nacl.secret.SecretBox(_stretch(passphrase, salt, ops, mem)).decrypt(box)
    except nacl.exceptions.CryptoError:
        raise RecoveryError("wrong_passphrase", "wrong county passphrase") from None
    private = PrivateKey(secret)
    if fingerprint(bytes(private.public_key)) != data.get("fingerprint"):
        raise RecoveryError("bad_file", "a damaged county recovery private key")
    return private


def seal(
    county: CountyKey,
    raw_key: bytes,
    salt: bytes,
    *,
    previous: str | None = None,
    at: datetime | None = None,
) -> str:
    """The recovery file's text for a store: its raw key and salt sealed to ``county``,
    then the keys of ``previous`` (the file it replaces; damaged: dropped), newest first.
    The older keys still open backups made before a change of passphrase (a backup keeps
    the key it was written with). It names no one, only the county keys it is sealed to."""
    if len(raw_key) != KEY_BYTES or len(salt) != SALT_BYTES:
        raise ValueError("a store key is 32 bytes and its salt 16")
    sealed = SealedBox(PublicKey(county.key)).encrypt(raw_key + salt)
    when = (at or datetime.now(UTC)).astimezone(UTC).isoformat(timespec="seconds")
    entry = {"county_key": county.fingerprint, "sealed": _b64(sealed), "at": when}
    older: list[dict[str, Any]] = []
    if previous is not None:
        try:
            older = _entries(previous)
        except RecoveryError:
            older = []
    entries = [entry, *older][:KEPT_KEYS]
    return _json({"kind": SEALED_KIND, "version": VERSION, "keys": entries})


def sealed_to(text: str) -> str:
    """The fingerprint of the county key the newest key of a recovery file is sealed to."""
    return str(_entries(text)[0]["county_key"])


def unseal(text: str, private: PrivateKey, salt: bytes) -> list[bytes]:
    """The store's raw keys (newest first) from its recovery file that ``private`` opens
    and that belong to the store of ``salt``: ``wrong_key`` if none is sealed to this
    county key, ``other_store`` if they are another store's."""
    mine = fingerprint(bytes(private.public_key))
    entries = _entries(text)
    ours = [e for e in entries if e["county_key"] == mine]
    if not ours:
        sealed = ", ".join(sorted({str(e["county_key"]) for e in entries}))
        raise RecoveryError("wrong_key", f"this store was sealed to county key {sealed}", sealed)
    found = []
    for entry in ours:
        try:
            plain = SealedBox(private).decrypt(_unb64(entry.get("sealed"), None))
        except nacl.exceptions.CryptoError:
            continue  # altered, or a fingerprint copied onto another key's box
        if len(plain) == KEY_BYTES + SALT_BYTES:
            found.append(plain)
    if not found:
        raise RecoveryError("wrong_key", "this county key does not open the store")
    keys = [p[:KEY_BYTES] for p in found if p[KEY_BYTES:] == salt]
    if not keys:
        raise RecoveryError("other_store", "this recovery file belongs to another store")
    return keys


def write_atomically(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file, synced, then renamed: a
    crash leaves the old file or the new one, never half of one."""
    partial = path.with_name(path.name + ".partial")
    with partial.open("w", encoding="utf-8") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(partial, path)


def _entries(text: str) -> list[dict[str, Any]]:
    data = _load(text)
    if not isinstance(data, dict) or data.get("kind") != SEALED_KIND:
        raise RecoveryError("bad_file", "not a store's recovery file")
    entries = data.get("keys")
    if (
        not isinstance(entries, list)
        or not entries
        or not all(isinstance(e, dict) and isinstance(e.get("county_key"), str) for e in entries)
    ):
        raise RecoveryError("bad_file", "a damaged recovery file")
    return entries


def _stretch(passphrase: str, salt: bytes, ops: int, mem: int) -> bytes:
    return bytes(
        nacl.pwhash.argon2id.kdf(
            nacl.secret.SecretBox.KEY_SIZE,
            passphrase.encode("utf-8"),
            salt,
            opslimit=ops,
            memlimit=mem,
        )
    )


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(value: Any, size: int | None) -> bytes:
    try:
        data = base64.b64decode(str(value), validate=True)
    except (binascii.Error, ValueError):
        raise RecoveryError("bad_file", "not base64") from None
    if size is not None and len(data) != size:
        raise RecoveryError("bad_file", "a key of the wrong size")
    return data


def _load(text: str) -> Any:
    try:
        return json.loads(text)
    except ValueError:
        raise RecoveryError("bad_file", "not a file of ours") from None


def _json(data: dict[str, Any]) -> str:
    return json.dumps(data, indent=1) + "\n"
