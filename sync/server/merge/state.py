"""What one push merges against, read in bulk at the start and written in bulk at the end.

Everything runs inside one write transaction of :class:`~sync.server.db.Database`; the
caller commits, and only then answers the laptop (an acknowledgement means "stored").
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any

from sqlalchemy.engine import Connection

from childcare_desktop.core.entities import Field, Type, entity
from childcare_desktop.core.row_rules import OWNER, RULES, rules_reading

from ...protocol import DELETED, Operation, OpKind
from .. import schema as s
from ..days import county_day
from ..db import Database

ROW_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
CHUNK = 500  # keys per statement on SQLite (its builds of old limit host parameters)
# Fields read with any edit of one of them: a row-level rule checks them together.
TOGETHER = {
    "id_number": ("id_type",),
    "id_type": ("id_number",),
    "owner_id": ("owner_table",),
    "owner_table": ("owner_id",),
}


@dataclass
class FieldState:
    value: str  # canonical JSON
    version: int
    site_id: str | None
    ctr: int | None
    new: bool = False
    dirty: bool = False


@dataclass
class Batch:
    """The server's state for the records one push (or one resolution) touches, and
    what it will write: change-log entries, new rows, fields, conflicts, what is held."""

    epoch_no: int
    now_ms: int
    heads: dict[str, int]  # village -> last seq (locked for this transaction)
    rows: dict[tuple[str, str], str]  # (tbl, row) -> region, for every row it refers to
    fields: dict[tuple[str, str, str], FieldState]
    conflicts: dict[tuple[str, str, str], dict[str, Any]]  # open conflicts by field
    conn: Connection | None = None
    log: list[dict[str, Any]] = field(default_factory=list)
    new_rows: list[dict[str, Any]] = field(default_factory=list)
    held: list[dict[str, Any]] = field(default_factory=list)  # quarantine rows to insert
    secrets: list[dict[str, Any]] = field(default_factory=list)  # confidential fields
    touched_conflicts: dict[str, dict[str, Any]] = field(default_factory=dict)
    new_conflicts: set[str] = field(default_factory=set)
    # A file a merge's decision later in this push drops -> the decision's id (a laptop
    # of an earlier version sent the exit before it: ``merging``).
    merging: dict[str, str] = field(default_factory=dict)
    # The last value this push sets each field to that is taken (``rules.settle``): a
    # rule across fields checks a change against the record as it will stand (a laptop's
    # edit of an ID number and the birth date arrives as two changes, the first checked
    # with the second's value).
    coming: dict[tuple[str, str, str], Any] = field(default_factory=dict)

    @cached_property
    def today(self) -> date:  # asked for each operation's checks: worked out once
        return county_day(self.now_ms)

    def next_seq(self, region: str) -> int:
        self.heads[region] += 1
        return self.heads[region]

    def current(self, table: str, row_id: str, name: str) -> Any:
        """A field's current value as the batch knows it (None when unknown)."""
        found = self.fields.get((table, row_id, name))
        return json.loads(found.value) if found is not None else None

    def as_it_will_stand(self, table: str, row_id: str, name: str) -> Any:
        """A field's value once this push is applied: the last it sets, else the current."""
        key = (table, row_id, name)
        return self.coming[key] if key in self.coming else self.current(table, row_id, name)

    def owner_fields(self, table: str, values: Any, region: str) -> dict[str, Any]:
        """The fields of the record an insert into ``region`` belongs to that its table's
        rules read; none of a record of another village (the reference's check holds the
        insert as it holds one naming no record: a rule must not tell a device a date, or
        that the record exists, outside its scope)."""
        keys = owner_keys(table, values)
        return {n: self.current(t, r, n) for t, r, n in keys if self.rows.get((t, r)) == region}


def ref_target(f: Field, values: dict[str, Any], table: str, row_id: str, b: Batch) -> Any:
    """The (table, row) a reference field points to, or None when it points nowhere.
    ``values`` are the record's values as sent (an insert) or being set."""
    target = values.get(f.name)
    if not isinstance(target, str) or not target:
        return None
    ref_table = f.ref
    if ref_table == "*":
        assert f.ref_table is not None
        ref_table = values.get(f.ref_table, b.current(table, row_id, f.ref_table))
    return (ref_table, target) if isinstance(ref_table, str) else None


