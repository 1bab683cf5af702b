"""Sync bundles on a USB stick (issue 16): the file format both ends share.

A bundle is what a laptop that cannot reach the county server would have said to it over
HTTP (its hello, every operation not yet acknowledged, its next audit entries and what
it asks to pull); a reply bundle is the server's answers. Any machine that can reach the
server carries bundles there and replies back (``childcare relay``); it can read,
change or forge none of them:

- the JSON is compressed (xz), signed (Ed25519) by its author, the signer's public key
  beside the signature, and the whole sealed (libsodium's sealed box: X25519 +
  XSalsa20-Poly1305) to its reader: a bundle to the server's box key, a reply to the box
  key the laptop put in its bundle;
- the server knows a laptop by its device token inside the sealed bundle (as over HTTP)
  and by the signing key it pinned at the laptop's first bundle; a laptop knows its
  server by the keys it received at enrolment or in a hello, over TLS;
- on the stick a file is a magic line, one letter for its direction and random-looking
  bytes: no name, ID number or village can be read from it.

Layout: ``MAGIC`` + kind (``B`` to the server, ``R`` to a laptop) + sealed(signature (64)
+ signer's verify key (32) + the header's length (4, big-endian) + the header (JSON: who
and which bundle, a few hundred bytes) + xz(the body's JSON)); the signature covers all
after it and the kind. The header is read first: the server knows the laptop (its token,
its pinned key) before it inflates a byte of the body, and then inflates only so much.
"""

from __future__ import annotations

import base64
import json
import lzma
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from nacl import exceptions as nacl_errors
from nacl.public import PrivateKey, PublicKey, SealedBox
from nacl.signing import SigningKey, VerifyKey

MAGIC = b"CHILDCARE-SYNC-1\n"
SIGNATURE_BYTES = 64
KEY_BYTES = 32
LENGTH_BYTES = 4
MAX_HEADER_BYTES = 16 * 1024
# A bundle of a year of a village's work is a few MB; these bound what a hostile file
# can make the reader do (the sealed bytes before opening, the JSON once inflated).
MAX_BUNDLE_BYTES = 64 * 1024 * 1024
MAX_INFLATED_BYTES = 256 * 1024 * 1024
FORMAT = 2


class Direction(StrEnum):
    TO_SERVER = "B"
    TO_LAPTOP = "R"


class BundleError(Exception):
    """A file that is no bundle of ours, cut short, altered, or not for this reader.
    ``code`` says which (the front end words it)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True, slots=True)
class Keys:
    """One end's key pairs: ``box`` opens what is sealed to it, ``sign`` signs what it
    writes. Kept as 32-byte seeds (base64 in the stores)."""

    box: PrivateKey
    sign: SigningKey

    @classmethod
    def new(cls) -> Keys:
        return cls(PrivateKey.generate(), SigningKey.generate())

    @classmethod
    def load(cls, saved: dict[str, str]) -> Keys:
        return cls(PrivateKey(_b64(saved["box"])), SigningKey(_b64(saved["sign"])))

    def dump(self) -> dict[str, str]:
        return {"box": _text(bytes(self.box)), "sign": _text(bytes(self.sign))}

    def public(self) -> dict[str, str]:
        """What the other end needs: where to seal to, and the key that signs."""
        return {
            "box": _text(bytes(self.box.public_key)),
            "sign": _text(bytes(self.sign.verify_key)),
        }


def seal(
    direction: Direction,
    header: dict[str, Any],
    body: dict[str, Any],
    signer: SigningKey,
    to_box: str,
) -> bytes:
    """A bundle file's bytes: ``header`` and ``body`` signed and sealed to ``to_box``."""
    head = _dumps({**header, "format": FORMAT})
    if len(head) > MAX_HEADER_BYTES:
        raise BundleError("too_large", "a bundle's header is larger than any")
    packed = lzma.compress(_dumps(body))
    kind = direction.value.encode()
    key = bytes(signer.verify_key)
    signed = key + len(head).to_bytes(LENGTH_BYTES, "big") + head + packed
    signature = signer.sign(kind + signed).signature
    return MAGIC + kind + SealedBox(PublicKey(_b64(to_box))).encrypt(signature + signed)


@dataclass(frozen=True, slots=True)
class Opened:
    header: dict[str, Any]
    signer: str  # the signer's verify key, base64 (who that must be is the reader's to check)
    packed: bytes

    def body(self, limit: int = MAX_INFLATED_BYTES) -> dict[str, Any]:
        """The body, inflated to at most ``limit`` bytes of JSON (else refused)."""
        return _inflate(self.packed, limit)


def open_sealed(data: bytes, direction: Direction, reader: PrivateKey) -> Opened:
    """A bundle file for ``reader``, opened and its signature checked; the body stays
    compressed until asked for (:meth:`Opened.body`)."""
    if len(data) > MAX_BUNDLE_BYTES + len(MAGIC) + 1:
        raise BundleError("too_large", "the file is larger than any bundle")
    if not data.startswith(MAGIC) or len(data) <= len(MAGIC):
        raise BundleError("not_bundle", "this file is not a sync bundle")
    kind = data[len(MAGIC) : len(MAGIC) + 1]
    if kind != direction.value.encode():
        raise BundleError("wrong_direction", "this bundle goes the other way")
    try:
        plain = SealedBox(reader).decrypt(data[len(MAGIC) + 1 :])
    except nacl_errors.CryptoError as exc:
        raise BundleError("not_for_us", "the bundle is altered, cut short or not ours") from exc
    signature, signed = plain[:SIGNATURE_BYTES], plain[SIGNATURE_BYTES:]
    key = signed[:KEY_BYTES]
    try:
        VerifyKey(key).verify(kind + signed, signature)
    except (nacl_errors.BadSignatureError, nacl_errors.ValueError, nacl_errors.TypeError) as exc:
        raise BundleError("bad_signature", "the bundle's signature does not match") from exc
    at = KEY_BYTES + LENGTH_BYTES
    length = int.from_bytes(signed[KEY_BYTES:at], "big")
    if length > MAX_HEADER_BYTES or at + length > len(signed):
        raise BundleError("not_bundle", "the bundle's header cannot be read")
    header = _json(signed[at : at + length])
    if header.get("format") != FORMAT:
        raise BundleError("not_bundle", "a bundle of another version of the app")
    return Opened(header, _text(key), signed[at + length :])


def _dumps(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()


def _json(raw: bytes) -> dict[str, Any]:
    try:
        value = json.loads(raw)
    except ValueError as exc:
        raise BundleError("not_bundle", "the bundle's contents cannot be read") from exc
    if not isinstance(value, dict):
        raise BundleError("not_bundle", "the bundle's contents cannot be read")
    return value


def _inflate(packed: bytes, limit: int) -> dict[str, Any]:
    unpack = lzma.LZMADecompressor(format=lzma.FORMAT_XZ)
    try:
        raw = unpack.decompress(packed, max_length=limit)
    except lzma.LZMAError as exc:
        raise BundleError("not_bundle", "the bundle's contents cannot be read") from exc
    if not unpack.eof or unpack.unused_data:
        raise BundleError("too_large", "the bundle's contents are cut or too large")
    return _json(raw)


def _b64(text: str) -> bytes:
    try:
        raw = base64.b64decode(text.encode("ascii"), validate=True)
    except (ValueError, UnicodeEncodeError) as exc:
        raise BundleError("bad_key", "a key is not readable") from exc
    if len(raw) != KEY_BYTES:
        raise BundleError("bad_key", "a key has the wrong length")
    return raw


def _text(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def verify_key(text: str) -> VerifyKey:
    return VerifyKey(_b64(text))
