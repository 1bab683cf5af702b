"""留守妇女/老人 (三留守, issue 18) through the real window: off by default (no page, no
workbench section); switched on by the county's policy, a director files an elder and a
woman through the real dialogs (a too young elder, a bad phone, a man as a 留守妇女 and a
visit tomorrow refused beside their fields), records a visit from the page and one from
the workbench's section, takes a person off the roster, saves the roster as PDF through
the real save dialog and reads it back; switched off again, the page and section go and
the records stay."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from childcare_desktop.services import three_left, worklist
from tests.factories import years_ago
from tests.ui.conftest import run
from tests.ui.dialog_world import opened
from tests.ui.test_app import fill
from tests.ui.test_file_dialogs import file_dialog, save_in

TODAY = date.today()


@pytest.fixture
def documents(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    (home / "Documents").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("USERPROFILE", str(home))
    return home / "Documents"


def _policy(qtbot: Any, main: Any, on: bool) -> None:
    """The county's new version arrives (as a sync brings it) and the window follows."""
    run(
        qtbot,
        main,
        lambda s: worklist.set_county_policy(
            s,
            county_code="349901",
            effective_from=TODAY,
            overrides={"three_left_behind": {"enabled": on, "contact": "P1M"}},
        ),
    )
    main._changed_elsewhere()  # what a sync that pulled something calls
    item = main.nav.item(main.pages.indexOf(main.three_left))
    qtbot.waitUntil(lambda: item.isHidden() is not on, timeout=10_000)


def _page(qtbot: Any, main: Any) -> Any:
    main.nav.setCurrentRow(main.pages.indexOf(main.three_left))
    page = main.three_left
    qtbot.waitUntil(lambda: not page.stale and page.status.text() != "", timeout=10_000)
    return page


def _type(dialog: Any, **values: str) -> None:
    """Type as a user does (an edit saves only what was typed: the signal of typing)."""
    for name, value in values.items():
        editor = dialog.form.editors[name]
        editor.setText(value)
        editor.textEdited.emit(value)
        editor.editingFinished.emit()


def _cells(page: Any, row: int) -> list[str]:
    return [page.table.item(row, j).text() for j in range(page.table.columnCount())]


