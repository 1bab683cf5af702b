"""A throwaway PostgreSQL 15 on loopback for the benchmark (the tests use pytest-postgresql).

PostgreSQL refuses to run as root; on a machine where we are root (CI containers) the
server runs as the ``postgres`` system user, in a folder handed over to it.

An interrupted benchmark stops its server and deletes its files (issue 19): SIGINT and
SIGTERM raise :class:`KeyboardInterrupt` in the main thread (:func:`interruptible`), so
every ``with`` block's exit runs, this server's stop and the temporary folder's removal.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import Any

BIN = Path("/usr/lib/postgresql/15/bin")


def _as_postgres(argv: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *argv] if os.geteuid() == 0 else argv


def _tool(name: str) -> str:
    found = BIN / name
    return str(found) if found.exists() else (shutil.which(name) or name)


SIGNALS = (signal.SIGINT, signal.SIGTERM)
_interrupted: list[int] = []  # the signal that ended the run (the first; later ones wait)


def _raise(signum: int, _frame: FrameType | None) -> None:
    if _interrupted:  # cleaning up already: a second Ctrl-C must not cut the stop short
        return
    _interrupted.append(signum)
    raise KeyboardInterrupt(signal.Signals(signum).name)


@contextmanager
def interruptible() -> Iterator[None]:
    """Inside: SIGINT and SIGTERM raise KeyboardInterrupt (SIGTERM's default would end the
    process at once, its PostgreSQL running and its files left). Main thread only."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    before = {s: signal.signal(s, _raise) for s in SIGNALS}
    try:
        yield
    finally:
        for s, handler in before.items():
            signal.signal(s, handler)


@contextmanager
def _deferred() -> Iterator[None]:
    """Signals wait until the block ends (the server's start: a ``pg_ctl`` killed half way
    would leave a server that nothing stops), then act as they would have."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    came: list[int] = []
    before = {s: signal.signal(s, lambda signum, _f: came.append(signum)) for s in SIGNALS}
    try:
        yield
    finally:
        for s, handler in before.items():
            signal.signal(s, handler)
        if came:
            signal.raise_signal(came[0])


@contextmanager
def postgres(folder: Path) -> Iterator[str]:
    folder.mkdir(parents=True, exist_ok=True)
    data = folder / "data"
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
        folder.chmod(0o755)
        for parent in folder.parents:  # the postgres user must be able to walk in
            if parent == Path("/"):
                break
            parent.chmod(parent.stat().st_mode | 0o011)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    run: dict[str, Any] = {"check": True, "stdout": subprocess.DEVNULL, "stderr": subprocess.PIPE}
    with interruptible():
        try:
            subprocess.run(
                _as_postgres(
                    [_tool("initdb"), "-D", str(data), "-U", "bench", "--auth=trust", "-E", "UTF8"]
                ),
                **run,
            )
            options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=on"
            start = [_tool("pg_ctl"), "-D", str(data), "-o", options, "-l", str(folder / "log")]
            with _deferred():
                subprocess.run(_as_postgres([*start, "-w", "start"]), **run)
            subprocess.run(
                _as_postgres(
                    [_tool("createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", "bench", "sync"]
                ),
                **run,
            )
            yield f"postgresql+psycopg://bench@127.0.0.1:{port}/sync"
        finally:
            _stop(data)


def _stop(data: Path) -> None:
    """Stop the server if it runs (its start may have failed, or been interrupted)."""
    if not (data / "postmaster.pid").exists():
        return
    subprocess.run(
        _as_postgres([_tool("pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"]),
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
