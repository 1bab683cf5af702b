"""The county's decision journal: an append-only file kept next to the database, never
inside it, so that restoring the database from a backup does not undo what the county
and its users decided since (who may sync, and how a conflict was closed).

What laptops typed comes back from the laptops after a restore (they re-send what the
server lacks). What the county decided does not: a revoked laptop will not re-send its
own revocation, a laptop enrolled after the backup holds a token the backup never saw,
and a conflict's decision is the server's own change. Each of those is written here
as well, one JSON line, numbered: the database's ``server_meta.journal_head`` says
up to which number the database holds, so a restored database is one whose head is
behind the file's, and ``childcare-server mark-restored`` replays the lines after it
(:mod:`sync.server.restore`).

A line is numbered and counted in the database inside the transaction that makes the
change, and appended to the file once that transaction has committed: a change that
rolls back leaves no line. The file is the county's: 0600, fsynced line by line.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.engine import Connection

from . import schema as s
from .errors import SyncRefused

HEAD = "journal_head"  # server_meta: the last journal line this database holds
_JOURNAL = "childcare.journal"  # Connection.info: the open write's journal ...
_LINES = "childcare.journal_lines"  # ... and the lines it appends once committed
_TAIL_BYTES = 256 * 1024


class Journal:
    """One journal file (created on the first line, readable by the server's account only)."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)

    def append(self, lines: list[dict[str, Any]]) -> None:
        if not lines:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        data = "".join(json.dumps(x, ensure_ascii=False, sort_keys=True) + "\n" for x in lines)
        fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            os.write(fd, data.encode())  # one write: lines of two processes never interleave
            os.fsync(fd)
        finally:
            os.close(fd)

    def lines(self, *, after: int = 0) -> list[dict[str, Any]]:
        """The lines numbered after ``after``, in number order (a line cut by a crash
        while it was written is left out: its change is in the database or was never)."""
        if not self.path.exists():
            return []
        found = []
        for raw in self.path.read_bytes().splitlines():
            line = _parse(raw)
            if line is not None and line["n"] > after:
                found.append(line)
        return sorted(found, key=lambda x: int(x["n"]))

    def last(self) -> int:
        """The highest line number in the file (0 for none), read from its tail."""
        if not self.path.exists():
            return 0
        with self.path.open("rb") as f:
            size = f.seek(0, os.SEEK_END)
            f.seek(max(0, size - _TAIL_BYTES))
            tail = f.read().splitlines()
        if size > _TAIL_BYTES:
            tail = tail[1:]  # the first may be a line's end only
        numbers = [int(x["n"]) for x in map(_parse, tail) if x is not None]
        return max(numbers, default=0)


def _parse(raw: bytes) -> dict[str, Any] | None:
    try:
        line = json.loads(raw)
    except ValueError:
        return None
    return line if isinstance(line, dict) and isinstance(line.get("n"), int) else None


def opened(conn: Connection, journal: Journal | None) -> None:
    """A write transaction begins on ``conn``: what it records goes to ``journal``."""
    conn.info[_JOURNAL] = journal
    conn.info[_LINES] = []


def closed(conn: Connection, *, committed: bool) -> None:
    """The write transaction ended: append its lines if it committed."""
    journal = conn.info.pop(_JOURNAL, None)
    lines = conn.info.pop(_LINES, [])
    if committed and journal is not None:
        journal.append(lines)


def head(conn: Connection, *, lock: bool = False) -> int:
    """The last journal line this database holds (0: none, or a backup older than the journal)."""
    query = select(s.meta.c.value).where(s.meta.c.key == HEAD)
    found = conn.execute(query.with_for_update() if lock else query).scalar()
    return int(found or 0)


def set_head(conn: Connection, number: int) -> None:
    if conn.execute(update(s.meta).where(s.meta.c.key == HEAD).values(value=str(number))).rowcount:
        return
    conn.execute(s.meta.insert().values(key=HEAD, value=str(number)))


def behind(conn: Connection, journal: Journal | None) -> int:
    """How many journal lines the database lacks: more than none means it was restored
    from a backup and ``mark-restored`` has not been run since."""
    if journal is None:
        return 0
    return max(0, journal.last() - head(conn))


def restored_refusal() -> SyncRefused:
    return SyncRefused(
        503,
        "restored",
        "this database is older than its decision journal (restored from a backup?): "
        "run childcare-server mark-restored",
    )


def record(conn: Connection, kind: str, **payload: Any) -> None:
    """Journal a decision made in the open write transaction (nothing without a journal)."""
    journal = conn.info.get(_JOURNAL)
    if journal is None:
        return
    number = head(conn, lock=True)
    if journal.last() > number:
        # Numbering on from here would reuse the numbers of what the restore undid.
        raise restored_refusal()
    set_head(conn, number + 1)
    conn.info[_LINES].append({"n": number + 1, "kind": kind, **payload})
