"""What visit_latest's triggers (store migration 0022) add to a first pull's inserts.

A new laptop's first pull inserts every visit of its children one statement per table
(storage.applying.insert_rows), in the feed's order, not a child's visits together; each
insert fires the trigger that recomputes the child's row. Prints SQLite VM steps (counted
by the progress handler, every 100) and seconds for ``--children`` x each ``--visits``,
with and without the triggers, on a plain in-memory database holding visit's index.

    python bench/visit_latest_bench.py [--children 2000] [--visits 6 24 60]
"""

from __future__ import annotations

import argparse
import importlib.util
import random
import sqlite3
import time
from datetime import date, timedelta
from pathlib import Path

MIGRATION = (
    Path(__file__).resolve().parents[1]
    / "childcare_desktop/storage/migrations/versions/0022_visit_latest.py"
)
SCHEMA = """
CREATE TABLE child (id TEXT PRIMARY KEY);
CREATE TABLE visit (id TEXT PRIMARY KEY, child_id TEXT REFERENCES child (id),
    visited_on DATE, mode TEXT, deleted BOOLEAN DEFAULT 0, notes TEXT);
CREATE INDEX ix_visit_child_day ON visit (child_id, visited_on, mode, deleted);
CREATE TABLE visit_latest (child_id TEXT PRIMARY KEY, last_on DATE, last_home_on DATE)
    WITHOUT ROWID;
"""


def triggers() -> dict[str, str]:
    spec = importlib.util.spec_from_file_location("m0022", MIGRATION)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return dict(module.TRIGGERS)


def pull(children: int, visits: int, with_triggers: bool) -> tuple[int, float]:
    db = sqlite3.connect(":memory:")
    db.executescript(SCHEMA)
    if with_triggers:
        for name, body in triggers().items():
            db.execute(f"CREATE TRIGGER {name} {body}")
    rng = random.Random(1)
    kids = [f"c{i:05d}" for i in range(children)]
    db.executemany("INSERT INTO child VALUES (?)", [(k,) for k in kids])
    start = date.today()
    rows = [
        (
            f"v{n}-{k}",
            k,
            (start - timedelta(rng.randint(0, 5 * 365))).isoformat(),
            rng.choice(("home", "phone")),
            "x" * 100,
        )
        for k in kids
        for n in range(visits)
    ]
    rng.shuffle(rows)
    steps = [0]

    def tick() -> int:
        steps[0] += 1
        return 0

    db.set_progress_handler(tick, 100)
    began = time.perf_counter()
    db.executemany(
        "INSERT INTO visit (id, child_id, visited_on, mode, notes) VALUES (?, ?, ?, ?, ?)", rows
    )
    return steps[0] * 100, time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--children", type=int, default=2000)
    parser.add_argument("--visits", type=int, nargs="+", default=[6, 24, 60])
    args = parser.parse_args()
    for visits in args.visits:
        for with_triggers in (False, True):
            steps, seconds = pull(args.children, visits, with_triggers)
            label = "triggers" if with_triggers else "none"
            print(
                f"{args.children} children x {visits:>3} visits  {label:8}  "
                f"VM steps {steps:>12,}  {seconds:6.2f} s"
            )


if __name__ == "__main__":
    main()
