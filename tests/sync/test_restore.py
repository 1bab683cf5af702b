"""The county restores its server from an older backup (issue 13, finding 5).

One day in a village: three laptops sync, the county backs the server up, then the
day goes on (two conflicts decided, a laptop enrolled, a laptop revoked, edits), and
the county restores the backup and runs ``childcare-server mark-restored``. What the
laptops typed comes back from the laptops; what the county and its users decided
(revocations, enrollments, conflict decisions) must come back too.

Each test runs on SQLite (a copy through sqlite3's backup API, as a consistent backup
of a live file) and on PostgreSQL (``pg_dump -Fc``, then ``pg_restore --clean``).
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select, text, update
from sqlalchemy.engine import make_url

from childcare_desktop.services import syncing
from childcare_desktop.storage.models import Child
from sync.server import accounts, cli, journal, schema
from sync.server.app import now_ms
from tests.factories import make_child
from tests.sync.conftest import VILLAGE_A, Laptop, LiveServer

PG_BIN = Path("/usr/lib/postgresql/15/bin")
JOURNAL = "server-decisions.jsonl"  # the fixtures' journal, next to an SQLite file


def _pg_tool(name: str) -> str:
    found = PG_BIN / name
    return str(found) if found.exists() else (shutil.which(name) or name)


class Backup:
    """A backup of the county database taken the way the README says, and its restore."""

    def __init__(self, server: LiveServer, folder: Path) -> None:
        self.server = server
        self.url = make_url(server.db.url)
        self.file = folder / ("server-backup.db" if server.db.is_sqlite else "server.dump")

    def take(self) -> None:
        if self.server.db.is_sqlite:
            with sqlite3.connect(str(self.url.database)) as live, sqlite3.connect(self.file) as c:
                live.backup(c)
            return
        self._pg("pg_dump", "-Fc", "-f", str(self.file))

    def restore(self) -> None:
        self.server.db.engine.dispose()  # the pool's connections would hold the old tables
        if self.server.db.is_sqlite:
            with sqlite3.connect(self.file) as old, sqlite3.connect(str(self.url.database)) as live:
                old.backup(live)
        else:
            self._pg("pg_restore", "--clean", "--if-exists", "--no-owner", str(self.file))
        self.server.db.engine.dispose()

    def _pg(self, tool: str, *args: str) -> None:
        u = self.url
        where = ["-h", str(u.host), "-p", str(u.port), "-U", str(u.username), "-d", str(u.database)]
        subprocess.run([_pg_tool(tool), *where, *args], check=True, capture_output=True)


def _county(server: LiveServer, *args: str) -> None:
    """``childcare-server`` as the county runs it, on the server's database."""
    assert cli.main(["--db", server.db.url, *args]) == 0


def _set(laptop: Laptop, child_id: str, **values: Any) -> None:
    with laptop.store.session() as session:
        child = session.get(Child, child_id)
        for k, v in values.items():
            setattr(child, k, v)


def _device(laptop: Laptop) -> str:
    with laptop.store.connection() as conn:
        return str(conn.exec_driver_sql("SELECT device_id FROM sync_state").scalar_one())


def _open_conflict(laptop: Laptop, child_id: str, field: str) -> syncing.ConflictView:
    (found,) = [
        c for c in syncing.conflicts(laptop.store) if (c.row_id, c.field) == (child_id, field)
    ]
    return found


@dataclass
class Day:
    server: LiveServer
    a1: Laptop
    a2: Laptop
    new: Laptop  # enrolled after the backup
    gone: Laptop  # revoked after the backup
    children: list[str]
    decided: dict[tuple[str, str], str]  # (child, field) -> the value chosen


