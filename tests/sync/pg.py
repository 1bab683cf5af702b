"""A throwaway PostgreSQL 15 on loopback for the benchmark (the tests use pytest-postgresql).

PostgreSQL refuses to run as root; on a machine where we are root (CI containers) the
server runs as the ``postgres`` system user, in a folder handed over to it.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

BIN = Path("/usr/lib/postgresql/15/bin")


def _as_postgres(argv: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *argv] if os.geteuid() == 0 else argv


def _tool(name: str) -> str:
    found = BIN / name
    return str(found) if found.exists() else (shutil.which(name) or name)


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
    run = {"check": True, "stdout": subprocess.DEVNULL, "stderr": subprocess.PIPE}
    subprocess.run(
        _as_postgres(
            [_tool("initdb"), "-D", str(data), "-U", "bench", "--auth=trust", "-E", "UTF8"]
        ),
        **run,
    )
    options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=on"
    subprocess.run(
        _as_postgres(
            [
                _tool("pg_ctl"),
                "-D",
                str(data),
                "-o",
                options,
                "-l",
                str(folder / "log"),
                "-w",
                "start",
            ]
        ),
        **run,
    )
    try:
        subprocess.run(
            _as_postgres(
                [_tool("createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", "bench", "sync"]
            ),
            **run,
        )
        yield f"postgresql+psycopg://bench@127.0.0.1:{port}/sync"
    finally:
        subprocess.run(
            _as_postgres([_tool("pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"]), **run
        )
