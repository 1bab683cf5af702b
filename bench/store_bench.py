"""Store benchmark: 5,000 children with 12 visits each.

Prints: open + unlock time, worklist time (first after opening, again, after one visit
logged), roster search time, and the ratio of
SQLCipher to plain SQLite on the same workload (the same build, worklists and searches,
run once on an encrypted store and once on a plain one through the same driver).

    python bench/store_bench.py [--children 5000] [--visits 12] [--repeat 7] [--json]
                                [--no-duties] [--store PATH] [--cpu]

Each child also has a year of the records issue 18 added (service plans, problems,
quarterly checks, pairings and their monthly contacts, school notices, dropouts, clues),
and the village a year of its work log and 300 left-behind women and elders visited
monthly (``bench/store_duties.py``); ``--no-duties`` leaves them out, to compare.
``--store PATH`` times the day's queries on a store already built with this bench's
village (``bench/ui_bench.py --keep`` keeps one), with no plain SQLite to compare.

Targets (issue 2): unlock <= 0.5 s, worklist <= 200 ms, search <= 50 ms, ratio <= 1.3.
Figures are medians over ``--repeat`` runs; they vary with the machine and its load.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import select

from childcare_desktop.core.identity import check_digit
from childcare_desktop.core.vocab import Category, GuardianshipLevel, RiskColour, VisitMode
from childcare_desktop.services import demo
from childcare_desktop.services.roster import RosterFilter, search_roster
from childcare_desktop.services.visits import log_visit
from childcare_desktop.services.worklist import get_worklist
from childcare_desktop.storage import migrate
from childcare_desktop.storage.engine import make_engine
from childcare_desktop.storage.models import (
    Assessment,
    CategoryMembership,
    Child,
    Visit,
)
from childcare_desktop.storage.store import Store, create_store, open_store

try:  # run as a script (python bench/store_bench.py): its folder is on the path
    from store_duties import add_child_duties, add_village_duties
except ImportError:  # imported as bench.store_bench
    from bench.store_duties import add_child_duties, add_village_duties

PASSPHRASE = "bench-passphrase"
VILLAGE = "349901101201"
TODAY = date.today()
# name, initials, pinyin, and the tail of one ID number (as typed from a card)
QUERIES = ("王", "zs", "liu", "{id_tail}")


# wall time; --cpu: the process's CPU time (fairer on a machine shared with other work)
CLOCK: Callable[[], float] = time.perf_counter


def median_seconds(action: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = CLOCK()
        action()
        times.append(CLOCK() - start)
    return statistics.median(times)


def fill(store: Store, children: int, visits: int, duties: bool = True) -> None:
    """The same synthetic village for every store (seeded), through the ORM and triggers."""
    rng = random.Random(42)
    duty_rng = random.Random(43)  # its own: the children are the same with or without
    colours = list(RiskColour)
    child_ids: list[str] = []
    with store.session() as session:
        for n in range(children):
            birth = TODAY - timedelta(days=rng.randint(400, 15 * 365))
            first17 = f"349901{birth:%Y%m%d}{n % 1000:03d}"
            child = Child(
                region_code=VILLAGE,
                name=rng.choice(demo.SURNAMES) + "".join(rng.sample(demo.BOYS + demo.GIRLS, 2)),
                birth_date=birth,
                id_number=first17 + check_digit(first17),
                registered_on=TODAY - timedelta(days=rng.randint(30, 700)),
            )
            session.add(child)
            session.flush()
            session.add(
                CategoryMembership(
                    child_id=child.id,
                    region_code=VILLAGE,
                    category=Category.LEFT_BEHIND,
                    recognized_on=child.registered_on,
                )
            )
            colour = rng.choice(colours)
            session.add(
                Assessment(
                    child_id=child.id,
                    region_code=VILLAGE,
                    assessed_on=TODAY - timedelta(days=rng.randint(1, 200)),
                    level=GuardianshipLevel.FAIR,
                    colour=colour,
                )
            )
            child_ids.append(child.id)
            if duties:
                add_child_duties(session, duty_rng, child, colour, TODAY, VILLAGE)
            for k in range(visits):
                session.add(
                    Visit(
                        child_id=child.id,
                        region_code=VILLAGE,
                        visited_on=TODAY - timedelta(days=30 * k + rng.randint(0, 25)),
                        mode=VisitMode.HOME if k % 3 == 0 else VisitMode.PHONE,
                    )
                )
        if duties:
            add_village_duties(session, duty_rng, child_ids, TODAY, VILLAGE)


def workload(store: Store, repeat: int) -> dict[str, float]:
    def worklist() -> None:
        with store.session() as session:
            get_worklist(session)

    with store.session() as session:
        id_tail = session.execute(select(Child.id_number).limit(1)).scalar_one()[-6:]
    queries = [q.format(id_tail=id_tail) for q in QUERIES]

    def search() -> None:
        with store.session() as session:
            for query in queries:
                search_roster(session, filters=RosterFilter(query=query))

    with store.session() as session:
        some = session.execute(select(Child.id).order_by(Child.id)).scalars().all()[::97]
    edits = iter(range(10**6))

    def edited() -> float:
        """One visit logged (not timed), then the worklist (timed)."""
        with store.session() as session:
            n = next(edits)
            day = TODAY - timedelta(days=n % 20)
            log_visit(session, child_id=some[n % len(some)], visited_on=day, mode=VisitMode.PHONE)
        start = CLOCK()
        worklist()
        return CLOCK() - start

    first = median_seconds(worklist, 1)  # just opened: pages still encrypted
    again = median_seconds(worklist, repeat)
    return {
        "worklist_first_s": first,
        "worklist_s": again,
        "worklist_edited_s": statistics.median(edited() for _ in range(repeat)),
        "search_s": median_seconds(search, repeat) / len(QUERIES),
    }


def plain_store(path: Path) -> Store:
    engine = make_engine(path, None)  # no key: plain SQLite, same driver and schema
    migrate.create_schema(engine, actor="bench", region_code=VILLAGE)
    return Store(path, engine, "bench")


def measure(children: int, visits: int, repeat: int, duties: bool = True) -> dict[str, float]:
    """Build, close, reopen (as the app does each morning), then time the day's queries."""
    with tempfile.TemporaryDirectory() as tmp:
        results: dict[str, float] = {}
        totals = {}
        for label in ("sqlcipher", "plain"):
            path = Path(tmp) / f"{label}.db"
            encrypted = label == "sqlcipher"
            start = time.perf_counter()
            store = (
                create_store(path, PASSPHRASE, actor="bench", region_code=VILLAGE)
                if encrypted
                else plain_store(path)
            )
            fill(store, children, visits, duties)
            store.close()
            build = time.perf_counter() - start
            start = time.perf_counter()
            store = (
                open_store(path, PASSPHRASE)
                if encrypted
                else Store(path, make_engine(path, None), "bench")
            )
            opened = time.perf_counter() - start
            figures = workload(store, repeat)
            store.close()
            totals[label] = (
                build
                + opened
                + figures["worklist_first_s"]
                + repeat * (figures["worklist_s"] + figures["search_s"] * len(QUERIES))
                + repeat * figures["worklist_edited_s"]
            )
            prefix = "" if encrypted else "plain_"
            results.update({f"{prefix}{k}": v for k, v in figures.items()})
            results[f"{prefix}build_s"] = build
            if encrypted:
                results["unlock_s"] = median_seconds(
                    lambda path=path: open_store(path, PASSPHRASE).close(), repeat
                )
                results["store_mb"] = path.stat().st_size / 1e6
        results["ratio"] = totals["sqlcipher"] / totals["plain"]
        return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--children", type=int, default=5000)
    parser.add_argument("--visits", type=int, default=12)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--no-duties", action="store_true", help="without issue 18's records")
    parser.add_argument("--store", type=Path, help="time this store (passphrase of the bench)")
    parser.add_argument("--cpu", action="store_true", help="CPU time, not wall time")
    args = parser.parse_args()
    if args.cpu:
        global CLOCK
        CLOCK = time.process_time
    if args.store:
        store = open_store(args.store, PASSPHRASE)
        figures = workload(store, args.repeat)
        store.close()
        import childcare_desktop

        clock = "CPU" if args.cpu else "wall"
        print(f"code: {Path(childcare_desktop.__file__).parent.parent}, {clock} time")
        for name, key in (
            ("worklist, first after open", "worklist_first_s"),
            ("worklist, again", "worklist_s"),
            ("worklist, after one edit", "worklist_edited_s"),
            ("roster search (per query)", "search_s"),
        ):
            print(f"{name:<28}{figures[key] * 1000:9.1f} ms")
        print(f"load average: {Path('/proc/loadavg').read_text().strip()}")
        return
    r = measure(args.children, args.visits, args.repeat, duties=not args.no_duties)
    if args.json:
        print(json.dumps(r, indent=2))
        return
    year = "" if args.no_duties else ", a year of issue 18's records"
    print(f"store: {args.children} children x {args.visits} visits{year}, {r['store_mb']:.1f} MB")
    rows = [
        ("open + unlock", r["unlock_s"], 0.5),
        ("worklist, first after open", r["worklist_first_s"], 0.2),
        ("worklist, again", r["worklist_s"], 0.2),
        ("worklist, after one edit", r["worklist_edited_s"], 0.2),
        ("roster search (per query)", r["search_s"], 0.05),
    ]
    for name, seconds, target in rows:
        verdict = "ok" if seconds <= target else "OVER"
        print(f"{name:<28}{seconds * 1000:9.1f} ms   target {target * 1000:.0f} ms  {verdict}")
    verdict = "ok" if r["ratio"] <= 1.3 else "OVER"
    print(f"{'SQLCipher / plain SQLite':<28}{r['ratio']:9.2f}      target 1.30   {verdict}")
    print(
        f"  (build {r['build_s']:.1f} s vs {r['plain_build_s']:.1f} s; worklist "
        f"{r['worklist_s'] * 1000:.0f} vs {r['plain_worklist_s'] * 1000:.0f} ms; search "
        f"{r['search_s'] * 1000:.1f} vs {r['plain_search_s'] * 1000:.1f} ms)"
    )


if __name__ == "__main__":
    main()
