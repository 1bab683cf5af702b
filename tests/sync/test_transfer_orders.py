"""Transfers (issue 15): the move holds whatever order the laptops sync in, an exit waits
for the old village's changes of the child, and edits of both villages merge field by
field as any concurrent edits."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

import pytest
from sqlalchemy import select

from childcare_desktop.services import transfers
from childcare_desktop.services.children import update_child
from childcare_desktop.storage.models import Child, Visit
from sync.server import schema as s
from tests.sync.conftest import VILLAGE_A, VILLAGE_B, Laptop
from tests.sync.hostile import Forger
from tests.sync.test_transfers import _file, _held
from tests.sync.township import World


def _ask(world: World, src: str, child_id: str, to: str) -> str:
    with world.laptop(src).store.session() as session:
        return transfers.request_transfer(
            session, child_id=child_id, to_region=to, reason="随父母搬迁"
        ).id


def _accept(world: World, who: str, transfer_id: str) -> None:
    laptop = world.laptop(who)
    assert laptop.run().ok
    with laptop.store.session() as session:
        transfers.decide_transfer(session, transfer_id=transfer_id, accept=True)


def _server(world: World) -> dict[str, Any]:
    with world.server.db.engine.connect() as conn:
        rows = Counter((r.tbl, r.region) for r in conn.execute(select(s.row.c.tbl, s.row.c.region)))
        held = conn.execute(select(s.quarantine.c.reason)).scalars().all()
        conflicts = conn.execute(select(s.conflict.c.field, s.conflict.c.body)).all()
    return {"rows": rows, "held": held, "conflicts": conflicts}


def _settled(*laptops: Laptop) -> None:
    """Sync until nothing moves, then once more: nothing comes or goes."""
    for _ in range(2):
        for laptop in laptops:
            assert laptop.run().ok
    for laptop in laptops:
        report = laptop.run()
        assert report.ok and (report.pulled, report.pushed) == (0, 0), laptop.name


@pytest.mark.parametrize(
    "order", [("dir_a", "dir_b", "sup_1"), ("dir_b", "dir_a", "sup_1"), ("sup_1", "dir_b", "dir_a")]
)
def test_any_order_of_syncs_gives_one_whole_file(world: World, order: tuple[str, ...]) -> None:
    dir_a, dir_b, sup = (world.laptop(u) for u in ("dir_a", "dir_b", "sup_1"))
    _file(dir_b, "王小兵")  # B's versions are not A's (no base is right by coincidence)
    child_id = _file(dir_a)
    transfer_id = _ask(world, "dir_a", child_id, VILLAGE_B)
    assert dir_a.run().ok and dir_b.run().ok
    _accept(world, "sup_1", transfer_id)
    with dir_a.store.session() as session:  # late edits, not yet synced
        update_child(session, child_id=child_id, current_address="新地址 2 号")
    with sup.store.session() as session:  # and the supervisor edits before its sync
        update_child(session, child_id=child_id, school_name="镇中心小学")
    for user in order:
        assert world.laptop(user).run().ok
    _settled(dir_a, dir_b, sup)
    for laptop in (dir_b, sup):
        with laptop.store.session() as session:
            child = session.get(Child, child_id)
            assert child is not None
            assert (child.region_code, child.current_address, child.school_name) == (
                VILLAGE_B,
                "新地址 2 号",
                "镇中心小学",
            )
    assert _held(dir_a, child_id) == {"child": None, "visits": 0, "agreements": 0}
    server = _server(world)
    assert server["held"] == [] and server["conflicts"] == []
    assert not [k for k in server["rows"] if k[1] == VILLAGE_A and k[0] != "transfer"]
    assert server["rows"][("child", VILLAGE_B)] == 2


def test_an_exit_waits_for_the_old_village_s_changes(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    dir_a, dir_b = world.laptop("dir_a"), world.laptop("dir_b")
    child_id = _file(dir_a)
    transfer_id = _ask(world, "dir_a", child_id, VILLAGE_B)
    assert dir_a.run().ok
    _accept(world, "sup_1", transfer_id)
    assert world.laptop("sup_1").run().ok
    with dir_a.store.session() as session:
        update_child(session, child_id=child_id, current_address="晚到的地址")
    # An edit made while the laptop pulled (here: one it did not get to send) keeps
    # the child on this laptop: the exit waits, the cursor stays before it.
    with monkeypatch.context() as m:
        m.setattr(dir_a.sync, "pending", lambda limit, after=0: [])
        assert dir_a.run().ok
    assert _held(dir_a, child_id)["child"] == (VILLAGE_A, "晚到的地址")
    assert dir_a.run().ok  # sends it (made before the move: accepted), then leaves
    assert _held(dir_a, child_id)["child"] is None
    assert dir_b.run().ok
    assert _held(dir_b, child_id)["child"] == (VILLAGE_B, "晚到的地址")
    assert _server(world)["held"] == []


def test_the_same_field_edited_in_both_villages_is_a_conflict_in_the_new_one(
    world: World,
) -> None:
    dir_a, dir_b = world.laptop("dir_a"), world.laptop("dir_b")
    child_id = _file(dir_a)
    transfer_id = _ask(world, "dir_a", child_id, VILLAGE_B)
    assert dir_a.run().ok
    _accept(world, "sup_1", transfer_id)
    assert world.laptop("sup_1").run().ok and dir_b.run().ok
    with dir_b.store.session() as session:
        update_child(session, child_id=child_id, current_address="乙村的地址")
    with dir_a.store.session() as session:
        update_child(session, child_id=child_id, current_address="甲村的地址")
    assert dir_b.run().ok and dir_a.run().ok and dir_b.run().ok
    (conflict,) = _server(world)["conflicts"]
    body = json.loads(conflict.body)
    assert conflict.field == "current_address" and body["region"] == VILLAGE_B
    assert {c["value"] for c in body["candidates"]} == {"乙村的地址", "甲村的地址"}
    with dir_b.store.connection() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM sync_conflict").scalar_one() == 1


def test_a_move_into_an_earlier_village_reaches_the_supervisor_once(world: World) -> None:
    """B -> A: the supervisor's laptop gets the file's inserts (A's feed) before the exit
    (B's feed): it re-files the records it has, and holds each once."""
    dir_a, dir_b, sup = (world.laptop(u) for u in ("dir_a", "dir_b", "sup_1"))
    child_id = _file(dir_b)
    assert dir_b.run().ok and sup.run().ok
    transfer_id = _ask(world, "dir_b", child_id, VILLAGE_A)
    assert dir_b.run().ok
    _accept(world, "sup_1", transfer_id)
    _settled(sup, dir_a, dir_b)
    with sup.store.session() as session:
        (child,) = session.scalars(select(Child)).all()
        assert child.region_code == VILLAGE_A
        visits = session.scalars(select(Visit)).all()
        assert [v.region_code for v in visits] == [VILLAGE_A]
    assert _held(dir_a, child_id)["child"] == (VILLAGE_A, None)
    assert _held(dir_b, child_id)["child"] is None
    # Edited on the supervisor's laptop after the move: merged in A, no conflict.
    with sup.store.session() as session:
        update_child(session, child_id=child_id, current_address="督导员更正")
    _settled(sup, dir_a, dir_b)
    assert _held(dir_a, child_id)["child"] == (VILLAGE_A, "督导员更正")
    assert _server(world)["conflicts"] == []


def test_the_supervisor_asks_and_accepts_in_one_sync(world: World) -> None:
    dir_a, dir_b, sup = (world.laptop(u) for u in ("dir_a", "dir_b", "sup_1"))
    child_id = _file(dir_a)
    assert dir_a.run().ok and sup.run().ok
    with sup.store.session() as session:
        asked = transfers.request_transfer(
            session, child_id=child_id, to_region=VILLAGE_B, reason="随父母搬迁"
        )
        transfers.decide_transfer(session, transfer_id=asked.id, accept=True)
    _settled(sup, dir_a, dir_b)
    assert _held(dir_b, child_id)["child"] == (VILLAGE_B, None)
    assert _held(dir_a, child_id)["child"] is None
    assert _server(world)["held"] == []


def test_a_supervisor_s_edit_made_while_the_file_moves_is_no_conflict(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The supervisor edits the child while the move is on its way to its laptop: the
    record's whole insert in the new village waits there until the edit is sent (made
    over the old village's versions, the server reads it so): a plain edit, no conflict."""
    dir_a, dir_b, sup = (world.laptop(u) for u in ("dir_a", "dir_b", "sup_1"))
    _file(dir_b, "王小兵")  # village B's feed has its own numbers (versions are per village)
    assert dir_b.run().ok
    child_id = _file(dir_a)
    transfer_id = _ask(world, "dir_a", child_id, VILLAGE_B)
    assert dir_a.run().ok and sup.run().ok and dir_b.run().ok
    county = Forger.enrolled(world.server, "county")  # the county may decide it as well
    ((_ctr, status, *_),) = county.push(county.set("transfer", transfer_id, "state", "accepted"))
    assert status == "a"
    assert dir_b.run().ok
    with dir_b.store.session() as session:  # the new village edits another field
        update_child(session, child_id=child_id, school_name="桃园小学")
    assert dir_b.run().ok
    with sup.store.session() as session:
        update_child(session, child_id=child_id, current_address="督导员核实的地址")
    with monkeypatch.context() as m:  # an edit it did not get to send before pulling
        m.setattr(sup.sync, "pending", lambda limit, after=0: [])
        assert sup.run().ok
    with sup.store.session() as session:
        child = session.get(Child, child_id)
        assert child is not None and child.school_name is None  # B's feed waits
    _settled(sup, dir_a, dir_b)
    for laptop in (sup, dir_b):
        with laptop.store.session() as session:
            child = session.get(Child, child_id)
            assert child is not None
            assert (child.current_address, child.school_name) == ("督导员核实的地址", "桃园小学")
    assert _server(world)["conflicts"] == [] and _server(world)["held"] == []
