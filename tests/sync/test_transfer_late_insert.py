"""A record of the old village added after a move it has not heard of yet (issue 15):
alone in its batch, it is filed under the new village, whose feed the server locks.

Found by the state machine (a visit logged in village A of a child the supervisor had
just moved to B): the server took a number of B's feed without having locked it, failed
with a KeyError on every push, and the director's laptop could never sync again."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from childcare_desktop.services import transfers, visits
from childcare_desktop.storage.models import Visit
from sync.server import schema as s
from tests.factories import make_child
from tests.sync.conftest import VILLAGE_B
from tests.sync.township import World


def test_a_late_visit_alone_in_its_batch_follows_the_move(world: World) -> None:
    dir_a, dir_b, sup = world.laptop("dir_a"), world.laptop("dir_b"), world.laptop("sup_1")
    with dir_a.store.session() as session:
        child_id = make_child(session, name="张小明").id
    assert dir_a.run().ok and sup.run().ok
    with sup.store.session() as session:
        asked = transfers.request_transfer(
            session, child_id=child_id, to_region=VILLAGE_B, reason="随父母搬迁"
        )
        transfers.decide_transfer(session, transfer_id=asked.id, accept=True)
    assert sup.run().ok
    with dir_a.store.session() as session:  # not yet synced since the move
        visit_id = visits.log_visit(
            session, child_id=child_id, visited_on=date.today(), mode="home"
        ).id
    report = dir_a.run()
    assert report.ok, report
    with world.server.db.engine.connect() as conn:
        region = conn.execute(
            select(s.row.c.region).where(s.row.c.tbl == "visit", s.row.c.row_id == visit_id)
        ).scalar_one()
    assert region == VILLAGE_B
    assert dir_b.run().ok
    with dir_b.store.session() as session:
        assert session.get(Visit, visit_id) is not None
