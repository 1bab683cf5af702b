"""Batch printing benchmark (issue 15): 300 agreements on a township's store, two villages.

Prints, for one merged PDF and for one PDF per child: the wall time of the batch (each child
in its own transaction, as the app and ``childcare print --village`` run it), the resident
memory after 100 children and at the end, the highest seen during the batch (sampled after
every child), and the size of what was written. Memory that stays put between 100 and 300
children is flat; a merged PDF grows by what it holds (about 90 kB per agreement, mostly
its font subset), in PDFium's memory, not in Python's.

    python bench/print_bench.py [--children 300] [--json]

Target (issue 15): 300 agreements <= 60 s, flat memory. Figures vary with the machine's load.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from childcare_desktop.services import agreements, family, preferences
from childcare_desktop.services.batch_print import BatchRequest, batch_children, print_batch
from childcare_desktop.services.children import register_child
from childcare_desktop.services.common import Progress
from childcare_desktop.storage.store import Store, create_store

PASSPHRASE = "bench-passphrase-batch"
TOWNSHIP = "349901101"
VILLAGES = (TOWNSHIP + "201", TOWNSHIP + "202")
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "小明晓雨子涵梓萱浩然一诺欣怡宇轩思远佳怡俊杰"


def rss_mb() -> float:
    """Resident memory now (Linux), in MB."""
    with open("/proc/self/statm") as statm:
        pages = int(statm.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 1e6


def build(store: Store, children: int) -> None:
    """A township's store: ``children`` children over two villages, each with a carer and
    an agreement drafted (what 委托照护协议书 prints)."""
    today = date.today()
    with store.session() as s:
        preferences.set_work_settings(
            s, name="周督导", role="supervisor", region_code=TOWNSHIP, township="青石镇"
        )
    with store.session() as s:
        for n in range(children):
            name = SURNAMES[n % 20] + GIVEN[(n * 7) % 20] + GIVEN[(n * 3 + 1) % 20]
            child = register_child(
                s,
                name=name,
                sex="female" if n % 2 else "male",
                birth_date=today - timedelta(days=365 * 6 + 17 * (n % 150)),
                categories=["left_behind"],
                registered_on=today - timedelta(days=60),
                region_code=VILLAGES[n % 2],
            )
            carer = family.add_carer(
                s, child_id=child.id, name=name[0] + "桂兰", relation="paternal_grandmother"
            )
            agreements.draft_agreement(
                s,
                child_id=child.id,
                carer_id=carer.id,
                start_date=today - timedelta(days=30),
                end_date=today + timedelta(days=330),
            )


class Sampled(Progress):
    def __init__(self) -> None:
        self.at_100 = 0.0
        self.peak = 0.0

    def report(self, done: int, total: int, note: str = "") -> None:
        now = rss_mb()
        self.peak = max(self.peak, now)
        if done == 100:
            self.at_100 = now


def batch(store: Store, out: Path, *, merged: bool) -> dict[str, Any]:
    with store.session() as session:
        ids = batch_children(session, villages=VILLAGES)

    def run(job: Any) -> Any:
        with store.session() as session:
            return job(session)

    sampled = Sampled()
    start = time.perf_counter()
    result = print_batch(run, BatchRequest("agreement", out, merged=merged), ids, sampled)
    seconds = time.perf_counter() - start
    size = sum(p.stat().st_size for p in result.written)
    return {
        "agreements": result.printed,
        "files": len(result.written),
        "seconds": round(seconds, 1),
        "per_child_ms": round(seconds / max(1, result.printed) * 1000),
        "rss_after_100_mb": round(sampled.at_100, 1),
        "rss_at_end_mb": round(rss_mb(), 1),
        "rss_peak_mb": round(sampled.peak, 1),
        "written_mb": round(size / 1e6, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--children", type=int, default=300)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = create_store(Path(tmp) / "bench.db", PASSPHRASE, region_code=TOWNSHIP)
        started = time.perf_counter()
        build(store, args.children)
        figures: dict[str, Any] = {"build_s": round(time.perf_counter() - started, 1)}
        figures["per_child"] = batch(store, Path(tmp) / "each", merged=False)
        figures["merged"] = batch(store, Path(tmp) / "merged.pdf", merged=True)
        store.close()
    if args.json:
        print(json.dumps(figures))
        return
    print(f"{'build_s':>18}: {figures['build_s']}")
    for how in ("per_child", "merged"):
        print(how)
        for key, value in figures[how].items():
            print(f"{key:>18}: {value}")


if __name__ == "__main__":
    main()