def _day(server: LiveServer, make_laptop, tmp_path: Path, monkeypatch, *, mark: bool = True) -> Day:
    """The village's day up to the restore and ``mark-restored`` (unless not ``mark``)."""
    monkeypatch.setenv("CHILDCARE_SERVER_JOURNAL", str(tmp_path / JOURNAL))
    server.user("wang", "director", VILLAGE_A)
    a1 = make_laptop("a1", server, user="wang")
    a2 = make_laptop("a2", server, user="wang")
    gone = make_laptop("gone", server, user="wang")
    with a1.store.session() as session:
        children = [make_child(session, name=n).id for n in ("陈小雨", "李小花", "张小军")]
    assert a1.run().ok and a2.run().ok and gone.run().ok
    first, second, third = children
    # A conflict open when the backup is taken ...
    _set(a1, first, phone="13800000001")
    _set(a2, first, phone="13900000002")
    assert a1.run().ok and a2.run().ok and a1.run().ok
    backup = Backup(server, tmp_path)
    backup.take()
    # ... and one that arises after it.
    _set(a1, second, notes="一号机的说明")
    _set(a2, second, notes="二号机的说明")
    assert a1.run().ok and a2.run().ok and a1.run().ok
    decided = {(first, "phone"): "13800000001", (second, "notes"): "二号机的说明"}
    for (child_id, field), value in decided.items():
        syncing.resolve(a1.store, _open_conflict(a1, child_id, field).id, value)
    assert a1.run().ok and a2.run().ok
    new = make_laptop("new", server, user="wang")  # enrolled after the backup
    assert new.run().ok
    _county(server, "revoke-device", _device(gone))
    _set(a2, third, notes="备份之后的修改")
    assert a2.run().ok and a1.run().ok
    backup.restore()
    if mark:
        _county(server, "mark-restored")
    return Day(server, a1, a2, new, gone, children, decided)


def _settle(*laptops: Laptop) -> None:
    """The laptops sync until nothing moves (twice round: what one sends the other pulls)."""
    for _ in range(2):
        for laptop in laptops:
            report = laptop.run()
            assert report.ok, (laptop.name, report)


def test_conflict_decisions_survive_a_server_restore(
    server: LiveServer, make_laptop, tmp_path: Path, monkeypatch
) -> None:
    day = _day(server, make_laptop, tmp_path, monkeypatch)
    _settle(day.a1, day.a2)
    with server.db.read() as conn:
        c = schema.conflict.c
        states = conn.execute(select(c.row_id, c.field, c.state)).all()
        fields = {
            (r.row_id, r.field): json.loads(r.value)
            for r in conn.execute(
                select(schema.field.c.row_id, schema.field.c.field, schema.field.c.value)
            )
        }
    assert {(r.row_id, r.field) for r in states} >= set(day.decided)
    assert [r for r in states if r.state == "open"] == [], "a decision was lost"
    for laptop in (day.a1, day.a2):
        assert syncing.conflicts(laptop.store) == [], laptop.name
    for key, value in day.decided.items():
        assert fields[key] == value


def test_laptop_and_server_agree_field_by_field_after_a_restore(
    server: LiveServer, make_laptop, tmp_path: Path, monkeypatch
) -> None:
    day = _day(server, make_laptop, tmp_path, monkeypatch)
    _settle(day.a1, day.a2)
    with server.db.read() as conn:
        f = schema.field.c
        held = conn.execute(select(f.row_id, f.field, f.value).where(f.tbl == "child")).all()
    assert {r.row_id for r in held} == set(day.children)
    for laptop in (day.a1, day.a2):
        with laptop.store.connection() as conn:
            for r in held:
                shown = conn.execute(
                    text(f"SELECT {r.field} FROM child WHERE id = :i"), {"i": r.row_id}
                ).scalar()
                value = json.loads(r.value)
                if isinstance(value, bool):
                    shown = bool(shown)
                elif isinstance(value, list | dict) and isinstance(shown, str):
                    shown = json.loads(shown)
                assert shown == value, (laptop.name, r.field, shown, value)


def test_a_laptop_enrolled_after_the_backup_syncs_after_a_restore(
    server: LiveServer, make_laptop, tmp_path: Path, monkeypatch
) -> None:
    day = _day(server, make_laptop, tmp_path, monkeypatch)
    assert day.a1.run().ok
    report = day.new.run()
    assert report.ok, report
    assert report.server_restored
    with day.new.store.connection() as conn:
        names = set(conn.exec_driver_sql("SELECT name FROM child").scalars())
    assert names >= {"陈小雨", "李小花", "张小军"}


def test_a_device_revoked_after_the_backup_stays_refused_after_a_restore(
    server: LiveServer, make_laptop, tmp_path: Path, monkeypatch
) -> None:
    day = _day(server, make_laptop, tmp_path, monkeypatch)
    _settle(day.a1, day.a2)
    with day.gone.store.connection() as conn:
        before = conn.exec_driver_sql("SELECT count(*) FROM child").scalar_one()
        cursors = conn.exec_driver_sql("SELECT cursors FROM sync_state").scalar_one()
    report = day.gone.run()
    assert not report.ok and report.error == "device_revoked", report
    assert report.pulled == 0
    with day.gone.store.connection() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM child").scalar_one() == before
        assert conn.exec_driver_sql("SELECT cursors FROM sync_state").scalar_one() == cursors


