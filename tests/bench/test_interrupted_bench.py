"""An interrupted benchmark stops what it started and deletes its files (issue 19: an
interrupted ``bench/sync_bench.py`` used to leave its PostgreSQL running and 150 MB in the
temporary folder).

The real script runs as a subprocess with small figures and its own temporary folder;
once its PostgreSQL is up (and, for SIGTERM, its county server process too) it gets the
signal, as from Ctrl-C or a ``kill``. Every wait is a poll with a deadline.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DEADLINE_S = 120.0  # a limit, not a wait: generous for a machine running other tests
SMALL = ("--children", "20", "--edits", "20", "--repeat", "1")

pytestmark = pytest.mark.slow  # a subprocess and a PostgreSQL: about 10 s a case


def _until(
    what: Callable[[], object], bench: subprocess.Popen[bytes], say: str, wait_s: float = DEADLINE_S
) -> object:
    """Poll ``what`` until it gives something true; fails if the bench ends first."""
    deadline = time.monotonic() + wait_s
    while time.monotonic() < deadline:
        found = what()
        if found:
            return found
        if bench.poll() is not None:
            pytest.fail(f"the bench ended before {say}: {bench.stderr.read()!r}")  # type: ignore[union-attr]
        time.sleep(0.05)
    pytest.fail(f"no {say} within {wait_s} s")


def _alive(pid: int) -> bool:
    """Running (a zombie no reaper collected is not)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return False
    return "\nState:\tZ" not in status


def _processes() -> dict[int, tuple[int, str]]:
    """Every process: its parent and its command line."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            line = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        found[int(entry.name)] = (int(stat.rsplit(")", 1)[1].split()[1]), line)
    return found


def _postmaster(temp: Path) -> int | None:
    """The bench's PostgreSQL once it accepts connections (its pid file says "ready")."""
    for pid_file in temp.glob("**/pg/data/postmaster.pid"):  # a folder per server run
        lines = pid_file.read_text().splitlines()
        if len(lines) >= 8 and lines[7].strip() == "ready":
            return int(lines[0])
    return None


def _child(bench: int, marker: str) -> int | None:
    """A process the bench started itself, by a word of its command line."""
    for pid, (parent, line) in _processes().items():
        if parent == bench and marker in line:
            return pid
    return None


@pytest.fixture
def temp() -> Iterator[Path]:
    """The bench's temporary folder: short, under the system's (PostgreSQL's socket path
    in it must stay under 108 bytes, which a deep pytest folder is not), removed after."""
    folder = Path(tempfile.mkdtemp(prefix="bench-int-"))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def _postgresql_up(bench: subprocess.Popen[bytes], temp: Path) -> int:
    postmaster = _until(lambda: _postmaster(temp), bench, "PostgreSQL ready")
    assert isinstance(postmaster, int) and _alive(postmaster)
    return postmaster


def _child_up(bench: subprocess.Popen[bytes], marker: str, wait_s: float = DEADLINE_S) -> int:
    found = _until(partial(_child, bench.pid, marker), bench, marker, wait_s)
    assert isinstance(found, int)
    return found


def _interrupt(
    script: str,
    temp: Path,
    signum: int,
    started: Callable[[subprocess.Popen[bytes]], list[int]],
) -> None:
    """Run ``bench/<script>`` on PostgreSQL with small figures in ``temp``; once
    ``started`` has waited for (and given) the processes it must stop, send ``signum``;
    then none of them runs, nothing runs from ``temp`` and ``temp`` is empty."""
    bench = subprocess.Popen(
        [sys.executable, str(ROOT / "bench" / script), "--servers", "postgresql", *SMALL],
        cwd=ROOT,
        env={**os.environ, "TMPDIR": str(temp)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        pids = started(bench)
        assert any(temp.iterdir())
        bench.send_signal(signum)
        _, err = bench.communicate(timeout=DEADLINE_S)
    finally:
        if bench.poll() is None:
            bench.kill()
            bench.wait()
    assert bench.returncode != 0  # interrupted, not finished
    assert [pid for pid in pids if _alive(pid)] == [], err.decode()
    left = [pid for pid, (_, line) in _processes().items() if str(temp) in line and _alive(pid)]
    assert left == [], "a process of the bench's folder still runs"
    assert list(temp.iterdir()) == [], "the bench left files in the temporary folder"


@pytest.mark.parametrize(
    ("signum", "server_up"),
    [(signal.SIGINT, False), (signal.SIGTERM, True)],
    ids=["sigint-postgresql-up", "sigterm-server-up"],
)
def test_an_interrupted_bench_stops_postgresql_and_deletes_its_folder(
    temp: Path, signum: int, server_up: bool
) -> None:
    def started(bench: subprocess.Popen[bytes]) -> list[int]:
        pids = [_postgresql_up(bench, temp)]
        if server_up:
            pids.append(_child_up(bench, "sync.server.cli"))
        return pids

    _interrupt("sync_bench.py", temp, signum, started)


def _peer_installed() -> bool:
    """The peer's packages are in the bench's cache (an install takes minutes: not here)."""
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from peer_bench import PEER, cache
    finally:
        sys.path.remove(str(ROOT / "bench"))
    done = cache() / "installed.json"
    wanted = (PEER / "package.json").read_text()
    return bool(shutil.which("node")) and done.exists() and done.read_text() == wanted


@pytest.mark.skipif(not _peer_installed(), reason="the peer is not installed (run peer_bench)")
def test_an_interrupted_peer_bench_stops_the_peer_and_postgresql(temp: Path) -> None:
    def started(bench: subprocess.Popen[bytes]) -> list[int]:
        # node starts slower than the county server on a loaded machine
        pids = [
            _child_up(bench, marker, 3 * DEADLINE_S) for marker in ("pouchdb-server", "round.js")
        ]
        return [*pids, _postgresql_up(bench, temp)]

    _interrupt("peer_bench.py", temp, signal.SIGTERM, started)
