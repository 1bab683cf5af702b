"""The console's 查阅记录 over a large audit table on PostgreSQL (issue 17).

A throwaway PostgreSQL (tests/sync/pg.py) gets the server's tables (its migrations), 100
villages' directors with a laptop each, and ``--entries`` audit entries spread over a
year (a fifth of them prints), plus 5,000 staff actions. Then one page of the trail is
timed, median of 5, with each filter the page offers and deep in the pages.

    python bench/audit_trail_bench.py [--entries 1000000]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sync.server import audit_trail
from sync.server import schema as s
from sync.server.db import Database
from sync.server.merge.write import insert_many
from tests.sync.pg import postgres

COUNTY = "349901"
VILLAGES = [f"{COUNTY}{t:03d}{v:03d}" for t in range(101, 111) for v in range(201, 211)]
ACTIONS = ["printed"] * 2 + ["child_viewed"] * 4 + ["visit_logged"] * 3 + ["exported"]
START = datetime(2026, 1, 1, tzinfo=UTC)


def _people(db: Database) -> list[str]:
    sites = []
    with db.write() as conn:
        for n, village in enumerate(VILLAGES, 1):
            conn.execute(
                s.user.insert().values(
                    id=n,
                    name=f"dir{n}",
                    role="director",
                    region=village,
                    active=True,
                    created_ms=0,
                )
            )
            device = uuid.uuid4().hex
            conn.execute(
                s.device.insert().values(
                    id=device,
                    user_id=n,
                    label=f"laptop{n}",
                    token_hash=uuid.uuid4().hex,
                    created_ms=0,
                    token_issued_ms=0,
                    expires_ms=2**62,
                )
            )
            site = uuid.uuid4().hex
            conn.execute(s.site.insert().values(site_id=site, device_id=device, created_ms=0))
            sites.append(site)
    return sites


def _fill(db: Database, sites: list[str], entries: int) -> None:
    rng = random.Random(7)
    per_site = entries // len(sites)
    for site in sites:
        moments = sorted(rng.randrange(365 * 86_400) for _ in range(per_site))
        rows = [
            {
                "site_id": site,
                "segment": 0,
                "id": n,
                "hlc": n,
                "at": (START + timedelta(seconds=m, hours=8)).strftime("%Y-%m-%dT%H:%M:%S+08:00"),
                "actor": "李主任",
                "action": rng.choice(ACTIONS),
                "child_id": None,
                "detail": '{"doc": "dossier"}',
                "prev_hash": "0" * 64,
                "hash": f"{n:064x}",
                "received_ms": 0,
            }
            for n, m in enumerate(moments, 1)
        ]
        with db.write() as conn:
            insert_many(conn, s.audit_entry, rows)
    staff = [
        {
            "id": uuid.uuid4().hex,
            "at_ms": int(START.timestamp() * 1000) + n * 6_000_000,
            "staff": "wangfang",
            "action": rng.choice(["login", "summary_downloaded"]),
            "detail": "",
            "client": "127.0.0.1",
        }
        for n in range(5000)
    ]
    with db.write() as conn:
        insert_many(conn, s.staff_audit, staff)
        conn.exec_driver_sql("ANALYZE")


def _time(db: Database, work: Callable[[Any], Any]) -> float:
    times = []
    for _ in range(5):
        with db.read() as conn:
            began = time.perf_counter()
            work(conn)
            times.append((time.perf_counter() - began) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, default=1_000_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder, postgres(Path(folder)) as url:
        db = Database(url, journal=Path(folder) / "journal")
        db.migrate()
        began = time.perf_counter()
        _fill(db, _people(db), args.entries)
        print(f"{args.entries:,} entries written in {time.perf_counter() - began:.0f} s")
        F = audit_trail.Filters
        cases = {
            "page 1, everything": (F(reports=True), 1),
            "page 1, printed": (F(kind="printed", reports=True), 1),
            "page 1, one township": (F(region=VILLAGES[0][:9], reports=True), 1),
            "page 1, one village": (F(region=VILLAGES[0], reports=True), 1),
            "page 1, one user": (F(user="dir7", reports=True), 1),
            "page 1, one month": (F(start=date(2026, 6, 1), end=date(2026, 6, 30)), 1),
            "page 100, everything": (F(reports=True), 100),
            "page 1, console only": (F(kind="console"), 1),
        }
        for name, (filters, number) in cases.items():
            took = _time(db, lambda conn, f=filters, n=number: audit_trail.page(conn, f, n))
            print(f"{name:24s} {took:8.1f} ms")
        db.dispose()


if __name__ == "__main__":
    main()
