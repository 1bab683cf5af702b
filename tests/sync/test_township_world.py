"""The two-township county of ``tests.sync.township`` stands up: each person's laptop
syncs, and a supervisor's laptop receives both of its villages and nothing of the other
township."""

from __future__ import annotations

from sqlalchemy import select

from childcare_desktop.storage.models import Child
from tests.factories import make_child
from tests.sync.township import VILLAGE_B, VILLAGE_C, World


def test_a_supervisor_receives_the_township_s_villages_only(world: World) -> None:
    for user, name in (("dir_a", "甲"), ("dir_b", "乙"), ("dir_c", "丙")):
        laptop = world.laptop(user)
        with laptop.store.session() as session:
            make_child(session, name=name)
        assert laptop.run().ok
    sup = world.laptop("sup_1")
    assert sup.run().ok
    with sup.store.session() as session:
        held = dict(session.execute(select(Child.name, Child.region_code)).all())
    assert held == {"甲": "349901101201", "乙": VILLAGE_B}
    assert VILLAGE_C not in held.values()
