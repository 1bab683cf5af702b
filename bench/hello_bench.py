"""Hello benchmark (issue 19): a sync with nothing to do costs as much on an old laptop as
on a new one.

Two laptops of one village, enrolled with the county server on loopback: one new, one whose
outbox holds ``--history`` (1,000,000) changes the server has acknowledged, written in bulk
into its real SQLCipher store (and the server's high-water mark of that site set to match,
as a million synced edits would leave it). Prints, as the median of ``--repeat`` runs taken
in turn on each laptop:

``--attachments N`` gives the old laptop N attachments of 1 MB too, uploaded long ago.

* a sync with nothing to do (the hello; nothing to push or pull),
* the laptop's own reads for it (sync state, health report, what the server released,
  the attachments to upload),
* the sync page's status (its counts of waiting and set-aside changes).

    python bench/hello_bench.py [--history 1000000] [--attachments 0] [--repeat 7]
                                [--db URL] [--in-process] [--json]

Without ``--db`` a throwaway PostgreSQL 15 is started on loopback; the county server runs
as its own process unless ``--in-process``. To measure another checkout of the app (main's
code, before a change) name it in ``BENCH_CODE``: its modules are imported, this script's
logic runs over them. Interrupted (Ctrl-C, SIGTERM), the bench stops its servers and
deletes its folder.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

sys.path.insert(0, os.environ.get("BENCH_CODE") or str(Path(__file__).resolve().parent.parent))

from county import county_server
from sqlalchemy import text, update

from childcare_desktop.services import syncing
from childcare_desktop.storage.store import Store, create_store
from childcare_desktop.storage.syncstore import StoreSync
from sync import client
from sync.client import SyncEngine, SyncReport
from sync.server import accounts
from sync.server import schema as s
from sync.server.app import now_ms
from sync.server.db import Database
from tests.sync.pg import interruptible, postgres

PASSPHRASE = "bench-passphrase"
VILLAGE = "349901101201"

# One statement: a million acknowledged edits of a phone, spread over 5,000 children.
HISTORY_SQL = """
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < :count)
INSERT INTO outbox (site_id, ctr, tbl, row_id, kind, field, value, region_code, hlc,
                    device_ms, state, acked_seq, acked_ms)
SELECT :site, :ctr + i, 'child', printf('00000000-0000-4000-8000-%012d', i % 5000), 'set',
       'phone', printf('"139%08d"', i), :region, :hlc + i, :ms, 'acked', i, :ms
