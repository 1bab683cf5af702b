"""A writer killed with SIGKILL mid-burst leaves a store that opens, passes the check,
and has an outbox row for every committed change."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from childcare_desktop.storage import maintenance
from childcare_desktop.storage.models import SYNCED_MODELS
from childcare_desktop.storage.store import open_store
from tests.conftest import PASSPHRASE

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
@pytest.mark.parametrize("commits_before_kill", [3, 25])
def test_sigkill_mid_burst_loses_no_committed_change(
    store_path: Path, commits_before_kill: int
) -> None:
    env = {**os.environ, "CHILDCARE_PASSPHRASE": PASSPHRASE}
    with subprocess.Popen(
        [sys.executable, "-m", "tests.storage.kill_writer", str(store_path)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    ) as writer:
        assert writer.stdout is not None
        committed = [writer.stdout.readline().split() for _ in range(commits_before_kill)]
        os.kill(writer.pid, signal.SIGKILL)  # lands inside the next burst
        writer.wait(timeout=30)
    assert writer.returncode == -signal.SIGKILL
    assert len(committed) == commits_before_kill and all(len(c) == 2 for c in committed)
    assert Path(f"{store_path}-wal").exists()  # died with an open log: opening must recover it

    store = open_store(store_path, PASSPHRASE)
    try:
        report = maintenance.check_store(store)
        assert report.ok, report.problems
        with store.connection() as conn:
            ops = conn.execute(text("SELECT tbl, row_id, kind, field, value FROM outbox")).all()
            inserted = {(o.tbl, o.row_id) for o in ops if o.kind == "insert"}
            for model in SYNCED_MODELS:  # no row exists without its captured insert
                table = model.__tablename__
                rows = conn.execute(text(f"SELECT id FROM {table}")).scalars()
                assert {(table, r) for r in rows} <= inserted
            for _n, child_id in committed:  # each reported commit is fully there
                notes = [
                    json.loads(o.value) for o in ops if o.row_id == child_id and o.field == "notes"
                ]
                assert notes == [f"第{k}次修改" for k in range(10)]
                visits = conn.execute(
                    text("SELECT count(*) FROM visit WHERE child_id = :c"), {"c": child_id}
                ).scalar()
                assert visits == 5
    finally:
        store.close()
