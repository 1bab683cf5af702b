"""Bugs found by the sync state machine (tests/sync/test_state_machine.py), one test each."""

from __future__ import annotations

import json
import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from childcare_desktop.core.entities import entity
from childcare_desktop.core.roles import Role
from childcare_desktop.services import agreements, family, syncing
from childcare_desktop.storage import maintenance
from childcare_desktop.storage.models import Child
from childcare_desktop.storage.store import open_store
from childcare_desktop.storage.syncstore import StoreSync
from sync.server import schema
from sync.server.db import mark_restored
from tests.conftest import PASSPHRASE
from tests.factories import make_child
from tests.sync.conftest import TOWNSHIP, VILLAGE_A, Laptop, LiveServer


def _get(laptop: Laptop, child_id: str, column: str):
    with laptop.store.connection() as conn:
        return conn.execute(
            text(f"SELECT {column} FROM child WHERE id = :i"), {"i": child_id}
        ).scalar()


def _set(laptop: Laptop, child_id: str, **values) -> None:
    with laptop.store.session() as session:
        child = session.get(Child, child_id)
        for k, v in values.items():
            setattr(child, k, v)


def test_a_copy_s_changes_reach_the_laptop_it_was_copied_from(
    sqlite_server: LiveServer, make_laptop, tmp_path: Path
) -> None:
    """A store copied to a second laptop shares its site id until the two diverge on one
    counter. The copy's changes were left out of the original's pulls as "its own", so
    the original never showed them."""
    sqlite_server.user("wang", "director", VILLAGE_A)
    a = make_laptop("a", sqlite_server, user="wang")
    with a.store.session() as session:
        child_id = make_child(session, name="陈小雨").id
    assert a.run().ok
    maintenance.backup_store(a.store, tmp_path / "copy.db")
    store = open_store(tmp_path / "copy.db", PASSPHRASE, actor="copy")
    try:
        copy = Laptop("copy", store, StoreSync(store))
        _set(copy, child_id, phone="13900000002")
        assert copy.run().ok
        assert a.run().ok
        assert _get(a, child_id, "phone") == "13900000002"
        # Once the original edits too, the two become two sites and still converge.
        _set(a, child_id, notes="原电脑")
        report = a.run()
        assert report.ok and report.new_site, report
        assert copy.run().ok and a.run().ok
        for laptop in (a, copy):
            assert (_get(laptop, child_id, "phone"), _get(laptop, child_id, "notes")) == (
                "13900000002",
                "原电脑",
            )
    finally:
        store.close()


def test_an_edit_that_reaches_a_restored_server_before_its_record_waits_for_it(
    sqlite_server: LiveServer, make_laptop, tmp_path: Path
) -> None:
    """After a server restore every laptop sends again what the backup lacks, in whatever
    order they sync. The supervisor's edit of a child the village's laptop had not sent
    again yet was set aside for good ("the record is not on the server"), so the county
    never had it while the supervisor's laptop still showed it."""
    sqlite_server.user("wang", "director", VILLAGE_A)
    sqlite_server.user("zhao", "supervisor", TOWNSHIP)
    a = make_laptop("a", sqlite_server, user="wang")
    sup = make_laptop("sup", sqlite_server, user="zhao")
    assert a.run().ok and sup.run().ok
    server_file = sqlite_server.db.url.removeprefix("sqlite:///")
    backup = tmp_path / "server-backup.db"
    with sqlite3.connect(server_file) as live, sqlite3.connect(backup) as copy:
        live.backup(copy)  # the backup the county will restore: without this child
    with a.store.session() as session:
        child_id = make_child(session, name="陈小雨").id
    assert a.run().ok and sup.run().ok
    _set(sup, child_id, notes="乡镇补充")
    assert sup.run().ok
    with sqlite3.connect(backup) as old, sqlite3.connect(server_file) as live:
        old.backup(live)
    sqlite_server.db.engine.dispose()
    with sqlite_server.db.write() as conn:
        mark_restored(conn)
    first = sup.run()  # the edit arrives first: set aside, waiting for the child
    assert first.ok and first.quarantined == 1, first
    assert a.run().ok  # the child arrives: the edit is applied
    again = sup.run()
    assert again.ok and again.released == 1, again
    assert syncing.quarantined(sup.store) == []
    assert a.run().ok
    for laptop in (a, sup):
        assert _get(laptop, child_id, "notes") == "乡镇补充", laptop.name
    with sqlite_server.db.read() as conn:
        assert conn.execute(select(func.count()).select_from(schema.quarantine)).scalar() == 0


