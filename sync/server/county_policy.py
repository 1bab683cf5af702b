"""The county policy as the server holds it: the ``county_policy`` rows its county's
laptops synced up (``childcare policy --set`` on a county administrator's laptop), each
a version of overrides (``core.policy``) with the day it takes effect.

The server reads them (sync health's red line, the console's 县级政策 page); it does not
write them: a policy is authored on a laptop and reaches the others by sync.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from sqlalchemy import and_, select
from sqlalchemy.engine import Connection

from . import schema as s


def stored(conn: Connection, county: str) -> list[dict[str, Any]]:
    """Every version of the county's policy the server holds (deleted ones left out),
    newest in force first: each its fields (``body``, ``version``, ``effective_from``)."""
    r, f = s.row.c, s.field.c
    found = conn.execute(
        select(f.row_id, f.field, f.value)
        .join(s.row, and_(r.tbl == f.tbl, r.row_id == f.row_id))
        .where(r.tbl == "county_policy", r.region == county)
    ).all()
    policies: dict[str, dict[str, Any]] = {}
    for row_id, field, value in found:
        policies.setdefault(row_id, {"id": row_id})[field] = json.loads(value)
    live = [p for p in policies.values() if not p.get("deleted")]
    return sorted(live, key=_order, reverse=True)


def in_force(policies: list[dict[str, Any]], today: date) -> dict[str, Any] | None:
    """The version in force ``today`` among :func:`stored`'s (None: the defaults)."""
    started = [p for p in policies if str(p.get("effective_from") or "9999") <= today.isoformat()]
    return max(started, key=_order) if started else None


def _order(policy: dict[str, Any]) -> tuple[str, int]:
    version = policy.get("version")
    return str(policy.get("effective_from")), version if isinstance(version, int) else 0
