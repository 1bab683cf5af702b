"""Sync benchmark: two laptops of one village and the county server on loopback.

Workload (issue 5): 1,500 children already on both laptops; 10,000 single-field edits
spread over them on laptop A; A syncs, then laptop B syncs. Prints

* the time from A's sync start to B's sync end (target <= 1.5 s), and each sync's share
  (A pushes every edit; B pulls each field once, its latest value),
* bytes on the wire per changed field, push (A) and pull (B) (target <= 60 B each),
* the same with 1,500 edits, one per child (target <= 60 B),
* the requests and bytes of a sync with nothing to do (target <= 2 requests, <= 2 KB),
* what a 3 MB attachment re-sends after each of 5 cuts (target <= 256 KB per cut),
* with ``--scale N``: rounds of N edits taken in turns with the ``--edits`` rounds, and
  how many times as long as those they take (issue 19: 50,000 edits <= 4x 10,000).

    python bench/sync_bench.py [--servers sqlite,postgresql] [--modes process,in-process]
                               [--db URL] [--children 1500] [--edits 10000] [--repeat 3]
                               [--scale N] [--laptop PATH] [--json]

Each server database of ``--servers`` is a throwaway one: SQLite (the embedded default)
in a temporary folder, PostgreSQL 15 started on loopback (the tests' launcher); ``--db``
names an existing one instead. The county server runs as its own process (``--modes
process``: ``childcare-server serve``), as it is deployed: on its own machine, it works
while the laptop does. ``--modes in-process`` (or ``--in-process``) runs it on a thread
of the benchmark's process instead (the tests' way), sharing one interpreter lock with
both laptops. Every combination starts from the same two laptop stores (built once) and
makes the same edits; each prints the load average at its start and end. ``--laptop``
keeps laptop A's store before its first sync at PATH, for the next run (building the
demo village takes minutes). With ``--scale``, an uncounted round first edits every
field the rounds edit, so that no size's rounds pay for the fields' first versions.
Bytes are counted as the client sends and receives them (headers included, compressed
bodies). Figures vary with the machine and its load.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from county import county_server
from workload import FIELDS, PASSPHRASE, VILLAGE, edits

from childcare_desktop.services import attachments, demo
from childcare_desktop.storage import maintenance
from childcare_desktop.storage.store import Store, create_store, open_store
from childcare_desktop.storage.syncstore import StoreSync
from sync import client
from sync.client import SyncEngine, Transport
from sync.server import accounts
from sync.server.app import now_ms
from sync.server.db import Database, sqlite_url
from tests.sync.pg import interruptible, postgres


def _engine(sync: StoreSync) -> SyncEngine:
    engine = SyncEngine(sync)
    engine.transport.backoff_s = 0.0
    return engine


def _edit(store: Store, ids: list[str], count: int, rng: random.Random) -> int:
    """Make ``count`` edits; the number of fields they changed (a field edited twice
    travels up twice and down once: a pull brings its latest value)."""
    fields = set()
    with store.connection() as conn:
        for child_id, field, value in edits(ids, count, rng):
            conn.exec_driver_sql(f"UPDATE child SET {field} = ? WHERE id = ?", (value, child_id))
            fields.add((child_id, field))
    return len(fields)


def one_round(
    a: StoreSync, b: StoreSync, ids: list[str], count: int, rng: random.Random
) -> dict[str, Any]:
    """``count`` edits on laptop A (untimed), then A's sync and B's, timed."""
    fields = _edit(a.store, ids, count, rng)
    ea, eb = _engine(a), _engine(b)
    cpu = time.process_time()
    t0 = time.perf_counter()
    ra = ea.run()
    t1 = time.perf_counter()
    rb = eb.run()
    t2 = time.perf_counter()
    cpu = time.process_time() - cpu
    assert ra.ok and rb.ok and ra.pushed == count and rb.pulled == fields, (ra, rb, fields)
    return {
        "seconds": t2 - t0,
        "push_seconds": t1 - t0,
        "pull_seconds": t2 - t1,
        "cpu_seconds": cpu,  # this process's: both laptops, and an in-process server
        "push_bytes_per_field": (ra.bytes_sent + ra.bytes_received) / count,
        "pull_bytes_per_field": (rb.bytes_sent + rb.bytes_received) / fields,
        "requests": ra.requests + rb.requests,
    }


class _Cutter(requests.adapters.HTTPAdapter):
    """Cuts five attachment chunks part-way through their body (the server gets a short
    body and keeps nothing of it), and counts every body byte that left the laptop."""

    def __init__(self, cuts: int, rng: random.Random) -> None:
        super().__init__()
        self.cuts_left = cuts
        self.rng = rng
        self.body_bytes = 0
        self.patches = 0

    def send(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        if request.method == "PATCH":
            self.patches += 1
            body = request.body or b""
            if self.cuts_left and self.patches % 3 == 0:
                self.cuts_left -= 1
                k = self.rng.randrange(1, len(body))
                self.body_bytes += k  # sent, then the line dropped
                raise requests.ConnectionError(f"cut after {k} bytes")
            self.body_bytes += len(body)
        return super().send(request, *args, **kwargs)


SERVERS = ("sqlite", "postgresql")
MODES = ("process", "in-process")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--servers", default="sqlite,postgresql", help="server databases")
    parser.add_argument("--modes", default="process", help="process, in-process or both")
    parser.add_argument("--db", help="an existing server database URL (instead of --servers)")
    parser.add_argument("--children", type=int, default=1500)
    parser.add_argument("--edits", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--scale", type=int, help="also rounds of this many edits, in turns")
    parser.add_argument("--in-process", action="store_true", help="the same as --modes in-process")
    parser.add_argument(
        "--laptop", type=Path, help="laptop A's store: built if missing, else reused"
    )
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    servers = [args.db] if args.db else listed(args.servers, SERVERS, "--servers")
    modes = ["in-process"] if args.in_process else listed(args.modes, MODES, "--modes")
    figures = []
    # Interrupted (Ctrl-C, SIGTERM): the server stops, PostgreSQL stops, the folder goes.
    with interruptible(), tempfile.TemporaryDirectory(prefix="sync-bench-") as tmp:
        folder = Path(tmp)
        template = laptop(args.laptop or folder / "template.db", args.children)
        for n, (server, mode) in enumerate(itertools.product(servers, modes)):
            here = folder / str(n)
            here.mkdir()
            load = os.getloadavg()[0]
            with database(server, here) as db:
                found = _bench(args, db, mode == "in-process", template, here)
            found["load"] = [round(load, 2), round(os.getloadavg()[0], 2)]
            figures.append(found)
            if not args.json:
                _print(args, found)
        template.close()
    if args.json:
        print(json.dumps(figures, indent=2))


def listed(text: str, choices: tuple[str, ...], option: str) -> list[str]:
    chosen = [c.strip() for c in text.split(",") if c.strip()]
    if not chosen or any(c not in choices for c in chosen):
        raise SystemExit(f"{option}: a list of {', '.join(choices)}")
    return chosen


@contextmanager
def database(server: str, folder: Path) -> Iterator[Database]:
    """The server's database: a throwaway one (SQLite in ``folder``, or PostgreSQL 15
    on loopback), or the one at a URL."""
    if server == "postgresql":
        with postgres(folder / "pg") as url:
            yield Database(url)
    elif server == "sqlite":
        yield Database(sqlite_url(folder / "server.db"))
    else:
        yield Database(server)


def laptop(path: Path, children: int) -> Store:
    """Laptop A's store before its first sync (every run copies it), built unless there."""
    if path.exists():
        return open_store(path, PASSPHRASE, actor="bench")
    store = create_store(path, PASSPHRASE, actor="bench", region_code=VILLAGE)
    with store.session() as session:
        demo.build_demo_village(session, children=children, seed=3, mark_demo=False)
    return store


