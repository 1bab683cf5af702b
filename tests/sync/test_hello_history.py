"""A sync costs as much on an old laptop as on a new one (issue 19): the outbox keeps every
acknowledged change for good, and what a sync reads of it is what is pending or set aside.

Measured without a clock: SQLite counts the virtual-machine instructions each read runs
(a progress handler called at every one), the same on a store with tens of thousands of
acknowledged changes as before them. And the released path's new reads keep the state
machine's promise: a laptop that dies while recording a release loses nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy import event, text

from childcare_desktop.services import syncing
from childcare_desktop.storage import syncstore
from childcare_desktop.storage.store import Store
from childcare_desktop.storage.syncstore import StoreSync
from sync.server.cli import main as server_cli
from tests.factories import make_child
from tests.sync.test_console_quarantine import fix_cause, held_edit, held_ids, outbox_state
from tests.sync.township import World

HISTORY = 30_000
HISTORY_SQL = """
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < :count)
INSERT INTO outbox (site_id, ctr, tbl, row_id, kind, field, value, region_code, hlc,
                    device_ms, state, acked_seq, acked_ms)
SELECT :site, :low + i, 'child', printf('00000000-0000-4000-8000-%012d', i % 500), 'set',
       'phone', printf('"139%08d"', i), '349901101201', i, 0, 'acked', i, 0
