"""The suspected duplicates the county serves to a user who judges them, kept on the
laptop between syncs (``duplicate_case``: replaced whole at each sync)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from ..core.duplicates import Reason
from ..core.roles import Permission, Role

_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
_REGION = re.compile(r"^\d{6,12}$")


def wanted(conn: Any) -> bool:
    """Whether the enrolled user may merge duplicates (a supervisor, the county)."""
    code = conn.exec_driver_sql("SELECT role FROM sync_state WHERE id = 1").scalar()
    role = Role.parse(code) if code else None
    return role is not None and role.may(Permission.MERGE_DUPLICATES)


def replace(conn: Any, cases: Sequence[Any]) -> int:
    """Keep ``cases`` (what the server sent; malformed ones are skipped) instead of those
    kept; returns how many are still to decide here (no decision made on this laptop)."""
    conn.exec_driver_sql("DELETE FROM duplicate_case")
    rows = [row for c in cases if (row := _row(c)) is not None]
    if rows:
        conn.exec_driver_sql(
            "INSERT OR IGNORE INTO duplicate_case (id, child_a, child_b, region_a, region_b, "
            "reason, opened_ms, decidable) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
    return int(
        conn.exec_driver_sql(
            "SELECT count(*) FROM duplicate_case c WHERE NOT EXISTS "
            "(SELECT 1 FROM duplicate_decision d WHERE d.case_id = c.id)"
        ).scalar_one()
    )


def _row(case: Any) -> tuple[Any, ...] | None:
    if not isinstance(case, dict):
        return None
    ids = [case.get(k) for k in ("id", "child_a", "child_b")]
    regions = [case.get("region_a"), case.get("region_b")]
    if not all(isinstance(v, str) and _ID.match(v) for v in ids):
        return None
    if not all(isinstance(v, str) and _REGION.match(v) for v in regions):
        return None
    if case.get("reason") not in {r.value for r in Reason}:
        return None
    opened = case.get("opened_ms")
    return (
        *ids,
        *regions,
        case["reason"],
        opened if isinstance(opened, int) else 0,
        bool(case.get("decidable")),
    )
