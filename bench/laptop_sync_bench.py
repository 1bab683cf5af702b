"""The laptops' share of a sync, without a server: what laptop A does with the server's
answers to 10,000 single-field edits (``pending`` and ``acknowledge``, batch by batch)
and what laptop B does to apply them (``apply_page``), on real encrypted stores.

The server's answers are made here (every edit applied, versions in order), so the
figures are the laptops' alone and steady enough to compare two versions of the code:

    python bench/laptop_sync_bench.py [--children 1500] [--edits 10000] [--repeat 5]

Run it against another checkout with ``PYTHONPATH=<checkout>``. Prints, per step, the
median wall and CPU seconds of ``--repeat`` rounds (each round on fresh copies of the two
stores); figures vary with the machine and its load.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

sys.path.append(str(Path(__file__).resolve().parent.parent))  # after PYTHONPATH

from workload import FIELDS, PASSPHRASE, VILLAGE

from childcare_desktop.storage import maintenance
from childcare_desktop.storage.store import create_store, open_store
from childcare_desktop.storage.syncstore import StoreSync
from sync.client.store import Ack, Entry
from sync.protocol import EntryKind, Status

BATCH = 2000  # the engine's MAX_BATCH, and about a pulled transaction (APPLY_ENTRIES)


def build(folder: Path, children: int) -> list[str]:
    """Store A with ``children`` children, all acknowledged, and B a copy of it."""
    a = create_store(folder / "a.db", PASSPHRASE, actor="bench", region_code=VILLAGE)
    ids = [str(uuid.UUID(int=random.Random(i).getrandbits(128))) for i in range(children)]
    with a.connection() as conn:
        conn.exec_driver_sql(
            "INSERT INTO child (id, region_code, name, registered_on) "
            "VALUES (?, ?, ?, '2026-01-01')",
            [(i, VILLAGE, f"儿童{n}") for n, i in enumerate(ids)],
        )
    sync = StoreSync(a)
    site = sync.sync_state().site_id
    _acknowledge(sync, site, seq=0)
    a.close()
    maintenance.backup_store(open_store(folder / "a.db", PASSPHRASE), folder / "b.db")
    b = open_store(folder / "b.db", PASSPHRASE, actor="bench")
    StoreSync(b).become_new_site()
    b.close()
    return ids


def _acknowledge(sync: StoreSync, site: str, seq: int) -> tuple[int, list[Entry], float]:
    """Take every pending change as the server would; returns the last seq, the
    entries another laptop pulls, and the seconds spent (pending and acknowledge)."""
    entries: list[Entry] = []
    spent = 0.0
    after = 0
    while True:
        t = time.perf_counter()
        ops = sync.pending(BATCH, after=after)
        if not ops:
            spent += time.perf_counter() - t
            return seq, entries, spent
        acks = [Ack(op.ctr, Status.APPLIED, seq + k + 1) for k, op in enumerate(ops)]
        sync.acknowledge(site, acks, ops)
        spent += time.perf_counter() - t
        for k, op in enumerate(ops):
            kind = EntryKind.INSERT if op.kind == "insert" else EntryKind.SET
            entries.append(
                Entry(seq + k + 1, seq + k + 1, kind, op.table, op.row_id, op.field, op.value)
            )
        seq, after = seq + len(ops), ops[-1].ctr


def one_round(folder: Path, ids: list[str], edits: int, rng: random.Random) -> dict[str, float]:
    work = folder / "round"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir()
    for name in ("a.db", "b.db"):
        shutil.copy(folder / name, work / name)
    a = open_store(work / "a.db", PASSPHRASE, actor="bench")
    b = open_store(work / "b.db", PASSPHRASE, actor="bench")
    pairs = [(i, f) for f in FIELDS for i in ids]
    rng.shuffle(pairs)
    with a.connection() as conn:
        for n, (child_id, field) in enumerate((pairs * (edits // len(pairs) + 1))[:edits]):
            value = f"139{n:08d}" if field == "phone" else f"{field[:2]}{n:06d}"  # valid
            conn.exec_driver_sql(f"UPDATE child SET {field} = ? WHERE id = ?", (value, child_id))
    sa, sb = StoreSync(a), StoreSync(b)
    cpu = time.process_time()
    _seq, entries, a_wall = _acknowledge(sa, sa.sync_state().site_id, seq=len(ids))
    a_cpu = time.process_time() - cpu
    assert len(entries) == edits, len(entries)
    cpu, t = time.process_time(), time.perf_counter()
    for k in range(0, len(entries), BATCH):
        part = entries[k : k + BATCH]
        sb.apply_page(VILLAGE, part[-1].seq, part)
    b_wall, b_cpu = time.perf_counter() - t, time.process_time() - cpu
    with b.connection() as conn:
        got = conn.exec_driver_sql(
            "SELECT count(*) FROM field_base WHERE version > ?", (len(ids),)
        ).scalar_one()
    assert got == len({(e.row_id, e.field) for e in entries}), got
    a.close()
    b.close()
    return {"a_wall": a_wall, "a_cpu": a_cpu, "b_wall": b_wall, "b_cpu": b_cpu}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--children", type=int, default=1500)
    parser.add_argument("--edits", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="laptop-sync-bench-") as tmp:
        folder = Path(tmp)
        ids = build(folder, args.children)
        rng = random.Random(5)
        rounds = [one_round(folder, ids, args.edits, rng) for _ in range(args.repeat)]
    fig: dict[str, Any] = {k: statistics.median(r[k] for r in rounds) for k in rounds[0]}
    print(
        f"{args.edits} edits: A pending+acknowledge {fig['a_wall']:.3f} s "
        f"(cpu {fig['a_cpu']:.3f} s); B apply_page {fig['b_wall']:.3f} s "
        f"(cpu {fig['b_cpu']:.3f} s); median of {args.repeat}"
    )


if __name__ == "__main__":
    main()