def test_off_by_default_then_kept_through_the_page(qtbot: Any, main: Any, documents: Path) -> None:
    item = main.nav.item(main.pages.indexOf(main.three_left))
    panel = main.workbench.three_left
    qtbot.waitUntil(lambda: not main.workbench.stale, timeout=10_000)
    assert item.isHidden() and panel.isHidden()  # off by default: no page, no section
    _policy(qtbot, main, True)
    page = _page(qtbot, main)
    assert page.table.rowCount() == 0 and not page.visit_button.isEnabled()

    dialog = opened(qtbot, main, page.add_button.click)
    fill(dialog, kind="elder", name="韩大爷", birth_date=years_ago(50).isoformat())
    fill(dialog, phone="12345", work_place="江苏省苏州市", away_who="儿子、儿媳")
    dialog.save_button.click()
    qtbot.waitUntil(lambda: dialog.form.error_of("phone") != "", timeout=10_000)
    fill(dialog, phone="13600001111", health="chronic")
    dialog.save_button.click()
    qtbot.waitUntil(lambda: "60" in dialog.form.error_of("birth_date"), timeout=10_000)
    assert dialog.isVisible()
    fill(dialog, birth_date=years_ago(71, 5).isoformat())
    with qtbot.waitSignal(dialog.saved, timeout=10_000):
        dialog.save_button.click()
    qtbot.waitUntil(lambda: page.table.rowCount() == 1, timeout=10_000)
    cells = _cells(page, 0)
    assert cells[:4] == ["留守老年人", "韩大爷", "未采集", "71"]
    assert cells[5:10] == ["江苏省苏州市", "儿子、儿媳", "慢性病", "13600001111", "未联系"]

    dialog = opened(qtbot, main, page.add_button.click)
    fill(dialog, kind="woman", name="卫秀英", sex="male", birth_date=years_ago(36).isoformat())
    fill(dialog, registered_on=(TODAY - timedelta(days=40)).isoformat())
    dialog.save_button.click()
    qtbot.waitUntil(lambda: "女性" in dialog.form.error_of("sex"), timeout=10_000)
    fill(dialog, sex="female")
    with qtbot.waitSignal(dialog.saved, timeout=10_000):
        dialog.save_button.click()
    qtbot.waitUntil(lambda: page.table.rowCount() == 2, timeout=10_000)

    # 记走访 from the page: tomorrow refused beside the date, then today.
    row = [page.table.item(i, 1).text() for i in range(2)].index("韩大爷")
    page.table.selectRow(row)
    dialog = opened(qtbot, main, page.visit_button.click)
    fill(dialog, visited_on=(TODAY + timedelta(days=1)).isoformat(), mode="home", notes="身体尚可")
    dialog.save_button.click()
    qtbot.waitUntil(lambda: "晚于今天" in dialog.form.error_of("visited_on"), timeout=10_000)
    fill(dialog, visited_on=TODAY.isoformat())
    with qtbot.waitSignal(dialog.saved, timeout=10_000):
        dialog.save_button.click()
    qtbot.waitUntil(lambda: "未联系" not in _cells(page, row)[9], timeout=10_000)

    # 编辑: the form holds the file; a birth date that makes him 55 is refused beside it.
    page.table.selectRow(row)
    dialog = opened(qtbot, main, page.edit_button.click)
    assert dialog.form.editors["work_place"].text() == "江苏省苏州市"
    _type(dialog, birth_date=years_ago(55).isoformat())
    dialog.save_button.click()
    qtbot.waitUntil(lambda: "60" in dialog.form.error_of("birth_date"), timeout=10_000)
    _type(dialog, birth_date=years_ago(71, 5).isoformat(), work_place="上海市")
    with qtbot.waitSignal(dialog.saved, timeout=10_000):
        dialog.save_button.click()
    qtbot.waitUntil(lambda: _cells(page, row)[5] == "上海市", timeout=10_000)

    # The workbench's section: the woman registered 40 days ago is overdue; 记走访 there.
    main.nav.setCurrentRow(main.pages.indexOf(main.workbench))
    qtbot.waitUntil(lambda: panel.isVisible() and len(panel.items) == 1, timeout=10_000)
    assert panel.items[0].name == "卫秀英"
    assert panel.items[0].overdue and "逾期 1 人" in panel.heading.text()
    assert all(i.child_id != panel.items[0].id for i in main.workbench.model._all)  # never mixed
    dialog = opened(qtbot, main, panel.findChild(type(panel.all_button), "visit_0").click)
    fill(dialog, mode="phone")
    with qtbot.waitSignal(dialog.saved, timeout=10_000):
        dialog.save_button.click()
    main.workbench.refresh()
    qtbot.waitUntil(lambda: panel.isHidden(), timeout=10_000)

    # 退出: the reason is required; then she leaves the roster, kept with the exited.
    page = _page(qtbot, main)
    row = [page.table.item(i, 1).text() for i in range(2)].index("卫秀英")
    page.table.selectRow(row)
    dialog = opened(qtbot, main, page.exit_button.click)
    dialog.save_button.click()
    qtbot.waitUntil(lambda: dialog.form.error_of("exit_reason") != "", timeout=10_000)
    fill(dialog, exit_reason="family_back")
    with qtbot.waitSignal(dialog.saved, timeout=10_000):
        dialog.save_button.click()
    qtbot.waitUntil(lambda: page.table.rowCount() == 1, timeout=10_000)
    page.with_exited.setChecked(True)
    qtbot.waitUntil(lambda: page.table.rowCount() == 2, timeout=10_000)
    page.with_exited.setChecked(False)
    qtbot.waitUntil(lambda: page.table.rowCount() == 1, timeout=10_000)

    # 打印名册（PDF）through the real save dialog, read back.
    page.print_button.click()
    chooser = file_dialog(qtbot, page)
    save_in(chooser, str(documents / "名册.pdf"))
    qtbot.waitUntil(lambda: "已保存" in page.status.text(), timeout=20_000)
    words = "".join(p.extract_text() for p in PdfReader(documents / "名册.pdf").pages)
    words = words.replace(" ", "").replace("\n", "")
    assert "留守妇女、留守老年人花名册" in words and "韩大爷" in words
    assert "上海市" in words and "卫秀英" not in words  # as edited; exited: off the roster

    # Off again: no page (the window leaves it), no section; the records stay.
    _policy(qtbot, main, False)
    qtbot.waitUntil(lambda: main.current_page() == "workbench", timeout=10_000)
    qtbot.waitUntil(lambda: not main.workbench.stale, timeout=10_000)
    assert panel.isHidden()
    kept = run(qtbot, main, lambda s: three_left.roster(s, with_exited=True))
    assert sorted(p.name for p in kept) == ["卫秀英", "韩大爷"]