def second_laptop(conn: Any) -> None:
    """A copy of laptop A's store made into what a second laptop of the village holds
    once it has pulled the village: the records (their bases come with B's first pull of
    A's inserts), and no change of its own. Marking its copy's outbox acknowledged
    instead made B's first hello send all of it back (the server had none of B's
    counters): 55,000 operations pushed and their values shown again before any round."""
    conn.exec_driver_sql("DELETE FROM outbox")
    conn.exec_driver_sql("UPDATE sync_site SET ctr = 0 WHERE id = 1")


def _print(args: argparse.Namespace, figures: dict[str, Any]) -> None:
    start, end = figures["load"]
    print(
        f"server database: {figures['database']}, server: {figures['server']}"
        f" (load average {start:.2f} at the start, {end:.2f} at the end)"
    )
    print(
        f"  {args.edits} edits, A sync + B sync:  {figures['seconds']:.2f} s median of {args.repeat} (target <= 1.5 s)"
        f" (A {figures['push_seconds']:.2f} s, B {figures['pull_seconds']:.2f} s)"
    )
    if "scaled_seconds" in figures:
        times = figures["scaled_seconds"] / figures["seconds"]
        print(
            f"  {args.scale} edits, A sync + B sync:  {figures['scaled_seconds']:.2f} s median of"
            f" {args.repeat}: {args.scale / args.edits:.1f}x the edits, {times:.2f}x the time"
            " (target for 5x: <= 4x)"
            f" (A {figures['scaled_push_seconds']:.2f} s, B {figures['scaled_pull_seconds']:.2f} s)"
        )
    print(
        f"    bytes per changed field: push {figures['push_bytes_per_field']:.1f} B, pull {figures['pull_bytes_per_field']:.1f} B (target <= 60 B)"
    )
    print(
        f"  {args.children} edits, one per child: push {figures['one_per_child_push']:.1f} B, pull {figures['one_per_child_pull']:.1f} B per field (target <= 60 B)"
    )
    print(
        f"  sync with nothing to do: {figures['idle_requests']} request(s), {figures['idle_bytes']} B (target <= 2, <= 2 KB)"
    )
    print(
        f"  3 MB attachment, 5 cuts: {figures['resent_per_cut'] / 1024:.1f} KB re-sent per cut (target <= 256 KB)",
        flush=True,
    )


