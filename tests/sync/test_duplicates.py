"""Suspected duplicates across villages (issue 15), on the real server (SQLite and
PostgreSQL): two villages register one child, the server opens a case, the township's
supervisor merges one pair and keeps another apart, and every laptop ends up with the
result; nothing is proposed twice, and the other township sees nothing."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from childcare_desktop.core.duplicates import Reason
from childcare_desktop.core.errors import StateError
from childcare_desktop.services import duplicates
from childcare_desktop.services.roster import RosterFilter, search_roster
from childcare_desktop.services.visits import log_visit
from childcare_desktop.storage.models import Child, DuplicateDecision, Visit
from sync.server import cli as server_cli
from sync.server import duplicates as server_duplicates
from tests.factories import make_child, make_id, years_ago
from tests.sync.township import World

BIRTH = years_ago(8, 40)
SAME_ID = make_id(BIRTH, male=False)
PINYIN_BIRTH = years_ago(6, 10)


def _register(world: World) -> dict[str, str]:
    """dir_a and dir_b each register the same girl (one ID number, the name written
    alike) and a boy without ID number whose names differ in writing, not in sound."""
    ids = {}
    for user, name, boy, visited in (
        ("dir_a", "刘小雨", "张伟", 20),
        ("dir_b", "刘晓雨", "章伟", 10),
    ):
        laptop = world.laptop(user)
        with laptop.store.session() as session:
            girl = make_child(
                session,
                name=name,
                sex="female",
                id_number=SAME_ID,
                phone="1390000000" + str(len(ids)),
            )
            other = make_child(
                session, name=boy, sex="male", id_number=None, birth_date=PINYIN_BIRTH
            )
            log_visit(
                session,
                child_id=girl.id,
                visited_on=date.today() - timedelta(days=visited),
                mode="home",
            )
        ids[f"{user}_girl"], ids[f"{user}_boy"] = girl.id, other.id
        assert laptop.run().ok
    return ids


def _server_cases(world: World) -> list[dict]:
    with world.server.db.read() as conn:
        return server_duplicates.all_cases(conn)


def test_two_villages_one_child_merged_and_a_pair_kept_apart(world: World) -> None:
    ids = _register(world)
    cases = _server_cases(world)
    assert {c["reason"] for c in cases} == {Reason.ID_NUMBER, Reason.PINYIN}
    assert all(c["state"] == "open" for c in cases)

    sup = world.laptop("sup_1")
    report = sup.run()
    assert report.ok and report.duplicates == 2
    with sup.store.session() as session:
        seen = {c.reason: c for c in duplicates.list_cases(session)}
        girl_case, boy_case = seen[Reason.ID_NUMBER], seen[Reason.PINYIN]
        assert girl_case.decidable and boy_case.decidable
        assert {girl_case.a.child_id, girl_case.b.child_id} == {
            ids["dir_a_girl"],
            ids["dir_b_girl"],
        }
        rows = {r.field: r for r in duplicates.compare(session, case_id=girl_case.id)}
        assert rows["name"].differs and rows["phone"].differs and not rows["id_number"].differs
        keep = ids["dir_a_girl"]
        duplicates.merge_case(session, case_id=girl_case.id, keep=keep, take=["phone"])
        duplicates.mark_distinct(session, case_id=boy_case.id)
        assert duplicates.list_cases(session) == []
    assert sup.run().ok
    states = {c["reason"]: c for c in _server_cases(world)}
    assert states["id_number"]["state"] == "merged"
    assert states["id_number"]["decided_by"] == "sup_1"
    assert states["pinyin"]["state"] == "distinct"

    a, b = world.laptop("dir_a"), world.laptop("dir_b")
    assert a.run().ok and b.run().ok
    with a.store.session() as session:
        kept = session.get(Child, keep)
        assert kept is not None
        assert (kept.name, kept.phone) == ("刘小雨", "13900000002")  # B's phone, A's name
        assert session.scalars(select(Visit).where(Visit.child_id == keep)).all()
    with b.store.session() as session:
        gone = ids["dir_b_girl"]
        active = {c.id for c in search_roster(session)}
        assert gone not in active and ids["dir_b_boy"] in active
        exited = {c.id for c in search_roster(session, filters=RosterFilter(status="exited"))}
        assert gone in exited  # left the roster, not the history
        assert session.scalars(select(Visit).where(Visit.child_id == gone)).all()
    with sup.store.session() as session:  # both histories through the link
        visits = duplicates.visits_with_merged(session, child_id=keep)
        assert {c for c, _ in visits} == {keep, ids["dir_b_girl"]}

    # Nothing is proposed again: another edit of both, another round of syncs.
    with b.store.session() as session:
        from childcare_desktop.services.children import update_child

        update_child(session, child_id=ids["dir_b_boy"], notes="再次核实")
    assert b.run().ok and a.run().ok
    report = sup.run()
    assert report.ok and report.duplicates == 0
    assert len(_server_cases(world)) == 2

    other = world.laptop("sup_2")
    report = other.run()
    assert report.ok and report.duplicates == 0
    with other.store.session() as session:
        assert duplicates.list_cases(session) == []


def test_a_pair_across_townships_is_the_county_s(sqlite_world: World) -> None:
    """dir_a (township 1) and dir_c (township 2) register one boy: each supervisor sees
    the case, with the other township's file not served, and cannot decide it; the
    county closes it (``childcare-server duplicates distinct``)."""
    world = sqlite_world
    number = make_id(years_ago(5, 77))
    made = {}
    for user in ("dir_a", "dir_c"):
        laptop = world.laptop(user)
        with laptop.store.session() as session:
            made[user] = make_child(session, name="高远", id_number=number).id
        assert laptop.run().ok
    for user, own in (("sup_1", "dir_a"), ("sup_2", "dir_c")):
        sup = world.laptop(user)
        report = sup.run()
        assert report.ok and report.duplicates == 1
        with sup.store.session() as session:
            (case,) = duplicates.list_cases(session)
            assert not case.decidable
            mine, other = (case.a, case.b) if case.a.here else (case.b, case.a)
            assert mine.child_id == made[own] and not other.here and other.name is None
            with pytest.raises(StateError):
                duplicates.mark_distinct(session, case_id=case.id)
    (case,) = _server_cases(world)
    url = world.server.db.url
    assert (
        server_cli.main(["--db", url, "duplicates", "distinct", case["id"], "--by", "郑科长"]) == 0
    )
    assert server_cli.main(["--db", url, "duplicates", "distinct", case["id"]]) == 2  # closed
    assert [(c["state"], c["decided_by"]) for c in _server_cases(world)] == [("distinct", "郑科长")]
    for user in ("sup_1", "sup_2"):
        report = world.laptop(user).run()
        assert report.ok and report.duplicates == 0


def test_a_director_cannot_decide_a_duplicate(sqlite_world: World) -> None:
    """Only a user who may merge (MERGE_DUPLICATES) writes a decision: a director's
    is set aside by the server and closes nothing."""
    world = sqlite_world
    ids = _register(world)
    a = world.laptop("dir_a")
    case = next(c for c in _server_cases(world) if c["reason"] == "id_number")
    with a.store.session() as session:
        session.add(
            DuplicateDecision(
                child_id=ids["dir_a_girl"],
                region_code=session.get(Child, ids["dir_a_girl"]).region_code,
                case_id=case["id"],
                other_id=ids["dir_b_girl"],
                outcome="distinct",
                decided_on=date.today(),
            )
        )
    report = a.run()
    assert report.ok and report.quarantined == 1
    assert {c["state"] for c in _server_cases(world)} == {"open"}
