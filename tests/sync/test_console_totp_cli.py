"""``childcare-server staff reset-totp``: the second factor forgotten from the command
line (its recovery codes too), to be set up again in the browser at the next login."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from sync.server import schema as s
from sync.server.cli import main
from sync.server.console import staff, totp_codes
from sync.server.db import Database, sqlite_url
from tests.sync.console import PASSWORD


def test_reset_totp_forgets_the_secret_and_the_recovery_codes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "county" / "server.db"
    monkeypatch.setenv("CHILDCARE_SERVER_DB", sqlite_url(path))
    monkeypatch.setenv("CHILDCARE_STAFF_PASSWORD", PASSWORD)
    assert main(["staff", "create", "wangfang", "--role", "county-admin", "--require-totp"]) == 0
    assert main(["staff", "totp", "wangfang"]) == 0
    db = Database(sqlite_url(path))
    try:
        with db.write() as conn:
            assert staff.login(conn, "wangfang", PASSWORD, now_ms=1).totp_set
            assert len(totp_codes.new_recovery(conn, "wangfang", now_ms=1)) == 10
        assert main(["staff", "reset-totp", "wangfang"]) == 0
        with db.write() as conn:
            who = staff.login(conn, "wangfang", PASSWORD, now_ms=2)
            left = conn.execute(select(func.count()).select_from(s.staff_recovery)).scalar()
            actions = conn.execute(select(s.staff_audit.c.action)).scalars().all()
    finally:
        db.dispose()
    assert who.totp_required and not who.totp_set  # the next login goes to enrolment
    assert left == 0 and "staff_reset-totp" in actions
