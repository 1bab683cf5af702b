"""Pulled changes reach the worklist kept in memory (issue 19).

A pulled page is applied with change capture off; the triggers that log the touched
children (store migration 0023) fire on those writes all the same, so a supervisor's
kept worklist, read before the pull, equals a full one after it.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import text

from childcare_desktop.services import assessments, visits
from tests.factories import make_child
from tests.services.test_worklist_kept import full, kept
from tests.sync.conftest import Laptop
from tests.sync.township import World

TODAY = date.today()


def touched(laptop: Laptop) -> int:
    with laptop.store.connection() as conn:
        return int(conn.execute(text("SELECT count(*) FROM work_touched")).scalar() or 0)


def test_pulled_changes_reach_the_kept_worklist(sqlite_world: World) -> None:
    a, sup = sqlite_world.laptop("dir_a"), sqlite_world.laptop("sup_1")
    with a.store.session() as s:
        ids = [make_child(s, name=f"儿童{n}").id for n in range(4)]
        visits.log_visit(s, child_id=ids[0], visited_on=TODAY - timedelta(days=90), mode="home")
    assert a.run().ok
    with sup.store.session() as s:
        before = kept(s)  # kept from now on
        assert before == full(s)
    logged = touched(sup)
    assert sup.run().ok  # the four children arrive
    assert touched(sup) > logged  # the pulled writes logged their children
    with sup.store.session() as s:
        assert kept(s) == full(s)
        assert {i.child_id for i in kept(s)} >= set(ids)
    with a.store.session() as s:  # then one visit and one assessment
        visits.log_visit(s, child_id=ids[0], visited_on=TODAY, mode="home")
        assessments.assess_guardianship(
            s, child_id=ids[1], assessed_on=TODAY, level="poor", colour="red"
        )
    assert a.run().ok
    with sup.store.session() as s:
        middle = kept(s)
    logged = touched(sup)
    assert sup.run().ok
    assert touched(sup) > logged
    with sup.store.session() as s:
        after = kept(s)
        assert after == full(s)
    assert after != middle  # the pulled visit and assessment changed the work
