"""A laptop's clock centuries ahead must not stop the county's figures (found by an attack
pass): the console read when a child's school last changed from the device time of the
edit as logged, and one of 2**62 ms (or any past 9999-12-01) broke the count of its
village, and with it the dashboard of every viewer of the county (500, for good). The
change is dated no later than the server received it; real server, SQLite and
PostgreSQL, a real push and the pages over HTTP."""

from __future__ import annotations

import dataclasses
import uuid
from datetime import date, timedelta

from sync.protocol import Status
from sync.server import oversight_kept
from tests.sync.conftest import VILLAGE_A
from tests.sync.console import Console, add_staff
from tests.sync.hostile import Forger, child_row
from tests.sync.test_console_oversight import _cell
from tests.sync.township import World

TODAY = date.today()


def test_a_clock_far_ahead_dates_a_school_change_when_received(world: World) -> None:
    device = Forger.enrolled(world.server, "dir_a")
    child = str(uuid.uuid4())
    school = {"school_stage": "primary", "school_name": "柳溪小学"}
    long_ago = (TODAY - timedelta(days=200)).isoformat()
    told = {
        "child_id": child,
        "school_name": "柳溪小学",
        "told_on": (TODAY - timedelta(days=1)).isoformat(),
        "mode": "phone",
        "contents": ["situation"],
        "told_whom": "王老师",
        "note": None,
    }
    left_behind = {
        "child_id": child,
        "category": "left_behind",
        "recognized_on": long_ago,
        "ended_on": None,
        "end_reason": None,
        "basis": None,
    }
    inserted = device.push(
        device.insert("child", VILLAGE_A, child, **child_row(registered_on=long_ago, **school)),
        device.insert("category_membership", VILLAGE_A, **left_behind),
        device.insert("school_notice", VILLAGE_A, **told),
    )
    assert all(r[1] == Status.APPLIED for r in inserted), inserted
    moved = device.set("child", child, "school_name", "青石镇中心小学")
    (r,) = device.push(dataclasses.replace(moved, device_ms=2**62))
    assert r[1] == Status.APPLIED, r

    add_staff(world.server.db, "admin", "county-admin")
    console = Console(world.server.url)
    console.login("admin")
    village = console.get(f"/console/village/{VILLAGE_A}")
    assert village.status_code == 200
    # changed today (when received), after the school was told: told again, due
    assert _cell(village.text, "due", "school_notice") == 1
    assert console.get("/console/").status_code == 200
    assert oversight_kept.settle(world.server.db)
    county = console.get("/console/")
    assert county.status_code == 200
    assert _cell(county.text, "due", "school_notice") == 1
