"""One suspected duplicate decided twice at once (issue 15): the first decision the server
applies wins, whatever the order of the pushes, on SQLite and PostgreSQL. The losing
merge (its decision, its copies, its exit of the other file) is set aside, and the
laptop that made it undoes it at its next sync: it shows the child as the server has it,
the reason listed on its 同步 page. A 重复建档 exit no merge stands behind is set aside."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlalchemy import select

from childcare_desktop.services import duplicates, syncing
from childcare_desktop.services.enrollment import exit_child
from childcare_desktop.services.roster import search_roster
from childcare_desktop.storage.models import CategoryMembership, Child
from sync.protocol import Hold, Refusal, encode_ops
from sync.server import cli as server_cli
from sync.server import duplicates as server_duplicates
from sync.server import schema as s
from tests.factories import make_child, make_id, years_ago
from tests.sync.conftest import VILLAGE_A, VILLAGE_B, Laptop
from tests.sync.hostile import Forger
from tests.sync.township import World

HELD = "q"
DISTINCT = Hold(Refusal.CASE_CLOSED, "case_id", "distinct")


def _two_files(world: World) -> dict[str, str]:
    """dir_a and dir_b each register one girl (one ID number), with their own phone."""
    number = make_id(years_ago(8, 40), male=False)
    made = {}
    for user, name, phone in (
        ("dir_a", "刘小雨", "13900000001"),
        ("dir_b", "刘晓雨", "13900000002"),
    ):
        laptop = world.laptop(user)
        with laptop.store.session() as session:
            made[user] = make_child(
                session, name=name, sex="female", id_number=number, phone=phone
            ).id
        assert laptop.run().ok
    return made


def _second_laptop(world: World, user: str) -> Laptop:
    """Another laptop of the same user (office and home)."""
    world.laptops.pop(user)
    make = world.make_laptop
    world.make_laptop = lambda _user: make(f"{user}_home")
    try:
        return world.laptop(user)
    finally:
        world.make_laptop = make


def _case(world: World) -> dict[str, Any]:
    with world.server.db.read() as conn:
        (case,) = server_duplicates.all_cases(conn)
    return case


def _on_roll(laptop: Laptop) -> set[str]:
    with laptop.store.session() as session:
        return {c.id for c in search_roster(session)}


def _phone(laptop: Laptop, child_id: str) -> str | None:
    with laptop.store.session() as session:
        child = session.get(Child, child_id)
        assert child is not None
        return child.phone


def _open_categories(laptop: Laptop, child_id: str) -> int:
    with laptop.store.session() as session:
        return len(
            session.scalars(
                select(CategoryMembership).where(
                    CategoryMembership.child_id == child_id,
                    CategoryMembership.ended_on.is_(None),
                    CategoryMembership.deleted.is_(False),
                )
            ).all()
        )


def _server_phone(world: World, child_id: str) -> str:
    f = s.field.c
    with world.server.db.read() as conn:
        return str(
            conn.execute(
                select(f.value).where(f.tbl == "child", f.row_id == child_id, f.field == "phone")
            ).scalar()
        )


@pytest.mark.parametrize("first", ["office", "home"])
def test_two_merges_at_once_the_first_applied_wins_and_the_other_laptop_follows(
    world: World, first: str
) -> None:
    """The supervisor keeps A's file (taking B's phone) on the office laptop and B's
    (taking A's phone) on the home one, both offline; whichever pushes first wins."""
    made = _two_files(world)
    office = world.laptop("sup_1")
    home = _second_laptop(world, "sup_1")
    assert office.run().ok and home.run().ok
    case = _case(world)
    keeps = {"office": made["dir_a"], "home": made["dir_b"]}
    laptops = {"office": office, "home": home}
    for name, laptop in laptops.items():
        with laptop.store.session() as session:
            duplicates.merge_case(session, case_id=case["id"], keep=keeps[name], take=["phone"])
    last = "home" if first == "office" else "office"
    winner, loser = laptops[first], laptops[last]
    kept, dropped = keeps[first], keeps[last]
    assert winner.run().ok
    report = loser.run()
    # Its decision, its copy, the category it ended with its exit (two fields), the exit.
    assert report.ok and report.quarantined == 5

    case = _case(world)
    assert (case["state"], case["kept"]) == ("merged", kept)
    phones = {made["dir_a"]: "13900000001", made["dir_b"]: "13900000002"}
    assert _server_phone(world, kept) == _server_phone(world, dropped) == f'"{phones[dropped]}"'
    held = {(h.table, h.hold.field): h.hold for h in syncing.quarantined(loser.store)}
    assert held == {
        ("duplicate_decision", "case_id"): Hold(Refusal.CASE_CLOSED, "case_id", "merged"),
        ("child", "phone"): Hold(Refusal.CASE_CLOSED, "phone", "merged"),
        ("category_membership", "ended_on"): Hold(Refusal.CASE_CLOSED, "ended_on", "merged"),
        ("category_membership", "end_reason"): Hold(Refusal.CASE_CLOSED, "end_reason", "merged"),
        ("enrollment_event", "reason"): Hold(Refusal.CASE_CLOSED, "reason", "merged"),
    }
    # Both laptops of the supervisor, and the two villages, show the server's child.
    for laptop in (winner, loser, world.laptop("dir_a"), world.laptop("dir_b")):
        assert laptop.run().ok
    for laptop in (winner, loser):
        assert {kept, dropped} & _on_roll(laptop) == {kept}
        with laptop.store.session() as session:
            assert duplicates.merged_files(session, child_id=kept) == [dropped]
    assert _phone(loser, dropped) == _phone(winner, dropped) == phones[dropped]  # copy undone
    assert _open_categories(loser, kept) == _open_categories(winner, kept) == 1  # not ended
    assert kept in _on_roll(world.laptop(_owner(made, kept)))
    assert dropped not in _on_roll(world.laptop(_owner(made, dropped)))

    # A second sync of every laptop changes nothing.
    before = {n: (_on_roll(lp), _phone(lp, kept), _phone(lp, dropped)) for n, lp in laptops.items()}
    for name, laptop in laptops.items():
        again = laptop.run()
        assert again.ok and (again.pushed, again.pulled, again.quarantined) == (0, 0, 0)
        assert (_on_roll(laptop), _phone(laptop, kept), _phone(laptop, dropped)) == before[name]
    assert len(syncing.quarantined(loser.store)) == 5


def _owner(made: dict[str, str], child_id: str) -> str:
    return next(user for user, c in made.items() if c == child_id)


def test_a_merge_after_the_county_s_distinct_is_undone_on_the_laptop(world: World) -> None:
    """The county marks the pair 不是同一人 while the supervisor, offline, merges it: the
    whole merge is set aside, and the supervisor's laptop has both files on its roll
    again, no merged link between them, the reason listed."""
    made = _two_files(world)
    sup = world.laptop("sup_1")
    assert sup.run().ok
    case = _case(world)
    assert server_cli.main(["--db", world.server.db.url, "duplicates", "distinct", case["id"]]) == 0
    with sup.store.session() as session:
        duplicates.merge_case(session, case_id=case["id"], keep=made["dir_a"], take=["phone"])
    assert made["dir_b"] not in _on_roll(sup)
    report = sup.run()
    assert report.ok and report.quarantined == 5
    assert (_case(world)["state"], _case(world)["kept"]) == ("distinct", None)
    assert {made["dir_a"], made["dir_b"]} <= _on_roll(sup)
    assert _phone(sup, made["dir_a"]) == "13900000001"  # B's phone not copied in
    assert _open_categories(sup, made["dir_b"]) == 1
    with sup.store.session() as session:
        assert duplicates.merged_files(session, child_id=made["dir_a"]) == []
    assert DISTINCT in {h.hold for h in syncing.quarantined(sup.store)}
    again = sup.run()
    assert again.ok and (again.pushed, again.pulled, again.quarantined) == (0, 0, 0)
    assert {made["dir_a"], made["dir_b"]} <= _on_roll(sup)


def test_nobody_exits_a_file_as_a_duplicate_without_a_merge(sqlite_world: World) -> None:
    """A director's device forges a 重复建档 exit of a file with no case: set aside. A
    director who picks that reason by hand sees the file back on the roll after syncing;
    an exit for any other reason stands."""
    world = sqlite_world
    a = world.laptop("dir_a")
    with a.store.session() as session:
        one, two = (make_child(session, name=n).id for n in ("王一", "王二"))
    assert a.run().ok
    forger = Forger.enrolled(world.server, "dir_a")
    exit_row = {
        "child_id": one,
        "kind": "exit",
        "on_date": date.today().isoformat(),
        "reason": "duplicate",
        "note": None,
    }
    results = forger.push(forger.insert("enrollment_event", VILLAGE_A, **exit_row))
    assert [r[1] for r in results] == [HELD]
    assert Hold.decode(results[0][3]) == Hold(Refusal.CASE_CLOSED, "reason", "none")
    with a.store.session() as session:
        exit_child(session, child_id=one, on_date=date.today(), reason="duplicate")
        exit_child(session, child_id=two, on_date=date.today(), reason="moved")
    report = a.run()
    assert report.ok and report.quarantined == 1
    assert one in _on_roll(a) and two not in _on_roll(a)
    b = world.laptop("sup_1")
    assert b.run().ok
    assert one in _on_roll(b) and two not in _on_roll(b)


def test_only_what_came_with_a_merge_set_aside_is_set_aside_with_it(sqlite_world: World) -> None:
    """A device sends a merge of a case the county closed: the copy into the kept file
    made with it is set aside; an edit of that file made seconds later by hand, and a
    merge's exit sent alone with no decision, are judged each on its own."""
    import dataclasses

    world = sqlite_world
    made = _two_files(world)
    case = _case(world)
    assert server_cli.main(["--db", world.server.db.url, "duplicates", "distinct", case["id"]]) == 0
    sup = Forger.enrolled(world.server, "sup_1")
    decision = sup.insert(
        "duplicate_decision",
        VILLAGE_A,
        child_id=made["dir_a"],
        case_id=case["id"],
        other_id=made["dir_b"],
        outcome="merged",
        decided_by="周督导",
        decided_on=date.today().isoformat(),
    )
    copy = dataclasses.replace(
        sup.set("child", made["dir_a"], "phone", "13900000002"), device_ms=decision.device_ms + 5
    )
    later = dataclasses.replace(
        sup.set("child", made["dir_a"], "notes", "家访核实"), device_ms=decision.device_ms + 60_000
    )
    results = sup.push(decision, copy, later)
    assert [r[1] for r in results[:2]] == [HELD, HELD] and results[2][1] != HELD
    assert results[1][4] == {"value": "13900000001"}  # what the laptop shows instead
    assert _server_phone(world, made["dir_a"]) == '"13900000001"'
    # The answer lost, the batch sent again: the same answers, from what the server holds.
    numbered = [dataclasses.replace(op, ctr=n) for n, op in enumerate((decision, copy, later), 1)]
    again = sup.transport.post("/push", {"site": sup.site, "ops": encode_ops(numbered)})
    assert again["results"] == results


def test_a_merge_sent_exit_first_still_stands(sqlite_world: World) -> None:
    """A laptop of the earlier version wrote a merge's exit before its decision, in one
    push: the exit waits for the decision behind it and is applied with it."""
    world = sqlite_world
    made = _two_files(world)
    case = _case(world)
    sup = Forger.enrolled(world.server, "sup_1")
    today = date.today().isoformat()
    leaving = sup.insert(
        "enrollment_event",
        VILLAGE_B,
        child_id=made["dir_b"],
        kind="exit",
        on_date=today,
        reason="duplicate",
        note=None,
    )
    decision = sup.insert(
        "duplicate_decision",
        VILLAGE_A,
        child_id=made["dir_a"],
        case_id=case["id"],
        other_id=made["dir_b"],
        outcome="merged",
        decided_by="周督导",
        decided_on=today,
    )
    assert [r[1] for r in sup.push(leaving, decision)] == ["a", "a"]
    assert (_case(world)["state"], _case(world)["kept"]) == ("merged", made["dir_a"])
    b = world.laptop("dir_b")
    assert b.run().ok and made["dir_b"] not in _on_roll(b)
