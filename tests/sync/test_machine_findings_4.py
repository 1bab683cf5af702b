"""A long state-machine run (I3 on the supervisor's laptop): a visit the township
laptop logged for a child whose file had moved on the server, before it pulled the move,
stayed filed under the old village on that laptop while the server filed it under the
new one (``merge.late`` re-files such a late insert)."""

from __future__ import annotations

from datetime import date

import pytest

from childcare_desktop.core.roles import Role
from childcare_desktop.core.vocab import VisitMode
from childcare_desktop.services import family, preferences, transfers
from childcare_desktop.services.visits import log_visit
from sync.server import schema as s
from tests.factories import make_child
from tests.sync.conftest import TOWNSHIP, VILLAGE_A, VILLAGE_B
from tests.sync.test_transfer_feed_order import Reversed, _accept
from tests.sync.township import World


def _region_on_server(world: World, table: str, row_id: str) -> str:
    with world.server.db.read() as conn:
        r = s.row.c
        found = conn.execute(s.row.select().where(r.tbl == table, r.row_id == row_id)).first()
    assert found is not None
    return str(found.region)


def _region_on(laptop, table: str, row_id: str) -> str | None:  # type: ignore[no-untyped-def]
    with laptop.store.connection() as conn:
        found = conn.exec_driver_sql(f"SELECT region_code FROM {table} WHERE id = ?", (row_id,))
        return found.scalar()


@pytest.mark.parametrize("reverse", [False, True], ids=["in-order", "last-first"])
def test_a_late_visit_of_the_supervisor_is_filed_where_the_file_moved(
    sqlite_world: World, reverse: bool
) -> None:
    world = sqlite_world
    dir_a = world.laptop("dir_a")
    with dir_a.store.session() as session:
        child_id = make_child(session, name="张小明").id
    assert dir_a.run().ok
    sup = world.laptop("sup_1")
    if reverse:
        sup.transport = Reversed(world.server.url)
    assert sup.run().ok
    # the file moves A->B on the server; the supervisor has not pulled it yet
    with dir_a.store.session() as session:
        asked = transfers.request_transfer(
            session, child_id=child_id, to_region=VILLAGE_B, reason="随父母搬迁"
        ).id
    assert dir_a.run().ok
    _accept(world, asked)
    with sup.store.session() as session:
        visit_id = log_visit(
            session, child_id=child_id, visited_on=date.today(), mode=VisitMode.PHONE
        ).id
    assert sup.run().ok
    assert sup.run().ok
    assert _region_on_server(world, "visit", visit_id) == VILLAGE_B
    assert _region_on(sup, "child", child_id) == VILLAGE_B
    assert _region_on(sup, "visit", visit_id) == VILLAGE_B


@pytest.mark.parametrize("reverse", [False, True], ids=["in-order", "last-first"])
def test_a_visit_logged_after_the_supervisor_moved_the_file_follows_it(
    sqlite_world: World, reverse: bool
) -> None:
    """As the machine did it: the supervisor moves a file B->A on its laptop and logs a
    visit of the child before it syncs (the visit still under B there); one push carries
    both, the server moves the file and re-files the visit under A."""
    world = sqlite_world
    dir_b = world.laptop("dir_b")
    with dir_b.store.session() as session:
        child_id = make_child(session, name="李四").id
    assert dir_b.run().ok
    sup = world.laptop("sup_1")
    if reverse:
        sup.transport = Reversed(world.server.url)
    assert sup.run().ok
    with sup.store.session() as session:
        if preferences.work_settings(session).role != Role.SUPERVISOR.value:
            preferences.set_work_settings(
                session, name="赵督导", role=Role.SUPERVISOR, region_code=TOWNSHIP
            )
        asked = transfers.request_transfer(
            session, child_id=child_id, to_region=VILLAGE_A, reason="随父母搬迁"
        )
        transfers.decide_transfer(session, transfer_id=asked.id, accept=True)
        visit_id = log_visit(
            session, child_id=child_id, visited_on=date.today(), mode=VisitMode.VIDEO
        ).id
    assert sup.run().ok
    assert sup.run().ok
    assert _region_on_server(world, "visit", visit_id) == VILLAGE_A
    assert _region_on(sup, "child", child_id) == VILLAGE_A
    assert _region_on(sup, "visit", visit_id) == VILLAGE_A


@pytest.mark.parametrize("reverse", [False, True], ids=["in-order", "last-first"])
def test_a_late_carer_of_the_supervisor_takes_later_edits(
    sqlite_world: World, reverse: bool
) -> None:
    """Found next to the visit: a record the supervisor's laptop adds to a file before it
    pulls the file's move (a carer; the server files it under the new village) must
    take the new village's later edits of it on that laptop. The old village's exit
    marks each record of the file as waiting for the move's insert; the server flags
    the re-filed late insert as that move's (``moved|n``) and serves it back to its
    own laptop, else the carer waited for good and every later edit of it was
    dropped as over."""
    world = sqlite_world
    dir_a = world.laptop("dir_a")
    with dir_a.store.session() as session:
        child_id = make_child(session, name="张小明").id
    assert dir_a.run().ok
    sup = world.laptop("sup_1")
    if reverse:
        sup.transport = Reversed(world.server.url)
    assert sup.run().ok
    with dir_a.store.session() as session:
        asked = transfers.request_transfer(
            session, child_id=child_id, to_region=VILLAGE_B, reason="随父母搬迁"
        ).id
    assert dir_a.run().ok
    _accept(world, asked)
    with sup.store.session() as session:
        carer_id = family.add_carer(
            session, child_id=child_id, name="李奶奶", relation="paternal_grandmother"
        ).id
    assert sup.run().ok
    assert sup.run().ok
    dir_b = world.laptop("dir_b")
    assert dir_b.run().ok
    with dir_b.store.session() as session:
        family.update_carer(session, carer_id=carer_id, name="王奶奶")
    assert dir_b.run().ok
    assert sup.run().ok
    with sup.store.connection() as conn:
        found = conn.exec_driver_sql(
            "SELECT name, region_code FROM carer WHERE id = ?", (carer_id,)
        ).first()
    assert found is not None and tuple(found) == ("王奶奶", VILLAGE_B)
