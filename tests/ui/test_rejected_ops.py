"""A change the county sent back (退回) on the 同步 page: among this laptop's changes the
server set aside, with 县里退回：and the county's reason; the sync's result says so; the
record stays as typed here."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from childcare_desktop.services.roster import search_roster
from sync.server import schema as s
from tests.factories import make_child
from tests.sync.conftest import VILLAGE_B, LiveServer, sqlite_server
from tests.sync.console import Console, add_staff
from tests.ui.conftest import run
from tests.ui.test_sync_held_view import _cells
from tests.ui.test_sync_view import QUIET, enroll_app, on_store, show_sync_page, sync_and_wait

__all__ = ["sqlite_server"]  # the fixture used below

REASON = "该儿童不在本村，档案请由所在村录入"


@pytest.fixture
def app(main: Any) -> Any:
    main.syncer.set_timings(QUIET)
    return main


def _reject_all(server: LiveServer) -> int:
    """An administrator sends back everything held, in the console (over HTTP)."""
    add_staff(server.db, "admin", "county-admin")
    console = Console(server.url)
    console.login("admin")
    with server.db.read() as conn:
        held = list(conn.execute(select(s.quarantine.c.id)).scalars())
    for held_id in held:
        answer = console.post(
            "/console/quarantine/reject",
            {"csrf": console.csrf(), "id": str(held_id), "reason": REASON},
        )
        assert answer.status_code == 200, answer.text
    return len(held)


def test_the_sync_page_shows_what_the_county_sent_back(
    qtbot: Any, app: Any, sqlite_server: LiveServer
) -> None:
    # Enrolled for village B, while the store's records are village A's: held by the server.
    sqlite_server.user("liu", "director", VILLAGE_B)
    enroll_app(qtbot, app, sqlite_server, "liu")
    run(qtbot, app, lambda session: make_child(session, name="孙小宝"))
    view = show_sync_page(qtbot, app)
    first = sync_and_wait(qtbot, app)
    held = first.quarantined  # the child and its category
    assert first.ok and held >= 1, first
    assert _reject_all(sqlite_server) == held

    report = sync_and_wait(qtbot, app)
    assert report.ok and report.rejected == held, report
    assert f"{held} 条修改被县里退回" in view.result.text()
    view = show_sync_page(qtbot, app)
    rows = [row[1:] for row in _cells(view.held.mine)]
    assert ["孙小宝", "儿童", "", "新增", f"县里退回：{REASON}"] in rows
    assert {row[-1] for row in rows} == {f"县里退回：{REASON}"} and len(rows) == held
    assert view.held.mine_title.text() == f"本机修改被县服务器暂存：{held} 条"
    names = on_store(qtbot, app, lambda store: _roster(store))
    assert "孙小宝" in names  # kept here as typed

    again = sync_and_wait(qtbot, app)  # told once; not sent again, still shown
    assert again.ok and again.rejected == 0 and again.pushed == 0, again
    view = show_sync_page(qtbot, app)
    assert [row[-1] for row in _cells(view.held.mine)] == [f"县里退回：{REASON}"] * held


def _roster(store: Any) -> set[str]:
    with store.session() as session:
        return {c.name for c in search_roster(session)}
