"""Late edits of a file that moved more than once (issue 15): the old village's laptop,
offline through A->B->C, sends edits and a visit made over the file as it left A. Their
bases are carried through each move (``merge.late``): an edit made over the value that
moved is a plain edit, one of a field the other village changed meanwhile a conflict,
and the visit is filed where the file is now. A laptop that pulled the file's return is
read as any other."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from sqlalchemy import select

from childcare_desktop.services import transfers, visits
from childcare_desktop.services.children import update_child
from sync.server import schema as s
from tests.factories import make_child
from tests.sync.conftest import VILLAGE_A, VILLAGE_B, Laptop
from tests.sync.hostile import Forger
from tests.sync.township import VILLAGE_C, World


def _child(laptop: Laptop, name: str = "张小明") -> str:
    with laptop.store.session() as session:
        return make_child(session, name=name).id


def _ask(laptop: Laptop, child_id: str, to_region: str) -> str:
    with laptop.store.session() as session:
        return transfers.request_transfer(
            session, child_id=child_id, to_region=to_region, reason="随父母搬迁"
        ).id


def _accept(world: World, user: str, transfer_id: str) -> None:
    decider = Forger.enrolled(world.server, user)
    (result,) = decider.push(decider.set("transfer", transfer_id, "state", "accepted"))
    assert result[1] == "a", result


def _server(world: World, child_id: str) -> dict[str, Any]:
    with world.server.db.read() as conn:
        f = s.field.c
        values = {
            r.field: json.loads(r.value)
            for r in conn.execute(
                select(f.field, f.value).where(f.tbl == "child", f.row_id == child_id)
            )
        }
        rows = {
            (r.tbl, r.row_id): r.region
            for r in conn.execute(select(s.row.c.tbl, s.row.c.row_id, s.row.c.region))
        }
        conflicts = {
            r.field: json.loads(r.body)
            for r in conn.execute(select(s.conflict.c.field, s.conflict.c.body))
        }
        held = conn.execute(select(s.quarantine.c.reason)).scalars().all()
    return {"values": values, "rows": rows, "conflicts": conflicts, "held": held}


def test_a_late_edit_and_visit_through_a_to_b_to_c(sqlite_world: World) -> None:
    world = sqlite_world
    a, b = world.laptop("dir_a"), world.laptop("dir_b")
    child_id = _child(a)
    for n in range(12):  # village B's feed grows longer than A's
        _child(b, name=f"其他儿童{n}")
    there = _ask(a, child_id, VILLAGE_B)
    assert a.run().ok and b.run().ok
    _accept(world, "sup_1", there)
    with a.store.session() as session:  # dir_a, offline since: made over the file as it left
        update_child(session, child_id=child_id, current_address="柳溪村 9 号")
        update_child(session, child_id=child_id, school_name="柳溪小学")
        visit_id = visits.log_visit(
            session, child_id=child_id, visited_on=date.today(), mode="home"
        ).id
    assert b.run().ok
    with b.store.session() as session:  # dir_b corrects the address only
        update_child(session, child_id=child_id, current_address="桃园村 2 号")
    onward = _ask(b, child_id, VILLAGE_C)
    assert b.run().ok
    _accept(world, "county", onward)
    assert a.run().ok
    server = _server(world, child_id)
    assert server["held"] == []
    assert server["rows"][("child", child_id)] == VILLAGE_C
    assert server["rows"][("visit", visit_id)] == VILLAGE_C  # filed where the file is now
    # made over the school as it moved, and no one changed it since: a plain edit
    assert server["values"]["school_name"] == "柳溪小学"
    assert "school_name" not in server["conflicts"]
    # made over the address as it left A, not over dir_b's: the two meet as a conflict
    body = server["conflicts"]["current_address"]
    assert {c["value"] for c in body["candidates"]} == {"桃园村 2 号", "柳溪村 9 号"}
    c = world.laptop("dir_c")
    assert c.run().ok
    with c.store.session() as session:
        from childcare_desktop.storage.models import Visit

        assert session.get(Visit, visit_id) is not None


def _away_and_back(world: World) -> str:
    """dir_a's child moved A->B (dir_b corrects the address there) and back to A; dir_a
    synced before and after each move."""
    a, b = world.laptop("dir_a"), world.laptop("dir_b")
    child_id = _child(a)
    for n in range(12):  # village A's feed grows longer than B's
        _child(a, name=f"其他儿童{n}")
    there = _ask(a, child_id, VILLAGE_B)
    assert a.run().ok
    _accept(world, "sup_1", there)
    assert a.run().ok and b.run().ok
    with b.store.session() as session:
        update_child(session, child_id=child_id, current_address="桃园村 2 号")
    back = _ask(b, child_id, VILLAGE_A)
    assert b.run().ok
    _accept(world, "sup_1", back)
    return child_id


def test_an_edit_after_pulling_the_return_is_read_as_any(sqlite_world: World) -> None:
    """A->B->A, and dir_a pulled all of it: its edit is made over the versions of A's
    feed after the return, a plain edit (no conflict)."""
    world = sqlite_world
    child_id = _away_and_back(world)
    a = world.laptop("dir_a")
    assert a.run().ok
    with a.store.session() as session:
        update_child(session, child_id=child_id, current_address="柳溪村 9 号")
    assert a.run().ok
    server = _server(world, child_id)
    assert server["rows"][("child", child_id)] == VILLAGE_A
    assert server["conflicts"] == {} and server["held"] == []
    assert server["values"]["current_address"] == "柳溪村 9 号"


def test_a_township_edit_after_pulling_the_return_is_read_as_any(sqlite_world: World) -> None:
    world = sqlite_world
    child_id = _away_and_back(world)
    sup = world.laptop("sup_1")
    assert sup.run().ok
    with sup.store.session() as session:
        update_child(session, child_id=child_id, school_name="镇中心小学")
    assert sup.run().ok
    server = _server(world, child_id)
    assert server["conflicts"] == {} and server["held"] == []
    assert server["values"]["school_name"] == "镇中心小学"
