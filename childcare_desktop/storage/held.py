"""Pulled changes set aside: this laptop's checks of what the server sends, and the
``sync_held`` table where a change that fails them waits, with its reason.

A pulled value is cleaned as the laptop's forms clean what people type (names folded to
NFC, trimmed, inner spaces collapsed; other text trimmed) and checked against the
registry's rules (``core.checks``); a record must also find, in this store, every record
it refers to (the store enforces those links, so a missing one would fail the whole page).
"""

from __future__ import annotations

import dataclasses
import json
import time
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sync.protocol import Hold, Refusal

from ..core.checks import IDENTITY_FIELDS, check_identity, check_row, check_value
from ..core.entities import BY_TABLE, ENTITIES, NOT_FIELDS, REGION, Entity, Field, Type
from ..core.errors import Kind, ValidationError
from ..core.text import clean_name
from .applying import TABLES

_CHUNK = 500
# Per table, worked out once: the fields cleaned as text, the links to other records.
_TEXTS = {
    e.table: tuple(f for f in e.fields if f.type in (Type.TEXT, Type.NAME, Type.TEXTS))
    for e in ENTITIES
}
# The references a pulled record's checks follow: to a table, or ("*") to the table its
# ``ref_table`` field names (an attachment's owner).
LINKS = {e.table: tuple(f for f in e.refs if f.ref in TABLES or f.ref == "*") for e in ENTITIES}


class Refused(Exception):
    """A pulled change this laptop will not apply (yet): why, and the record it waits for."""

    def __init__(self, hold: Hold, waits_for: str | None = None) -> None:
        super().__init__(hold.encode())
        self.hold = hold
        self.waits_for = waits_for


def refused(err: ValidationError) -> Refused:
    if err.kind is Kind.UNKNOWN_FIELD:
        return Refused(Hold(Refusal.UNKNOWN_FIELD, err.field))
    return Refused(Hold(Refusal.INVALID, err.field, err.kind.value))


def cleaned(f: Field, value: Any) -> Any:
    """A pulled value as the laptop's forms would have stored it; raises ValidationError
    for what they refuse while cleaning (a name with markup, a control character)."""
    if isinstance(value, str) and f.type is Type.NAME:
        return clean_name(value, f.name, required=False) or None
    if isinstance(value, str) and f.type is Type.TEXT:
        return unicodedata.normalize("NFC", value).strip() or None
    if isinstance(value, list) and f.type is Type.TEXTS:
        items = (
            unicodedata.normalize("NFC", v).strip() if isinstance(v, str) else v for v in value
        )
        return [v for v in items if v != ""]
    return value


def clean_checked(table: str, name: str, value: Any) -> Any:
    """A value of one field as this store would keep it (cleaned); ValidationError when
    it breaks the field's rule (a value the server kept, or one chosen in a conflict)."""
    e = BY_TABLE.get(table)
    if e is None or name not in e:
        raise ValidationError(Kind.UNKNOWN_FIELD, name)
    value = cleaned(e[name], value)
    check_value(e[name], value)
    return value


def checked_row(e: Entity, row: Any, region: str, rows: Rows) -> dict[str, Any]:
    """A pulled record, cleaned and checked, ready to insert; raises :class:`Refused`."""
    if not isinstance(row, dict):
        raise Refused(Hold(Refusal.INVALID, None, Kind.INVALID_TYPE.value))
    out = dict(row)
    if out.setdefault(REGION, region) != region:
        raise Refused(Hold(Refusal.BAD_REGION, REGION))
    try:
        for f in _TEXTS[e.table]:
            if f.name in out:
                out[f.name] = cleaned(f, out[f.name])
        check_row(e, out)  # no today: the server checks dates against its own clock
    except ValidationError as err:
        raise refused(err) from None
    for f in LINKS[e.table]:
        _check_ref(f, out.get(f.name), rows, out)
    return out


def checked_value(
    e: Entity, name: str | None, value: Any, rows: Rows, current: Mapping[str, Any]
) -> Any:
    """A pulled value of one field, cleaned and checked (``current``: the record's
    identity fields as they stand); raises :class:`Refused`."""
    if name is not None and (name in NOT_FIELDS or (name in e and e[name].fixed)):
        raise Refused(Hold(Refusal.FIXED_FIELD, name))
    if name is None or name not in e:
        raise Refused(Hold(Refusal.UNKNOWN_FIELD, name))
    if e.insert_only:
        raise Refused(Hold(Refusal.INSERT_ONLY, name))
    f = e[name]
    try:
        value = cleaned(f, value)
        check_value(f, value)
        if name in IDENTITY_FIELDS:
            check_identity({**current, name: value})
    except ValidationError as err:
        raise refused(err) from None
    _check_ref(f, value, rows)
    return value


def _check_ref(f: Field, value: Any, rows: Rows, row: Mapping[str, Any] | None = None) -> None:
    """The record a reference points to is on this laptop (an owner named with its table
    only when the whole record is at hand: a set of the id alone is left to the server)."""
    table = f.ref
    if table == "*":
        table = row.get(str(f.ref_table)) if row is not None else None
    if value is None or table not in TABLES:
        if value is not None and row is not None and f.ref == "*":
            raise Refused(Hold(Refusal.MISSING_PARENT, f.name))  # no such table here
        return
    if not rows.has(str(table), value):
        raise Refused(Hold(Refusal.MISSING_PARENT, f.name), f"{table}/{value}")


