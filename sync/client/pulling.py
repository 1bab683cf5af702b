"""A pull answer received as lines and applied as it arrives (issue 13).

The server answers a pull as lines (:data:`~sync.protocol.LINES_TYPE`), each a part of
one village's page: its entries and, for a page's last part, the cursor after it (else
the cursor is the part's last entry's seq). A line is applied only once it has arrived
whole; consecutive lines of one village are applied together, in one local transaction
with their cursor, so a cut answer keeps every whole line before the cut and the next
pull starts after them. A partly received line is never applied.

An older server answers one JSON object (``pages`` and ``more``), taken the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..protocol import version
from .store import Entry, LocalStore
from .transport import SyncError

# Entries applied in one local transaction (about: whole lines), as many as a server's
# answer holds at most: each transaction rewrites the pages of the records and bases it
# touches, scattered over the store, and a store on a laptop commits with an fsync.
APPLY_ENTRIES = 5000


@dataclass
class Received:
    """The lines of one answer: held until :data:`APPLY_ENTRIES` entries are waiting (or
    the answer ends, whole or cut), then applied. ``applied(n)`` is told after each."""

    store: LocalStore
    applied: Callable[[int], None]
    more: bool | None = None  # the answer's last line: does the server hold more?
    total: int = 0  # entries applied from this answer
    moved: bool = False  # a cursor moved (a line may hold no entry the laptop reads)
    _parts: list[tuple[str, int, list[Entry]]] = field(default_factory=list)
    _waiting: int = 0

    def take(self, value: Any, *, hold: bool = False) -> None:
        """One line (or an older server's whole answer). With ``hold`` nothing is applied
        before :meth:`apply` (the whole answer is in hand)."""
        try:
            if "pages" in value:
                for page in value["pages"]:
                    self._add(page["r"], int(page["to"]), page["e"])
                self.more = bool(value["more"])
            elif "r" in value:
                entries = value["e"]
                to = value["to"] if "to" in value else entries[-1][0]
                self._add(value["r"], int(to), entries)
            else:
                self.more = bool(value["more"])
        except (KeyError, IndexError, TypeError, ValueError) as exc:
            raise SyncError("protocol", "the server's pull answer could not be read") from exc
        if self._waiting >= APPLY_ENTRIES and not hold:
            self.apply()

    def cursors(self) -> dict[str, int]:
        """Where the lines waiting leave each village's cursor once applied whole."""
        found: dict[str, int] = {}
        for region, to, _entries in self._parts:
            found[region] = max(found.get(region, 0), to)
        return found

    def apply(self) -> None:
        """Apply what is waiting: one transaction per run of one village's lines."""
        runs: list[tuple[str, int, list[Entry]]] = []
        for region, to, entries in self._parts:
            if runs and runs[-1][0] == region:
                runs[-1] = (region, to, runs[-1][2] + entries)
            else:
                runs.append((region, to, entries))
        self._parts, self._waiting = [], 0
        for region, to, entries in runs:
            self.store.apply_page(region, to, entries)
            self.moved = True
            self.total += len(entries)
            self.applied(len(entries))

    def _add(self, region: Any, to: int, wire: list[list[Any]]) -> None:
        if not isinstance(region, str):
            raise TypeError("region")
        entries = [
            Entry(e[0], version(e[1], e[0]), e[2], e[3], e[4], e[5], e[6], _flag(e)) for e in wire
        ]
        self._parts.append((region, to, entries))
        self._waiting += len(entries)


def _flag(e: list[Any]) -> str | None:
    """A pulled change's flag (an older server sends none)."""
    flag = e[7] if len(e) > 7 else None
    return flag if isinstance(flag, str) and len(flag) <= 200 else None
