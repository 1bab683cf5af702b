"""A merge the county server did not take, through the real window (issue 15): the
supervisor merges a pair, offline, that the county has meanwhile marked 不是同一人; after
the next sync both files are on the roll again and the 同步 page says why, in Chinese."""

from __future__ import annotations

from typing import Any

from childcare_desktop.core.roles import Role
from childcare_desktop.services import preferences
from childcare_desktop.services.roster import search_roster
from childcare_desktop.ui.views.sync_text import reason_text
from sync.protocol import Hold, Refusal
from sync.server import cli as server_cli
from sync.server import duplicates as server_duplicates
from tests.conftest import VILLAGE
from tests.factories import make_child, years_ago
from tests.sync.conftest import TOWNSHIP, LiveServer, sqlite_server
from tests.ui.conftest import run
from tests.ui.dialog_world import close, full_child, opened, show_child
from tests.ui.test_duplicates_view import _click, _open_comparison, _shot
from tests.ui.test_sync_held_view import _cells
from tests.ui.test_sync_view import QUIET, enroll_app, show_sync_page, sync_and_wait

__all__ = ["sqlite_server"]  # the fixture used below

REASON = "未生效：这两份档案已先被认定不是同一人；本机已改回服务器上的样子"


def _two_files(session: Any) -> tuple[str, str]:
    """One girl written by two villages: the same name, sex and birth date."""
    born = years_ago(8, 40)
    made = [
        make_child(
            session,
            name="刘小雨",
            sex="female",
            id_number=None,
            birth_date=born,
            region_code=village,
            phone=phone,
        ).id
        for village, phone in ((VILLAGE, "13900000001"), (VILLAGE[:9] + "202", "13900000002"))
    ]
    return made[0], made[1]


def _on_roll(session: Any) -> set[str]:
    return {c.id for c in search_roster(session)}


def test_a_merge_of_a_pair_the_county_kept_apart_is_undone_and_explained(
    qtbot: Any, main: Any, sqlite_server: LiveServer
) -> None:
    main.syncer.set_timings(QUIET)
    run(
        qtbot,
        main,
        lambda s: preferences.set_work_settings(
            s, name="周督导", role=Role.SUPERVISOR, region_code=VILLAGE[:9], township="青石镇"
        ),
    )
    sqlite_server.user("zhen", "supervisor", TOWNSHIP)
    enroll_app(qtbot, main, sqlite_server, "zhen")
    files = run(qtbot, main, _two_files)
    show_sync_page(qtbot, main)
    assert sync_and_wait(qtbot, main).ok  # the server finds the pair
    report = sync_and_wait(qtbot, main)
    assert report.ok and report.duplicates == 1
    with sqlite_server.db.read() as conn:
        (case,) = server_duplicates.all_cases(conn)
    url = sqlite_server.db.url
    assert server_cli.main(["--db", url, "duplicates", "distinct", case["id"]]) == 0

    dialog = _open_comparison(qtbot, main)  # the laptop has not heard: it merges
    _click(qtbot, dialog, "keep_a")
    _click(qtbot, dialog, "merge")
    qtbot.waitUntil(lambda: "已合并" in main.duplicates.message.text(), timeout=10_000)
    assert len(set(files) & run(qtbot, main, _on_roll)) == 1

    report = sync_and_wait(qtbot, main)
    assert report.ok and report.quarantined >= 3  # the decision, the exit, what came with it
    assert set(files) <= run(qtbot, main, _on_roll)  # both files on the roll again
    view = show_sync_page(qtbot, main)
    rows = {tuple(row[2:]) for row in _cells(view.held.mine)}
    assert ("疑似重复的处理", "", "新增", REASON) in rows
    assert ("纳入与退出", "", "新增", REASON) in rows
    view.tabs.setCurrentIndex(1)
    _shot(main, "duplicates-set-aside.png")
    again = sync_and_wait(qtbot, main)
    assert again.ok and (again.pushed, again.quarantined) == (0, 0)
    assert set(files) <= run(qtbot, main, _on_roll)


def test_each_way_a_decision_is_set_aside_has_its_words(qapp: Any) -> None:
    def said(table: str, field: str, rule: str) -> str:
        return reason_text(table, Hold(Refusal.CASE_CLOSED, field, rule))

    assert said("duplicate_decision", "case_id", "merged") == (
        "未生效：这两份档案已先按另一次处理合并；本机已改回服务器上的样子"
    )
    assert said("child", "phone", "distinct") == REASON
    assert said("duplicate_decision", "case_id", "none") == (
        "未生效：县服务器上没有这对待处理的疑似重复；本机已改回服务器上的样子"
    )
    assert said("enrollment_event", "reason", "none") == (
        "未生效：只有合并疑似重复时才能以“重复建档（已合并）”退出；本机已改回服务器上的样子"
    )


def test_the_exit_dialog_does_not_offer_the_merge_s_own_reason(qtbot: Any, main: Any) -> None:
    """办理退出 lists every reason but 重复建档（已合并）: only a merge exits a file so."""
    child_id, _gone = run(qtbot, main, full_child)
    show_child(qtbot, main, child_id)
    dialog = opened(qtbot, main, main.file.action_buttons["exit"].click)
    reasons = dialog.form.editors["reason"]
    offered = [reasons.itemText(i) for i in range(reasons.count())]
    assert "重复建档（已合并）" not in offered
    assert {"父母返回", "迁出转移", "其他"} <= set(offered)
    close(dialog)
