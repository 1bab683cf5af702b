"""暂存待审 on the 同步 page, against a real county server: this laptop's changes the
server set aside and the pulled ones this laptop set aside, each with what kind of
record, whose, and why in Chinese; every label of the page that shows data is plain text."""

from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QTableWidget

from childcare_desktop.core.vocab import VisitMode
from childcare_desktop.services import family, incidents
from childcare_desktop.services.roster import search_roster
from childcare_desktop.storage.models import Visit
from childcare_desktop.ui.views.sync_text import reason_text
from sync.protocol import Hold, Refusal
from tests.factories import make_child, make_id, years_ago
from tests.sync.conftest import VILLAGE_A, VILLAGE_B, LiveServer, make_laptop, sqlite_server
from tests.sync.planting import inserted_row, plant_insert
from tests.ui.conftest import run
from tests.ui.test_sync_view import QUIET, enroll_app, on_store, show_sync_page, sync_and_wait

__all__ = ["make_laptop", "sqlite_server"]  # the fixtures used below

HAN = range(0x4E00, 0xA000)


def _cells(table: QTableWidget) -> list[list[str]]:
    return [
        [table.item(r, c).text() for c in range(table.columnCount())]
        for r in range(table.rowCount())
    ]


def _village_records(session: Any) -> dict[str, str]:
    child = make_child(session, name="李<小>&明")
    member = family.add_family_member(session, child_id=child.id, relation="mother", name="周芳")
    found = datetime.now() - timedelta(days=1)
    report = incidents.file_report(
        session,
        child_id=child.id,
        discovered_at=found,
        situations=["living_alone"],
        description="独自在家",
        reported_to="派出所",
        reported_at=found + timedelta(hours=1),
    )
    return {"child": child.id, "family_member": member.id, "incident": report.id}


def _plant_bad_rows(server: LiveServer, store: Any, mine: dict[str, str]) -> None:
    """Village B's log as a server that checked nothing could hold it."""

    def row(table: str, **changes: Any) -> tuple[str, dict[str, Any]]:
        values = inserted_row(store, table, mine[table])
        values.update(region_code=VILLAGE_B, **changes)
        return str(uuid.uuid4()), values

    good_id, good = row("child", name="钱好", id_number=make_id(years_ago(7)))
    plant_insert(server, VILLAGE_B, "child", good_id, good)
    report_id, report = row("incident", child_id=good_id)
    del report["description"]
    plant_insert(server, VILLAGE_B, "incident", report_id, report)
    bad_id, bad = row(
        "child", name="赵坏", id_number=make_id(years_ago(6)), birth_date="not-a-date"
    )
    plant_insert(server, VILLAGE_B, "child", bad_id, bad)
    member_id, member = row("family_member", child_id=bad_id)
    plant_insert(server, VILLAGE_B, "family_member", member_id, member)
    stray_id, stray = row("family_member", child_id=str(uuid.uuid4()))
    plant_insert(server, VILLAGE_B, "family_member", stray_id, stray)


@pytest.fixture
def app(main: Any) -> Any:
    main.syncer.set_timings(QUIET)
    return main


