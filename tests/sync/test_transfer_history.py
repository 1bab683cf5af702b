"""A transfer in the child's 历史记录, and the villages a director may name (issue 15).

The county's division names reach every laptop (public names), so a director asking to
move a child picks the other village by name; the transfer, asked on one laptop and
decided on another, shows in the file's history wherever both are held, its villages
named, once."""

from __future__ import annotations

from pathlib import Path

from childcare_desktop.services import transfers
from childcare_desktop.services.history import child_history
from tests.factories import make_child
from tests.sync.test_places import GOOD, _import
from tests.sync.township import VILLAGE_B, VILLAGE_C, World


def test_a_director_names_the_village_and_the_history_tells_the_move(
    sqlite_world: World, tmp_path: Path
) -> None:
    world = sqlite_world
    assert _import(world.server, tmp_path, GOOD.encode()) == 0
    dir_a, sup = world.laptop("dir_a"), world.laptop("sup_1")
    assert dir_a.run().ok
    with dir_a.store.session() as session:
        child_id = make_child(session, name="刘小红").id
        assert transfers.destinations(session, child_id=child_id) == [
            (VILLAGE_C, "白沙乡河口村"),
            (VILLAGE_B, "青石镇桃园村"),
        ]
        asked = transfers.request_transfer(
            session, child_id=child_id, to_region=VILLAGE_B, reason="随父母搬迁"
        )
        mine = child_history(session, child_id=child_id)
    assert [h.action for h in mine].count("transfer_requested") == 1  # its own audit, once
    assert dir_a.run().ok and sup.run().ok
    with sup.store.session() as session:
        transfers.decide_transfer(session, transfer_id=asked.id, accept=True)
        told = child_history(session, child_id=child_id)
    moves = [(h.action, h.actor, h.detail.get("note")) for h in told if "transfer" in h.action]
    assert moves == [
        ("transfer_accepted", "sup_1", None),  # the laptop's own audit (its user)
        ("transfer_requested", "李主任", "青石镇柳溪村 → 青石镇桃园村"),  # from the record
    ]
    assert sup.run().ok and dir_a.run().ok
    with sup.store.session() as session:
        again = child_history(session, child_id=child_id)
    assert [h.action for h in again].count("transfer_accepted") == 1  # never twice