def test_a_laptop_s_last_edit_stands_when_its_record_is_sent_again_with_it(
    sqlite_server: LiveServer, make_laptop, tmp_path: Path
) -> None:
    """After a restore the laptop sends its record again together with a newer edit in
    one batch. Showing the record's values as the restored server holds them must not
    put back the field the newer edit changed (the state machine found a new ID number
    replaced by the first one)."""
    sqlite_server.user("wang", "director", VILLAGE_A)
    a = make_laptop("a", sqlite_server, user="wang")
    assert a.run().ok
    server_file = sqlite_server.db.url.removeprefix("sqlite:///")
    backup = tmp_path / "server-backup.db"
    with sqlite3.connect(server_file) as live, sqlite3.connect(backup) as copy:
        live.backup(copy)
    with a.store.session() as session:
        child_id = make_child(session, name="陈小雨").id
    assert a.run().ok
    with sqlite3.connect(backup) as old, sqlite3.connect(server_file) as live:
        old.backup(live)
    sqlite_server.db.engine.dispose()
    with sqlite_server.db.write() as conn:
        mark_restored(conn)
    _set(a, child_id, phone="13912345678")
    report = a.run()
    assert report.ok and report.server_restored and report.requeued > 0, report
    assert _get(a, child_id, "phone") == "13912345678"
    with sqlite_server.db.read() as conn:
        f = schema.field.c
        held = conn.execute(
            select(f.value).where(f.row_id == child_id, f.field == "phone")
        ).scalar_one()
    assert held == '"13912345678"'


def test_a_laptop_s_last_value_of_a_field_in_conflict_is_offered(
    sqlite_server: LiveServer, make_laptop
) -> None:
    """a2 sets an address X1 and syncs; a1, offline, sets A, then B, and syncs; a2, before
    pulling, sets X2 and syncs. Every store shows X2 and the conflict offered X1, A and X2:
    a1's last value B was neither shown nor offered (issue 13, finding 1)."""
    sqlite_server.user("wang", "director", VILLAGE_A)
    a1 = make_laptop("a1", sqlite_server, user="wang")
    a2 = make_laptop("a2", sqlite_server, user="wang")
    with a1.store.session() as session:
        child_id = make_child(session, name="陈小雨").id
    assert a1.run().ok and a2.run().ok
    _set(a2, child_id, hukou_address="X1")
    assert a2.run().ok
    _set(a1, child_id, hukou_address="A")
    _set(a1, child_id, hukou_address="B")
    assert a1.run().ok
    _set(a2, child_id, hukou_address="X2")
    assert a2.run().ok and a1.run().ok
    for laptop in (a1, a2):
        assert _get(laptop, child_id, "hukou_address") == "X2"
        (conflict,) = syncing.conflicts(laptop.store)
        offered = {c.value for c in conflict.candidates}
        assert {"B", "X2"} <= offered and "A" not in offered, offered


def test_a_copied_store_s_records_the_server_holds_are_not_set_aside(
    server: LiveServer, make_laptop, tmp_path: Path
) -> None:
    """A store copied before its changes were sent: the original sends them; the copy,
    found out on its first sync and re-stamped as a new site, sends the same records
    again. They were set aside as "a row with this id is already on the server" although
    the server holds exactly them (issue 13, finding 4)."""
    server.user("wang", "director", VILLAGE_A)
    a = make_laptop("a", server, user="wang")
    with a.store.session() as session:
        child_id = make_child(session, name="陈小雨").id
    maintenance.backup_store(a.store, tmp_path / "copy.db")
    assert a.run().ok
    _set(a, child_id, notes="原电脑")
    assert a.run().ok
    store = open_store(tmp_path / "copy.db", PASSPHRASE, actor="copy")
    try:
        copy = Laptop("copy", store, StoreSync(store))
        _set(copy, child_id, phone="13900000002")
        report = copy.run()
        assert report.ok and report.new_site and report.quarantined == 0, report
        assert syncing.quarantined(copy.store) == []
        assert syncing.status(copy.store).quarantined == 0
        assert a.run().ok
        assert _get(a, child_id, "phone") == "13900000002"
    finally:
        store.close()


def _agreement(laptop: Laptop, agreement_id: str) -> dict:
    with laptop.store.connection() as conn:
        row = conn.execute(
            text("SELECT * FROM care_agreement WHERE id = :i"), {"i": agreement_id}
        ).one()
    stamps = ("created_hlc", "updated_hlc")  # each laptop's own clock
    return {k: (None if v is None else str(v)) for k, v in row._mapping.items() if k not in stamps}


def _draft(laptop: Laptop) -> str:
    """A child with a carer and a draft agreement on ``laptop``: the agreement's id."""
    with laptop.store.session() as session:
        child_id = make_child(session, name="陈小雨").id
        carer = family.add_carer(
            session, child_id=child_id, name="李奶奶", relation="paternal_grandmother"
        )
        return agreements.draft_agreement(
            session,
            child_id=child_id,
            carer_id=carer.id,
            start_date=date.today(),
            end_date=date.today() + timedelta(days=365),
        ).id


def _sign(laptop: Laptop, agreement_id: str) -> None:
    with laptop.store.session() as session:
        agreements.sign_agreement(
            session,
            agreement_id=agreement_id,
            signed_on=date.today(),
            signed_by_principal="陈父",
            signed_by_carer="李奶奶",
            witness="村儿童主任",
        )


def _end(laptop: Laptop, agreement_id: str) -> None:
    with laptop.store.session() as session:
        agreements.end_agreement(
            session, agreement_id=agreement_id, ended_on=date.today(), reason="父亲返乡"
        )


