"""Applying one pulled page: every change checked first, what fails set aside, the rest
applied, in one local transaction.

A bad change never stops a sync nor hides other records: it goes to ``sync_held`` with
its reason (see :mod:`.held`). A later pulled set of a held field updates the held
change and checks it again; a held change that has become valid is applied then, its
versions becoming the fields' bases; a change that waits for a record is applied right
after that record. A field with an edit of this laptop's own still waiting to be sent is
never overwritten: only its base moves, and the server merges when the edit arrives.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Iterator, Sequence
from typing import Any

from sync.client.store import Entry
from sync.protocol import FLAG_FUTURE, EntryKind, Hold, Refusal

from ..core.entities import BY_TABLE, ENTITIES, NOT_FIELDS, Entity
from ..core.errors import Kind
from .applying import (
    TABLES,
    applying,
    insert_rows,
    pending_fields,
    set_rows,
    store_conflict,
)
from .held import (
    IDENTITY_FIELDS,
    LINKS,
    Held,
    HeldChanges,
    Refused,
    Rows,
    checked_row,
    checked_value,
)
from .leaving import destination, file_rows, follow, leave, moved_in
from .moves import Moves, filed_under, number_of, restart

INSERT, SET, CONFLICT = "insert", "set", "conflict"
_CONFLICT_KEYS = ("id", "region", "tbl", "row", "field", "state")


def apply_entries(
    conn: Any, region: str, entries: Sequence[Entry]
) -> list[tuple[str, str, str, int]]:
    """Apply a village's pulled changes; returns the fields' new bases, for the caller to
    write with the village's cursor in the same transaction."""
    return _Page(conn, region).apply(entries)


