"""同步情况 on the 同步 page, against the real county server: a supervisor's laptop syncs
and shows its township's villages and laptops, the one 15 days without a sync in red and
the one with changes set aside in yellow; a director's laptop has no such tab."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QTableWidget
from sqlalchemy import select, update

from childcare_desktop.ui.views.sync_health_view import RED, YELLOW
from sync.server import schema as s
from tests.factories import make_child
from tests.sync.conftest import (
    VILLAGE_A,
    VILLAGE_B,
    make_laptop,
    sqlite_server,
    sqlite_world,
)
from tests.sync.test_sync_health import _age
from tests.sync.township import World
from tests.ui.test_sync_view import QUIET, enroll_app, show_sync_page, sync_and_wait

__all__ = ["make_laptop", "sqlite_server", "sqlite_world"]  # the fixtures used below

RED_BACKGROUND, YELLOW_BACKGROUND = RED[0], YELLOW[0]


def _set_aside(world: World, user: str, n: int) -> None:
    """The server's stored report of ``user``'s laptop, with ``n`` changes set aside."""
    with world.server.db.write() as conn:
        device = conn.execute(
            select(s.device.c.id)
            .join(s.user, s.user.c.id == s.device.c.user_id)
            .where(s.user.c.name == user)
        ).scalar_one()
        conn.execute(
            update(s.sync_health).where(s.sync_health.c.device_id == device).values(set_aside=n)
        )


def _cells(table: QTableWidget) -> list[list[str]]:
    return [
        [table.item(r, c).text() for c in range(table.columnCount())]
        for r in range(table.rowCount())
    ]


def _background(table: QTableWidget, row: int) -> str:
    return table.item(row, 0).background().color().name()


@pytest.fixture
def app(main: Any) -> Any:
    main.syncer.set_timings(QUIET)
    return main


def test_the_supervisor_sees_each_village_and_the_late_one_in_red(
    qtbot: Any, app: Any, sqlite_world: World, tmp_path: Path
) -> None:
    world = sqlite_world
    for user in ("dir_a", "dir_b"):
        laptop = world.laptop(user)
        with laptop.store.session() as session:
            make_child(session, name=user)
        assert laptop.run().ok
    _age(world.server, "dir_a", 15)
    _set_aside(world, "dir_b", 2)
    enroll_app(qtbot, app, world.server, "sup_1")
    view = show_sync_page(qtbot, app)
    qtbot.waitUntil(lambda: view.health.fetched.text() != "", timeout=10_000)  # loaded aside
    assert view.health.fetched.text() == "尚未从县服务器取得同步情况：同步一次后可见。"
    assert sync_and_wait(qtbot, app).ok
    qtbot.waitUntil(
        lambda: view.health.health is not None and view.health.health.fetched is not None,
        timeout=10_000,
    )
    assert view.tabs.isTabVisible(3) and view.tabs.tabText(3) == "同步情况"
    view.tabs.setCurrentIndex(3)

    villages = _cells(view.health.villages)
    assert [row[0] for row in villages] == [VILLAGE_A, VILLAGE_B]  # codes until named
    assert villages[0][2] == "15" and villages[1][2] == "0"
    assert _background(view.health.villages, 0) == RED_BACKGROUND
    assert _background(view.health.villages, 1) == YELLOW_BACKGROUND  # 2 set aside
    assert villages[1][4] == "2"
    devices = {row[0]: row for row in _cells(view.health.devices)}
    assert set(devices) == {"dir_a", "dir_b", "sup_1"}
    assert devices["dir_a"][4] == "15"
    red = [
        view.health.devices.item(r, 0).text()
        for r in range(view.health.devices.rowCount())
        if _background(view.health.devices, r) == RED_BACKGROUND
    ]
    assert red == ["dir_a"]
    assert "超过 14 天未同步的标红" in view.health.fetched.text()

    app.resize(1366, 768)
    path = tmp_path / "sync-health.png"
    assert app.grab().save(str(path)) and path.stat().st_size > 10_000


def test_a_director_has_no_sync_health_tab(qtbot: Any, app: Any, sqlite_world: World) -> None:
    enroll_app(qtbot, app, sqlite_world.server, "dir_a")
    view = show_sync_page(qtbot, app)
    assert sync_and_wait(qtbot, app).ok
    qtbot.waitUntil(lambda: view.status is not None and view.status.role == "director")
    assert not view.tabs.isTabVisible(3)