def test_a_restored_database_is_refused_until_mark_restored(
    server: LiveServer, make_laptop, tmp_path: Path, monkeypatch, capsys
) -> None:
    """Forgetting ``mark-restored`` would let the revoked device back in: ``serve`` does
    not start, and nothing is journaled under numbers the restore undid."""
    day = _day(server, make_laptop, tmp_path, monkeypatch, mark=False)
    assert server.db.journal is not None
    with server.db.read() as conn:
        assert journal.behind(conn, server.db.journal) > 0
    capsys.readouterr()
    assert cli.main(["--db", server.db.url, "issue-code", "wang"]) == 1
    assert "mark-restored" in capsys.readouterr().err
    _county(server, "mark-restored")
    with server.db.read() as conn:
        assert journal.behind(conn, server.db.journal) == 0
    _county(server, "issue-code", "wang")
    assert day.gone.run().error == "device_revoked"


def test_a_token_renewed_after_the_backup_still_works_after_a_restore(
    server: LiveServer, make_laptop, tmp_path: Path, monkeypatch
) -> None:
    """A token the server renewed (and the laptop has used) after the backup: the backup
    knows only the one it replaced, which the laptop no longer holds."""
    monkeypatch.setenv("CHILDCARE_SERVER_JOURNAL", str(tmp_path / JOURNAL))
    server.user("wang", "director", VILLAGE_A)
    laptop = make_laptop("a", server, user="wang")
    assert laptop.run().ok
    issued = now_ms() - (accounts.TOKEN_ROTATE_DAYS + 1) * accounts.DAY_MS
    with server.db.write() as conn:  # a month goes by
        conn.execute(update(schema.device).values(token_issued_ms=issued))
    backup = Backup(server, tmp_path)
    backup.take()
    old = laptop.sync.sync_state().token
    assert laptop.run().ok and laptop.run().ok  # renewed, then the new one used
    assert laptop.sync.sync_state().token != old
    backup.restore()
    _county(server, "mark-restored")
    report = laptop.run()
    assert report.ok and report.server_restored, report


def test_a_decision_not_yet_sent_when_the_server_lost_its_conflict_is_kept(
    server: LiveServer, make_laptop, tmp_path: Path
) -> None:
    """A conflict arose after the backup; a director chose a value on her laptop, and the
    county restored the backup before she synced. The server no longer knows the conflict:
    her sync was refused ever after ("unknown_conflict") and the laptop kept the stale
    conflict in its inbox. Now the laptop drops what the restored server lost, and her
    choice goes to the server as her edit of the field: the sync goes on, nothing lost."""
    server.user("wang", "director", VILLAGE_A)
    a1 = make_laptop("a1", server, user="wang")
    a2 = make_laptop("a2", server, user="wang")
    with a1.store.session() as session:
        child_id = make_child(session, name="陈小雨").id
    assert a1.run().ok and a2.run().ok
    backup = Backup(server, tmp_path)
    backup.take()
    for laptop, phone in ((a1, "13800000001"), (a2, "13900000002")):
        with laptop.store.session() as session:
            session.get(Child, child_id).phone = phone
    assert a1.run().ok and a2.run().ok and a1.run().ok
    (conflict,) = syncing.conflicts(a1.store)
    syncing.resolve(a1.store, conflict.id, "13900000002")  # not sent yet
    backup.restore()
    assert cli.main(["--db", server.db.url, "mark-restored"]) == 0
    for laptop in (a1, a2, a1, a2):
        report = laptop.run()
        assert report.ok, (laptop.name, report)
    with server.db.read() as conn:
        live = {r.id for r in conn.execute(select(schema.conflict.c.id))}
    for laptop in (a1, a2):
        local = {c.id for c in syncing.conflicts(laptop.store, include_resolved=True)}
        assert conflict.id not in local and local <= live, laptop.name
    phones = {laptop.name: _phone(laptop, child_id) for laptop in (a1, a2)}
    if syncing.conflicts(a1.store):  # arisen again: her choice is among what is offered
        (again,) = syncing.conflicts(a1.store)
        assert "13900000002" in {c.value for c in again.candidates}
    else:
        assert phones == {"a1": "13900000002", "a2": "13900000002"}, phones


def _phone(laptop: Laptop, child_id: str) -> Any:
    with laptop.store.connection() as conn:
        return conn.execute(text("SELECT phone FROM child WHERE id = :i"), {"i": child_id}).scalar()