class _Page:
    def __init__(self, conn: Any, region: str) -> None:
        self.conn = conn
        self.region = region
        self.waiting = pending_fields(conn)
        self.rows = Rows(conn)
        self.held = HeldChanges(conn)
        # Later entries of a field win (a page is in version order); written at the end.
        self.sets: dict[tuple[str, str], dict[str, tuple[Any, int]]] = defaultdict(dict)
        self.bases: list[tuple[str, str, str, int]] = []
        # Records to insert, written at the end in the registry's order (parents first).
        self.inserts: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
        # Dates the server received before they were due, by field (None: cleared).
        self.flags: dict[tuple[str, str, str], tuple[str, int] | None] = {}
        self.exits: list[Entry] = []  # applied last: what the page did to the file first
        self.followed: list[Entry] = []  # exits over, but for what only they re-file
        self.moves = Moves(conn)  # the order of files' moves (see .moves)
        # The last document type and number the page sets of each record: a type and
        # its number changed in one edit come as two entries, the type first, each
        # checked with the other as the page leaves it (not the number it replaces).
        self.identity: dict[tuple[str, str], dict[str, Any]] = defaultdict(dict)

    def apply(self, entries: Sequence[Entry]) -> list[tuple[str, str, str, int]]:
        # Read at once which records are here: the page's and those it refers to (the
        # page's writes come after its loop, so each answer holds for all of it).
        self.rows.ask(_wanted(entries))
        self.moves.ask((e.table, e.row_id) for e in entries)
        for e in entries:  # (a field with an edit of the laptop's own keeps it)
            identity = e.kind == EntryKind.SET and e.field in IDENTITY_FIELDS
            if identity and (e.table, e.row_id, e.field) not in self.waiting:
                self.identity[(e.table, e.row_id)][str(e.field)] = e.value
        with applying(self.conn):
            for e in entries:
                if e.kind == EntryKind.CONFLICT:
                    self._conflict(e)
                elif e.kind == EntryKind.EXIT:
                    n = number_of(e)
                    if n is None or n > self.moves.number(("child", str(e.row_id))):
                        self.exits.append(e)
                    else:  # over: the move's insert came first (see .leaving.follow)
                        self.followed.append(e)
                elif (ent := BY_TABLE.get(e.table)) is None or e.table not in TABLES:
                    continue  # a table this version does not know: nothing to show it in
                elif self._over(e.table, e.row_id, number_of(e)):
                    continue  # the record has moved since (see .moves)
                elif e.kind == EntryKind.INSERT:
                    self._returned(e)
                    self._insert(ent, e)
                    self._flag(ent, e)
                elif e.kind == EntryKind.SET:
                    self._set(ent, e)
                    self._flag(ent, e)
            for entity in ENTITIES:
                if entity.table in self.inserts:
                    rows = list(self.inserts[entity.table].items())
                    insert_rows(self.conn, TABLES[entity.table], rows)
            set_rows(self.conn, self.sets)
            gone = self._leave()
            for e in self.followed:
                follow(self.conn, str(e.row_id), self.region)
            self.moves.write()
        write_flags(self.conn, self.region, self.flags)
        return [b for b in self.bases if (b[0], b[1]) not in gone]

    def _returned(self, e: Entry) -> None:
        """A child whose file left the village earlier in this page and came back to it
        (moved away and back before this laptop pulled): its exit is over, not applied
        after the return (which would remove a file that is here)."""
        if e.table == "child":
            self.exits = [x for x in self.exits if x.row_id != e.row_id]

    def _leave(self) -> set[tuple[str, str]]:
        """Apply the page's exits: the files that left the village's scope."""
        gone: set[tuple[str, str]] = set()
        if not self.exits:
            return gone
        scope = self.conn.exec_driver_sql("SELECT scope FROM sync_state WHERE id = 1").scalar()
        for e in self.exits:
            to, n = destination(e), number_of(e)
            if to is None or not isinstance(e.row_id, str):
                continue
            if n is not None and n <= self.moves.number(("child", e.row_id)):
                self.followed.append(e)  # over: a later move of the file came in this page
                continue
            rows = file_rows(self.conn, e.row_id) if n is not None else []
            left = leave(self.conn, e.row_id, to, scope)
            gone |= left
            if n is not None and rows:
                # re-filed (the move's insert comes in the other village's feed), or
                # gone: what any feed still holds of the file from before is over (the
                # rows read before the leave: asked after it, a file gone is not here)
                self.moves.left(rows, n)
        return gone

    def _over(self, table: str, row_id: str, n: int | None = None) -> bool:
        """Whether a change of a record comes from before a move of it (see .moves)."""
        here = table in TABLES and self.rows.has(table, row_id)
        return self.moves.over((table, row_id), n, here, lambda: self._filed(table, row_id))

    def _filed(self, table: str, row_id: str) -> bool:
        """Whether the record is filed under another village than the page's, as the
        page leaves it so far."""
        row = self.inserts.get(table, {}).get(row_id)
        region = row.get("region_code") if row else filed_under(self.conn, table, row_id)
        return region != self.region

    # --- each kind of change -------------------------------------------------------------

    def _conflict(self, e: Entry) -> None:
        body = e.value
        if isinstance(body, dict) and all(isinstance(body.get(k), str) for k in _CONFLICT_KEYS):
            if not self._over(body["tbl"], body["row"]):  # else: came again with the move
                store_conflict(self.conn, body)
            return
        held = Held(self.region, str(e.table), str(e.row_id), CONFLICT, e.field, body)
        held.versions = {"": e.version}
        self.held.keep(held, Refused(Hold(Refusal.INVALID, None, Kind.INVALID_TYPE.value)))

    def _insert(self, ent: Entity, e: Entry) -> None:
        n = number_of(e)
        if n is not None:
            self.moves.settle((e.table, e.row_id), n)
        if self.rows.has(e.table, e.row_id):
            # Here already (pulled again after a server restore, or a file moved in from
            # another village of this store's scope): the server's values stand, field
            # by field, as if each had been set.
            if n is None:  # an older server's move: told by the village alone
                moved_in(self.conn, e.table, e.row_id, self.region, e.version)
            else:  # the move's insert: the record as it moved, its bases from this feed
                restart(self.conn, e.table, e.row_id, self.region, e.version)
                self.bases = [b for b in self.bases if (b[0], b[1]) != (e.table, e.row_id)]
            if isinstance(e.value, dict) and ent.insert_only:  # never changes once made
                self.bases.extend((e.table, e.row_id, f, e.version) for f in e.value)
            elif isinstance(e.value, dict):
                for name, value in e.value.items():
                    if name not in NOT_FIELDS and not (name in ent and ent[name].fixed):
                        field = Entry(
                            e.seq, e.version, EntryKind.SET, e.table, e.row_id, name, value
                        )
                        self._set(ent, field)
            return
        held = self.held.get(e.table, e.row_id, INSERT) or Held(
            self.region, e.table, e.row_id, INSERT, None, None
        )
        held.value = dict(e.value) if isinstance(e.value, dict) else e.value
        held.versions = {f: e.version for f in e.value} if isinstance(e.value, dict) else {}
        self._try(ent, held)

    def _set(self, ent: Entity, e: Entry) -> None:
        record = self.held.get(e.table, e.row_id, INSERT)
        if record is not None and isinstance(record.value, dict) and e.field is not None:
            record.value[e.field] = e.value  # the held record, as it would be now
            record.versions[e.field] = e.version
            self._try(ent, record)
            return
        held = self.held.get(e.table, e.row_id, SET, e.field)
        if (e.table, e.row_id, e.field) in self.waiting:
            self.bases.append((e.table, e.row_id, str(e.field), e.version))
            if held is not None:  # this laptop's own edit of the field replaces it
                self.held.drop(held)
            return
        held = held or Held(self.region, e.table, e.row_id, SET, e.field, None)
        held.value, held.versions = e.value, {str(e.field): e.version}
        self._try(ent, held)

    def _flag(self, ent: Entity, e: Entry) -> None:
        """Note the dates the server flagged (only fields of the record: the flag is
        the server's word, and names nothing else); a later unflagged set clears one."""
        named: list[str] = []
        if e.flag and e.flag.startswith(FLAG_FUTURE + "|"):
            named = [f for f in e.flag.split("|", 1)[1].split(",") if f in ent]
        for name in named:
            self.flags[(e.table, e.row_id, name)] = (FLAG_FUTURE, e.version)
        if e.kind == EntryKind.SET and e.field is not None and e.field not in named:
            self.flags[(e.table, e.row_id, e.field)] = None

    # --- applying, or setting aside ------------------------------------------------------

    def _try(self, ent: Entity, held: Held) -> None:
        """Apply a change if it passes the checks; else set it aside (again)."""
        try:
            if held.kind == INSERT:
                row = checked_row(ent, held.value, held.region, self.rows)
            else:
                value = checked_value(ent, held.field, held.value, self.rows, self._now(held))
        except Refused as why:
            self.held.keep(held, why)
            return
        self.held.drop(held)
        if held.kind == INSERT:
            self.inserts[held.table][held.row_id] = row
            self.rows.add(held.table, held.row_id)
            self.bases.extend((held.table, held.row_id, f, v) for f, v in held.versions.items())
            self._release(held.table, held.row_id)
        else:
            assert held.field is not None
            self.bases.append((held.table, held.row_id, held.field, held.version))
            fields = self.sets[(held.table, held.row_id)]
            if held.field not in fields or fields[held.field][1] <= held.version:
                fields[held.field] = (value, held.version)

    def _release(self, table: str, row_id: str) -> None:
        """What waited for this record, applied right after it (or kept, with its new reason)."""
        for held in self.held.waiting_on(table, row_id):
            ent = BY_TABLE[held.table]
            if held.kind == SET and (held.table, held.row_id, held.field) in self.waiting:
                self.held.drop(held)
                continue
            self._try(ent, held)

    def _now(self, held: Held) -> dict[str, Any]:
        """A record's identity fields as they will stand once this page is written."""
        if held.field not in IDENTITY_FIELDS or held.field not in BY_TABLE[held.table]:
            return {}
        now = dict(self.inserts.get(held.table, {}).get(held.row_id) or {})
        # A left-behind adult's file has a number and no document type.
        names = ", ".join(k for k in IDENTITY_FIELDS if k in BY_TABLE[held.table])
        found = self.conn.exec_driver_sql(
            f"SELECT {names} FROM {held.table} WHERE id = ?", (held.row_id,)
        ).first()
        if found is not None:
            now.update(found._mapping)
        pulled = self.sets.get((held.table, held.row_id), {})
        now.update({k: v for k, (v, _ver) in pulled.items()})
        now.update(self.identity.get((held.table, held.row_id), {}))
        return {k: now.get(k) for k in IDENTITY_FIELDS}


