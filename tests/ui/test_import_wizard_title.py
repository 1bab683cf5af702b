"""The import wizard: a ledger whose title names the category, a typed path, the last page."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard
from sqlalchemy import text

from tests.factories import make_id
from tests.ui.conftest import run


def left_behind_roster(path: Path) -> None:
    """A 留守儿童花名册 as villages keep it: the title says who, no column does."""
    book = Workbook()
    ws = book.active
    ws.title = "Sheet1"
    ws.append(["某某村农村留守儿童花名册"])
    ws.merge_cells("A1:D1")
    ws.append(["序号", "姓名", "身份证号", "监护人"])
    ws.append([1, "柳一", make_id(date(2016, 3, 1), male=True), "柳奶奶"])
    ws.append([2, "柳二", make_id(date(2017, 5, 2), male=False), "柳爷爷"])
    book.save(path)


def categories(qtbot: Any, main: Any) -> list[str]:
    sql = text("SELECT category FROM category_membership WHERE deleted = 0 ORDER BY 1")
    return run(qtbot, main, lambda s: [r[0] for r in s.execute(sql)])


def test_a_title_naming_the_category_is_offered_and_given_to_each_child(
    qtbot: Any, main: Any, tmp_path: Path
) -> None:
    path = tmp_path / "ledger.xlsx"  # typed key by key: QTest types ASCII only
    left_behind_roster(path)
    main.show_page("roster")
    wizard = main.import_ledger()
    # The path box takes a typed path: Enter reads the file.
    qtbot.keyClicks(wizard.file_page.path, str(path))
    with qtbot.waitSignal(wizard.previewed, timeout=10_000):
        qtbot.keyClick(wizard.file_page.path, Qt.Key.Key_Return)
    status = wizard.file_page.status.text()
    assert "表头在第2行" in status and "2-2" not in status
    wizard.next()
    page = wizard.mapping_page
    assert page.default_category.currentText() == "农村留守儿童"
    assert "农村留守儿童" in page.category_hint.text()
    with qtbot.waitSignal(wizard.checked, timeout=20_000):
        wizard.next()
    assert categories(qtbot, main) == []  # the trial keeps nothing
    with qtbot.waitSignal(wizard.imported, timeout=20_000):
        wizard.next()
    assert categories(qtbot, main) == ["left_behind", "left_behind"]
    # The end: 完成 only; no 取消 beside it.
    assert wizard.button(QWizard.WizardButton.FinishButton).isVisible()
    assert not wizard.button(QWizard.WizardButton.CancelButton).isVisible()


def test_no_category_unless_chosen_and_a_wrong_typed_path_is_said(
    qtbot: Any, main: Any, tmp_path: Path
) -> None:
    path = tmp_path / "台账.xlsx"
    left_behind_roster(path)
    main.show_page("roster")
    wizard = main.import_ledger()
    wizard.file_page.path.setText(str(tmp_path / "没有这个.xlsx"))
    qtbot.keyClick(wizard.file_page.path, Qt.Key.Key_Return)
    assert "找不到这个文件" in wizard.file_page.status.text()
    assert not wizard.file_page.isComplete()
    with qtbot.waitSignal(wizard.previewed, timeout=10_000):
        wizard.open_file(path)
    wizard.next()
    page = wizard.mapping_page
    page.default_category.setCurrentIndex(page.default_category.findData(None))
    with qtbot.waitSignal(wizard.checked, timeout=20_000):
        wizard.next()
    with qtbot.waitSignal(wizard.imported, timeout=20_000):
        wizard.next()
    assert categories(qtbot, main) == []
