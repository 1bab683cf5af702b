"""The county's quarantine decisions survive a restore of the server's database from a
backup (``childcare-server mark-restored`` replays the decision journal): a change sent
back stays sent back (its laptop is still told why), and a change released is released
again when the rules as they stand let it."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select, update

from childcare_desktop.services import syncing
from childcare_desktop.storage.models import Child
from sync.protocol import Refusal
from sync.server import cli, journal
from sync.server import schema as s
from tests.sync.test_console_quarantine import (
    EDIT,
    REASON,
    held_edit,
    held_ids,
    notes_on_server,
    staff_console,
)
from tests.sync.test_restore import Backup
from tests.sync.township import VILLAGE_A, World


def _mark_restored(world: World) -> None:
    assert cli.main(["--db", world.server.db.url, "mark-restored"]) == 0


def _correct_user(world: World) -> None:
    """The county corrects B's director's village, an account change the journal keeps."""
    with world.server.db.write() as conn:
        conn.execute(update(s.user).where(s.user.c.name == "dir_b").values(region=VILLAGE_A))
        row = conn.execute(select(s.user).where(s.user.c.name == "dir_b")).mappings().one()
        journal.record(conn, "row", table=s.user.name, row=dict(row))


@pytest.fixture
def backup(sqlite_world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Backup:
    assert sqlite_world.server.db.journal is not None
    monkeypatch.setenv("CHILDCARE_SERVER_JOURNAL", str(sqlite_world.server.db.journal.path))
    return Backup(sqlite_world.server, tmp_path)


def test_a_rejection_survives_a_restore(sqlite_world: World, backup: Backup) -> None:
    world = sqlite_world
    held_edit(world)
    backup.take()  # holds the edit in its quarantine
    (held,) = held_ids(world.server)
    admin = staff_console(world.server, "admin", "county-admin")
    answer = admin.post(
        "/console/quarantine/reject", {"csrf": admin.csrf(), "id": str(held), "reason": REASON}
    )
    assert answer.status_code == 200
    backup.restore()
    assert held_ids(world.server) == [held]  # the backup's quarantine
    _mark_restored(world)
    assert held_ids(world.server) == []
    b = world.laptop("dir_b")
    report = b.run()
    assert report.ok and report.rejected == 1 and report.server_restored, report
    (item,) = syncing.quarantined(b.store)
    assert item.hold.refusal is Refusal.REJECTED and item.hold.rule == REASON
    assert held_ids(world.server) == []  # not held again


def test_a_release_survives_a_restore(sqlite_world: World, backup: Backup) -> None:
    world = sqlite_world
    child_id = held_edit(world)
    backup.take()
    (held,) = held_ids(world.server)
    _correct_user(world)
    admin = staff_console(world.server, "admin", "county-admin")
    answer = admin.post("/console/quarantine/release", {"csrf": admin.csrf(), "id": str(held)})
    assert answer.status_code == 200 and notes_on_server(world.server, child_id) == EDIT
    assert world.laptop("dir_b").run().released == 1
    backup.restore()
    assert held_ids(world.server) == [held] and notes_on_server(world.server, child_id) is None
    _mark_restored(world)
    assert held_ids(world.server) == [] and notes_on_server(world.server, child_id) == EDIT
    a = world.laptop("dir_a")
    assert a.run().ok
    with a.store.session() as session:
        assert session.get(Child, child_id).notes == EDIT