FROM n
"""


@contextmanager
def counted(store: Store) -> Iterator[list[int]]:
    """The instructions SQLite runs on the store's connections inside the block."""
    steps = [0]

    def step() -> int:
        steps[0] += 1
        return 0  # go on

    def on_checkout(dbapi_conn: Any, _record: Any, _proxy: Any) -> None:
        dbapi_conn.set_progress_handler(step, 1)

    def on_checkin(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.set_progress_handler(None, 1)

    event.listen(store.engine, "checkout", on_checkout)
    event.listen(store.engine, "checkin", on_checkin)
    try:
        yield steps
    finally:
        event.remove(store.engine, "checkout", on_checkout)
        event.remove(store.engine, "checkin", on_checkin)


def _history_below(store: Store, count: int) -> None:
    """``count`` acknowledged changes older than every change of the store: the history
    a laptop gathers over the years (in one statement, not a million syncs)."""
    with store.connection() as conn:
        site = conn.exec_driver_sql("SELECT site_id FROM sync_site WHERE id = 1").scalar_one()
        # Renumbered upwards past the history, so the history comes first.
        top = conn.exec_driver_sql("SELECT ctr FROM sync_site WHERE id = 1").scalar_one()
        conn.exec_driver_sql(
            "UPDATE outbox SET ctr = ctr + ? WHERE site_id = ?", (count + top, site)
        )
        conn.execute(text(HISTORY_SQL), {"count": count, "site": site, "low": 0})
        conn.exec_driver_sql(
            "UPDATE sync_site SET ctr = (SELECT max(ctr) FROM outbox) WHERE id = 1"
        )


def _reads(sync: StoreSync) -> dict[str, Callable[[], Any]]:
    """What a sync (and the sync page) reads of the outbox, each on its own."""
    state = sync.sync_state()
    top = sync.health_report()["top"]
    return {
        "sync_state": sync.sync_state,
        "health_report": sync.health_report,
        "released": lambda: sync.released(state.site_id, top, []),
        "pending": lambda: sync.pending(500),
        "pending_count": sync.pending_count,
        "requeue_after": lambda: sync.requeue_after(state.site_id, top),
        "status": lambda: syncing.status(sync.store),
        "set_aside_list": lambda: syncing.quarantined(sync.store),
        "blobs_to_upload": sync.blobs_to_upload,
    }


@contextmanager
def statements(store: Store) -> Iterator[list[tuple[str, Any]]]:
    """The statements run on the store inside the block, with their parameters."""
    seen: list[tuple[str, Any]] = []

    def record(_conn: Any, _cursor: Any, statement: str, params: Any, *_: Any) -> None:
        seen.append((statement, params))

    event.listen(store.engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(store.engine, "before_cursor_execute", record)


def _full_scans(sync: StoreSync) -> list[tuple[str, str]]:
    """The reads that scan the outbox or the attachments whole (not in an index)."""
    with statements(sync.store) as seen:
        for read in _reads(sync).values():
            read()
    found = []
    with sync.store.engine.connect() as conn:
        for statement, params in seen:
            if statement.lstrip().upper().startswith(("SELECT", "UPDATE", "WITH")):
                raw = conn.connection.dbapi_connection
                for row in raw.execute(f"EXPLAIN QUERY PLAN {statement}", params or ()):
                    if re.fullmatch(r"SCAN (outbox|blob)", row[3]):
                        found.append((statement, row[3]))
    return found


def _costs(sync: StoreSync) -> dict[str, int]:
    costs = {}
    for name, read in _reads(sync).items():
        read()  # its statements prepared (SQLite reads the schema then) and cached
        with counted(sync.store) as steps:
            read()
        costs[name] = steps[0]
    return costs


def test_a_syncs_reads_cost_the_same_after_years_of_acknowledged_changes(store: Store) -> None:
    sync = StoreSync(store)
    for n in range(6):  # a few changes waiting, two of them set aside by the server
        make_child_in(store, f"孩子{n}")
    with store.connection() as conn:
        conn.exec_driver_sql(
            "UPDATE outbox SET state = 'quarantined', note = 'x' "
            "WHERE ctr IN (SELECT ctr FROM outbox ORDER BY ctr LIMIT 2)"
        )
        conn.exec_driver_sql(
            "UPDATE outbox SET state = 'acked' "
            "WHERE ctr IN (SELECT ctr FROM outbox ORDER BY ctr LIMIT 2 OFFSET 2)"
        )
    before = _costs(sync)
    waiting = sync.pending_count()
    held = [op.ctr for op in sync.released(sync.sync_state().site_id, 10**9, [])]
    _history_below(store, HISTORY)
    after = _costs(sync)
    assert after == before, "a read of the sync grew with the outbox's history"
    # The same changes are found, after the history as before it.
    assert sync.pending_count() == waiting > 0
    assert len(sync.released(sync.sync_state().site_id, 10**9, [])) == len(held) == 2
    status = syncing.status(store)
    assert (status.pending, status.quarantined) == (waiting, 2)
    assert _full_scans(sync) == []


def test_the_attachments_to_upload_are_found_without_reading_any_attachment(
    store: Store,
) -> None:
    """``uploaded`` lies after an attachment's bytes in its record: a read of it outside
    an index walks every byte of every attachment the laptop ever took, at every sync."""
    sync = StoreSync(store)
    with store.connection() as conn:
        for n, uploaded in enumerate((1, 1, 1, 0)):
            conn.exec_driver_sql(
                "INSERT INTO blob (sha256, size, data, uploaded) "
                "VALUES (?, 65536, randomblob(65536), ?)",
                (f"{n:064x}", uploaded),
            )
    assert sync.blobs_to_upload() == [(f"{3:064x}", 65536)]
    with statements(store) as seen:
        sync.blobs_to_upload()
    (statement,) = [text for text, _ in seen if "FROM blob" in text]
    with store.engine.connect() as conn:
        plan = [r[3] for r in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}")]
    assert plan == ["SCAN blob USING COVERING INDEX ix_blob_waiting"]


def make_child_in(store: Store, name: str) -> None:
    with store.session() as session:
        make_child(session, name=name)


class Killed(Exception):
    """The laptop's power cut (raised inside a transaction, which is then not committed)."""


def test_a_laptop_that_dies_recording_a_release_loses_nothing(
    sqlite_world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    world = sqlite_world
    child_id = held_edit(world)  # B's edit of A's child: set aside by the server
    b = world.laptop("dir_b")
    fix_cause(world.server)
    (held,) = held_ids(world.server)
    assert server_cli(["--db", world.server.db.url, "quarantine", "release", str(held)]) == 0

    real = syncstore._upsert_bases

    def dying(conn: Any, bases: Any) -> None:
        real(conn, bases)  # after the outbox's update, before the commit
        raise Killed("power cut while recording the release")

    monkeypatch.setattr(syncstore, "_upsert_bases", dying)
    with pytest.raises(Killed):
        b.run()
    assert outbox_state(world, child_id)[0] == "quarantined"  # nothing recorded, nor lost
    assert [item.row_id for item in syncing.quarantined(b.store)] == [child_id]

    monkeypatch.setattr(syncstore, "_upsert_bases", real)
    report = b.run()
    assert report.ok and report.released == 1, report
    assert outbox_state(world, child_id)[0] == "acked"
    assert syncing.quarantined(b.store) == []
    again = b.run()  # asked once: a released change is not asked about again
    assert again.ok and again.released == 0, again
