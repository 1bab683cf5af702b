"""Server benchmark: does the county server keep answering while hostile bodies arrive?

Issue 12, finding 3: one unauthenticated 30 KB request (``{"ops":[[1],[1],...]}``
gzip-inflated to millions of items) froze the server for 14 s and took its memory from
83 to 770 MB. This runs ``childcare-server serve`` as its own process on loopback (a
SQLite file, or ``--db URL``), sends rounds of 4 concurrent hostile requests (half
without a token, half with a real device token: those reach the parser) while pinging
``GET /v1/ping``, and prints

* how the hostile requests were answered (status codes; every one must be a 4xx),
* the ping latency during the attack: median and slowest (target: median <= 100 ms),
* the server process's peak memory (VmHWM) before and after the attack.

    python bench/server_bench.py [--db URL] [--rounds 6] [--json]

Figures vary with the machine and its load.
"""

from __future__ import annotations

import argparse
import gzip
import json
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sync.protocol import API
from sync.server import accounts
from sync.server.db import Database, sqlite_url

VILLAGE = "349901101201"
SITE = "0" * 32
PING_TIMEOUT_S = 20.0


def hostile_bodies() -> dict[str, bytes]:
    """Gzip bodies of a few KB each: the finding's, and some just inside each bound of a
    push (with a token, those reach the parser)."""
    head = b'{"site":"' + SITE.encode() + b'","ops":'

    def packed(ops: bytes) -> bytes:
        return gzip.compress(head + ops + b"}", 9)

    return {
        "ops_bomb": packed(b"[" + b"[1]," * 7_500_000 + b"[1]]"),  # the finding: 30 MB
        "containers": packed(b"[" + b"{}," * 1_000_000 + b"{}]"),
        "values": packed(b"[" + b"0," * 2_000_000 + b"0]"),
        "deep": packed(b"[" * 20_000 + b"]" * 20_000),  # a RecursionError in the parser
        "values_in_bounds": packed(b"[" + (b"[" + b"0," * 140 + b"0],") * 1_999 + b"[0]]"),
        "one_string": packed(b'["' + b"x" * 8_300_000 + b'"]'),
        "long_strings": packed(json.dumps([["x" * 15_999] * 500]).encode()),
    }


@contextmanager
def serve_process(url: str) -> Iterator[tuple[str, int]]:
    """``childcare-server serve`` in its own process on a free loopback port: (url, pid)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, "-m", "sync.server.cli", "--db", url, "serve", "--port", str(port)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(400):
            try:
                if requests.get(f"{base}{API}/ping", timeout=1).ok:
                    break
            except requests.ConnectionError:
                time.sleep(0.05)  # a process starting: nothing to wait on but the port
        else:
            raise RuntimeError("the county server did not start")
        yield base, process.pid
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:  # still busy with a hostile body
            process.kill()
            process.wait(10)


def peak_memory_kb(pid: int) -> int:
    """The process's peak resident memory (VmHWM), in KB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    raise RuntimeError("no VmHWM")


def enroll_device(db: Database, base: str) -> str:
    """A real device token (a director of one village)."""
    with db.write() as conn:
        accounts.create_user(conn, "bench", "director", VILLAGE, now_ms=int(time.time() * 1000))
        code = accounts.issue_code(conn, "bench", now_ms=int(time.time() * 1000))
    answer = requests.post(
        f"{base}{API}/enroll", json={"user": "bench", "code": code, "label": "bench"}, timeout=30
    )
    answer.raise_for_status()
    return str(answer.json()["token"])


def attack(base: str, token: str, rounds: int, *, time_limit_s: float = 120.0) -> dict[str, Any]:
    """Rounds of 4 concurrent hostile requests while pinging; returns the figures."""
    bodies = hostile_bodies()
    kinds = list(bodies)
    statuses: Counter[str] = Counter()
    pings: list[float] = []
    failed = 0
    ping_session = requests.Session()
    started = time.monotonic()
    for n in range(rounds):
        if time.monotonic() - started > time_limit_s:
            break
        threads = []
        for k in range(4):
            kind = kinds[(n + k) % len(kinds)]
            authorised = k % 2 == 1
            threads.append(
                threading.Thread(
                    target=_hostile,
                    args=(base, bodies[kind], token if authorised else None, statuses),
                )
            )
        for t in threads:
            t.start()
        while any(t.is_alive() for t in threads):
            t0 = time.perf_counter()
            try:
                ping_session.get(f"{base}{API}/ping", timeout=PING_TIMEOUT_S).raise_for_status()
            except requests.RequestException:
                failed += 1  # counted as the timeout: the server did not answer in time
            pings.append(time.perf_counter() - t0)
            threads[0].join(0.01)  # a ping every 10 ms or so
        for t in threads:
            t.join()
    return {
        "statuses": dict(statuses),
        "pings": len(pings),
        "pings_unanswered": failed,
        "ping_median_ms": statistics.median(pings) * 1000 if pings else None,
        "ping_max_ms": max(pings) * 1000 if pings else None,
        "bodies_bytes": {k: len(v) for k, v in bodies.items()},
    }


def _hostile(base: str, body: bytes, token: str | None, statuses: Counter[str]) -> None:
    headers = {"Content-Type": "application/json", "Content-Encoding": "gzip"}
    if token is not None:
        headers["Authorization"] = f"Bearer {token}"
    try:
        answer = requests.post(f"{base}{API}/push", data=body, headers=headers, timeout=120)
        statuses[str(answer.status_code)] += 1
    except requests.RequestException as exc:
        statuses[type(exc).__name__] += 1


def run(url: str | None, rounds: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="server-bench-") as tmp:
        db = Database(url or sqlite_url(Path(tmp) / "server.db"))
        db.migrate()
        try:
            with serve_process(db.url) as (base, pid):
                token = enroll_device(db, base)
                before = peak_memory_kb(pid)
                figures = attack(base, token, rounds)
                figures["memory_before_mb"] = before / 1024
                figures["memory_peak_mb"] = peak_memory_kb(pid) / 1024
        finally:
            db.dispose()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", default=None, help="server database URL (default: a SQLite file)")
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    figures = run(args.db, args.rounds)
    if args.json:
        print(json.dumps(figures, indent=2))
        return
    sizes = ", ".join(f"{k} {v / 1024:.0f} KB" for k, v in figures["bodies_bytes"].items())
    print(f"hostile bodies (gzip): {sizes}")
    print(f"{args.rounds} rounds of 4 concurrent hostile pushes: answers {figures['statuses']}")
    print(
        f"ping during the attack ({figures['pings']} pings, "
        f"{figures['pings_unanswered']} unanswered within {PING_TIMEOUT_S:.0f} s): median "
        f"{figures['ping_median_ms']:.1f} ms, slowest {figures['ping_max_ms']:.1f} ms "
        "(target: median <= 100 ms)"
    )
    print(
        f"server peak memory (VmHWM): {figures['memory_before_mb']:.0f} MB before, "
        f"{figures['memory_peak_mb']:.0f} MB after the attack"
    )


if __name__ == "__main__":
    main()