def _wanted(entries: Sequence[Entry]) -> Iterator[tuple[str, str]]:
    """The records a page's checks will ask about: those its changes are of (as
    ``_Page._over`` asks, the exits' excepted: asked after they are applied) and those
    its records refer to."""
    for e in entries:
        body = e.value
        if e.kind == EntryKind.CONFLICT:
            if isinstance(body, dict) and all(isinstance(body.get(k), str) for k in _CONFLICT_KEYS):
                yield body["tbl"], body["row"]
            continue
        ent = BY_TABLE.get(e.table)
        if ent is None or e.kind == EntryKind.EXIT:
            continue
        yield e.table, e.row_id
        if e.kind == EntryKind.INSERT:
            if isinstance(e.value, dict):
                for f in LINKS[e.table]:
                    table = e.value.get(str(f.ref_table)) if f.ref == "*" else f.ref
                    if isinstance(e.value.get(f.name), str) and isinstance(table, str):
                        yield table, e.value[f.name]
        elif e.kind == EntryKind.SET and e.field in ent and isinstance(e.value, str):
            target = ent[str(e.field)].ref
            if target and target != "*":
                yield target, e.value


def write_flags(
    conn: Any, region: str, flags: dict[tuple[str, str, str], tuple[str, int] | None]
) -> None:
    """Each field's flag as the page leaves it: cleared, or the server's (two statements
    for a page: most pages set many fields and flag none)."""
    if not flags:
        return
    now_ms = int(time.time() * 1000)
    conn.exec_driver_sql(
        "DELETE FROM sync_flag WHERE tbl = ? AND row_id = ? AND field = ?", list(flags)
    )
    flagged = [(region, *key, *flag, now_ms) for key, flag in flags.items() if flag is not None]
    if flagged:
        conn.exec_driver_sql(
            "INSERT INTO sync_flag (region_code, tbl, row_id, field, flag, version, "
            "received_ms) VALUES (?, ?, ?, ?, ?, ?, ?)",
            flagged,
        )
