"""A child's file leaving this store's scope: the scope exit of a transfer (issue 15).

The server moves a child's file to another village and sends the old village one exit.
A store whose scope still covers the new village (a township's) files the records under
it; any other removes them, without capturing anything (they are not deleted: they are
elsewhere now), and keeps the transfer record itself as the village's history. Nothing
is lost: an exit is applied only once this laptop has sent every change of the child it
holds (until then its cursor stays before it; the server accepts those changes as made
before the move).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sync.client.store import Entry
from sync.protocol import EPOCH_SPAN, EntryKind

from ..core.entities import ENTITIES
from ..core.roles import in_scope
from .applying import TABLES

# Local records about a synced one, removed with it.
_LOCAL = ("field_base", "sync_held", "sync_flag", "sync_conflict")


def file_rows(conn: Any, child_id: str) -> list[tuple[str, str]]:
    """The child's record and every record of its file on this store, parents first."""
    ids: dict[str, set[str]] = {"child": {child_id}}
    rows = [("child", child_id)]
    for e in ENTITIES:
        parent = e[e.owner].ref if e.owner else None
        parents = sorted(ids.get(parent or "", ()))
        if not parents or e.table not in TABLES:
            continue
        found: set[str] = set()
        for i in range(0, len(parents), 500):
            part = parents[i : i + 500]
            marks = ", ".join("?" for _ in part)
            found.update(
                conn.exec_driver_sql(
                    f"SELECT id FROM {e.table} WHERE {e.owner} IN ({marks})", tuple(part)
                ).scalars()
            )
        ids[e.table] = found
        rows += [(e.table, r) for r in sorted(found)]
    return rows


def pending_rows(conn: Any) -> set[tuple[str, str]]:
    """The records this laptop still holds changes of, to send."""
    pending = conn.exec_driver_sql(
        "SELECT DISTINCT tbl, row_id FROM outbox WHERE state = 'pending'"
    ).all()
    return {(r.tbl, r.row_id) for r in pending}


def first_blocked(conn: Any, entries: Sequence[Entry]) -> int | None:
    """The index of the first entry of a page that must wait for this laptop's changes:
    an exit taking away a file it has changed (one the store keeps in its scope, re-filed,
    waits for nothing), or a record it has changed coming whole again, from the village
    it moved to (its changes were made over the old village's versions: sent first, the
    server reads them so)."""
    pending = pending_rows(conn)
    if not pending:
        return None
    scope = conn.exec_driver_sql("SELECT scope FROM sync_state WHERE id = 1").scalar()
    for i, e in enumerate(entries):
        if not isinstance(e.row_id, str):
            continue
        if e.kind == EntryKind.EXIT:
            to = destination(e)
            leaves = to is not None and not (scope and in_scope(scope, to))
            if leaves and pending & set(file_rows(conn, e.row_id)):
                return i
        elif e.kind == EntryKind.INSERT and (e.table, e.row_id) in pending and e.table in TABLES:
            found = conn.exec_driver_sql(f"SELECT 1 FROM {e.table} WHERE id = ?", (e.row_id,))
            if found.first() is not None:  # here already: re-served (or pulled again)
                return i
    return None


def destination(e: Entry) -> str | None:
    """The village an exit names (None for a malformed one)."""
    to = e.value.get("to") if isinstance(e.value, dict) else None
    ok = isinstance(to, str) and to.isascii() and to.isdigit() and len(to) == 12
    return to if ok else None


def leave(conn: Any, child_id: str, to_region: str, scope: str | None) -> set[tuple[str, str]]:
    """Apply an exit (inside ``applying``); returns the records removed from the store."""
    rows = file_rows(conn, child_id)
    found = conn.exec_driver_sql("SELECT 1 FROM child WHERE id = ?", (child_id,)).first()
    if found is None:
        return set()
    if scope and in_scope(scope, to_region):
        for tbl, row_id in rows:
            conn.exec_driver_sql(
                f"UPDATE {tbl} SET region_code = ? WHERE id = ?", (to_region, row_id)
            )
        return set()
    for tbl, row_id in reversed(rows):  # what refers to a record goes before it
        conn.exec_driver_sql(f"DELETE FROM {tbl} WHERE id = ?", (row_id,))
        for local in _LOCAL:
            conn.exec_driver_sql(f"DELETE FROM {local} WHERE tbl = ? AND row_id = ?", (tbl, row_id))
    return set(rows)


def follow(conn: Any, child_id: str, left: str) -> None:
    """A move's exit out of village ``left`` read after the move's insert (a township
    laptop that read the new village's feed first): the records of the file still filed
    under ``left`` follow the child. The move's inserts bring only what the file held
    when it moved; a record this laptop added to it before it pulled the move (a late
    visit, which the server files where the file is now, ``merge.late``) comes in no
    feed back to it (its own change), so only the exit can re-file it."""
    found = conn.exec_driver_sql("SELECT region_code FROM child WHERE id = ?", (child_id,))
    region = found.scalar()
    if region is None or region == left:
        return
    for tbl, row_id in file_rows(conn, child_id)[1:]:
        conn.exec_driver_sql(
            f"UPDATE {tbl} SET region_code = ? WHERE id = ? AND region_code = ?",
            (region, row_id, left),
        )


def moved_in(conn: Any, table: str, row_id: str, region: str, version: int) -> bool:
    """A record this store has, sent whole by another village's feed (at ``version``):
    the file moved there. It is filed under that village, and its fields' bases start
    again from the versions of that feed (versions are counted per village), except
    bases of a later epoch: an insert pulled again after a server restore is older than
    anything the restored server numbered since (this laptop's own changes sent since,
    which are not pulled back), whatever the village."""
    found = conn.exec_driver_sql(f"SELECT region_code FROM {table} WHERE id = ?", (row_id,))
    current = found.scalar()
    if current is None or current == region:
        return False
    conn.exec_driver_sql(f"UPDATE {table} SET region_code = ? WHERE id = ?", (region, row_id))
    later = (version // EPOCH_SPAN + 1) * EPOCH_SPAN
    conn.exec_driver_sql(
        "DELETE FROM field_base WHERE tbl = ? AND row_id = ? AND version < ?",
        (table, row_id, later),
    )
    return True