def load(
    db: Database,
    conn: Connection,
    ops: Sequence[Operation],
    *,
    epoch_no: int,
    now_ms: int,
    also: Iterable[str] = (),
) -> Batch:
    """Lock the villages the batch writes to (and ``also`` these), then read the state
    it merges against."""
    b = Batch(epoch_no, now_ms, {}, {}, {}, {}, conn)
    b.coming = {
        (op.table, op.row_id, op.field or ""): op.value for op in ops if op.kind is OpKind.SET
    }
    extend(b, conn, ops)
    regions = {b.rows[(op.table, op.row_id)] for op in ops if (op.table, op.row_id) in b.rows}
    regions |= {op.region_code for op in ops if op.kind is OpKind.INSERT}
    regions |= set(also)
    regions |= _moved_to(conn, b.rows)
    b.heads = lock_villages(db, conn, {r for r in regions if _is_region(r)})
    return b


def _moved_to(conn: Connection, rows: Iterable[tuple[str, str]]) -> set[str]:
    """The villages the batch's records (and those they refer to) moved to: a late
    insert of the old village is filed under the new one (``late``), whose feed it
    takes a number of, so that village is locked with the others."""
    found = _fetch(conn, s.moved, ("tbl", "row_id"), sorted(rows), ("to_region",))
    return {r.to_region for r in found}


def extend(b: Batch, conn: Connection, ops: Sequence[Operation]) -> None:
    """Read what ``ops`` need that the batch has not read yet: the fields they set (and
    those checked with them), the tombstones, whole rows being deleted, the records they
    and the records they refer to, and the open conflicts of the rows they edit. What
    the batch already holds stays: it may be newer than the database."""
    # Only what could be on the server is looked up: a hostile name or id (too long for
    # the columns, or of no table) would break the statement for the whole batch.
    ops = [op for op in ops if known(op.table, op.row_id)]
    sets = [op for op in ops if op.kind is OpKind.SET and _known_field(op.table, op.field)]
    wanted = {(op.table, op.row_id, op.field or "") for op in sets}
    wanted |= {(op.table, op.row_id, DELETED) for op in sets}
    wanted |= {(op.table, op.row_id, other) for op in sets for other in _together(op)}
    inserts = [op for op in ops if op.kind is OpKind.INSERT]
    wanted |= {key for op in inserts for key in owner_keys(op.table, op.value)}
    columns = ("tbl", "row_id", "field", "value", "version", "site_id", "ctr")
    deleting = {(op.table, op.row_id) for op in sets if op.field == DELETED and op.value}
    # Rows read by position (thousands a batch: a column looked up by name costs more
    # than the rest of the loop).
    fields = b.fields
    for tbl, row_id, name, value, ver, site_id, ctr in itertools.chain(
        _fetch(conn, s.field, ("tbl", "row_id", "field"), wanted - fields.keys(), columns),
        _fetch(conn, s.field, ("tbl", "row_id"), deleting, columns),
    ):
        if (tbl, row_id, name) not in fields:
            fields[(tbl, row_id, name)] = FieldState(value, ver, site_id, ctr)
    keys = {(op.table, op.row_id) for op in ops} | _references(ops, b)
    for tbl, row_id, region in _fetch(
        conn, s.row, ("tbl", "row_id"), keys - b.rows.keys(), ("tbl", "row_id", "region")
    ):
        b.rows[(tbl, row_id)] = region
    set_rows = sorted({(op.table, op.row_id) for op in sets})
    for x in _fetch(conn, s.conflict, ("tbl", "row_id"), set_rows, ("body",), open_only=True):
        body = json.loads(x.body)
        b.conflicts.setdefault((body["tbl"], body["row"], body["field"]), body)


def _together(op: Operation) -> tuple[str, ...]:
    """The fields read with an edit of ``op.field``: a row rule's partners, its group."""
    e = entity(op.table)
    group = e.group_of(op.field) if e is not None and op.field else None
    rules = rules_reading(op.table, op.field or "")
    read = tuple(n for rule in rules for n in rule.reads if not n.startswith(OWNER))
    return TOGETHER.get(op.field or "", ()) + (group.fields if group is not None else ()) + read


