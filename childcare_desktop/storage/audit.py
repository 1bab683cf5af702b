"""The append-only audit log: who opened, changed, printed or exported which child's file.

Each entry carries the SHA-256 of the previous one, so an entry edited or removed with
an outside tool breaks the chain, and :func:`verify` finds where. Details hold ids and
field names, never the personal data itself.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any, Protocol

from sqlalchemy import text

from ..core.chain import GENESIS, entry_hash

__all__ = ["GENESIS", "append_raw", "entry_hash", "verify"]


class Executor(Protocol):
    def execute(self, statement: Any, parameters: Any = ..., /) -> Any: ...


def append_raw(
    db: Executor,
    *,
    actor: str,
    action: str,
    child_id: str | None = None,
    detail: dict[str, Any] | None = None,
) -> str:
    """Append one entry through a Session or Connection; returns its hash."""
    prev, hlc = db.execute(
        text(
            "SELECT (SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), "
            "(SELECT hlc FROM sync_site WHERE id = 1)"
        )
    ).one()
    hlc = hlc or 0
    at = datetime.now().astimezone().isoformat(timespec="seconds")
    detail_json = json.dumps(detail or {}, ensure_ascii=False, sort_keys=True)
    prev = prev or GENESIS
    digest = entry_hash(prev, at, hlc, actor, action, child_id, detail_json)
    db.execute(
        text(
            "INSERT INTO audit_log (at, hlc, actor, action, child_id, detail, prev_hash, hash) "
            "VALUES (:at, :hlc, :actor, :action, :child_id, :detail, :prev, :hash)"
        ),
        {
            "at": at,
            "hlc": hlc,
            "actor": actor,
            "action": action,
            "child_id": child_id,
            "detail": detail_json,
            "prev": prev,
            "hash": digest,
        },
    )
    return digest


def verify(db: Executor) -> int | None:
    """The id of the first entry whose chain is broken, or None if the log is intact."""
    prev = GENESIS
    rows = db.execute(
        text(
            "SELECT id, at, hlc, actor, action, child_id, detail, prev_hash, hash "
            "FROM audit_log ORDER BY id"
        )
    )
    for row in rows:
        expected = entry_hash(
            prev, row.at, row.hlc, row.actor, row.action, row.child_id, row.detail
        )
        if row.prev_hash != prev or row.hash != expected:
            return int(row.id)
        prev = row.hash
    return None
