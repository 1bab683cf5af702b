"""The audit log's hash chain: each entry carries the SHA-256 of the one before it.

The laptop writes the chain (``storage.audit``); the county server checks each entry it
receives against it and keeps each laptop's head, so a chain rewritten or cut short on
a laptop (even one whose ``check`` says it is intact, recomputed by whoever has the
passphrase) no longer meets the head the server already holds.
"""

from __future__ import annotations

import hashlib
import json

GENESIS = "0" * 64


def entry_hash(
    prev: str, at: str, hlc: int, actor: str, action: str, child_id: str | None, detail_json: str
) -> str:
    """The hash of one entry: its fields and the hash of the entry before it."""
    payload = json.dumps(
        [prev, at, hlc, actor, action, child_id, detail_json],
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()