def test_both_lists_say_what_whose_and_why_in_chinese(
    qtbot: Any, app: Any, sqlite_server: LiveServer, tmp_path: Path
) -> None:
    # Enrolled for village B, while the store's records are village A's: the server sets
    # this laptop's changes aside (out of its region).
    sqlite_server.user("liu", "director", VILLAGE_B)
    enroll_app(qtbot, app, sqlite_server, "liu")
    mine = run(qtbot, app, _village_records)
    show_sync_page(qtbot, app)
    first = sync_and_wait(qtbot, app)
    assert first.ok and first.quarantined > 3, first
    store = on_store(qtbot, app, lambda s: s)
    _plant_bad_rows(sqlite_server, store, mine)
    # A newer server's reason travels as a code; an older one's as an English sentence.
    encoded = Hold(Refusal.INVALID, "description", "required").encode()
    on_store(qtbot, app, lambda s: _set_note(s, mine["incident"], encoded))
    report = sync_and_wait(qtbot, app)
    assert report.ok and report.pulled == 5
    view = show_sync_page(qtbot, app)

    mine_rows = {tuple(row[1:]) for row in _cells(view.held.mine)}
    assert len(_cells(view.held.mine)) == first.quarantined
    assert {row[0] for row in mine_rows} == {"李<小>&明"}  # whose: named, as typed
    assert ("李<小>&明", "儿童", "", "新增", "超出本账号负责的区划") in mine_rows
    assert ("李<小>&明", "家庭成员", "", "新增", "超出本账号负责的区划") in mine_rows
    reason = "不符合填写要求：情况描述（客观事实）必须填写"
    assert ("李<小>&明", "强制报告", "", "新增", reason) in mine_rows
    pulled = [row[1:] for row in _cells(view.held.pulled)]
    assert pulled == [
        ["钱好", "强制报告", "", "不符合填写要求：情况描述（客观事实）必须填写"],
        ["赵坏", "儿童", "", "不符合填写要求：出生日期“…”不是有效日期（格式：2026-07-01）"],
        ["赵坏", "家庭成员", "", "所属的儿童记录尚未收到，收到后自动补上"],
        ["尚未收到的儿童档案", "家庭成员", "", "所属的儿童记录尚未收到，收到后自动补上"],
    ]
    assert view.held.mine_title.text() == f"本机修改被县服务器暂存：{first.quarantined} 条"
    assert view.held.pulled_title.text() == "收到的记录未通过本机检查：4 条"
    assert view.tabs.tabText(1) == f"暂存待审（{first.quarantined + 4}）"
    names = on_store(qtbot, app, lambda s: _roster(s))  # the valid child of the same page arrived
    assert "钱好" in names and "赵坏" not in names
    labels = view.findChildren(QLabel)
    assert labels and all(w.textFormat() == Qt.TextFormat.PlainText for w in labels)

    view.tabs.setCurrentIndex(1)
    app.resize(1280, 760)
    path = tmp_path / "sync-set-aside.png"
    assert app.grab().save(str(path)) and path.stat().st_size > 10_000


def test_dates_the_county_got_before_they_were_due_are_listed_for_checking(
    qtbot: Any, app: Any, sqlite_server: LiveServer, make_laptop
) -> None:
    """A visit recorded on a laptop whose clock was two years ahead reaches this one
    flagged: the third tab counts it and names whose, what and the date."""
    sqlite_server.user("wang", "director", VILLAGE_A)
    enroll_app(qtbot, app, sqlite_server, "wang")
    ahead = make_laptop("ahead", sqlite_server, user="wang")
    later = date.today() + timedelta(days=730)
    with ahead.store.session() as session:
        child = make_child(session, name="陈<小>&雨")
        session.add(
            Visit(
                id=str(uuid.uuid4()),
                child_id=child.id,
                region_code=child.region_code,
                visited_on=later,
                mode=VisitMode.HOME,
            )
        )
    assert ahead.run().ok
    show_sync_page(qtbot, app)
    assert sync_and_wait(qtbot, app).ok
    view = show_sync_page(qtbot, app)
    assert view.tabs.tabText(2) == "日期存疑（1）"
    assert view.flagged_list.title.text() == "日期存疑的记录：1 条"
    assert [row[1:] for row in _cells(view.flagged_list.table)] == [
        ["陈<小>&雨", "走访记录", "走访日期", later.isoformat()]
    ]


def test_every_refusal_has_its_own_chinese_words(qapp: Any) -> None:
    texts = {r: reason_text("child", Hold(r, "birth_date", "date_invalid")) for r in Refusal}
    assert len(set(texts.values())) == len(Refusal)
    for refusal, text in texts.items():
        assert any(ord(ch) in HAN for ch in text), refusal
        assert "date_invalid" not in text and "birth_date" not in text, text
    legacy = Hold.decode("child_id: the parent record is not on the server")
    assert reason_text("carer", legacy) == "所属的儿童记录尚未收到，收到后自动补上"
    assert reason_text("child", Hold.decode("bad field name")) == "不认识的项目（软件版本不一致）"
    assert reason_text("child", Hold.decode(None)) == "其他原因"
    too_long = reason_text("child", Hold(Refusal.INVALID, "name", "too_long"))
    assert too_long == "不符合填写要求：姓名过长：最多50个字，现有…个"


def _set_note(store: Any, row_id: str, note: str) -> None:
    with store.connection() as conn:
        conn.exec_driver_sql(
            "UPDATE outbox SET note = ? WHERE row_id = ? AND state = 'quarantined'",
            (note, row_id),
        )


def _roster(store: Any) -> set[str]:
    with store.session() as session:
        return {c.name for c in search_roster(session)}
