"""The county server for a benchmark: its own process (as deployed) or a thread here.

Imported by the scripts of this folder after they have put the app's checkout on the path.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from types import SimpleNamespace
from typing import Any

import requests

from sync.protocol import API
from sync.server.db import Database
from tests.sync.conftest import serve

__all__ = ["county_server", "serve_process"]


def serve_process(db: Database) -> Iterator[Any]:
    """``childcare-server serve`` in its own process, on a free loopback port."""
    db.migrate()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
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
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(200):
            try:
                if requests.get(f"{url}{API}/ping", timeout=1).ok:
                    break
            except requests.ConnectionError:
                time.sleep(0.05)  # a process starting: nothing to wait on but the port
        else:
            raise RuntimeError("the county server did not start")
        yield SimpleNamespace(url=url, db=db)
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        db.dispose()


def county_server(db: Database, *, in_process: bool) -> AbstractContextManager[Any]:
    """The county server, left (its process ended) as the ``with`` block is, however
    it is: a generator left in a ``for`` loop by an exception would run its ``finally``
    only when collected, after the database under it had stopped."""
    return contextmanager(serve if in_process else serve_process)(db)