@pytest.mark.parametrize("first", ["sign", "end"])
@pytest.mark.parametrize("choose", ["sign", "end"])
def test_an_agreement_signed_on_one_laptop_and_ended_on_another_stays_valid(
    sqlite_server: LiveServer, make_laptop, first: str, choose: str
) -> None:
    """Signed on one laptop and ended on the other: the record became both signed and
    ended, which no rule allows (issue 13, finding 2). The state and its dates merge
    together: the first change is kept whole, the other offered whole, and whichever is
    chosen the agreement is a valid record on every laptop and on the server."""
    sqlite_server.user("wang", "director", VILLAGE_A)
    signer = make_laptop("signer", sqlite_server, user="wang")
    ender = make_laptop("ender", sqlite_server, user="wang")
    agreement_id = _draft(signer)
    assert signer.run().ok and ender.run().ok
    _sign(signer, agreement_id)
    _end(ender, agreement_id)
    order = (signer, ender) if first == "sign" else (ender, signer)
    for laptop in (*order, *order):
        assert laptop.run().ok
    kept = "signed" if first == "sign" else "ended"
    group = entity("care_agreement").group_of("state")
    for laptop in (signer, ender):
        record = _agreement(laptop, agreement_id)
        assert record["state"] == kept and group.faults(record) == [], record
    (state,) = [c for c in syncing.conflicts(ender.store) if c.field == "state"]
    assert {c.value for c in state.candidates} == {"signed", "ended"}
    syncing.resolve(ender.store, state.id, "signed" if choose == "sign" else "ended")
    record = _agreement(ender, agreement_id)
    assert group.faults(record) == [] and record["state"] == state_of(choose), record
    for laptop in (ender, signer, ender):
        assert laptop.run().ok
    assert syncing.conflicts(signer.store) == [] == syncing.conflicts(ender.store)
    assert _agreement(signer, agreement_id) == _agreement(ender, agreement_id)
    record = _agreement(signer, agreement_id)
    assert record["state"] == state_of(choose) and group.faults(record) == [], record
    if choose == "end":
        assert record["ended_on"] == str(date.today()) and record["end_reason"] == "父亲返乡"
    else:
        assert record["signed_on"] == str(date.today()) and record["witness"] == "村儿童主任"


def state_of(choice: str) -> str:
    return {"sign": "signed", "end": "ended"}[choice]


def test_an_agreement_ended_after_its_signing_was_pulled_is_no_conflict(
    sqlite_server: LiveServer, make_laptop
) -> None:
    """An edit of a group's field is made over the whole group as last seen: ending an
    agreement whose signing this laptop has pulled races nothing (its end date was never
    touched since the record was made, but the group was, and the laptop saw it)."""
    sqlite_server.user("wang", "director", VILLAGE_A)
    signer = make_laptop("signer", sqlite_server, user="wang")
    ender = make_laptop("ender", sqlite_server, user="wang")
    agreement_id = _draft(signer)
    assert signer.run().ok and ender.run().ok
    _sign(signer, agreement_id)
    assert signer.run().ok and ender.run().ok
    _end(ender, agreement_id)
    report = ender.run()
    assert report.ok and report.conflicts == 0 and report.kept == 0, report
    assert signer.run().ok
    assert syncing.conflicts(signer.store) == [] == syncing.conflicts(ender.store)
    assert _agreement(signer, agreement_id)["state"] == "ended"


def test_no_pulled_page_or_line_ends_inside_one_change_of_a_record(
    sqlite_server: LiveServer, make_laptop
) -> None:
    """Signing sets an agreement's signatures, state and date: whatever the bytes a laptop
    asks for, a pull answer (and each line of one) holds all of that change or none."""
    from sync.server.merge.pull import as_lines, pull
    from sync.server.principal import Principal

    sqlite_server.user("wang", "director", VILLAGE_A)
    signer = make_laptop("signer", sqlite_server, user="wang")
    agreement_id = _draft(signer)
    assert signer.run().ok
    _sign(signer, agreement_id)
    assert signer.run().ok
    who = Principal("", 0, "zhao", Role.SUPERVISOR, TOWNSHIP)
    with sqlite_server.db.read() as conn:
        everything = pull(conn, who, {}, limit=10_000, max_bytes=10**7)["pages"][0]["e"]
        signing = [e[0] for e in everything if e[3] == "care_agreement" and e[2] == 1]
        assert len(signing) >= 4
        for max_bytes in range(40, 4000, 20):
            cursor, seen = 0, []
            while True:
                answer = pull(conn, who, {VILLAGE_A: cursor}, limit=10_000, max_bytes=max_bytes)
                if not answer["pages"]:
                    break
                page = answer["pages"][0]
                got = [e[0] for e in page["e"]]
                assert set(signing) <= set(got) or not set(signing) & set(got), (max_bytes, got)
                for line in as_lines(answer).splitlines():
                    part = [e[0] for e in json.loads(line).get("e", [])]
                    assert set(signing) <= set(part) or not set(signing) & set(part)
                seen += got
                cursor = page["to"]
                if not answer["more"]:
                    break
            assert seen == [e[0] for e in everything], max_bytes
