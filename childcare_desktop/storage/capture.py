"""Change capture: SQLite triggers that write every change of a synced table to the outbox.

Because triggers run inside SQLite, every write path is captured - the ORM, raw SQL, a
migration, a repair script - in the same transaction as the write itself. Each captured
change advances the per-site counter ``sync_site.ctr`` by one (so counters have no gaps:
a rolled-back write rolls back its counter too) and the hybrid logical clock
``sync_site.hlc`` by ``max(hlc + 1, now_ms << 16)``, the formula of ``core.hlc.tick``.

Per table the generated triggers are:

* ``<t>__capture_ins``: an "insert" op carrying the whole row as a JSON object;
* ``<t>__capture_upd``: one "set" op per column whose value changed;
* ``<t>__no_delete``: hard deletes are refused (rows are tombstoned with ``deleted = 1``);
* ``<t>__fixed_id``: the primary key never changes;
* ``<t>__no_replace``: ``INSERT OR REPLACE`` of an existing row is refused;
* ``<t>__insert_only`` (visits, assessments, reports...): edits are refused.

All of them stand aside while ``sync_site.applying = 1`` (changes pulled from the server).

Migrations call :func:`install` with the column list of their own schema version, so
later model changes never alter what an old migration created; a test checks that the
triggers in a migrated store match the current models.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import JSON, Table

from ..core.entities import BY_TABLE, NOT_FIELDS
from .models.base import SYNC_META_COLUMNS

NOW_MS = "CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)"
NOT_APPLYING = "(SELECT applying FROM sync_site WHERE id = 1) = 0"
TICK = f"UPDATE sync_site SET ctr = ctr + 1, hlc = MAX(hlc + 1, {NOW_MS} * 65536) WHERE id = 1"
CURRENT_HLC = "(SELECT hlc FROM sync_site WHERE id = 1)"
OUTBOX_COLUMNS = "site_id, ctr, tbl, row_id, kind, field, value, region_code, hlc, device_ms"


@dataclass(frozen=True, slots=True)
class TableSpec:
    """What the triggers of one table need to know, frozen per schema version."""

    name: str
    columns: tuple[str, ...]  # captured columns, in order (not id, not the hlc stamps)
    json_columns: frozenset[str] = frozenset()
    insert_only: bool = False
    # From schema 0002 each "set" records the version of the field it was made over (the
    # base of the server's three-way merge), read from ``field_base``.
    with_base: bool = False
    # From schema 0004 an edit of a field of a group (an agreement's state and its dates)
    # is made over the whole group as last seen: its base is the group's latest version.
    groups: tuple[tuple[str, ...], ...] = ()


def spec_for(table: Table) -> TableSpec:
    """The spec of a model's table as the current code and the registry define it."""
    insert_only = BY_TABLE[table.name].insert_only
    columns = tuple(
        c.name for c in table.columns if c.name not in SYNC_META_COLUMNS and not c.info.get("local")
    )
    json_columns = frozenset(c.name for c in table.columns if isinstance(c.type, JSON))
    groups = tuple(g.fields for g in BY_TABLE[table.name].groups)
    return TableSpec(table.name, columns, json_columns & set(columns), insert_only, True, groups)


def trigger_names(table: str) -> tuple[str, ...]:
    suffixes = ("capture_ins", "capture_upd", "no_delete", "fixed_id", "no_replace", "insert_only")
    return tuple(f"{table}__{s}" for s in suffixes)


def trigger_sql(spec: TableSpec) -> list[str]:
    """CREATE TRIGGER statements for one table."""
    t = spec.name
    statements = [_insert_trigger(spec), _update_trigger(spec)]
    statements.append(
        f"CREATE TRIGGER {t}__no_delete BEFORE DELETE ON {t} WHEN {NOT_APPLYING} BEGIN "
        f"SELECT RAISE(ABORT, '{t}: rows are never deleted; set deleted = 1'); END"
    )
    statements.append(
        f"CREATE TRIGGER {t}__fixed_id BEFORE UPDATE OF id ON {t} "
        f"WHEN {NOT_APPLYING} AND OLD.id IS NOT NEW.id BEGIN "
        f"SELECT RAISE(ABORT, '{t}: the id of a row never changes'); END"
    )
    # INSERT OR REPLACE deletes the old row without firing delete triggers (unless
    # recursive triggers are on), which would slip past no_delete and insert_only.
    statements.append(
        f"CREATE TRIGGER {t}__no_replace BEFORE INSERT ON {t} "
        f"WHEN {NOT_APPLYING} AND EXISTS (SELECT 1 FROM {t} WHERE id = NEW.id) BEGIN "
        f"SELECT RAISE(ABORT, '{t}: a row with this id exists; rows are never replaced'); END"
    )
    if spec.insert_only:
        statements.append(
            f"CREATE TRIGGER {t}__insert_only BEFORE UPDATE ON {t} "
            f"WHEN {NOT_APPLYING} AND ({_any_changed(spec.columns)}) BEGIN "
            f"SELECT RAISE(ABORT, '{t}: insert-only; record a correction instead'); END"
        )
    return statements


