"""The township desk (issue 15) attacked: a hostile or broken device, a careless county
admin, a confused user, on the real server (tests/sync/township.py's county).

A test marked ``xfail(strict=True)`` is a finding not fixed yet: it passes the day the
server holds (and then fails as XPASS, to have its mark removed)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlalchemy import select

from childcare_desktop.services import transfers
from childcare_desktop.services.children import update_child
from sync.server import duplicates as server_duplicates
from sync.server import schema as s
from tests.factories import make_child, make_id, years_ago
from tests.sync.conftest import VILLAGE_A, VILLAGE_B, Laptop
from tests.sync.hostile import Forger, visit_row
from tests.sync.township import PLACES, VILLAGE_C, World

APPLIED = "a"
HELD = "q"


def _child(laptop: Laptop, name: str = "张小明", **values: Any) -> str:
    with laptop.store.session() as session:
        return make_child(session, name=name, **values).id


def _ask(laptop: Laptop, child_id: str, to_region: str) -> str:
    with laptop.store.session() as session:
        return transfers.request_transfer(
            session, child_id=child_id, to_region=to_region, reason="随父母搬迁"
        ).id


def _region_of(world: World, tbl: str, row_id: str) -> str | None:
    with world.server.db.read() as conn:
        r = s.row.c
        return conn.execute(select(r.region).where(r.tbl == tbl, r.row_id == row_id)).scalar()


def _status(results: list[list[Any]]) -> list[str]:
    return [r[1] for r in results]


# --- review ------------------------------------------------------------------------


def _review(child_id: str, subject_id: str, **values: Any) -> dict[str, Any]:
    return {
        "child_id": child_id,
        "subject_table": "child",
        "subject_id": subject_id,
        "subject_kind": "registration",
        "subject_digest": "0" * 64,
        "decision": "approved",
        "comment": None,
        "decided_by": "伪造",
        "decided_at": "2026-01-06 10:00:00.000000",
        **values,
    }


def test_nobody_forges_a_review_outside_their_role_or_scope(sqlite_world: World) -> None:
    """A director's device cannot approve its own work; the other township's supervisor
    cannot review a village it does not cover (held: nothing reaches the feeds)."""
    world = sqlite_world
    a = world.laptop("dir_a")
    child_id = _child(a)
    assert a.run().ok
    director = Forger.enrolled(world.server, "dir_a")
    other_sup = Forger.enrolled(world.server, "sup_2")
    own = Forger.enrolled(world.server, "sup_1")
    assert _status(
        director.push(director.insert("review", VILLAGE_A, **_review(child_id, child_id)))
    ) == [HELD]
    assert _status(
        other_sup.push(other_sup.insert("review", VILLAGE_A, **_review(child_id, child_id)))
    ) == [HELD]
    assert _status(own.push(own.insert("review", VILLAGE_A, **_review(child_id, child_id)))) == [
        APPLIED
    ]


# --- transfers ---------------------------------------------------------------------


def test_nobody_decides_a_transfer_they_do_not_cover(sqlite_world: World) -> None:
    """A transfer within township 1: its director, the other township's supervisor and
    a request into its own village or out of the county are all held."""
    world = sqlite_world
    a = world.laptop("dir_a")
    child_id = _child(a)
    asked = _ask(a, child_id, VILLAGE_B)
    assert a.run().ok
    director = Forger.enrolled(world.server, "dir_a")
    other_sup = Forger.enrolled(world.server, "sup_2")
    assert _status(director.push(director.set("transfer", asked, "state", "accepted"))) == [HELD]
    assert _status(other_sup.push(other_sup.set("transfer", asked, "state", "accepted"))) == [HELD]
    bad = {"child_id": child_id, "reason": "x", "requested_on": "2026-01-06", "state": "requested"}
    for to in (VILLAGE_A, "350101101201", VILLAGE_A[:9]):
        assert _status(
            director.push(director.insert("transfer", VILLAGE_A, to_region=to, **bad))
        ) == [HELD]
    assert _region_of(world, "child", child_id) == VILLAGE_A


def test_a_second_acceptance_of_a_moved_child_is_not_applied(sqlite_world: World) -> None:
    """dir_a asks to move one child to B and to C; the township accepts the first, then
    the county the second: the child is in B, so the second cannot be accepted (it would
    read 已接收 in A's history and C's supervisor's list while the child is not in C)."""
    world = sqlite_world
    a, sup = world.laptop("dir_a"), world.laptop("sup_1")
    child_id = _child(a)
    to_b = _ask(a, child_id, VILLAGE_B)
    to_c = _ask(a, child_id, VILLAGE_C)
    assert a.run().ok and sup.run().ok
    with sup.store.session() as session:
        transfers.decide_transfer(session, transfer_id=to_b, accept=True)
    assert sup.run().ok
    assert _region_of(world, "child", child_id) == VILLAGE_B
    county = Forger.enrolled(world.server, "county")
    results = county.push(county.set("transfer", to_c, "state", "accepted"))
    assert _region_of(world, "child", child_id) == VILLAGE_B
    assert _status(results) == [HELD]


def test_the_old_village_cannot_write_a_moved_file_by_claiming_it_pulled_nothing(
    sqlite_world: World,
) -> None:
    """The county moves dir_a's child to village C (the other township). Later a new
    device of dir_a, whose hello names no cursors, adds a visit to the child and renames
    it: both are set aside (a device enrolled after the move never held the file). An
    existing laptop of village A that lies about its cursors still could: see the README's
    design note on late edits."""
    world = sqlite_world
    a = world.laptop("dir_a")
    child_id = _child(a)
    asked = _ask(a, child_id, VILLAGE_C)
    assert a.run().ok
    county = Forger.enrolled(world.server, "county")
    assert _status(county.push(county.set("transfer", asked, "state", "accepted"))) == [APPLIED]
    assert a.run().ok  # dir_a's laptop has pulled the exit: the move is known there
    assert _region_of(world, "child", child_id) == VILLAGE_C
    forger = Forger.enrolled(world.server, "dir_a")  # hello: cursors {}
    visit = forger.insert("visit", VILLAGE_A, **visit_row(child_id, findings="迁出后伪造"))
    name = forger.set("child", child_id, "name", "被改的名字")
    assert _status(forger.push(visit, name)) == [HELD, HELD]


# --- duplicates --------------------------------------------------------------------


def test_a_supervisor_cannot_close_a_case_across_townships(sqlite_world: World) -> None:
    """dir_a and dir_c register one boy; GET /v1/duplicates shows sup_1 the case (not
    decidable). A forged decision of sup_1's device still closes it as merged, so the
    county never sees it."""
    world = sqlite_world
    number = make_id(years_ago(5, 77))
    made = {}
    for user in ("dir_a", "dir_c"):
        laptop = world.laptop(user)
        made[user] = _child(laptop, name="高远", id_number=number)
        assert laptop.run().ok
    sup = Forger.enrolled(world.server, "sup_1")
    (case,) = sup.transport.get("/duplicates")["cases"]
    assert not case["decidable"]
    decision = {
        "child_id": made["dir_a"],
        "case_id": case["id"],
        "other_id": made["dir_c"],
        "outcome": "merged",
        "decided_by": "周督导",
        "decided_on": date.today().isoformat(),
    }
    sup.push(sup.insert("duplicate_decision", VILLAGE_A, **decision))
    with world.server.db.read() as conn:
        (stored,) = server_duplicates.all_cases(conn)
    assert stored["state"] == "open"


# --- a file that moves away and back -----------------------------------------------


def _holds(laptop: Laptop, child_id: str) -> tuple[str, str | None] | None:
    from childcare_desktop.storage.models import Child

    with laptop.store.session() as session:
        child = session.get(Child, child_id)
        return None if child is None else (child.region_code, child.current_address)


@pytest.mark.parametrize(
    ("home", "away"), [("dir_a", "dir_b"), ("dir_b", "dir_a")], ids=["A-B-A", "B-A-B"]
)
def test_a_file_moved_away_and_back_before_the_laptops_sync(
    sqlite_world: World, home: str, away: str
) -> None:
    """Home->away, then back, accepted while the home director's and the supervisor's
    laptops were off: each then pulls the old exit and the file's return in one page,
    and must keep the child at home (the server's village). Before the fix the home
    director's laptop lost the file (the exit was applied after the return), and the
    supervisor's, pulling village A's feed before B's, filed B-A-B's child under A."""
    world = sqlite_world
    h, w, sup = world.laptop(home), world.laptop(away), world.laptop("sup_1")
    village = {"dir_a": VILLAGE_A, "dir_b": VILLAGE_B}
    child_id = _child(h)
    there = _ask(h, child_id, village[away])
    assert h.run().ok and sup.run().ok
    decider = Forger.enrolled(world.server, "sup_1")
    assert _status(decider.push(decider.set("transfer", there, "state", "accepted"))) == [APPLIED]
    assert w.run().ok and _holds(w, child_id) == (village[away], None)
    with w.store.session() as session:
        update_child(session, child_id=child_id, current_address="新址 2 号")
    back = _ask(w, child_id, village[home])
    assert w.run().ok
    assert _status(decider.push(decider.set("transfer", back, "state", "accepted"))) == [APPLIED]
    assert _region_of(world, "child", child_id) == village[home]
    assert h.run().ok and sup.run().ok and w.run().ok
    back_home = (village[home], "新址 2 号")
    assert (_holds(h, child_id), _holds(sup, child_id), _holds(w, child_id)) == (
        back_home,
        back_home,
        None,
    )


def _renamed(make: Any, name: str) -> Any:
    return lambda _user: make(name)


# --- the township desk's GETs --------------------------------------------------------


def test_regions_and_duplicates_for_a_viewer_a_stranger_and_a_revoked_device(
    sqlite_world: World,
) -> None:
    """A viewer sees names, no cases; an unknown token and a revoked device get 401."""
    from sync.client import SyncError
    from sync.client.transport import Transport
    from sync.server import accounts
    from sync.server.app import now_ms

    world = sqlite_world
    with world.server.db.write() as conn:
        conn.execute(s.region.insert().values(code=VILLAGE_A, name="柳溪村", updated_ms=1))
    world.server.user("viewer", "county-viewer", VILLAGE_A[:6])
    viewer = Forger.enrolled(world.server, "viewer")
    assert viewer.transport.get("/regions")["regions"] == [[VILLAGE_A, "柳溪村"]]
    assert viewer.transport.get("/duplicates") == {"cases": []}
    stranger = Transport(world.server.url, attempts=1)
    stranger.token = "x" * 43
    revoked = Forger.enrolled(world.server, "sup_1")
    with world.server.db.write() as conn:
        (device,) = [
            d for d in accounts.devices(conn) if d["label"] == "forger" and d["name"] == "sup_1"
        ]
        assert accounts.revoke(conn, device["id"], now_ms=now_ms())
    for transport in (stranger, revoked.transport):
        for path in ("/regions", "/duplicates"):
            with pytest.raises(SyncError) as raised:
                transport.get(path, retry=False)
            assert raised.value.details.get("status") == 401, raised.value.code


def test_one_transfer_is_decided_once(sqlite_world: World) -> None:
    """An acceptance sent twice (a second device of the supervisor, the county) or a
    withdrawal after it is held: the file moves once."""
    world = sqlite_world
    a = world.laptop("dir_a")
    child_id = _child(a)
    asked = _ask(a, child_id, VILLAGE_B)
    assert a.run().ok
    one, two = Forger.enrolled(world.server, "sup_1"), Forger.enrolled(world.server, "county")
    assert _status(one.push(one.set("transfer", asked, "state", "accepted"))) == [APPLIED]
    assert _status(two.push(two.set("transfer", asked, "state", "accepted"))) == [HELD]
    assert _status(two.push(two.set("transfer", asked, "state", "refused"))) == [HELD]
    director = Forger.enrolled(world.server, "dir_a")
    assert _status(director.push(director.set("transfer", asked, "state", "cancelled"))) == [HELD]
    assert _region_of(world, "child", child_id) == VILLAGE_B


def test_a_transfer_to_a_village_the_county_does_not_have_is_held(sqlite_world: World) -> None:
    """The county imported its names (A, B, C). A director asks, by a typo or on
    purpose, to move a child to 349901101299 (no such village): the request is set
    aside, or its supervisor would accept what the laptop shows as a bare code and the
    child would be in no director's roll. (A county that has named none of the
    township's villages may still move a child to any of them.)"""
    world = sqlite_world
    with world.server.db.write() as conn:
        from sync.server import regions

        names = {code: name for code, name in PLACES.items()}
        regions.import_names(conn, names, now_ms=1)
    a = world.laptop("dir_a")
    child_id = _child(a)
    director = Forger.enrolled(world.server, "dir_a")
    value = {
        "child_id": child_id,
        "reason": "迁往外村",
        "requested_on": date.today().isoformat(),
        "state": "requested",
    }
    assert a.run().ok
    results = director.push(
        director.insert("transfer", VILLAGE_A, to_region="349901101299", **value)
    )
    assert _status(results) == [HELD]


def test_a_supervisor_asks_and_accepts_in_one_push(sqlite_world: World) -> None:
    """The township's supervisor asks for a move and accepts it before syncing: one push
    carries both, and the file moves (the acceptance reads the child where the batch has
    it)."""
    world = sqlite_world
    a, b, sup = world.laptop("dir_a"), world.laptop("dir_b"), world.laptop("sup_1")
    child_id = _child(a)
    assert a.run().ok and sup.run().ok
    asked = _ask(sup, child_id, VILLAGE_B)
    with sup.store.session() as session:
        transfers.decide_transfer(session, transfer_id=asked, accept=True)
    report = sup.run()
    assert report.ok and report.quarantined == 0
    assert _region_of(world, "child", child_id) == VILLAGE_B
    assert b.run().ok and _holds(b, child_id) == (VILLAGE_B, None)
    assert a.run().ok and _holds(a, child_id) is None


def test_an_acceptance_does_not_hide_the_push_s_earlier_children_from_duplicates(
    sqlite_world: World,
) -> None:
    """dir_b registers a girl. The supervisor's laptop registers the same girl in A
    (one ID number) and, in the same push, accepts a transfer: the server must still
    propose the pair (the move flushed the push's log before duplicates looked at it)."""
    world = sqlite_world
    a, b = world.laptop("dir_a"), world.laptop("dir_b")
    number = make_id(years_ago(7, 12), male=False)
    _child(b, name="刘小雨", sex="female", id_number=number)
    mover = _child(a, name="张小明")
    asked = _ask(a, mover, VILLAGE_B)
    assert a.run().ok and b.run().ok
    sup = Forger.enrolled(world.server, "sup_1")
    from tests.sync.hostile import child_row

    girl = sup.insert(
        "child",
        VILLAGE_A,
        **child_row(
            "刘晓雨", sex="female", id_type="resident_id", id_number=number, birth_date=None
        ),
    )
    results = sup.push(girl, sup.set("transfer", asked, "state", "accepted"))
    assert _status(results) == [APPLIED, APPLIED]
    with world.server.db.read() as conn:
        cases = server_duplicates.all_cases(conn)
    assert [c["reason"] for c in cases] == ["id_number"]


def test_nobody_signs_a_decision_before_it_is_made(sqlite_world: World) -> None:
    """While a transfer is asked for, its director's device cannot fill in who decided
    it and when (as the insert cannot): a forged '周督导 同意' would show on a transfer
    nobody decided, and stay on one the director then withdraws. The supervisor's real
    decision still fills them in."""
    world = sqlite_world
    a, sup = world.laptop("dir_a"), world.laptop("sup_1")
    child_id = _child(a)
    asked = _ask(a, child_id, VILLAGE_B)
    assert a.run().ok
    director = Forger.enrolled(world.server, "dir_a")
    forged = [
        director.set("transfer", asked, "decided_by", "周督导"),
        director.set("transfer", asked, "decided_on", date.today().isoformat()),
        director.set("transfer", asked, "decision_note", "同意"),
    ]
    assert _status(director.push(*forged)) == [HELD, HELD, HELD]
    assert sup.run().ok
    with sup.store.session() as session:
        transfers.decide_transfer(session, transfer_id=asked, accept=True, note="同意接收")
    report = sup.run()
    assert report.ok and report.quarantined == 0
    assert a.run().ok
    with a.store.session() as session:
        (done,) = transfers.list_transfers(session)
    assert (done.state, done.decided_by, done.decision_note) == ("accepted", "周督导", "同意接收")


def test_a_late_edit_after_away_and_back_does_not_silently_replace_the_other_s(
    sqlite_world: World,
) -> None:
    """A->B, dir_b corrects the address, B->A. dir_a, offline all along, had changed the
    address too: its late edit was made over the address as it left A, not over dir_b's,
    so the two must meet as a conflict, not dir_b's be replaced without a word. (The
    base of the late edit, a version of A's feed, is compared with the versions of B's
    feed the file left with; A's feed being longer, it reads as newer.)"""
    world = sqlite_world
    a, b = world.laptop("dir_a"), world.laptop("dir_b")
    child_id = _child(a)
    for n in range(12):  # village A's feed grows longer than B's
        _child(a, name=f"其他儿童{n}")
    with a.store.session() as session:
        update_child(session, child_id=child_id, current_address="柳溪村 1 号")
    there = _ask(a, child_id, VILLAGE_B)
    assert a.run().ok
    decider = Forger.enrolled(world.server, "sup_1")
    assert _status(decider.push(decider.set("transfer", there, "state", "accepted"))) == [APPLIED]
    with a.store.session() as session:  # dir_a, not yet synced again
        update_child(session, child_id=child_id, current_address="柳溪村 9 号")
    assert b.run().ok
    with b.store.session() as session:
        update_child(session, child_id=child_id, current_address="桃园村 2 号")
    back = _ask(b, child_id, VILLAGE_A)
    assert b.run().ok
    assert _status(decider.push(decider.set("transfer", back, "state", "accepted"))) == [APPLIED]
    assert a.run().ok
    with world.server.db.read() as conn:
        opened = conn.execute(select(s.conflict.c.body)).scalars().all()
    assert any("桃园村 2 号" in body and "柳溪村 9 号" in body for body in opened), opened


def test_a_merge_of_a_case_already_judged_distinct(sqlite_world: World) -> None:
    """The county marks a pair 不是同一人 while the supervisor's laptop, offline, merges
    it: the server keeps the county's 'distinct', so the merge's exit of the other file
    must not stand either (a file out of the roll as a duplicate of a child the county
    says it is not)."""
    from childcare_desktop.services import duplicates
    from sync.server import cli as server_cli

    world = sqlite_world
    number = make_id(years_ago(8, 40), male=False)
    made = {}
    for user, name in (("dir_a", "刘小雨"), ("dir_b", "刘晓雨")):
        laptop = world.laptop(user)
        made[user] = _child(laptop, name=name, sex="female", id_number=number)
        assert laptop.run().ok
    sup = world.laptop("sup_1")
    assert sup.run().ok
    with world.server.db.read() as conn:
        (case,) = server_duplicates.all_cases(conn)
    url = world.server.db.url
    assert server_cli.main(["--db", url, "duplicates", "distinct", case["id"]]) == 0
    with sup.store.session() as session:
        duplicates.merge_case(session, case_id=case["id"], keep=made["dir_a"])
    report = sup.run()
    with world.server.db.read() as conn:
        (case,) = server_duplicates.all_cases(conn)
    b = world.laptop("dir_b")
    assert b.run().ok
    from childcare_desktop.services.roster import search_roster

    with b.store.session() as session:
        active = {c.id for c in search_roster(session)}
    assert (case["state"], made["dir_b"] in active) == ("distinct", True), report


def test_two_merges_of_one_case_at_once_keep_one_child_on_the_roll(sqlite_world: World) -> None:
    """The township's supervisor, on two laptops (office and home), keeps A's file on
    one and B's on the other, both offline: after both sync, the child must still be on
    a roll."""
    from childcare_desktop.services import duplicates
    from childcare_desktop.services.roster import search_roster

    world = sqlite_world
    number = make_id(years_ago(8, 40), male=False)
    made = {}
    for user, name in (("dir_a", "刘小雨"), ("dir_b", "刘晓雨")):
        laptop = world.laptop(user)
        made[user] = _child(laptop, name=name, sex="female", id_number=number)
        assert laptop.run().ok
    sup = world.laptop("sup_1")
    world.laptops.pop("sup_1")
    world.make_laptop = _renamed(world.make_laptop, "sup_1_home")
    home = world.laptop("sup_1")  # a second laptop of the same supervisor
    assert sup.run().ok and home.run().ok
    with world.server.db.read() as conn:
        (case,) = server_duplicates.all_cases(conn)
    with sup.store.session() as session:
        duplicates.merge_case(session, case_id=case["id"], keep=made["dir_a"])
    with home.store.session() as session:
        duplicates.merge_case(session, case_id=case["id"], keep=made["dir_b"])
    assert sup.run().ok and home.run().ok
    on_roll = set()
    for user in ("dir_a", "dir_b"):
        laptop = world.laptop(user)
        assert laptop.run().ok
        with laptop.store.session() as session:
            on_roll |= {c.id for c in search_roster(session)}
    assert on_roll & {made["dir_a"], made["dir_b"]}


# --- sync health -----------------------------------------------------------------------


def test_a_hostile_health_report_stays_its_own(sqlite_world: World) -> None:
    """A device of village C reports absurd figures: out-of-bounds ones are refused
    whole; in-bounds ones show only on its own row, in its own township's answer (never
    township 1's), and cannot claim a sync in the future."""
    from sync.client import SyncError
    from sync.protocol import PROTOCOL_VERSION

    world = sqlite_world
    hostile = Forger.enrolled(world.server, "dir_c")
    hello = {"site": hostile.site, "protocol": PROTOCOL_VERSION, "cursors": {}}
    for bad in ({"pending": -1}, {"pending": 10**10}, {"pending": "5"}, {"clock_ms": 2**63}):
        report = {"pending": 0, "set_aside": 0, "clock_ms": 1, **bad}
        with pytest.raises(SyncError):
            hostile.transport.post("/hello", {**hello, "health": report})
    far = 2**62
    report = {"pending": 10**9, "set_aside": 10**9, "clock_ms": 0, "last_ok_ms": far, "top": far}
    hostile.transport.post("/hello", {**hello, "health": report})
    seen = {}
    for user in ("sup_1", "sup_2"):
        sup = Forger.enrolled(world.server, user)
        answer = sup.transport.post(
            "/hello",
            {
                "site": sup.site,
                "protocol": PROTOCOL_VERSION,
                "cursors": {},
                "health": {"pending": 0, "set_aside": 0, "clock_ms": 1},
            },
        )
        seen[user] = {d["user"]: d for d in answer["health"]}
    assert "dir_c" not in seen["sup_1"]
    row = seen["sup_2"]["dir_c"]
    assert row["pending"] <= 10**9 and row["last_ok_ms"] <= row["reported_ms"]
