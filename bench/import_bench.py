"""Ledger import benchmark: a 5,000-row 登记表-style ledger into a new store.

The ledger has a two-row merged header and, per child, the child's own columns, father,
mother, a grandmother and the carer (about 20 filled cells a row), with the value forms
villages type (dates as 2016.7.1 and 2016年7月1日, two phone numbers in a cell, √ columns).
Prints the time of the import (one transaction), of a re-import (every row unchanged),
and resident memory sampled during the import: after the first 1,000 rows, at the end,
and the peak, so a footprint that grows with the ledger shows.

    python bench/import_bench.py [--rows 5000] [--json]

Target (issue 6): 5,000 rows in <= 20 s, memory bounded. Figures vary with the machine.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from openpyxl import Workbook

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from childcare_desktop.core.identity import check_digit
from childcare_desktop.services import ledger_import
from childcare_desktop.services.common import Progress
from childcare_desktop.storage.store import create_store

PASSPHRASE = "bench-passphrase"
VILLAGE = "349901101201"
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "芳明华伟秀英丽强磊军洋勇艳杰娟涛超霞平刚桂"


def rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        pages = int(statm.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 1e6


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 / 1e6


def build_ledger(path: Path, rows: int, rng: random.Random) -> None:
    book = Workbook(write_only=True)
    ws = book.create_sheet("登记表")
    ws.append(["姓名", "性别", "出生日期", "公民身份号码", "现住址", "就学情况", None, None,
               "父亲", None, None, "母亲", None, "祖母姓名", "监护人", "与儿童关系", "监护人电话",
               "儿童类别", "是否寄宿", "备注"])  # fmt: skip
    ws.append([None, None, None, None, None, "小学", "初中", "幼儿园", "姓名", "务工地点",
               "联系电话", "姓名", "联系电话"] + [None] * 7)  # fmt: skip
    start = date(2011, 1, 1)
    for n in range(rows):
        birth = start + timedelta(days=rng.randrange(9 * 365))
        first17 = f"3499{n // 1000:02d}{birth:%Y%m%d}{n % 1000:03d}"  # never the same twice
        stage = rng.randrange(3)
        surname = SURNAMES[n % len(SURNAMES)]
        name = surname + GIVEN[(n // 20) % len(GIVEN)] + GIVEN[(n // 400) % len(GIVEN)]
        written = f"{birth.year}.{birth.month}.{birth.day}" if n % 2 else f"{birth:%Y年%-m月%-d日}"
        ws.append([
            name, "男" if int(first17[16]) % 2 else "女", written, first17 + check_digit(first17),
            f"柳溪村{n % 12 + 1}组{n % 90 + 1}号",
            "√" if stage == 0 else None, "√" if stage == 1 else None, "√" if stage == 2 else None,
            surname + "大" + GIVEN[n % 20], "广东省深圳市", f"138{n:08d}",
            "何" + GIVEN[n % 20], f"139{n:08d}，137{n:08d}", "—" if n % 7 == 0 else "张桂花",
            surname + "奶奶", "奶奶", f"136{n:08d}", "留守儿童", "是" if n % 3 else "否", None,
        ])  # fmt: skip
    book.save(path)


class Sampler(Progress):
    def __init__(self) -> None:
        self.samples: dict[int, float] = {}

    def report(self, done: int, total: int, note: str = "") -> None:
        self.samples[done] = rss_mb()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        ledger = folder / "ledger.xlsx"
        build_ledger(ledger, args.rows, random.Random(6))
        store = create_store(folder / "store.db", PASSPHRASE, actor="bench", region_code=VILLAGE)
        before = rss_mb()
        sampler = Sampler()
        t0 = time.perf_counter()
        with store.session() as session:
            report = ledger_import.import_ledger(session, ledger, progress=sampler)
        first = time.perf_counter() - t0
        t0 = time.perf_counter()
        with store.session() as session:
            again = ledger_import.import_ledger(session, ledger)
        second = time.perf_counter() - t0
        store.close()
    early = min((k for k in sampler.samples if k >= 1000), default=max(sampler.samples))
    figures: dict[str, Any] = {
        "rows": args.rows,
        "import_s": round(first, 2),
        "reimport_s": round(second, 2),
        "imported": report.counts()["imported"],
        "unchanged_on_reimport": again.counts()["unchanged"],
        "rss_before_mb": round(before, 1),
        "rss_after_1000_rows_mb": round(sampler.samples[early], 1),
        "rss_at_end_mb": round(sampler.samples[max(sampler.samples)], 1),
        "peak_mb": round(peak_mb(), 1),
    }
    if args.json:
        print(json.dumps(figures, ensure_ascii=False))
        return
    print(f"{args.rows} rows: import {first:.1f} s (target <= 20 s), re-import {second:.1f} s")
    print(
        f"  imported {figures['imported']}, unchanged on re-import {figures['unchanged_on_reimport']}"
    )
    print(
        f"  resident memory: {figures['rss_before_mb']} MB before, "
        f"{figures['rss_after_1000_rows_mb']} MB after 1,000 rows, "
        f"{figures['rss_at_end_mb']} MB at the end (peak {figures['peak_mb']} MB)"
    )


if __name__ == "__main__":
    main()
