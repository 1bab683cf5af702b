"""三留守 (issue 18) on the real server: a director's left-behind elder and her visit
reach the township's laptop (and not the next village), whether or not the county has
the duty on; a bad ID number or a visit into another village is held by the server."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

from childcare_desktop.services import three_left
from childcare_desktop.storage.models import LeftBehindAdult, LeftBehindAdultVisit
from sync.protocol import Hold, Refusal, Status
from tests.factories import make_id, years_ago
from tests.sync.conftest import VILLAGE_A
from tests.sync.hostile import Forger
from tests.sync.township import World

TODAY = date.today()


def test_a_person_and_a_visit_reach_the_township(world: World) -> None:
    a, sup, b = world.laptop("dir_a"), world.laptop("sup_1"), world.laptop("dir_b")
    born = years_ago(75)
    with a.store.session() as s:
        assert not three_left.enabled(s)  # off: kept all the same, and synced
        elder = three_left.add_person(
            s,
            kind="elder",
            name="孙奶奶 <&>",
            id_number=make_id(born, male=False),
            work_place="浙江省义乌市",
            away_who="儿子、儿媳",
            health="chronic",
            phone="13900001111",
            registered_on=TODAY - timedelta(days=10),
        )
        visit = three_left.log_visit(s, person_id=elder.id, visited_on=TODAY, mode="phone")
    assert a.run().ok
    assert sup.run().ok and b.run().ok
    with sup.store.session() as s:
        (seen,) = three_left.roster(s)
        (contact,) = three_left.visits(s, elder.id)
    assert (seen.id, seen.name, seen.birth_date, seen.region_code) == (
        elder.id,
        "孙奶奶 <&>",
        born,
        VILLAGE_A,
    )
    assert (seen.work_place, seen.away_who, seen.phone) == (
        "浙江省义乌市",
        "儿子、儿媳",
        "13900001111",
    )
    assert (contact.id, seen.last_contact_on) == (visit.id, TODAY)
    with b.store.session() as s:
        assert s.get(LeftBehindAdult, elder.id) is None
        assert s.get(LeftBehindAdultVisit, visit.id) is None
    with a.store.session() as s:  # the exit syncs too
        three_left.exit_person(s, person_id=elder.id, exited_on=TODAY, exit_reason="died")
    assert a.run().ok and sup.run().ok
    with sup.store.session() as s:
        assert three_left.roster(s) == []
        assert three_left.person(s, elder.id).exit_reason == "died"


def test_the_server_holds_a_bad_id_and_a_visit_into_another_village(world: World) -> None:
    b = world.laptop("dir_b")
    with b.store.session() as s:
        other = three_left.add_person(s, kind="woman", name="周桂英", birth_date=years_ago(38))
    assert b.run().ok
    forger = Forger.enrolled(world.server, "dir_a")
    good = make_id(years_ago(70))
    row = {
        "kind": "elder",
        "name": "吴大爷",
        "sex": "male",
        "birth_date": None,
        "address": None,
        "work_place": None,
        "away_who": None,
        "health": "unknown",
        "phone": None,
        "registered_on": TODAY.isoformat(),
        "notes": None,
        "exited_on": None,
        "exit_reason": None,
    }
    visit = {"visited_on": TODAY.isoformat(), "mode": "home", "notes": None}
    results = forger.push(
        forger.insert(
            "left_behind_adult", VILLAGE_A, str(uuid.uuid4()), id_number=good[:-1] + "Z", **row
        ),
        forger.insert("left_behind_adult_visit", VILLAGE_A, person_id=other.id, **visit),
    )
    assert [r[1] for r in results] == [Status.QUARANTINED, Status.QUARANTINED]
    assert Hold.decode(results[0][3]).refusal is Refusal.INVALID
    assert Hold.decode(results[1][3]).refusal in (Refusal.MISSING_PARENT, Refusal.OUT_OF_SCOPE)


def test_an_edit_of_an_id_number_reaches_the_township(world: World) -> None:
    """A pulled edit of an identity field is checked with the record's identity as it
    stands (an adult has an ID number and no ID type)."""
    a, sup = world.laptop("dir_a"), world.laptop("sup_1")
    born = years_ago(70)
    with a.store.session() as s:
        elder = three_left.add_person(s, kind="elder", name="钱大爷", birth_date=born)
    assert a.run().ok and sup.run().ok
    number = make_id(born)
    with a.store.session() as s:
        three_left.edit_person(s, elder.id, id_number=number)
    assert a.run().ok and sup.run().ok
    with sup.store.session() as s:
        assert three_left.person(s, elder.id).id_number == number
