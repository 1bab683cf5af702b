"""Document benchmark: one dossier with 60 visits, and 500 dossiers in one batch.

Prints: the time to make one 60-visit dossier (median), the time of a 500-child batch
(one PDF per child, as the app and ``childcare print --all`` write them), and the
process's resident memory after 100 and after 500 dossiers, with its peak: a bounded
batch keeps the same footprint at 500 as at 100.

    python bench/doc_bench.py [--children 500] [--repeat 7] [--json]

Targets (issue 4): one dossier <= 0.5 s; 500 dossiers <= 90 s, peak memory not growing
with the batch. Figures vary with the machine and its load.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from childcare_desktop.services import demo, printing, visits
from childcare_desktop.services.children import register_child
from childcare_desktop.services.roster import RosterFilter, search_roster
from childcare_desktop.storage.store import Store, create_store

PASSPHRASE = "bench-passphrase"
VILLAGE = "349901101201"


def rss_mb() -> float:
    """Resident memory now (Linux), in MB."""
    with open("/proc/self/statm") as statm:
        pages = int(statm.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 1e6


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 / 1e6  # KiB on Linux


def sixty_visit_child(store: Store) -> str:
    today = date.today()
    with store.session() as session:
        child = register_child(
            session,
            name="六十次",
            birth_date=today - timedelta(days=9 * 365),
            sex="female",
            categories=["left_behind"],
            registered_on=today - timedelta(days=61 * 14),
        )
        for n in range(60):
            visits.log_visit(
                session,
                child_id=child.id,
                visited_on=today - timedelta(days=14 * n + 1),
                mode="home" if n % 3 == 0 else "phone",
                findings=f"第{60 - n}次走访：学习、生活情况正常，与奶奶沟通良好。",
            )
    return child.id


class Checkpoints(printing.Progress):
    def __init__(self, marks: tuple[int, ...]) -> None:
        self.marks = marks
        self.memory: dict[int, float] = {}

    def report(self, done: int, total: int, note: str = "") -> None:
        if done in self.marks:
            self.memory[done] = rss_mb()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--children", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = create_store(Path(tmp) / "bench.db", PASSPHRASE, region_code=VILLAGE)
        started = time.perf_counter()
        with store.session() as session:
            demo.build_demo_village(session, children=args.children, seed=7)
        built = time.perf_counter() - started
        child = sixty_visit_child(store)
        times = []
        pages = 0
        for _ in range(args.repeat):
            start = time.perf_counter()
            with store.session() as session:
                pdf = printing.dossier(session, child_id=child)
            times.append(time.perf_counter() - start)
            pages = pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages")
        with store.session() as session:
            ids = [c.id for c in search_roster(session, filters=RosterFilter(status="all"))]

        def run(job: Any) -> Any:
            with store.session() as session:
                return job(session)

        marks = (100, len(ids))
        progress = Checkpoints(marks)
        start = time.perf_counter()
        result = printing.print_dossiers(run, ids, Path(tmp) / "out", progress=progress)
        batch = time.perf_counter() - start
        store.close()
    figures = {
        "children_built": args.children,
        "build_s": round(built, 1),
        "dossier_60_visits_s": round(statistics.median(times), 3),
        "dossier_60_visits_pages": pages,
        "batch_dossiers": len(result.written),
        "batch_s": round(batch, 1),
        "per_dossier_ms": round(batch / max(1, len(result.written)) * 1000),
        "rss_after_100_mb": round(progress.memory.get(100, 0), 1),
        f"rss_after_{len(ids)}_mb": round(progress.memory.get(len(ids), 0), 1),
        "peak_rss_mb": round(peak_mb(), 1),
    }
    if args.json:
        print(json.dumps(figures))
        return
    for key, value in figures.items():
        print(f"{key:>24}: {value}")


if __name__ == "__main__":
    main()
