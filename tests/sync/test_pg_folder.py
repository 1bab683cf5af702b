"""The tests' PostgreSQL keeps working while another pytest run starts on the machine
(as root, pytest makes its shared temporary root private again: 0700)."""

from __future__ import annotations

import getpass
import os
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path

import psycopg
import pytest
from pytest_postgresql.executors import PostgreSQLExecutor
from pytest_postgresql.janitor import DatabaseJanitor


def test_postgresql_files_lie_outside_pytests_temporary_root(
    postgresql_proc: PostgreSQLExecutor, tmp_path_factory: pytest.TempPathFactory
) -> None:
    data = Path(postgresql_proc.datadir).resolve()
    basetemp = tmp_path_factory.getbasetemp().resolve()
    # pytest-of-<user> holds every run's folders (an explicit --basetemp aside)
    every_run = Path(tempfile.gettempdir(), f"pytest-of-{getpass.getuser()}").resolve()
    for shared in (basetemp, every_run):
        assert shared not in data.parents, (data, shared)
    # Nothing above PostgreSQL's own folder was opened up for it.
    for parent in data.parents[1:]:
        assert parent.stat().st_mode & 0o001 or os.geteuid() != 0, parent


@pytest.mark.slow
def test_another_pytest_run_leaves_postgresql_its_files(
    postgresql_proc: PostgreSQLExecutor, tmp_path: Path
) -> None:
    other = tmp_path / "other"
    other.mkdir()
    (other / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
    (other / "test_other.py").write_text(
        "def test_other(tmp_path):\n    assert tmp_path.is_dir()\n", encoding="utf-8"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST_")}
    done = subprocess.run(  # its default --basetemp: the shared root, made 0700 again
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(other)],
        cwd=other,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    pg = postgresql_proc
    name = f"after_{uuid.uuid4().hex[:12]}"
    with DatabaseJanitor(user=pg.user, host=pg.host, port=pg.port, dbname=name):  # new files
        url = f"postgresql://{pg.user}@{pg.host}:{pg.port}/{name}"
        with psycopg.connect(url) as conn:
            conn.execute("CREATE TABLE t (x integer)")
            conn.execute("INSERT INTO t SELECT generate_series(1, 1000)")
            conn.execute("CHECKPOINT")
            assert conn.execute("SELECT count(*) FROM t").fetchone() == (1000,)