def owner_keys(table: str, values: Any) -> set[tuple[str, str, str]]:
    """(table, row, field) of the fields of the record an insert of ``table`` with
    ``values`` belongs to that the table's rules read (``row_rules``: a step's problem's
    found date)."""
    e = entity(table)
    if e is None or e.owner is None or not isinstance(values, dict):
        return set()
    owner_table, parent = e[e.owner].ref, values.get(e.owner)
    names = {n for rule in RULES.get(table, ()) for n in rule.owner_fields}
    if owner_table in (None, "*") or not isinstance(parent, str):
        return set()
    assert owner_table is not None
    return {(owner_table, parent, n) for n in names} if known(owner_table, parent) else set()


def _references(ops: Sequence[Operation], b: Batch) -> set[tuple[str, str]]:
    """Every record the batch's rows point to (their owners and other references)."""
    found: set[tuple[str, str]] = set()
    for op in ops:
        e = entity(op.table)
        if e is None:
            continue
        if op.kind is OpKind.INSERT and isinstance(op.value, dict):
            values: dict[str, Any] = op.value
        elif op.field is not None and op.field in e and e[op.field].type is Type.REF:
            values = {op.field: op.value}
        else:
            continue
        for f in e.refs:
            target = ref_target(f, values, op.table, op.row_id, b)
            if target is not None and known(*target):
                found.add(target)
    return found


def known(table: str, row_id: str) -> bool:
    """Whether (table, row) could name a record: a synced table and a well-formed id."""
    return entity(table) is not None and ROW_ID.match(row_id) is not None


def _known_field(table: str, name: str | None) -> bool:
    e = entity(table)
    return e is not None and name is not None and name in e


def _is_region(code: str) -> bool:
    return code.isascii() and code.isdigit() and len(code) in (6, 9, 12)


def lock_villages(db: Database, conn: Connection, regions: Iterable[str]) -> dict[str, int]:
    heads: dict[str, int] = {}
    v = s.village.c
    for region in sorted(regions):  # one order everywhere: no deadlocks between pushes
        found = conn.execute(db.lock(s.village, v.region == region)).first()
        if found is None:
            conn.execute(s.village.insert().values(region=region, seq=0))
            found = conn.execute(db.lock(s.village, v.region == region)).first()
        assert found is not None
        heads[region] = found.seq
    return heads


def _fetch(
    conn: Connection,
    table: Any,
    keys: Sequence[str],
    values: Iterable[tuple[str, ...]],
    columns: Sequence[str],
    *,
    open_only: bool = False,
) -> Iterable[Any]:
    """The rows of ``table`` whose ``keys`` columns match one of ``values`` (text tuples).

    The table is joined to the keys, so that each key is looked up by its index: a
    row-value ``IN`` list is planned as a scan of the whole table on SQLite, and on
    PostgreSQL it is sent and planned slowly when it holds thousands. On PostgreSQL the
    keys are one JSON parameter (arrays: psycopg quotes array elements one by one), on
    SQLite a ``VALUES`` list per chunk."""
    values = sorted(set(values))
    if not values:
        return
    picked = ", ".join(f't."{c}"' for c in columns)
    state = " AND t.state = 'open'" if open_only else ""
    if conn.dialect.name == "postgresql":
        on = " AND ".join(f't."{k}" = u.k->>{i}' for i, k in enumerate(keys))
        yield from conn.exec_driver_sql(
            f"SELECT {picked} FROM json_array_elements(%s::json) u(k) "
            f"JOIN {table.name} t ON {on}{state}",
            (json.dumps(values),),
        ).all()
        return
    on = " AND ".join(f't."{k}" = u.column{i}' for i, k in enumerate(keys, 1))
    row = f"({', '.join('?' for _ in keys)})"
    for part in chunks(values):
        yield from conn.exec_driver_sql(
            f"SELECT {picked} FROM (VALUES {', '.join(row for _ in part)}) u "
            f"JOIN {table.name} t ON {on}{state}",
            tuple(itertools.chain.from_iterable(part)),
        ).all()


def chunks(items: Sequence[Any]) -> Iterable[Sequence[Any]]:
    items = list(items)
    for i in range(0, len(items), CHUNK):
        yield items[i : i + CHUNK]
