"""工作日志 page (issue 18): 新增 through the real dialog (a refused title said in it),
编辑, 删除 after the confirmation, and the month saved as PDF."""

from __future__ import annotations

import io
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from childcare_desktop.services import work_log
from childcare_desktop.ui.dialogs.work_log_dialog import WorkLogDialog
from tests.factories import make_child
from tests.ui.conftest import run
from tests.ui.test_file_dialogs import file_dialog, save_in
from tests.ui.test_settings_work import modal

TODAY = date.today()


def _save(dialog: WorkLogDialog) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()


def _page(qtbot: Any, main: Any) -> Any:
    main.nav.setCurrentRow(main.pages.indexOf(main.work_log))
    page = main.work_log
    qtbot.waitUntil(lambda: not page.stale and page.status.text() != "", timeout=10_000)
    return page


def test_an_entry_is_added_edited_and_deleted_on_the_page(qtbot: Any, main: Any) -> None:
    child = run(qtbot, main, lambda s: make_child(s, name="王小花"))
    page = _page(qtbot, main)
    assert page.table.rowCount() == 0 and not page.edit_button.isEnabled()
    page.add_button.click()
    dialog = modal(qtbot, WorkLogDialog)
    dialog.day.setText((TODAY + timedelta(days=1)).isoformat())
    dialog.kind.setCurrentIndex(dialog.kind.findData("meeting"))
    _save(dialog)  # tomorrow: refused, said in the dialog, which stays open
    qtbot.waitUntil(lambda: dialog.status.text() != "", timeout=10_000)
    assert dialog.isVisible() and "日期" in dialog.status.text()
    dialog.day.setText(TODAY.isoformat())
    _save(dialog)  # still no title
    qtbot.waitUntil(lambda: "事项" in dialog.status.text(), timeout=10_000)
    dialog.title.setText("镇儿童工作例会")
    dialog.place.setText("镇政府")
    dialog.content.setPlainText("学习<新政策> & 布置走访")
    item = dialog.kids.item(0)
    assert item.text() == "王小花"
    item.setCheckState(Qt.CheckState.Checked)
    _save(dialog)
    qtbot.waitUntil(lambda: page.table.rowCount() == 1, timeout=10_000)
    qtbot.waitUntil(lambda: page.dialog is None, timeout=10_000)  # closed once saved
    cells = [page.table.item(0, j).text() for j in range(page.table.columnCount())]
    assert cells[:5] == [TODAY.isoformat(), "会议", "镇儿童工作例会", "镇政府", "王小花"]

    page.table.selectRow(0)
    page.edit_button.click()
    dialog = modal(qtbot, WorkLogDialog)
    assert dialog.title.text() == "镇儿童工作例会"
    dialog.title.setText("例会")
    dialog.kids.item(0).setCheckState(Qt.CheckState.Unchecked)
    _save(dialog)
    qtbot.waitUntil(lambda: page.table.item(0, 2).text() == "例会", timeout=10_000)
    assert page.table.item(0, 4).text() == ""
    (saved,) = run(qtbot, main, lambda s: work_log.entries(s, TODAY.year, TODAY.month))
    assert (saved.title, saved.children, saved.content) == ("例会", (), "学习<新政策> & 布置走访")
    assert child.id  # linked, then unlinked above

    page.table.selectRow(0)
    page.delete_button.click()
    box = modal(qtbot, QMessageBox)
    assert "例会" in box.text()
    box.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: page.table.rowCount() == 0, timeout=10_000)
    assert run(qtbot, main, lambda s: work_log.entries(s, TODAY.year, TODAY.month)) == []


def test_the_month_is_saved_as_pdf(qtbot: Any, main: Any, tmp_path: Path) -> None:
    run(
        qtbot,
        main,
        lambda s: work_log.add_entry(
            s, logged_on=TODAY, kind="training", title="儿童主任培训", place="县民政局"
        ),
    )
    page = _page(qtbot, main)
    qtbot.waitUntil(lambda: page.table.rowCount() == 1, timeout=10_000)
    target = tmp_path / "log.pdf"
    page.print_button.click()  # 打印本月（PDF）: the real save dialog, a name typed in it
    chooser = file_dialog(qtbot, page)
    assert chooser.selectedFiles()[0].endswith(f"工作日志-{TODAY:%Y%m}.pdf")
    save_in(chooser, str(target))
    qtbot.waitUntil(lambda: "已保存" in page.status.text(), timeout=20_000)
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(target.read_bytes())).pages)
    flat = text.replace("\n", "").replace(" ", "")
    assert "工作日志" in flat and "儿童主任培训" in flat and "县民政局" in flat and "培训" in flat
