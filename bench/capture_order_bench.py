"""What putting captured rows parents first costs at COMMIT (storage/capture_order.py).

Prints, with the commit hook on and off (same store, same process, alternating):
  - a transaction that edits one field (the app's everyday write), median per commit;
  - a transaction with nothing captured (a read), median per commit;
  - one transaction inserting --children children with --visits visits each, every
    visit written BEFORE its child (raw SQL, deferred foreign keys): the hook re-sequences
    all of it; and the same rows in the right order (the hook reads and leaves them).

    python bench/capture_order_bench.py [--children 1000] [--visits 12] [--repeat 200]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import event

from childcare_desktop.storage import engine as store_engine
from childcare_desktop.storage.store import Store, create_store

VILLAGE = "349901101201"


def hook(store: Store, on: bool) -> None:
    present = event.contains(store.engine, "commit", store_engine._parents_first)
    if on and not present:
        event.listen(store.engine, "commit", store_engine._parents_first)
    if not on and present:
        event.remove(store.engine, "commit", store_engine._parents_first)


def per_commit(store: Store, work: Callable[[object], None], repeat: int) -> dict[bool, float]:
    times: dict[bool, list[float]] = {True: [], False: []}
    for n in range(repeat * 2):
        on = n % 2 == 0
        hook(store, on)
        start = time.perf_counter()
        with store.connection() as conn:
            work(conn)
        times[on].append(time.perf_counter() - start)
    hook(store, True)
    return {on: statistics.median(t) for on, t in times.items()}


def bulk(store: Store, children: int, visits: int, parents_last: bool) -> float:
    start = time.perf_counter()
    with store.connection() as conn:
        conn.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
        for _ in range(children):
            child = str(uuid.uuid4())
            rows = [
                (
                    "INSERT INTO visit (id, child_id, region_code, visited_on, mode) "
                    "VALUES (?, ?, ?, '2026-01-02', 'phone')",
                    (str(uuid.uuid4()), child, VILLAGE),
                )
                for _ in range(visits)
            ]
            parent = (
                "INSERT INTO child (id, region_code, name, registered_on) "
                "VALUES (?, ?, '孩子', '2026-01-01')",
                (child, VILLAGE),
            )
            for sql, params in [*rows, parent] if parents_last else [parent, *rows]:
                conn.exec_driver_sql(sql, params)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--children", type=int, default=1000)
    parser.add_argument("--visits", type=int, default=12)
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = create_store(Path(tmp) / "s.db", "bench-passphrase", region_code=VILLAGE)
        with store.connection() as conn:
            conn.exec_driver_sql(
                "INSERT INTO child (id, region_code, name, registered_on) "
                "VALUES ('c', ?, '甲', '2026-01-01')",
                (VILLAGE,),
            )
        edits = iter(range(10**9))
        one = per_commit(
            store,
            lambda c: c.exec_driver_sql(  # type: ignore[attr-defined]
                "UPDATE child SET notes = ? WHERE id = 'c'", (str(next(edits)),)
            ),
            args.repeat,
        )
        read = per_commit(
            store,
            lambda c: c.exec_driver_sql("SELECT count(*) FROM child").all(),  # type: ignore[attr-defined]
            args.repeat,
        )
        print(f"one-field edit per transaction: {one[True] * 1e3:.2f} ms with the hook, "
              f"{one[False] * 1e3:.2f} ms without")  # fmt: skip
        print(f"a read-only transaction:        {read[True] * 1e3:.2f} ms with the hook, "
              f"{read[False] * 1e3:.2f} ms without")  # fmt: skip
        rows = args.children * (args.visits + 1)
        for parents_last in (True, False):
            figures = {}
            for on in (False, True):
                hook(store, on)
                figures[on] = bulk(store, args.children, args.visits, parents_last)
            hook(store, True)
            order = "parents last (all moved)" if parents_last else "parents first (none moved)"
            print(f"{rows:,} rows in one transaction, {order}: {figures[True]:.2f} s with the "
                  f"hook, {figures[False]:.2f} s without")  # fmt: skip
        store.close()


if __name__ == "__main__":
    main()
