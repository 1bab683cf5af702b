"""The county server's share of a sync, without the laptops: its merge and its pull.

1,500 children pushed as inserts; then each round pushes 10,000 single-field edits
(batches of 2,000, each over its field's current version, as laptop A sends them) and
pulls them back as laptop B would, page by page. The requests' handlers are called in
this process (``answer_push``, ``answer_pull``: the body parsed and bounded, the merge,
the commit), with no HTTP around them, on each server database asked for. Prints the
median time of a round's pushes and of its pulls.

    python bench/merge_bench.py [--servers sqlite,postgresql] [--children 1500]
                                [--edits 10000] [--repeat 5] [--profile FILE]

PostgreSQL is a throwaway one on loopback (the tests' launcher). ``--profile`` writes a
cProfile of the rounds' handlers to FILE.sqlite, FILE.postgresql. Figures vary with the load.
"""

from __future__ import annotations

import argparse
import cProfile
import dataclasses
import json
import random
import secrets
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from childcare_desktop.core.roles import Role
from sync.protocol import Operation, OpKind, Status, encode_ops
from sync.server import accounts
from sync.server import schema as s
from sync.server.api.sync import PullIn, PushIn, answer_pull, answer_push
from sync.server.app import now_ms
from sync.server.db import Database, sqlite_url
from sync.server.principal import Principal
from tests.sync.hostile import child_row
from tests.sync.pg import interruptible, postgres

VILLAGE = "349901101201"
BATCH = 2000
FIELDS = ("phone", "notes", "current_address", "school_name", "illness", "hukou_address")


class Site:
    """One laptop's site on the server: its counter and the versions it knows."""

    def __init__(self, db: Database, who: Principal) -> None:
        self.db, self.who = db, who
        self.site, self.ctr = secrets.token_hex(16), 0
        self.seconds = 0.0  # in the server's handlers
        self.profile: cProfile.Profile | None = None
        with db.write() as conn:
            t = now_ms()
            conn.execute(
                s.site.insert().values(
                    site_id=self.site, device_id=who.device_id, hwm=0, created_ms=t, last_seen_ms=t
                )
            )

    def push(self, ops: list[Operation]) -> list[list[Any]]:
        results: list[list[Any]] = []
        for i in range(0, len(ops), BATCH):
            numbered = []
            for op in ops[i : i + BATCH]:
                self.ctr += 1
                numbered.append(dataclasses.replace(op, site_id=self.site, ctr=self.ctr))
            body = json.dumps({"site": self.site, "ops": encode_ops(numbered)})
            t0 = time.perf_counter()
            if self.profile:
                self.profile.enable()
            sent = PushIn.model_validate_json(body)
            results += answer_push(self.db, self.who, sent, False)["results"]
            if self.profile:
                self.profile.disable()
            self.seconds += time.perf_counter() - t0
        return results

    def pull(self, cursors: dict[str, int]) -> int:
        pulled = 0
        t0 = time.perf_counter()
        if self.profile:
            self.profile.enable()
        while True:
            sent = PullIn.model_validate_json(json.dumps({"site": self.site, "cursors": cursors}))
            answer = answer_pull(self.db, self.who, sent)
            json.dumps(answer)  # as the reply sends it
            for page in answer["pages"]:
                pulled += len(page["e"])
                cursors[page["r"]] = page["to"]
            if not answer.get("more"):
                if self.profile:
                    self.profile.disable()
                self.seconds += time.perf_counter() - t0
                return pulled


def _director(db: Database, name: str) -> Principal:
    with db.write() as conn:
        uid = accounts.create_user(conn, name, "director", VILLAGE, now_ms=now_ms())
        code = accounts.issue_code(conn, name, now_ms=now_ms())
        device_id, _token, _ = accounts.enroll(conn, name, code, "bench", now_ms=now_ms())
    role = Role.parse("director")
    assert role is not None
    return Principal(device_id, uid, name, role, VILLAGE)


def _op(table: str, row: str, kind: OpKind, name: str | None, value: Any, base: int | None) -> Any:
    ms = int(time.time() * 1000)
    region = VILLAGE if kind is OpKind.INSERT else ""
    return Operation("", 0, table, row, kind, name, value, region, ms << 16, ms, base)


def bench(db: Database, args: argparse.Namespace, profile: cProfile.Profile | None) -> dict:
    db.migrate()
    a, b = Site(db, _director(db, "a")), Site(db, _director(db, "b"))
    ids = [str(uuid.uuid4()) for _ in range(args.children)]
    rows = [
        {"region_code": VILLAGE, "deleted": 0, **child_row(f"儿童{i}")} for i in range(len(ids))
    ]
    done = a.push(
        [_op("child", i, OpKind.INSERT, None, r, None) for i, r in zip(ids, rows, strict=True)]
    )
    versions = {(i, f): r[2] for i, r in zip(ids, done, strict=True) for f in FIELDS}
    cursors: dict[str, int] = {}
    b.pull(cursors)
    rng, serial = random.Random(5), 0
    pushes, pulls = [], []
    for _ in range(args.repeat):
        keys = list(versions)
        rng.shuffle(keys)
        edits = []
        for child, name in (keys * (args.edits // len(keys) + 1))[: args.edits]:
            serial += 1
            value = f"139{serial:08d}" if name == "phone" else f"{name[:2]}{serial:06d}"
            edits.append(((child, name), _op("child", child, OpKind.SET, name, value, None)))
        a.profile = b.profile = profile
        a.seconds = b.seconds = 0.0
        results = []
        for i in range(0, len(edits), BATCH):  # each batch over the versions known now
            part = [dataclasses.replace(op, base=versions[k]) for k, op in edits[i : i + BATCH]]
            for (k, _), r in zip(edits[i : i + BATCH], a.push(part), strict=True):
                versions[k] = r[2]
                results.append(r[1])
        pulled = b.pull(cursors)
        applied = results.count(Status.APPLIED.value)
        assert applied == args.edits and pulled >= args.edits, (applied, pulled)
        pushes.append(a.seconds)
        pulls.append(b.seconds)
    return {"push_s": statistics.median(pushes), "pull_s": statistics.median(pulls)}


@contextmanager
def database(kind: str, folder: Path) -> Iterator[Database]:
    if kind == "sqlite":
        yield Database(sqlite_url(folder / "server.db"), journal=folder / "journal.jsonl")
    else:
        with postgres(folder / "pg") as url:
            yield Database(url, journal=folder / "journal.jsonl")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--servers", default="sqlite,postgresql")
    parser.add_argument("--children", type=int, default=1500)
    parser.add_argument("--edits", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--profile")
    args = parser.parse_args()
    with interruptible():
        for kind in args.servers.split(","):
            profile = cProfile.Profile() if args.profile else None
            with (
                tempfile.TemporaryDirectory(prefix="merge-bench-") as tmp,
                database(kind, Path(tmp)) as db,
            ):
                figures = bench(db, args, profile)
                db.dispose()
            print(
                f"{kind}: {args.edits} edits pushed in {figures['push_s']:.3f} s, "
                f"pulled in {figures['pull_s']:.3f} s (median of {args.repeat})",
                flush=True,
            )
            if profile:
                profile.dump_stats(f"{args.profile}.{kind}")


if __name__ == "__main__":
    main()
