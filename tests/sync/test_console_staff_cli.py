"""``childcare-server staff``: staff accounts from the command line, their passwords
checked for strength, every change audited, and kept by a restored server."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pyotp
import pytest
from sqlalchemy import select

from sync.server import schema as s
from sync.server.cli import main
from sync.server.console import staff
from sync.server.db import Database, sqlite_url
from tests.sync.console import PASSWORD


@pytest.fixture
def server_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "county" / "server.db"
    monkeypatch.setenv("CHILDCARE_SERVER_DB", sqlite_url(path))
    monkeypatch.setenv("CHILDCARE_STAFF_PASSWORD", PASSWORD)
    return path


def _listing(capsys: pytest.CaptureFixture[str]) -> dict[str, dict[str, object]]:
    capsys.readouterr()
    assert main(["staff", "list", "--json"]) == 0
    return {r["name"]: r for r in json.loads(capsys.readouterr().out)}


def test_create_list_totp_disable_enable_and_reset(
    server_db: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert main(["staff", "create", "wangfang", "--role", "county-admin", "--require-totp"]) == 0
    assert main(["staff", "create", "lina", "--role", "county-viewer"]) == 0
    with pytest.raises(SystemExit) as refused:  # argparse: not a staff role
        main(["staff", "create", "zhao", "--role", "director"])
    assert refused.value.code == 2
    monkeypatch.setenv("CHILDCARE_STAFF_PASSWORD", "password123")
    assert main(["staff", "create", "zhao", "--role", "county-viewer"]) == 2
    assert "too easy to guess" in capsys.readouterr().err
    found = _listing(capsys)
    assert set(found) == {"wangfang", "lina"}
    assert found["wangfang"]["totp_required"] and not found["wangfang"]["totp_set"]
    assert "password" not in json.dumps(found) and "secret" not in json.dumps(found)

    assert main(["staff", "totp", "wangfang"]) == 0
    uri = capsys.readouterr().out.strip().splitlines()[-1]
    secret = pyotp.parse_uri(uri).secret
    assert _listing(capsys)["wangfang"]["totp_set"]
    assert main(["staff", "disable", "lina"]) == 0
    assert not _listing(capsys)["lina"]["active"]
    assert main(["staff", "enable", "lina"]) == 0
    monkeypatch.setenv("CHILDCARE_STAFF_PASSWORD", "another-lantern-9-river")
    assert main(["staff", "reset-password", "lina"]) == 0
    assert main(["staff", "disable", "nobody"]) == 2

    db = Database(sqlite_url(server_db))
    try:
        with db.write() as conn:
            staff.login(conn, "lina", "another-lantern-9-river", now_ms=1)
            stored = conn.execute(
                select(s.staff.c.totp_secret).where(s.staff.c.name == "wangfang")
            ).scalar()
            actions = [r.action for r in conn.execute(select(s.staff_audit.c.action))]
    finally:
        db.dispose()
    assert stored == secret
    assert actions.count("staff_create") == 2
    assert {"staff_totp", "staff_disable", "staff_enable", "staff_reset-password"} <= set(actions)


def test_a_restored_server_keeps_its_staff(
    server_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["init-db"]) == 0
    backup = server_db.with_name("backup.db")
    shutil.copy(server_db, backup)  # the nightly backup, before the account was made
    assert main(["staff", "create", "wangfang", "--role", "county-admin"]) == 0
    assert main(["staff", "totp", "wangfang"]) == 0
    shutil.copy(backup, server_db)  # the disk died: the backup is put back
    for extra in ("-wal", "-shm"):
        server_db.with_name(server_db.name + extra).unlink(missing_ok=True)
    assert main(["mark-restored"]) == 0
    found = _listing(capsys)
    assert found["wangfang"]["totp_set"] and found["wangfang"]["role"] == "county-admin"
    db = Database(sqlite_url(server_db))
    try:
        with db.write() as conn:
            assert staff.login(conn, "wangfang", PASSWORD, now_ms=1).totp_required
            audit = [r.action for r in conn.execute(select(s.staff_audit.c.action))]
    finally:
        db.dispose()
    assert audit.count("staff_create") == 1 and "staff_totp" in audit
