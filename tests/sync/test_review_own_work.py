"""审核: the supervisor's own work waits for no one (issue 15). A child the supervisor
registers on the township's laptop is the township's already; a director's later
change of it is new to the township, and waits."""

from __future__ import annotations

from childcare_desktop.services import children, reviews
from tests.factories import make_child
from tests.sync.township import VILLAGE_B, World


def _pending(laptop: object) -> set[str]:
    with laptop.store.session() as session:  # type: ignore[attr-defined]
        return {i.id for i in reviews.pending_items(session)}


def test_the_supervisor_s_own_registration_is_not_an_item(sqlite_world: World) -> None:
    world = sqlite_world
    sup, b = world.laptop("sup_1"), world.laptop("dir_b")
    assert sup.run().ok and b.run().ok  # the review starts at the first complete sync
    with sup.store.session() as session:
        own = make_child(session, name="镇登记", region_code=VILLAGE_B).id
    with b.store.session() as session:
        theirs = make_child(session, name="村登记").id
    assert b.run().ok and sup.run().ok
    waiting = _pending(sup)
    assert f"registration:{theirs}" in waiting
    assert not any(own in item for item in waiting), waiting
    assert b.run().ok
    with b.store.session() as session:  # the village corrects the township's record
        children.update_child(session, child_id=own, name="镇登记甲")
    assert b.run().ok and sup.run().ok
    assert f"registration:{own}" in _pending(sup)
