"""Bundle benchmark (issue 16): a sync bundle of 10,000 edits on a USB stick.

Two laptops of one village hold the same 3,334 children, synced. Each then makes the
same ``--edits`` field edits (the phone, the current address and the school of its
children, in turn). Laptop A writes them into a bundle; a relay carries it to the
county server (``childcare-server serve`` in its own process, SQLite) and A reads the
reply. Laptop B sends the same edits over HTTP: the plain baseline, in the same run.

Prints the bundle's size (target: at most 40 bytes per changed field), the times of
export, relay and import, and B's bytes and time online.

    python bench/bundle_bench.py [--children 3334] [--edits 10000] [--json]
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))  # the checkout: county.py imports the tests' server

from county import serve_process  # noqa: E402
from store_bench import PASSPHRASE  # noqa: E402
from township_bench import _child  # noqa: E402

from childcare_desktop.core.vocab import RiskColour  # noqa: E402
from childcare_desktop.services import preferences  # noqa: E402
from childcare_desktop.storage.models import Child  # noqa: E402
from childcare_desktop.storage.store import Store, create_store, open_store  # noqa: E402
from childcare_desktop.storage.syncstore import StoreSync  # noqa: E402
from sync import client  # noqa: E402
from sync.client import SyncEngine, Transport, bundles  # noqa: E402
from sync.server import accounts  # noqa: E402
from sync.server.app import now_ms  # noqa: E402
from sync.server.db import Database, sqlite_url  # noqa: E402

VILLAGE = "349901101201"
FIELDS = ("phone", "current_address", "school_name")


def fill(store: Store, children: int) -> None:
    import random

    rng = random.Random(16)
    with store.session() as session:
        preferences.set_work_settings(
            session, name="李主任", role="director", region_code=VILLAGE, village="柳溪村"
        )
    with store.session() as session:
        for serial in range(1, children + 1):
            _child(session, rng, VILLAGE, serial, list(RiskColour), 0)


def edit(store: Store, edits: int) -> None:
    """``edits`` field edits, spread over the children (the same on both laptops), each
    of another field or child (edits of one field before a sync travel as one), with
    values as varied as a village's: random phone numbers and house numbers."""
    import random

    rng = random.Random(edits)
    with store.session() as session:
        kids = session.query(Child).order_by(Child.id).all()
        for i in range(edits):
            kid = kids[i % len(kids)]
            field = FIELDS[(i // len(kids)) % len(FIELDS)]
            value = {
                "phone": f"13{rng.randrange(10**9):09d}",
                "current_address": f"柳溪村{rng.randint(1, 12)}组{rng.randint(1, 200)}号",
                "school_name": rng.choice(("柳溪中心小学", "青石镇中学", "县第二小学")),
            }[field]
            setattr(kid, field, value)
            if i % 500 == 499:
                session.flush()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--children", type=int, default=3334)
    parser.add_argument("--edits", type=int, default=10_000)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        results = measure(Path(tmp), args.children, args.edits)
    if args.json:
        print(json.dumps(results, indent=2))
        return
    for key, value in results.items():
        print(f"{key:28} {value:12.2f}" if isinstance(value, float) else f"{key:28} {value:>12}")


def measure(folder: Path, children: int, edits: int) -> dict[str, float | int]:
    db = Database(sqlite_url(folder / "county.db"))
    results: dict[str, float | int] = {}
    for server in serve_process(db):
        with db.write() as conn:
            accounts.create_user(conn, "dir", "director", VILLAGE, now_ms=now_ms())
        a = create_store(folder / "a.db", PASSPHRASE, actor="bench", region_code=VILLAGE)
        fill(a, children)
        a.close()
        shutil.copyfile(folder / "a.db", folder / "b.db")
        a, b = open_store(folder / "a.db", PASSPHRASE, actor="bench"), None
        try:
            b = open_store(folder / "b.db", PASSPHRASE, actor="bench")
            StoreSync(b).become_new_site()
            for store in (a, b):
                with db.write() as conn:
                    code = accounts.issue_code(conn, "dir", now_ms=now_ms())
                client.enroll(
                    server.url, user="dir", code=code, label="bench", store=StoreSync(store)
                )
            if not SyncEngine(StoreSync(a)).run().ok:
                raise RuntimeError("the first sync failed")
            assert SyncEngine(StoreSync(b)).run().ok
            edit(a, edits)
            edit(b, edits)
            fields = StoreSync(a).pending_count()
            results["changed_fields"] = fields
            start = time.perf_counter()
            name, data = bundles.export(StoreSync(a))
            results["export_s"] = time.perf_counter() - start
            results["bundle_bytes"] = len(data)
            results["bytes_per_field"] = len(data) / fields
            stick = folder / "stick"
            stick.mkdir()
            bundles.write_whole(stick / name, data)
            start = time.perf_counter()
            done = bundles.relay(stick, Transport(server.url))
            results["relay_s"] = time.perf_counter() - start
            if done != [(name, "replied")]:
                raise RuntimeError(f"the relay failed: {done}")
            reply = (stick / name).with_suffix(bundles.REPLY_SUFFIX).read_bytes()
            results["reply_bytes"] = len(reply)
            start = time.perf_counter()
            report = bundles.read_reply(StoreSync(a), reply)
            results["import_s"] = time.perf_counter() - start
            if report.acknowledged != fields:
                raise RuntimeError(f"the reply acknowledged {report.acknowledged} of {fields}")
            start = time.perf_counter()
            online = SyncEngine(StoreSync(b)).run()
            results["http_sync_s"] = time.perf_counter() - start
            results["http_bytes_sent"] = online.bytes_sent
            results["http_bytes_per_field"] = online.bytes_sent / fields
        finally:
            a.close()
            if b is not None:
                b.close()
    return results


if __name__ == "__main__":
    main()