@contextmanager
def laptops(
    db: Database, in_process: bool, template: Store, folder: Path
) -> Iterator[tuple[Any, StoreSync, StoreSync, list[str]]]:
    """The county server on ``db`` and laptops A and B (copies of ``template`` in
    ``folder``), enrolled, both holding the same children, synced: the server, A, B and
    the children's ids. The server stops and the stores close as the block is left."""
    with county_server(db, in_process=in_process) as server:
        with db.write() as conn:
            accounts.create_user(conn, "bench", "director", VILLAGE, now_ms=now_ms())
        maintenance.backup_store(template, folder / "a.db")
        maintenance.backup_store(template, folder / "b.db")
        a_store = open_store(folder / "a.db", PASSPHRASE, actor="bench")
        b_store = open_store(folder / "b.db", PASSPHRASE, actor="bench")
        try:
            b = StoreSync(b_store)
            b.become_new_site()
            a = StoreSync(a_store)
            for sync in (a, b):
                with db.write() as conn:
                    code = accounts.issue_code(conn, "bench", now_ms=now_ms())
                client.enroll(server.url, user="bench", code=code, label="bench", store=sync)
            # Both laptops hold the same children; B's copy of them arrives as A's, as
            # on a second laptop enrolled empty that pulled the village: nothing of its
            # own in the outbox, its counter at 0, every field's base as pulled.
            with b_store.connection() as conn:
                second_laptop(conn)
            assert _engine(a).run().ok and _engine(b).run().ok
            with a_store.connection() as conn:
                ids = [r[0] for r in conn.exec_driver_sql("SELECT id FROM child ORDER BY id")]
            yield server, a, b, ids
        finally:
            a_store.close()
            b_store.close()


def _bench(
    args: argparse.Namespace,
    db: Database,
    in_process: bool,
    template: Store,
    folder: Path,
) -> dict[str, Any]:
    rng = random.Random(5)  # the same edits on every server
    with laptops(db, in_process, template, folder) as (server, a, b, ids):
        a_store = a.store
        if args.scale:  # every field's first version made, uncounted
            one_round(a, b, ids, len(ids) * len(FIELDS), rng)
        rounds, scaled = [], []
        for _ in range(args.repeat):  # in turns, so that both sizes see the same load
            rounds.append(one_round(a, b, ids, args.edits, rng))
            if args.scale:
                scaled.append(one_round(a, b, ids, args.scale, rng))
        per_child = [one_round(a, b, ids, len(ids), rng) for _ in range(args.repeat)]
        idle = _engine(a).run()
        data = hashlib.sha512(b"scan").digest() * (3 * 1024 * 1024 // 64)
        with a_store.session() as session:
            attachments.add_attachment(session, child_id=ids[0], name="scan.jpg", data=data)
        cutter = _Cutter(5, rng)
        transport = Transport(server.url, backoff_s=0.0, attempts=1)
        transport.session.mount("http://", cutter)
        blob_report = SyncEngine(a, transport=transport).run()
        assert blob_report.ok and blob_report.blobs_uploaded == 1, blob_report
        return {
            "database": db.engine.dialect.name,
            "server": "in-process" if in_process else "own process",
            "seconds": statistics.median(r["seconds"] for r in rounds),
            "push_bytes_per_field": statistics.median(r["push_bytes_per_field"] for r in rounds),
            "pull_bytes_per_field": statistics.median(r["pull_bytes_per_field"] for r in rounds),
            "one_per_child_push": statistics.median(r["push_bytes_per_field"] for r in per_child),
            "one_per_child_pull": statistics.median(r["pull_bytes_per_field"] for r in per_child),
            "idle_requests": idle.requests,
            "idle_bytes": idle.bytes_sent + idle.bytes_received,
            "resent_per_cut": (cutter.body_bytes - len(data)) / 5,
            "push_seconds": statistics.median(r["push_seconds"] for r in rounds),
            "pull_seconds": statistics.median(r["pull_seconds"] for r in rounds),
            **(
                {
                    "scaled_seconds": statistics.median(r["seconds"] for r in scaled),
                    "scaled_push_seconds": statistics.median(r["push_seconds"] for r in scaled),
                    "scaled_pull_seconds": statistics.median(r["pull_seconds"] for r in scaled),
                }
                if scaled
                else {}
            ),
        }


if __name__ == "__main__":
    main()
