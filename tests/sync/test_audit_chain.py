"""Each laptop's audit log reaches the server, insert-only, and a chain rewritten or cut
short on the laptop (so well that ``childcare check`` says it is intact) is detected at
the next sync and shown to the county; the sync itself goes on."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select, text

from childcare_desktop.core.chain import GENESIS, entry_hash
from childcare_desktop.services import children
from childcare_desktop.storage import maintenance
from childcare_desktop.storage.models import Child
from childcare_desktop.storage.store import open_store
from childcare_desktop.storage.syncstore import StoreSync
from sync.server import audit, cli, schema
from tests.conftest import PASSPHRASE
from tests.factories import make_child
from tests.sync.conftest import VILLAGE_A, Laptop, LiveServer
from tests.sync.hostile import Forger


@pytest.fixture
def laptop(server: LiveServer, make_laptop) -> Laptop:
    server.user("wang", "director", VILLAGE_A)
    a = make_laptop("a", server, user="wang")
    with a.store.session() as session:
        make_child(session, name="陈小雨")
    return a


def _entries(server: LiveServer, site: str) -> list[tuple[int, int, str]]:
    e = schema.audit_entry.c
    with server.db.read() as conn:
        return [
            tuple(r)
            for r in conn.execute(
                select(e.segment, e.id, e.hash).where(e.site_id == site).order_by(e.segment, e.id)
            )
        ]


def _alerts(server: LiveServer) -> list[dict]:
    with server.db.read() as conn:
        return audit.alerts(conn)


def _log(laptop: Laptop) -> list[tuple[int, str]]:
    with laptop.store.connection() as conn:
        return [tuple(r) for r in conn.execute(text("SELECT id, hash FROM audit_log ORDER BY id"))]


def _rewrite(laptop: Laptop, change: str) -> None:
    """What someone with the passphrase can do: lift the guards, change the log,
    recompute the whole chain, put the guards back."""
    with laptop.store.connection() as conn:
        guards = conn.execute(
            text("SELECT name, sql FROM sqlite_master WHERE name LIKE 'audit_log__%'")
        ).all()
        for name, _sql in guards:
            conn.execute(text(f"DROP TRIGGER {name}"))
        conn.execute(text(change))
        prev = GENESIS
        rows = conn.execute(
            text("SELECT id, at, hlc, actor, action, child_id, detail FROM audit_log ORDER BY id")
        ).all()
        for r in rows:
            digest = entry_hash(prev, r.at, r.hlc, r.actor, r.action, r.child_id, r.detail)
            conn.execute(
                text("UPDATE audit_log SET prev_hash = :p, hash = :h WHERE id = :i"),
                {"p": prev, "h": digest, "i": r.id},
            )
            prev = digest
        for _name, sql in guards:
            conn.execute(text(sql))
    assert maintenance.check_store(laptop.store).problems == []


def _edit(laptop: Laptop) -> None:
    """An edit through the app: it writes an audit entry."""
    with laptop.store.session() as session:
        child = session.query(Child).first()
        children.update_child(session, child_id=child.id, notes=(child.notes or "") + "再记一笔")


def test_the_audit_log_reaches_the_server_entry_by_entry(server, laptop) -> None:
    first = laptop.run()
    assert first.ok and first.audit_sent == len(_log(laptop)) > 0 and first.audit_alert is None
    site = laptop.sync.sync_state().site_id
    assert [(i, h) for _s, i, h in _entries(server, site)] == _log(laptop)
    _edit(laptop)
    second = laptop.run()
    assert second.ok and second.audit_sent == len(_log(laptop)) - first.audit_sent
    assert [(i, h) for _s, i, h in _entries(server, site)] == _log(laptop)
    assert _alerts(server) == []


def test_a_rewritten_chain_is_found_at_the_next_sync(server, laptop) -> None:
    assert laptop.run().ok
    site = laptop.sync.sync_state().site_id
    original = _entries(server, site)
    _rewrite(laptop, "UPDATE audit_log SET actor = '别人' WHERE id = 1")
    _edit(laptop)
    report = laptop.run()
    assert report.ok and report.audit_alert == "rewritten", report
    (alert,) = _alerts(server)
    assert (alert["kind"], alert["site_id"], alert["user"]) == ("rewritten", site, "wang")
    kept = _entries(server, site)
    assert kept[: len(original)] == original  # what the server had stays as it was
    assert {s for s, _i, _h in kept[len(original) :]} == {1}  # the rest: a new segment
    _edit(laptop)
    again = laptop.run()
    assert again.ok and again.audit_alert is None and len(_alerts(server)) == 1


def test_a_chain_cut_short_is_found_at_the_next_sync(server, laptop) -> None:
    _edit(laptop)
    assert laptop.run().ok
    last = _log(laptop)[-1][0]
    _rewrite(laptop, f"DELETE FROM audit_log WHERE id >= {last - 1}")
    report = laptop.run()
    assert report.ok and report.audit_alert == "truncated", report
    assert [a["kind"] for a in _alerts(server)] == ["truncated"]


def test_a_forged_entry_is_refused_and_reported_once(server, laptop) -> None:
    server.user("liu", "director", VILLAGE_A[:-1] + "9")
    forger = Forger.enrolled(server, "liu")
    good = entry_hash(GENESIS, "2026-01-01T08:00:00+08:00", 1, "liu", "child_viewed", None, "{}")
    entries = [
        [1, "2026-01-01T08:00:00+08:00", 1, "liu", "child_viewed", None, "{}", GENESIS, good],
        [2, "2026-01-01T08:01:00+08:00", 2, "liu", "printed", None, "{}", good, "f" * 64],
    ]
    first = forger.transport.post(
        "/audit", {"site": forger.site, "at_head": None, "entries": entries}
    )
    assert (first["accepted"], first["alert"]) == (1, "forged")
    answer = forger.transport.post(
        "/audit", {"site": forger.site, "at_head": good, "entries": entries[1:]}
    )
    assert (answer["accepted"], answer["alert"]) == (0, "forged")
    assert answer["head"] == {"id": 1, "hash": good}
    assert [(a["kind"], a["at_id"]) for a in _alerts(server)] == [("forged", 2)]


def test_a_store_restored_from_a_backup_starts_a_chain_of_its_own(
    server, laptop, tmp_path: Path
) -> None:
    assert laptop.run().ok
    maintenance.backup_store(laptop.store, tmp_path / "backup.db")
    _edit(laptop)
    assert laptop.run().ok
    store = open_store(tmp_path / "backup.db", PASSPHRASE, actor="restored")
    try:
        restored = Laptop("restored", store, StoreSync(store))
        restored.sync.become_new_site()
        report = restored.run()
        assert report.ok and report.audit_alert is None, report
    finally:
        store.close()
    assert _alerts(server) == []


def test_the_county_sees_the_broken_chains(server, laptop, capsys) -> None:
    assert laptop.run().ok
    _rewrite(laptop, "UPDATE audit_log SET action = 'nothing' WHERE id = 1")
    assert laptop.run().ok
    assert cli.main(["--db", server.db.url, "audit-alerts", "--json"]) == 0
    (shown,) = json.loads(capsys.readouterr().out)
    assert (shown["kind"], shown["user"], shown["label"]) == ("rewritten", "wang", "a")
