"""Sync health (issue 15) on the real server, SQLite and PostgreSQL: every laptop reports
at its hello; a supervisor's laptop receives its township's devices and keeps them; a
village 15 days without a sync turns red, past the county's own limit when it sets one;
an older laptop's hello still works; a hostile report is refused."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
import requests
from sqlalchemy import update

from childcare_desktop.cli import main as laptop_cli
from childcare_desktop.services import places, sync_health, worklist
from sync.protocol import PROTOCOL_VERSION
from sync.server import schema as s
from sync.server.app import now_ms
from sync.server.cli import main as server_cli
from tests.conftest import PASSPHRASE
from tests.factories import make_child
from tests.sync.conftest import VILLAGE_A, VILLAGE_B, Laptop, LiveServer
from tests.sync.township import COUNTY, VILLAGE_C, World

DAY_MS = 86_400_000


def _fail() -> None:
    raise RuntimeError("push refused for the test")


def _township(world: World) -> tuple[Laptop, Laptop]:
    """dir_a synced with nothing waiting; dir_b reported, then could not push its child."""
    a, b = world.laptop("dir_a"), world.laptop("dir_b")
    with a.store.session() as session:
        make_child(session, name="甲")
    assert a.run().ok
    with b.store.session() as session:
        make_child(session, name="乙")
    waiting = b.sync.pending_count()
    assert waiting > 0
    world.server.app.state.failpoints["push.before_commit"] = _fail
    assert not b.run().ok
    del world.server.app.state.failpoints["push.before_commit"]
    assert b.sync.pending_count() == waiting
    return a, b


def _health(laptop: Laptop, **kwargs: object) -> sync_health.SyncHealth:
    with laptop.store.session() as session:
        return sync_health.sync_health(session, **kwargs)  # type: ignore[arg-type]


def test_a_supervisor_sees_its_township_s_laptops_with_their_figures(world: World) -> None:
    _a, b = _township(world)
    waiting = b.sync.pending_count()
    c = world.laptop("dir_c")
    assert c.run().ok
    sup = world.laptop("sup_1")
    before = datetime.now(UTC) - timedelta(seconds=5)
    assert sup.run().ok
    health = _health(sup)
    assert health.fetched is not None and health.fetched >= before
    assert health.red_days == 14
    by_user = {d.user: d for d in health.devices}
    assert set(by_user) == {"dir_a", "dir_b", "sup_1"}  # nothing of township 2
    assert by_user["dir_a"].pending == 0 and by_user["dir_b"].pending == waiting
    assert by_user["dir_a"].region == VILLAGE_A and by_user["dir_a"].label == "dir_a"
    with sup.store.session() as session:  # named once the county's names have come
        assert by_user["dir_a"].place == places.place_label(session, VILLAGE_A)
    assert not any(d.red or d.clock_warning for d in by_user.values())
    villages = {v.code: v for v in health.villages}
    assert set(villages) == {VILLAGE_A, VILLAGE_B}
    assert villages[VILLAGE_B].pending == waiting and villages[VILLAGE_A].pending == 0
    assert villages[VILLAGE_B].days == 0 and villages[VILLAGE_B].devices == 1
    with sup.store.session() as session:
        last = sync_health.last_sync_by_village(session)
    assert set(last) == {VILLAGE_A, VILLAGE_B}
    assert last[VILLAGE_B] == villages[VILLAGE_B].last_sync

    # Once dir_b's changes reach the server, what it waits with is nothing, even before
    # it reports again (the server counts from its counters).
    assert b.run().ok
    assert sup.run().ok
    assert {d.user: d.pending for d in _health(sup).devices}["dir_b"] == 0

    sup_2 = world.laptop("sup_2")
    assert sup_2.run().ok
    assert {d.user for d in _health(sup_2).devices} == {"dir_c", "sup_2"}
    assert [v.code for v in _health(sup_2).villages] == [VILLAGE_C]


def test_a_director_receives_no_one_s_health(world: World) -> None:
    a = world.laptop("dir_a")
    assert a.run().ok
    assert a.run().ok
    health = _health(a)
    assert health.fetched is None and health.devices == () and health.villages == ()


def _age(server: LiveServer, user: str, days: int) -> None:
    """The server's stored report of ``user``'s laptop, made ``days`` days ago."""
    with server.db.write() as conn:
        device = conn.execute(
            s.device.select()
            .join(s.user, s.user.c.id == s.device.c.user_id)
            .where(s.user.c.name == user)
        ).one()
        conn.execute(
            update(s.sync_health)
            .where(s.sync_health.c.device_id == device.id)
            .values(reported_ms=now_ms() - days * DAY_MS)
        )


def test_fifteen_days_without_a_sync_is_red_and_the_county_moves_the_limit(
    world: World, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _township(world)
    _age(world.server, "dir_a", 15)
    sup = world.laptop("sup_1")
    assert sup.run().ok
    health = _health(sup)
    red = {v.code for v in health.villages if v.red}
    assert red == {VILLAGE_A}
    assert {v.code: v.days for v in health.villages}[VILLAGE_A] == 15
    assert [d.user for d in health.devices if d.red] == ["dir_a"]

    assert server_cli(["--db", world.server.db.url, "sync-health", "--json"]) == 0
    rows = {r["user"]: r for r in json.loads(capsys.readouterr().out)}
    assert rows["dir_a"]["red"] and rows["dir_a"]["days"] == 15
    assert not rows["dir_b"]["red"] and rows["dir_b"]["days"] == 0

    # The county allows 20 days: dir_a is no longer red, on the laptop and the server.
    # (the county's own laptop: an enrolled store, not a director's or supervisor's)
    county = world.make_laptop("county", world.server, user="county")
    with county.store.session() as session:
        worklist.set_county_policy(
            session,
            county_code=COUNTY,
            overrides={"sync_red_days": 20},
            effective_from=datetime.now(UTC).date(),
        )
    assert county.run().ok
    assert sup.run().ok
    health = _health(sup)
    assert health.red_days == 20
    assert not any(v.red for v in health.villages)
    assert server_cli(["--db", world.server.db.url, "sync-health", "--json"]) == 0
    rows = {r["user"]: r for r in json.loads(capsys.readouterr().out)}
    assert not rows["dir_a"]["red"]
    # ... and the 21st day is red again (the laptop judges the copy it holds, offline).
    later = datetime.now(UTC) + timedelta(days=6)
    assert VILLAGE_A in {v.code for v in _health(sup, now=later).villages if v.red}

    # The laptop's command says the same from its stored copy.
    monkeypatch.setenv("CHILDCARE_PASSPHRASE", PASSPHRASE)
    assert laptop_cli(["sync-health", "--store", str(sup.store.path), "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["red_days"] == 20 and shown["fetched"]
    assert {v["code"]: v["days"] for v in shown["villages"]}[VILLAGE_A] == 15
    assert laptop_cli(["sync-health", "--store", str(sup.store.path)]) == 0
    text = capsys.readouterr().out
    assert "dir_b" in text and "青石镇" in text


def _hello(
    server: LiveServer, user: str, region: str, body: dict[str, object]
) -> requests.Response:
    server.user(user, "supervisor", region)
    enrolled = requests.post(
        f"{server.url}/v1/enroll",
        json={"user": user, "code": server.code(user), "label": "x"},
        timeout=10,
    ).json()
    return requests.post(
        f"{server.url}/v1/hello",
        json={"site": "ab" * 16, "protocol": PROTOCOL_VERSION, **body},
        headers={"Authorization": f"Bearer {enrolled['token']}"},
        timeout=10,
    )


def test_an_older_laptop_s_hello_still_works(sqlite_server: LiveServer) -> None:
    answer = _hello(sqlite_server, "old", "349901101", {"cursors": {}})
    assert answer.status_code == 200
    assert "health" not in answer.json()  # it would not keep it
    with sqlite_server.db.read() as conn:
        assert conn.execute(s.sync_health.select()).all() == []


@pytest.mark.parametrize(
    "report",
    [
        {"pending": 10**12, "set_aside": 0, "clock_ms": 1},
        {"pending": -1, "set_aside": 0, "clock_ms": 1},
        {"pending": "5", "set_aside": 0, "clock_ms": 1},
        {"pending": 1.5, "set_aside": 0, "clock_ms": 1},
        {"pending": True, "set_aside": 0, "clock_ms": 1},
        {"pending": 0, "set_aside": [1], "clock_ms": 1},
        {"pending": 0, "set_aside": 0},
        {"pending": 0, "set_aside": 0, "clock_ms": 2**63},
        {"pending": 0, "set_aside": 0, "clock_ms": 1, "last_ok_ms": {"a": 1}},
        "all",
    ],
)
def test_a_hostile_report_is_refused(sqlite_server: LiveServer, report: object) -> None:
    answer = _hello(sqlite_server, "evil", "349901101", {"health": report})
    assert answer.status_code == 400
    with sqlite_server.db.read() as conn:
        assert conn.execute(s.sync_health.select()).all() == []


def test_a_report_describes_only_its_device_within_bounds(sqlite_server: LiveServer) -> None:
    """Whatever a laptop says, its row is its own device's, under its user's region, in
    the server's time: a last good sync claimed in the future is now at the latest."""
    t = now_ms()
    report = {
        "pending": 10**9,
        "set_aside": 3,
        "clock_ms": t - 3_600_000,
        "last_ok_ms": t + 10 * DAY_MS,
        "top": 5,
        "region": VILLAGE_C,  # not a field: ignored
        "device": "someone_else",
    }
    answer = _hello(sqlite_server, "boaster", "349901101", {"health": report})
    assert answer.status_code == 200
    devices = answer.json()["health"]
    assert len(devices) == 1
    (mine,) = devices
    assert mine["user"] == "boaster" and mine["region"] == "349901101"
    assert mine["pending"] == 5  # no more than its counters say (the server has none)
    assert mine["reported_ms"] >= t and mine["last_ok_ms"] <= mine["reported_ms"]
    assert 3_590_000 < mine["clock_offset_ms"] < 3_700_000
