"""Two laptops and the county server: changes go up, come down, and merge field by field."""

from __future__ import annotations

from sqlalchemy import select

from childcare_desktop.storage.models import Child
from tests.factories import make_child
from tests.sync.conftest import VILLAGE_A, LiveServer


def _child(laptop, child_id):
    with laptop.store.session() as session:
        return session.execute(select(Child).where(Child.id == child_id)).scalar_one_or_none()


def test_a_child_made_on_one_laptop_reaches_the_other(server: LiveServer, make_laptop) -> None:
    server.user("wang", "director", VILLAGE_A)
    a = make_laptop("a", server, user="wang")
    b = make_laptop("b", server, user="wang")
    with a.store.session() as session:
        child = make_child(session, name="李<小>&明")
    first = a.run()
    assert first.ok, first
    assert first.pushed > 0
    second = b.run()
    assert second.ok, second
    got = _child(b, child.id)
    assert got is not None and got.name == "李<小>&明"
    assert got.name_pinyin  # derived on the receiving laptop too
    # Concurrent edits of different fields merge.
    with a.store.session() as session:
        session.get(Child, child.id).phone = "13800000001"
    with b.store.session() as session:
        session.get(Child, child.id).notes = "住奶奶家"
    assert a.run().ok and b.run().ok and a.run().ok
    for laptop in (a, b):
        got = _child(laptop, child.id)
        assert (got.phone, got.notes) == ("13800000001", "住奶奶家")
    idle = a.run()
    assert idle.ok and idle.requests == 1, idle
