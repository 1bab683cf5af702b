"""How the console reads the records the server holds (issue 17): the fields of every
record of a scope in one query, as plain values (``row_state``/``field_state``), for the
dashboard (:mod:`.oversight`), the visits (:mod:`.visit_dates`) and the reports
(:mod:`.reports`)."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from sqlalchemy import and_, func, select
from sqlalchemy.engine import Connection

from . import schema as s

# table -> the fields read of it (every other field stays on the server)
FIELDS: dict[str, tuple[str, ...]] = {
    "child": (
        "name",
        "birth_date",
        "registered_on",
        "school_stage",
        "hukou_registered",
        "health",
        "deleted",
    ),
    "assessment": ("child_id", "assessed_on", "level", "colour", "deleted"),
    "visit": ("child_id", "visited_on", "mode", "deleted"),
    "visit_amendment": ("visit_id", "field", "value", "amended_on", "deleted"),
    "category_membership": ("child_id", "category", "recognized_on", "ended_on", "deleted"),
    "care_agreement": ("child_id", "state", "start_date", "end_date", "deleted"),
    "enrollment_event": ("child_id", "kind", "on_date", "deleted"),
    "incident": ("child_id", "deleted"),
    "incident_followup": ("incident_id", "stage", "on_date", "deleted"),
}
Records = dict[str, dict[str, dict[str, Any]]]  # table -> row id -> field -> value
FILED = frozenset({"child", "clue"})  # the tables whose records' villages are told


def load(
    conn: Connection, scope: str, fields: dict[str, tuple[str, ...]] = FIELDS
) -> tuple[Records, dict[str, str]]:
    """The ``fields`` (table -> names; :data:`FIELDS` by default) of every record filed
    under ``scope`` (a region prefix), and the village of each child and clue read
    (row id -> region)."""
    r, f = s.row.c, s.field.c
    wanted = {n for names in fields.values() for n in names}
    query = (
        select(f.tbl, f.row_id, f.field, f.value, r.region)
        .join(s.row, and_(r.tbl == f.tbl, r.row_id == f.row_id))
        .where(r.tbl.in_(list(fields)), f.field.in_(sorted(wanted)))
    )
    # A village's by its index; a wider scope's in one scan (a LIKE would not use it).
    if len(scope) == 12:
        query = query.where(r.region == scope)
    else:
        query = query.where(func.substr(r.region, 1, len(scope)) == scope)
    records: Records = {t: {} for t in fields}
    regions: dict[str, str] = {}
    for tbl, row_id, name, value, region in conn.execute(query):
        if name not in fields[tbl]:
            continue
        records[tbl].setdefault(row_id, {})[name] = json.loads(value)
        if tbl in FILED:
            regions[row_id] = region
    for table in records.values():
        for row_id in [k for k, v in table.items() if v.get("deleted")]:
            del table[row_id]
    return records, regions


def day(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def choice(kind: Any, value: Any) -> Any:
    try:
        return kind(value) if value is not None else None
    except ValueError:
        return None
