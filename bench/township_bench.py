"""Township benchmark: one supervisor's laptop holding 20 villages x 300 children.

Prints: the 工作台's table of villages, the worklist of one village (the target of issue
15: <= 200 ms), the roster of one village, and for comparison the whole township's
worklist; medians over ``--repeat`` runs, on a store built, closed and reopened.

    python bench/township_bench.py [--villages 20] [--children 300] [--visits 6] [--repeat 7] [--json]

The store is filled through the ORM and its triggers (change capture on), as
bench/store_bench.py fills its village: each child has a category, an assessment of a
random colour and ``--visits`` visits. Then the first sync of a new supervisor's laptop:
the store is pushed to a county server (its own process, SQLite) and an empty township
store pulls it whole (``--no-pull`` skips it). The batch of 300 agreements is
bench/print_bench.py's.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))  # the checkout: county.py imports the tests' server

from county import serve_process  # noqa: E402
from store_bench import PASSPHRASE, median_seconds  # noqa: E402

from childcare_desktop.core.identity import check_digit  # noqa: E402
from childcare_desktop.core.vocab import (  # noqa: E402
    Category,
    GuardianshipLevel,
    RiskColour,
    VisitMode,
)
from childcare_desktop.services import demo, preferences  # noqa: E402
from childcare_desktop.services.roster import RosterFilter, search_roster  # noqa: E402
from childcare_desktop.services.township import village_table  # noqa: E402
from childcare_desktop.services.worklist import get_worklist  # noqa: E402
from childcare_desktop.storage.models import (  # noqa: E402
    Assessment,
    CategoryMembership,
    Child,
    Visit,
)
from childcare_desktop.storage.store import Store, create_store, open_store  # noqa: E402
from childcare_desktop.storage.syncstore import StoreSync  # noqa: E402
from sync import client  # noqa: E402
from sync.client import SyncEngine  # noqa: E402
from sync.server import accounts  # noqa: E402
from sync.server.app import now_ms  # noqa: E402
from sync.server.db import Database, sqlite_url  # noqa: E402

TOWNSHIP = "349901101"
TODAY = date.today()


def village_code(n: int) -> str:
    return f"{TOWNSHIP}{201 + n:03d}"


def fill(store: Store, villages: int, children: int, visits: int) -> None:
    """The same synthetic township for every run (seeded), through the ORM and triggers."""
    rng = random.Random(15)
    colours = list(RiskColour)
    with store.session() as session:
        preferences.set_work_settings(
            session, name="周督导", role="supervisor", region_code=TOWNSHIP, township="青石镇"
        )
    serial = 0
    for v in range(villages):
        code = village_code(v)
        with store.session() as session:  # one transaction a village, as a pull would
            for _ in range(children):
                serial += 1
                _child(session, rng, code, serial, colours, visits)


def _child(
    session: object, rng: random.Random, code: str, serial: int, colours: list, visits: int
) -> None:  # type: ignore[type-arg]
    birth = TODAY - timedelta(days=rng.randint(400, 15 * 365))
    first17 = f"349901{birth:%Y%m%d}{serial % 1000:03d}"
    child = Child(
        region_code=code,
        name=rng.choice(demo.SURNAMES) + "".join(rng.sample(demo.BOYS + demo.GIRLS, 2)),
        birth_date=birth,
        id_number=first17 + check_digit(first17),
        registered_on=TODAY - timedelta(days=rng.randint(30, 700)),
    )
    session.add(child)  # type: ignore[attr-defined]
    session.flush()  # type: ignore[attr-defined]
    session.add(  # type: ignore[attr-defined]
        CategoryMembership(
            child_id=child.id,
            region_code=code,
            category=Category.LEFT_BEHIND,
            recognized_on=child.registered_on,
        )
    )
    session.add(  # type: ignore[attr-defined]
        Assessment(
            child_id=child.id,
            region_code=code,
            assessed_on=TODAY - timedelta(days=rng.randint(1, 200)),
            level=GuardianshipLevel.FAIR,
            colour=rng.choice(colours),
        )
    )
    for k in range(visits):
        session.add(  # type: ignore[attr-defined]
            Visit(
                child_id=child.id,
                region_code=code,
                visited_on=TODAY - timedelta(days=30 * k + rng.randint(0, 25)),
                mode=VisitMode.HOME if k % 3 == 0 else VisitMode.PHONE,
            )
        )


def workload(store: Store, repeat: int, village: str) -> dict[str, float]:
    def run(job: object) -> float:
        def once() -> None:
            with store.session() as session:
                job(session)  # type: ignore[operator]

        return median_seconds(once, repeat)

    return {
        "village_table_s": run(village_table),
        "worklist_village_s": run(lambda s: get_worklist(s, region_prefix=village)),
        "roster_village_s": run(
            lambda s: search_roster(s, filters=RosterFilter(status="all", region_prefix=village))
        ),
        "worklist_township_s": run(get_worklist),
        "roster_township_s": run(lambda s: search_roster(s, filters=RosterFilter(status="all"))),
    }


def first_pull(path: Path, folder: Path) -> dict[str, float]:
    """The township's first pull by a new supervisor's laptop: the store at ``path`` is
    pushed to a county server (``childcare-server serve`` in its own process, on a SQLite
    file), then an empty township store enrolled for the same township syncs it whole."""
    db = Database(sqlite_url(folder / "county.db"))
    results: dict[str, float] = {}
    for server in serve_process(db):
        with db.write() as conn:
            for user in ("old-laptop", "new-laptop"):
                accounts.create_user(conn, user, "supervisor", TOWNSHIP, now_ms=now_ms())
        full = open_store(path, PASSPHRASE, actor="bench")
        new = create_store(folder / "new.db", PASSPHRASE, actor="bench", region_code=TOWNSHIP)
        try:
            for user, store in (("old-laptop", full), ("new-laptop", new)):
                with db.write() as conn:
                    code = accounts.issue_code(conn, user, now_ms=now_ms())
                client.enroll(server.url, user=user, code=code, label=user, store=StoreSync(store))
            start = time.perf_counter()
            report = SyncEngine(StoreSync(full)).run()
            results["push_township_s"] = time.perf_counter() - start
            start = time.perf_counter()
            pulled = SyncEngine(StoreSync(new)).run()
            results["first_pull_s"] = time.perf_counter() - start
            if not (report.ok and pulled.ok):
                raise RuntimeError(f"the bench's sync failed: {report} {pulled}")
            results["first_pull_changes"] = float(pulled.pulled)
        finally:
            full.close()
            new.close()
    return results


def measure(
    villages: int, children: int, visits: int, repeat: int, *, pull: bool = True
) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "township.db"
        start = time.perf_counter()
        store = create_store(path, PASSPHRASE, actor="bench", region_code=TOWNSHIP)
        fill(store, villages, children, visits)
        store.close()
        results = {"build_s": time.perf_counter() - start}
        store = open_store(path, PASSPHRASE, actor="bench")
        one = village_code(villages // 2)
        start = time.perf_counter()
        with store.session() as session:
            village_table(session)
        results["village_table_first_s"] = time.perf_counter() - start  # pages still cold
        results.update(workload(store, repeat, one))
        store.close()
        results["store_mb"] = path.stat().st_size / 1e6
        if pull:
            results.update(first_pull(path, Path(tmp)))
        return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--villages", type=int, default=20)
    parser.add_argument("--children", type=int, default=300, help="per village")
    parser.add_argument("--visits", type=int, default=6, help="per child")
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--no-pull", action="store_true", help="skip the first pull")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    r = measure(args.villages, args.children, args.visits, args.repeat, pull=not args.no_pull)
    if args.json:
        print(json.dumps(r, indent=2))
        return
    total = args.villages * args.children
    print(
        f"township: {args.villages} villages x {args.children} children ({total}) x "
        f"{args.visits} visits, {r['store_mb']:.1f} MB, built in {r['build_s']:.0f} s"
    )
    rows = [
        ("village table, first after open", r["village_table_first_s"], None),
        ("village table, again", r["village_table_s"], None),
        ("worklist of one village", r["worklist_village_s"], 0.2),
        ("roster of one village", r["roster_village_s"], None),
        ("worklist of the township", r["worklist_township_s"], None),
        ("roster of the township", r["roster_township_s"], None),
    ]
    for name, seconds, target in rows:
        verdict = (
            ""
            if target is None
            else ("  target 200 ms  " + ("ok" if seconds <= target else "OVER"))
        )
        print(f"{name:<34}{seconds * 1000:9.1f} ms{verdict}")
    if "first_pull_s" in r:
        print(f"{'push of the township (old laptop)':<34}{r['push_township_s']:9.1f} s")
        print(
            f"{'first pull (new laptop)':<34}{r['first_pull_s']:9.1f} s"
            f"  ({r['first_pull_changes']:.0f} changes)"
        )


if __name__ == "__main__":
    main()
