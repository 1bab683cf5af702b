"""A group's field the server kept in place of a laptop's value: the answer carries the
whole group as the server holds it.

A laptop shows a kept value as soon as its push is answered (``storage.syncstore``).
For a field of a group (an agreement's state and its dates) the value alone would make
the record invalid there: the state kept is ``ended``, the end date the laptop never
had comes only with the pull, and a pull cut on a rural link leaves an agreement ended
with no end date until the next sync. Nor may the laptop hold the kept value back: the
fields that did not change would never come again, and its own signing date would stay.
So the answer's fifth element (``{"group": {field: [value, version]}}``, the shape of
``merging.shown``) gives every field of the group as it stands once the batch is
written, and the laptop applies them with the acknowledgement, in one transaction. A
laptop of an earlier version ignores it (it reads a fifth element only for an edit set
aside with a merge). A retry reads the group again: the values current then.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Connection

from childcare_desktop.core.entities import entity

from ...protocol import Status
from .. import schema as s


def group_of(conn: Connection, table: str, row_id: str, field: str | None) -> list[Any]:
    """What a kept field of a group appends to its result: ``[{"group": {name: [value,
    version]}}]`` for the group's fields the server holds; nothing for other fields."""
    e = entity(table)
    group = e.group_of(field) if e is not None and field is not None else None
    if group is None:
        return []
    f = s.field.c
    rows = conn.execute(
        select(f.field, f.value, f.version).where(
            f.tbl == table, f.row_id == row_id, f.field.in_(group.fields)
        )
    )
    return [{"group": {r.field: [json.loads(r.value), int(r.version)] for r in rows}}]


def kept(conn: Connection, table: str, row_id: str, field: str | None, result: list[Any]) -> None:
    """Append the group to ``result`` when it says the server kept a group's field."""
    if len(result) == 4 and result[1] == Status.KEPT.value:
        result += group_of(conn, table, row_id, field)