def install(execute: Callable[[str], object], specs: Iterable[TableSpec]) -> None:
    """Create (or re-create) the triggers of each table through ``execute(sql)``."""
    for spec in specs:
        for name in trigger_names(spec.name):
            execute(f"DROP TRIGGER IF EXISTS {name}")
        for statement in trigger_sql(spec):
            execute(statement)


def _insert_trigger(spec: TableSpec) -> str:
    t = spec.name
    pairs = ", ".join(f"'{c}', {_json_value(c, spec, raw=True)}" for c in spec.columns)
    return (
        f"CREATE TRIGGER {t}__capture_ins AFTER INSERT ON {t} WHEN {NOT_APPLYING} BEGIN "
        f"{TICK}; "
        f"INSERT INTO outbox ({OUTBOX_COLUMNS}) SELECT site_id, ctr, '{t}', NEW.id, 'insert', "
        f"NULL, json_object({pairs}), NEW.region_code, hlc, {NOW_MS} FROM sync_site WHERE id = 1; "
        f"UPDATE {t} SET created_hlc = {CURRENT_HLC}, updated_hlc = {CURRENT_HLC} "
        f"WHERE id = NEW.id; END"
    )


def _update_trigger(spec: TableSpec) -> str:
    t = spec.name
    parts = [f"CREATE TRIGGER {t}__capture_upd AFTER UPDATE ON {t} WHEN {NOT_APPLYING} BEGIN"]
    for c in spec.columns:
        changed = f"OLD.{c} IS NOT NEW.{c}"
        parts.append(f"{TICK} AND {changed};")
        columns, base = OUTBOX_COLUMNS, ""
        if spec.with_base:
            group = next((g for g in spec.groups if c in g), (c,))
            columns, base = f"{OUTBOX_COLUMNS}, base", f", {_base(t, c, group)}"
        parts.append(
            f"INSERT INTO outbox ({columns}) SELECT site_id, ctr, '{t}', NEW.id, 'set', "
            f"'{c}', {_json_value(c, spec, raw=False)}, NEW.region_code, hlc, {NOW_MS}{base} "
            f"FROM sync_site WHERE id = 1 AND {changed};"
        )
    parts.append(
        f"UPDATE {t} SET updated_hlc = {CURRENT_HLC} "
        f"WHERE id = NEW.id AND ({_any_changed(spec.columns)}); END"
    )
    return " ".join(parts)


def capture_set(conn: Any, table: str, row_id: str, column: str, value_json: str) -> None:
    """Write one "set" of a field to the outbox as the update trigger would, for a value
    the field already shows (a conflict's choice the server no longer knows of, which
    goes to it as this laptop's edit instead). ``table`` and ``column`` come from the
    registry, never from input."""
    entity = BY_TABLE[table]
    assert column in entity and column not in NOT_FIELDS
    group = entity.group_of(column)
    names = ", ".join(f"'{g}'" for g in (group.fields if group else (column,)))
    conn.exec_driver_sql(TICK)
    conn.exec_driver_sql(
        f"INSERT INTO outbox ({OUTBOX_COLUMNS}, base) SELECT site_id, ctr, ?, ?, 'set', ?, ?, "
        f"(SELECT region_code FROM {table} WHERE id = ?), hlc, {NOW_MS}, "
        "(SELECT MAX(version) FROM field_base WHERE tbl = ? AND row_id = ? "
        f"AND field IN ({names})) FROM sync_site WHERE id = 1",
        (table, row_id, column, value_json, row_id, table, row_id),
    )


def _base(table: str, column: str, group: tuple[str, ...]) -> str:
    """The version this edit was made over. A delete is made over the whole row as last
    seen, so that deleting a record someone else has since edited becomes a conflict; an
    edit of a group's field over the whole group."""
    where = f"tbl = '{table}' AND row_id = NEW.id"
    if column == "deleted":
        return f"(SELECT MAX(version) FROM field_base WHERE {where})"
    if len(group) > 1:
        names = ", ".join(f"'{g}'" for g in group)
        return f"(SELECT MAX(version) FROM field_base WHERE {where} AND field IN ({names}))"
    return f"(SELECT version FROM field_base WHERE {where} AND field = '{column}')"


def _json_value(column: str, spec: TableSpec, *, raw: bool) -> str:
    """SQL for a column's value as JSON: inside json_object (raw) or as JSON text."""
    if column in spec.json_columns:
        return f"json(NEW.{column})" if raw else f"COALESCE(json(NEW.{column}), 'null')"
    return f"NEW.{column}" if raw else f"json_quote(NEW.{column})"


def _any_changed(columns: Sequence[str]) -> str:
    return " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in columns)
