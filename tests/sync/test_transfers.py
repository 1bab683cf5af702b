"""Transfers between villages (issue 15) on the real server: a child's whole file moves
from village A to village B while both edit it, and nothing is lost or doubled."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy import func, select

from childcare_desktop.core.errors import DomainError
from childcare_desktop.services import agreements, assessments, family, transfers, visits
from childcare_desktop.services.children import update_child
from childcare_desktop.storage.models import CareAgreement, Child, Transfer, Visit
from tests.factories import make_child
from tests.sync.conftest import VILLAGE_A, VILLAGE_B, Laptop
from tests.sync.hostile import Forger
from tests.sync.township import VILLAGE_C, World


def _file(laptop: Laptop, name: str = "张小明") -> str:
    """A child of village A with a visit, a signed agreement and an assessment."""
    with laptop.store.session() as session:
        child = make_child(session, name=name)
        visits.log_visit(session, child_id=child.id, visited_on=date.today(), mode="home")
        carer = family.add_carer(
            session, child_id=child.id, name="李奶奶", relation="paternal_grandmother"
        )
        agreements.draft_agreement(
            session,
            child_id=child.id,
            carer_id=carer.id,
            start_date=date.today(),
            end_date=date.today() + timedelta(days=365),
        )
        assessments.assess_guardianship(
            session, child_id=child.id, assessed_on=date.today(), level="good"
        )
        return child.id


def _held(laptop: Laptop, child_id: str) -> dict[str, Any]:
    with laptop.store.session() as session:
        child = session.get(Child, child_id)
        return {
            "child": None if child is None else (child.region_code, child.current_address),
            "visits": session.scalar(
                select(func.count()).select_from(Visit).where(Visit.child_id == child_id)
            ),
            "agreements": session.scalar(
                select(func.count())
                .select_from(CareAgreement)
                .where(CareAgreement.child_id == child_id)
            ),
        }


def _server_rows(world: World, child_id: str) -> dict[str, Any]:
    from sync.server import schema as s

    with world.server.db.engine.connect() as conn:
        rows = conn.execute(select(s.row.c.tbl, s.row.c.region)).all()
        log = conn.execute(select(func.count()).select_from(s.change_log)).scalar_one()
        held = conn.execute(select(func.count()).select_from(s.quarantine)).scalar_one()
    return {"rows": sorted(rows), "log": log, "held": held}


def test_a_file_moves_whole_while_both_villages_edit_it(world: World) -> None:
    dir_a, dir_b, sup = world.laptop("dir_a"), world.laptop("dir_b"), world.laptop("sup_1")
    child_id = _file(dir_a)
    with dir_a.store.session() as session:
        asked = transfers.request_transfer(
            session, child_id=child_id, to_region=VILLAGE_B, reason="随父母搬迁"
        )
    assert dir_a.run().ok
    assert dir_b.run().ok and _held(dir_b, child_id)["child"] is None
    assert sup.run().ok
    with sup.store.session() as session:
        (seen,) = transfers.list_transfers(session)
        assert (seen.id, seen.state) == (asked.id, "requested")
    # Meanwhile, not yet synced: dir_a changes the address and logs a visit.
    with dir_a.store.session() as session:
        update_child(session, child_id=child_id, current_address="新地址 1 号")
        visits.log_visit(session, child_id=child_id, visited_on=date.today(), mode="phone")
    with sup.store.session() as session:
        transfers.decide_transfer(session, transfer_id=asked.id, accept=True)
    assert sup.run().ok
    assert dir_b.run().ok
    assert _held(dir_b, child_id)["visits"] == 1  # the file, without dir_a's late visit yet
    assert dir_a.run().ok  # pushes its late edits first, then learns of the move
    assert dir_b.run().ok and sup.run().ok
    assert _held(dir_b, child_id) == {
        "child": (VILLAGE_B, "新地址 1 号"),
        "visits": 2,
        "agreements": 1,
    }
    assert _held(dir_a, child_id)["child"] is None
    assert _held(dir_a, child_id)["visits"] == 0
    with dir_a.store.session() as session:  # the village keeps the transfer as its history
        (note,) = session.scalars(select(Transfer)).all()
        assert (note.state, note.to_region, note.child_name) == ("accepted", VILLAGE_B, "张小明")
    assert _held(sup, child_id) == _held(dir_b, child_id)
    with sup.store.session() as session:
        assert session.scalar(select(func.count()).select_from(Child)) == 1
    before = _server_rows(world, child_id)
    assert before["held"] == 0
    assert all(region == VILLAGE_B for tbl, region in before["rows"] if tbl != "transfer")
    for laptop in (dir_a, dir_b, sup, dir_a, dir_b, sup):
        report = laptop.run()
        assert report.ok and report.pulled == 0 and report.pushed == 0
    assert _server_rows(world, child_id) == before
    # dir_b works on the file it received; the supervisor sees it.
    with dir_b.store.session() as session:
        visits.log_visit(session, child_id=child_id, visited_on=date.today(), mode="home")
    assert dir_b.run().ok and sup.run().ok
    assert _held(sup, child_id)["visits"] == 3


def test_across_townships_only_the_county_decides(world: World) -> None:
    dir_a, sup = world.laptop("dir_a"), world.laptop("sup_1")
    child_id = _file(dir_a)
    with dir_a.store.session() as session:
        asked = transfers.request_transfer(
            session, child_id=child_id, to_region=VILLAGE_C, reason="随母亲迁往白沙乡"
        )
        # A director cannot decide: the app refuses before anything is written.
        with pytest.raises(DomainError):
            transfers.decide_transfer(session, transfer_id=asked.id, accept=True)
    with dir_a.store.session() as session:  # nor on the server, forced past the app
        row = session.get(Transfer, asked.id)
        assert row is not None
        row.state = "accepted"
    report = dir_a.run()
    assert report.ok and report.quarantined == 1
    assert sup.run().ok
    with sup.store.session() as session:
        with pytest.raises(DomainError):  # the township's supervisor covers A, not C
            transfers.decide_transfer(session, transfer_id=asked.id, accept=True)
        # Forced past the app, the server sets it aside and moves nothing.
        row = session.get(Transfer, asked.id)
        assert row is not None
        row.state = "accepted"
    report = sup.run()
    assert report.ok and report.quarantined >= 1
    assert _held(dir_a, child_id)["child"] == (VILLAGE_A, None)
    assert dir_a.run().ok and _held(dir_a, child_id)["child"] == (VILLAGE_A, None)
    dir_c = world.laptop("dir_c")
    assert dir_c.run().ok and _held(dir_c, child_id)["child"] is None
    # The county decides (a county device: the county works the server, not a laptop).
    county = Forger.enrolled(world.server, "county")
    ((_ctr, status, _version, *_),) = county.push(
        county.set("transfer", asked.id, "state", "accepted")
    )
    assert status == "a"
    assert dir_a.run().ok and dir_c.run().ok
    assert _held(dir_a, child_id)["child"] is None
    assert _held(dir_c, child_id) == {"child": (VILLAGE_C, None), "visits": 1, "agreements": 1}


def test_a_device_cannot_move_a_file_by_setting_its_village(world: World) -> None:
    dir_a, dir_b = world.laptop("dir_a"), world.laptop("dir_b")
    child_id = _file(dir_a)
    assert dir_a.run().ok
    with dir_a.store.connection() as conn:  # past the app: the capture still sends it
        conn.exec_driver_sql("UPDATE child SET region_code = ? WHERE id = ?", (VILLAGE_B, child_id))
    report = dir_a.run()
    assert report.ok and report.quarantined == 1
    assert dir_b.run().ok and _held(dir_b, child_id)["child"] is None
    rows = _server_rows(world, child_id)["rows"]
    assert ("child", VILLAGE_A) in rows and ("child", VILLAGE_B) not in rows
