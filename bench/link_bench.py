"""Link benchmark (issue 13): a new laptop's first sync of a 2,000-child village over a
rural hotspot, through the tests' link model (tests/sync/link.py).

Laptop A builds the demo village (2,000 children take a few minutes) and syncs it to the
county server directly. Laptop B, new, then makes its first sync through a link of
256 kbps each way, 150 ms per chunk, every connection reset within its first 64 KB;
laptop C makes the same first sync through the same link uncut. Prints for each the
time, the bytes on the wire (counted by the proxy, both ways), the requests, the cuts
and the changes pulled.

    python bench/link_bench.py [--children 2000] [--rate 256000] [--delay 0.15]
                               [--cut-kb 64] [--db URL] [--json]

Without ``--db`` the server keeps a SQLite file. Figures vary with the machine.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from childcare_desktop.services import demo
from childcare_desktop.storage.store import create_store
from childcare_desktop.storage.syncstore import StoreSync
from sync import client
from sync.client import SyncEngine, Transport
from sync.server import accounts
from sync.server.app import now_ms
from sync.server.db import Database, sqlite_url
from tests.sync.conftest import serve
from tests.sync.link import Link, LinkModel

PASSPHRASE = "bench-passphrase"
VILLAGE = "349901101201"


def _laptop(folder: Path, name: str, server: Any) -> StoreSync:
    store = create_store(folder / f"{name}.db", PASSPHRASE, actor=name, region_code=VILLAGE)
    sync = StoreSync(store)
    with server.db.write() as conn:
        code = accounts.issue_code(conn, "bench", now_ms=now_ms())
    client.enroll(server.url, user="bench", code=code, label=name, store=sync)
    return sync


def _first_sync(sync: StoreSync, proxy: Link) -> dict[str, Any]:
    transport = Transport(proxy.url, backoff_s=0.0, timeout=60)
    before = proxy.snapshot()
    started = time.perf_counter()
    report = SyncEngine(sync, transport=transport).run()
    seconds = time.perf_counter() - started
    after = proxy.snapshot()
    transport.session.close()
    assert report.ok, (report.error, report.message)
    return {
        "seconds": seconds,
        "bytes": after.total - before.total,
        "requests": after.requests - before.requests,
        "cuts": after.cuts - before.cuts,
        "pulled": report.pulled,
    }


def _bench(args: argparse.Namespace, db: Database, folder: Path) -> dict[str, Any]:
    for server in serve(db):
        with db.write() as conn:
            accounts.create_user(conn, "bench", "director", VILLAGE, now_ms=now_ms())
        a = _laptop(folder, "a", server)
        started = time.perf_counter()
        with a.store.session() as session:
            demo.build_demo_village(session, children=args.children, seed=3, mark_demo=False)
        built = time.perf_counter() - started
        assert SyncEngine(a).run().ok
        paced = {"rate_bps": args.rate, "delay_s": args.delay}
        cut = Link(server.url, LinkModel(cut_within=(1, args.cut_kb * 1024), **paced))
        clean = Link(server.url, LinkModel(**paced))
        try:
            figures = {
                "children": args.children,
                "demo_seconds": built,
                "cut": _first_sync(_laptop(folder, "b", server), cut),
                "uncut": _first_sync(_laptop(folder, "c", server), clean),
            }
        finally:
            cut.close()
            clean.close()
        return figures
    raise RuntimeError("server did not start")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--children", type=int, default=2000)
    parser.add_argument("--rate", type=int, default=256_000, help="bits per second, each way")
    parser.add_argument("--delay", type=float, default=0.15, help="seconds per chunk")
    parser.add_argument("--cut-kb", type=int, default=64, help="connections cut within this")
    parser.add_argument("--db", help="server database URL (default: a SQLite file)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db = Database(args.db or sqlite_url(folder / "server.db"))
        figures = _bench(args, db, folder)
    if args.json:
        print(json.dumps(figures, indent=2))
        return
    print(
        f"first sync of a new laptop, {args.children}-child village, "
        f"{args.rate // 1000} kbps, {args.delay * 1000:.0f} ms per chunk:"
    )
    for name in ("cut", "uncut"):
        f = figures[name]
        what = f"cuts within {args.cut_kb} KB" if name == "cut" else "uncut"
        print(
            f"  {what:>17}: {f['seconds']:.1f} s, {f['bytes'] / 1024:.0f} KB, "
            f"{f['requests']} requests, {f['cuts']} cuts, {f['pulled']} changes pulled"
        )
    ratio = figures["cut"]["bytes"] / figures["uncut"]["bytes"]
    print(f"  bytes cut / uncut: {ratio:.2f} (target <= 1.3)")


if __name__ == "__main__":
    main()