class Rows:
    """Which records this store has: asked in bulk for a page, then kept up to date."""

    def __init__(self, conn: Any) -> None:
        self.conn = conn
        self.found: dict[str, set[str]] = defaultdict(set)
        self.asked: dict[str, set[str]] = defaultdict(set)

    def ask(self, wanted: Iterable[tuple[str, str]]) -> None:
        by_table: dict[str, set[str]] = defaultdict(set)
        for table, row_id in wanted:
            if table in TABLES and isinstance(row_id, str) and row_id not in self.asked[table]:
                by_table[table].add(row_id)
        for table, ids in by_table.items():
            self.asked[table] |= ids
            part = sorted(ids)
            for i in range(0, len(part), _CHUNK):
                chunk = part[i : i + _CHUNK]
                marks = ", ".join("?" for _ in chunk)
                self.found[table].update(
                    r[0]
                    for r in self.conn.exec_driver_sql(
                        f"SELECT id FROM {table} WHERE id IN ({marks})", tuple(chunk)
                    )
                )

    def has(self, table: str, row_id: str) -> bool:
        if row_id not in self.asked[table]:
            self.ask([(table, row_id)])
        return row_id in self.found[table]

    def add(self, table: str, row_id: str) -> None:
        self.asked[table].add(row_id)
        self.found[table].add(row_id)


@dataclass
class Held:
    """One pulled change set aside: a record (later sets of its fields folded in), a
    field's value, or a conflict record."""

    region: str
    table: str
    row_id: str
    kind: str  # insert | set | conflict
    field: str | None
    value: Any
    versions: dict[str, int] = dataclasses.field(default_factory=dict)
    reason: str = ""
    waits_for: str | None = None
    id: int | None = None

    @property
    def key(self) -> tuple[str, str, str, str | None]:
        return (self.table, self.row_id, self.kind, self.field)

    @property
    def version(self) -> int:
        return max(self.versions.values(), default=0)


class HeldChanges:
    """The ``sync_held`` table for one page: read once (it is small), written through."""

    def __init__(self, conn: Any) -> None:
        self.conn = conn
        self.by_key: dict[tuple[str, str, str, str | None], Held] = {}
        self.waiters: dict[str, set[tuple[str, str, str, str | None]]] = defaultdict(set)
        for r in conn.exec_driver_sql(
            "SELECT id, region_code, tbl, row_id, kind, field, value, versions, reason, "
            "waits_for FROM sync_held ORDER BY id"
        ):
            held = Held(
                r.region_code,
                r.tbl,
                r.row_id,
                r.kind,
                r.field,
                json.loads(r.value),
                json.loads(r.versions),
                r.reason,
                r.waits_for,
                r.id,
            )
            self._index(held)

    def get(self, table: str, row_id: str, kind: str, name: str | None = None) -> Held | None:
        return self.by_key.get((table, row_id, kind, name)) if self.by_key else None

    def waiting_on(self, table: str, row_id: str) -> list[Held]:
        keys = self.waiters.pop(f"{table}/{row_id}", set()) if self.waiters else set()
        return sorted((self.by_key[k] for k in keys if k in self.by_key), key=_order)

    def keep(self, held: Held, why: Refused) -> None:
        """Set a change aside (or keep it aside with its new reason)."""
        self._unindex(held)
        held.reason, held.waits_for = why.hold.encode(), why.waits_for
        value = json.dumps(held.value, ensure_ascii=False)
        versions = json.dumps(held.versions)
        if held.id is None:
            held.id = self.conn.exec_driver_sql(
                "INSERT INTO sync_held (region_code, tbl, row_id, kind, field, value, version, "
                "versions, reason, waits_for, received_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    held.region,
                    held.table,
                    held.row_id,
                    held.kind,
                    held.field,
                    value,
                    held.version,
                    versions,
                    held.reason,
                    held.waits_for,
                    int(time.time() * 1000),
                ),
            ).lastrowid
        else:
            self.conn.exec_driver_sql(
                "UPDATE sync_held SET value = ?, version = ?, versions = ?, reason = ?, "
                "waits_for = ? WHERE id = ?",
                (value, held.version, versions, held.reason, held.waits_for, held.id),
            )
        self._index(held)

    def drop(self, held: Held) -> None:
        """A held change was applied, or a later one of the same field replaces it."""
        self._unindex(held)
        if held.id is not None:
            self.conn.exec_driver_sql("DELETE FROM sync_held WHERE id = ?", (held.id,))
            held.id = None

    def _index(self, held: Held) -> None:
        self.by_key[held.key] = held
        if held.waits_for:
            self.waiters[held.waits_for].add(held.key)

    def _unindex(self, held: Held) -> None:
        if self.by_key.get(held.key) is held:
            del self.by_key[held.key]
        if held.waits_for:
            self.waiters.get(held.waits_for, set()).discard(held.key)


def _order(held: Held) -> int:
    return held.id or 0
