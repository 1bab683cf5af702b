"""The county server for a benchmark: its own process (as deployed) or a thread here.

Imported by the scripts of this folder after they have put the app's checkout on the path.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import requests

import sync
from sync.protocol import API
from sync.server.db import Database
from tests.sync.conftest import serve

__all__ = ["county_server", "free_port", "serve_process", "serving", "stop"]


STARTUP_S = 60.0  # a loaded machine takes its time to import the server


def free_port() -> int:
    """A TCP port free on loopback now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _answers(url: str) -> bool:
    try:
        return requests.get(url, timeout=1).ok
    except requests.ConnectionError:
        return False


@contextmanager
def serving(
    command: list[str], ping: str, *, cwd: Path, env: dict[str, str] | None = None
) -> Iterator[int]:
    """``command``, a server, in its own process: its pid once ``ping`` (a URL) answers.
    Stopped (terminated, killed if it lingers) as the ``with`` block is left."""
    process = subprocess.Popen(
        command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        deadline = time.monotonic() + STARTUP_S
        while not _answers(ping):
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"{Path(command[1]).name} did not start")
            time.sleep(0.05)  # a process starting: nothing to wait on but the port
        yield process.pid
    finally:
        stop(process)


def stop(process: subprocess.Popen[Any]) -> None:
    """Ends ``process``: terminated, killed if it lingers, reaped."""
    if process.poll() is None:
        process.terminate()
    try:
        process.wait(10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def serve_process(db: Database) -> Iterator[Any]:
    """``childcare-server serve`` in its own process, on a free loopback port."""
    db.migrate()
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "sync.server.cli",
        "--db",
        db.url,
        "serve",
        "--port",
        str(port),
    ]
    url = f"http://127.0.0.1:{port}"
    # Run from the checkout this process imported the server from (``-m`` puts the
    # working folder first on the path): a bench of another checkout's code serves it.
    code = Path(sync.__file__).resolve().parent.parent
    # Its decision journal goes with it (by default, beside PostgreSQL, it would be the
    # user's data folder: the next bench's fresh database would be refused as behind it).
    journal = tempfile.TemporaryDirectory(prefix="bench-journal-")
    env = {**os.environ, "CHILDCARE_SERVER_JOURNAL": f"{journal.name}/decisions.jsonl"}
    try:
        with serving(command, f"{url}{API}/ping", cwd=code, env=env) as pid:
            yield SimpleNamespace(url=url, db=db, pid=pid)
    finally:
        journal.cleanup()
        db.dispose()


def county_server(db: Database, *, in_process: bool) -> AbstractContextManager[Any]:
    """The county server, left (its process ended) as the ``with`` block is, however
    it is: a generator left in a ``for`` loop by an exception would run its ``finally``
    only when collected, after the database under it had stopped."""
    return contextmanager(serve if in_process else serve_process)(db)