FROM n
"""


def _engine(sync: StoreSync) -> SyncEngine:
    engine = SyncEngine(sync)
    engine.transport.backoff_s = 0.0
    return engine


def _laptop(folder: Path, name: str, server: Any) -> StoreSync:
    store = create_store(folder / f"{name}.db", PASSPHRASE, actor=name, region_code=VILLAGE)
    sync = StoreSync(store)
    with server.db.write() as conn:
        code = accounts.issue_code(conn, "bench", now_ms=now_ms())
    client.enroll(server.url, user="bench", code=code, label=name, store=sync)
    assert _engine(sync).run().ok  # the server knows the site
    return sync


def add_history(sync: StoreSync, db: Database, count: int) -> float:
    """Write ``count`` acknowledged changes after the store's own; the server's high-water
    mark of the site moves past them. Returns the seconds it took."""
    started = time.perf_counter()
    with sync.store.connection() as conn:
        site, ctr, hlc = conn.exec_driver_sql(
            "SELECT site_id, ctr, hlc FROM sync_site WHERE id = 1"
        ).one()
        conn.execute(
            text(HISTORY_SQL),
            {"count": count, "site": site, "ctr": ctr, "region": VILLAGE, "hlc": hlc}
            | {"ms": now_ms()},
        )
        top = ctr + count
        conn.exec_driver_sql(
            "UPDATE sync_site SET ctr = ?, hlc = ? WHERE id = 1", (top, hlc + count + 1)
        )
    with db.write() as conn:
        conn.execute(update(s.site).where(s.site.c.site_id == site).values(hwm=top))
    return time.perf_counter() - started


def add_attachments(sync: StoreSync, count: int) -> None:
    """``count`` attachments of 1 MB, uploaded long ago (their bytes stay in the store)."""
    with sync.store.connection() as conn:
        for n in range(count):
            conn.exec_driver_sql(
                "INSERT INTO blob (sha256, size, data, uploaded) "
                "VALUES (?, 1048576, randomblob(1048576), 1)",
                (f"{n:064x}",),
            )


def _timed(action: Callable[[], Any]) -> tuple[float, Any]:
    started = time.perf_counter()
    result = action()
    return time.perf_counter() - started, result


def _idle(sync: StoreSync) -> float:
    seconds, report = _timed(_engine(sync).run)
    assert isinstance(report, SyncReport) and report.ok, report
    assert not (report.pushed or report.pulled or report.requeued), report
    return seconds


def _reads(sync: StoreSync) -> float:
    """The laptop's part of an idle sync: what it says of itself at the hello, what was
    released, which attachments to upload."""

    def read() -> None:
        state = sync.sync_state()
        sync.health_report()
        sync.released(state.site_id, state.acked_ctr, [])
        sync.blobs_to_upload()

    return _timed(read)[0]


def measure(laptops: dict[str, StoreSync], repeat: int) -> dict[str, dict[str, float]]:
    """Medians of ``repeat`` rounds, the laptops taken in turn within each round."""
    taken: dict[str, dict[str, list[float]]] = {
        name: {"idle_sync": [], "hello_reads": [], "status": []} for name in laptops
    }
    for _ in range(repeat):
        for name, sync in laptops.items():
            taken[name]["idle_sync"].append(_idle(sync))
            taken[name]["hello_reads"].append(_reads(sync))
            taken[name]["status"].append(_timed(partial(syncing.status, sync.store))[0])
    return {
        name: {k: statistics.median(v) for k, v in figures.items()}
        for name, figures in taken.items()
    }


def _bench(args: argparse.Namespace, db: Database, folder: Path) -> dict[str, Any]:
    with county_server(db, in_process=args.in_process) as server:
        with db.write() as conn:
            accounts.create_user(conn, "bench", "director", VILLAGE, now_ms=now_ms())
        new, old = _laptop(folder, "new", server), _laptop(folder, "old", server)
        built = add_history(old, db, args.history)
        add_attachments(old, args.attachments)
        stores: list[Store] = [new.store, old.store]
        try:
            figures = measure({"new_store": new, "old_store": old}, args.repeat)
        finally:
            for store in stores:
                store.close()
        return {
            "database": db.engine.dialect.name,
            "server": "in-process" if args.in_process else "own process",
            "code": os.environ.get("BENCH_CODE") or "this checkout",
            "history": args.history,
            "attachments": args.attachments,
            "history_seconds": built,
            "history_mb": (folder / "old.db").stat().st_size / 1e6,
            **figures,
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", help="server database URL (default: a throwaway PostgreSQL)")
    parser.add_argument("--history", type=int, default=1_000_000)
    parser.add_argument("--attachments", type=int, default=0, help="of 1 MB, on the old laptop")
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--in-process", action="store_true", help="the server on a thread here")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with interruptible(), tempfile.TemporaryDirectory(prefix="hello-bench-") as tmp:
        folder = Path(tmp)
        if args.db:
            figures = _bench(args, Database(args.db), folder)
        else:
            with postgres(folder / "pg") as url:
                figures = _bench(args, Database(url), folder)
    if args.json:
        print(json.dumps(figures, indent=2))
        return
    new, old = figures["new_store"], figures["old_store"]
    print(
        f"code: {figures['code']}; server database: {figures['database']}, "
        f"server: {figures['server']}"
    )
    print(
        f"history: {figures['history']:,} acknowledged changes written in "
        f"{figures['history_seconds']:.1f} s, {figures['attachments']} attachments of 1 MB "
        f"(store {figures['history_mb']:.0f} MB)"
    )
    for key, label in (
        ("idle_sync", "sync with nothing to do"),
        ("hello_reads", "  the laptop's own reads in it"),
        ("status", "sync page status"),
    ):
        print(
            f"{label}: new store {new[key] * 1000:.1f} ms, with the history "
            f"{old[key] * 1000:.1f} ms (ratio {old[key] / new[key]:.2f}; median of {args.repeat})"
        )


if __name__ == "__main__":
    main()
