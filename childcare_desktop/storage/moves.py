"""A child's file moved more than once, applied in the order it moved (issue 15).

A store whose scope holds several villages (a township's) pulls each village's feed on
its own, so it may read a file's moves out of order: the return A->B->A in A's feed
before the first move in B's, or a move's exit before its insert. The server numbers a
child's moves (1, 2, ...): the exit carries the number in its body, each record's whole
insert into the new village in its flag (:data:`~sync.protocol.FLAG_MOVED`). For each
record the store keeps the highest number it has applied (``sync_move``) and whether
that move's insert has come (``settled``): an exit re-files the file before its insert
arrives, or takes it out of the store's scope (the number is kept, the record gone).
Then:

- an exit numbered at most the record's is over (a later move was applied);
- a move's insert numbered below it is over; one at least it files the record under its
  feed's village and starts the fields' bases again from it (versions are per village);
- any other insert or set of a moved record is over when its last move's insert has
  not come (re-filed or gone), or the record is filed under another village: it has
  moved since, and its values came (or come) with the move.

A record that has not moved, by what this store has seen, has no number: as before.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sync.client.store import Entry
from sync.protocol import EPOCH_SPAN, FLAG_MOVED, EntryKind

_CHUNK = 500
_MOST = 10**9  # a number past this is no move's: the entry is read as carrying none


def number_of(e: Entry) -> int | None:
    """The move an exit or a move's insert belongs to (None: an older server's, or any
    other entry)."""
    if e.kind == EntryKind.EXIT:
        n = e.value.get("n") if isinstance(e.value, dict) else None
    elif e.kind == EntryKind.INSERT and e.flag and e.flag.startswith(FLAG_MOVED + "|"):
        text = e.flag.split("|", 1)[1]
        n = int(text) if text.isascii() and text.isdigit() and len(text) < 10 else None
    else:
        return None
    ok = isinstance(n, int) and not isinstance(n, bool) and 0 < n < _MOST
    return n if ok else None


class Moves:
    """The move numbers of a page's records: read once, changed as the page goes, written
    with it."""

    def __init__(self, conn: Any) -> None:
        self.conn = conn
        self.known: dict[tuple[str, str], tuple[int, bool]] = {}
        self.changed: set[tuple[str, str]] = set()
        self.asked: set[str] = set()

    def ask(self, keys: Iterable[tuple[str, str]]) -> None:
        """Read the numbers of a page's records at once."""
        ids = sorted({row_id for _t, row_id in keys if isinstance(row_id, str)} - self.asked)
        self.asked.update(ids)
        for i in range(0, len(ids), _CHUNK):
            self._read(ids[i : i + _CHUNK])

    def _read(self, ids: list[str]) -> None:
        marks = ", ".join("?" for _ in ids)
        found = self.conn.exec_driver_sql(
            f"SELECT tbl, row_id, n, settled FROM sync_move WHERE row_id IN ({marks})",
            tuple(ids),
        )
        for r in found:
            self.known[(r.tbl, r.row_id)] = (int(r.n), bool(r.settled))

    def of(self, key: tuple[str, str]) -> tuple[int, bool] | None:
        """The record's last move applied here, and whether its insert has come."""
        if key[1] not in self.asked:
            self.asked.add(key[1])
            self._read([key[1]])
        return self.known.get(key)

    def over(self, key: tuple[str, str], n: int | None, here: bool, filed: Any) -> bool:
        """Whether a change of a record (``n``: its move's number, if a move's insert)
        is one the record's moves have overtaken; ``filed()``: where it is filed now
        (asked only of a record ``here``), with the feed's village."""
        known = self.of(key)
        if known is None:
            return False
        if n is not None:
            return n < known[0]
        if not known[1]:  # re-filed or gone by an exit; the move's insert not come
            return True
        return here and filed()

    def number(self, key: tuple[str, str]) -> int:
        known = self.of(key)
        return known[0] if known else 0

    def settle(self, key: tuple[str, str], n: int) -> None:
        """Move ``n``'s insert of the record applied."""
        self.known[key] = (n, True)
        self.changed.add(key)

    def left(self, keys: Iterable[tuple[str, str]], n: int) -> None:
        """The records move ``n``'s exit re-filed (its insert is still to come) or took
        out of this store's scope (kept: a feed read later may still hold them)."""
        for key in keys:
            if self.number(key) < n:
                self.known[key] = (n, False)
                self.changed.add(key)

    def write(self) -> None:
        for key in sorted(self.changed):
            n, settled = self.known[key]
            self.conn.exec_driver_sql(
                "INSERT INTO sync_move (tbl, row_id, n, settled) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (tbl, row_id) DO UPDATE SET n = excluded.n, "
                "settled = excluded.settled",
                (key[0], key[1], n, int(settled)),
            )


def restart(conn: Any, table: str, row_id: str, region: str, version: int) -> None:
    """A record a move's insert (at ``version``) brings: filed under the feed's village,
    its fields' bases to start again from the insert. Except a field's this laptop set
    itself and the server acknowledged after the insert: an edit it sent before it had
    the move, applied in the new village (``merge.late``; the pull leaves the laptop's
    own changes out), newer than the insert's value. (An older version of another feed
    may pass for one, if this laptop's own: kept as before.) And bases of a later epoch:
    an insert pulled again after a server restore is older than anything the restored
    server numbered since (see ``leaving.moved_in``)."""
    conn.exec_driver_sql(f"UPDATE {table} SET region_code = ? WHERE id = ?", (region, row_id))
    later = (version // EPOCH_SPAN + 1) * EPOCH_SPAN
    conn.exec_driver_sql(
        "DELETE FROM field_base WHERE tbl = ? AND row_id = ? AND version < ? AND NOT "
        "(version > ? AND EXISTS (SELECT 1 FROM outbox o WHERE o.tbl = field_base.tbl "
        "AND o.row_id = field_base.row_id AND o.field = field_base.field "
        "AND o.kind = 'set' AND o.state = 'acked' AND o.acked_seq = field_base.version))",
        (table, row_id, later, version),
    )


def filed_under(conn: Any, table: str, row_id: str) -> str | None:
    found = conn.exec_driver_sql(f"SELECT region_code FROM {table} WHERE id = ?", (row_id,))
    region: str | None = found.scalar()
    return region
