"""The county's spot-check findings kept on the laptop (``spot_finding``).

Each hello's answer carries the open findings of this laptop's scope: they replace those
kept, except a finding marked fixed here (``fixed_ms``) whose mark the server has not yet
acknowledged: that one stays, and is sent with every hello until an answer lists it
among ``fixed``. A cut connection therefore never loses a mark (the server records the
first mark it receives and acknowledges every later one).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

_ID = re.compile(r"^[0-9a-f]{32}$")
_CHILD = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
SENT_MAX = 1000  # marks sent in one hello (the server takes as many)


def receive(conn: Any, findings: Sequence[Any], acknowledged: Sequence[Any]) -> int:
    """Keep what a hello's answer said: the open ``findings`` (malformed ones skipped)
    and the ids whose fixed mark the server now holds. Returns how many are open here."""
    acked = [(a,) for a in acknowledged if isinstance(a, str)]
    if acked:
        conn.exec_driver_sql(
            "DELETE FROM spot_finding WHERE id = ? AND fixed_ms IS NOT NULL", acked
        )
    rows = [row for f in findings if (row := _row(f)) is not None]
    if rows:
        conn.exec_driver_sql(
            "INSERT INTO spot_finding (id, child_id, item, label, note, drawn_on) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET child_id = "
            "excluded.child_id, item = excluded.item, label = excluded.label, "
            "note = excluded.note, drawn_on = excluded.drawn_on "
            # unchanged, no update: its trigger would log the child for the kept worklist
            "WHERE (child_id, item, label, note, drawn_on) IS NOT (excluded.child_id, "
            "excluded.item, excluded.label, excluded.note, excluded.drawn_on)",
            rows,
        )
    # Those the server no longer lists (fixed on another laptop, or withdrawn) go,
    # but a mark made here and not yet acknowledged stays to be sent.
    served = {r[0] for r in rows}
    kept = conn.exec_driver_sql("SELECT id FROM spot_finding WHERE fixed_ms IS NULL").scalars()
    gone = [(k,) for k in kept if k not in served]
    if gone:
        conn.exec_driver_sql("DELETE FROM spot_finding WHERE id = ?", gone)
    return int(
        conn.exec_driver_sql(
            "SELECT count(*) FROM spot_finding WHERE fixed_ms IS NULL"
        ).scalar_one()
    )


def marked(conn: Any) -> dict[str, int]:
    """The findings marked fixed here and not yet acknowledged (id -> when)."""
    rows = conn.exec_driver_sql(
        "SELECT id, fixed_ms FROM spot_finding WHERE fixed_ms IS NOT NULL "
        "ORDER BY fixed_ms, id LIMIT ?",
        (SENT_MAX,),
    ).all()
    return {r.id: int(r.fixed_ms) for r in rows}


def _row(finding: Any) -> tuple[str, str, str, str, str, str] | None:
    if not isinstance(finding, dict):
        return None
    ident, child, drawn = finding.get("id"), finding.get("child"), finding.get("drawn")
    if not (isinstance(ident, str) and _ID.match(ident)):
        return None
    if not (isinstance(child, str) and _CHILD.match(child)):
        return None
    if not (isinstance(drawn, str) and _DAY.match(drawn)):
        return None
    item, label, note = (str(finding.get(k) or "") for k in ("item", "label", "note"))
    return ident, child, item[:20], (label or item)[:20], note[:500], drawn
