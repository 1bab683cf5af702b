"""批量打印 in the app on a township's store: choose villages (or the roster's children), the
document and merged or per child, press 开始打印, wait, accept the message; 取消 half way;
the print page's 范围 prints the roster of one village."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from childcare_desktop.storage.store import open_store
from childcare_desktop.ui.app import Controller
from tests.batch_world import VILLAGE_B, Township, pdf_text, township_store
from tests.conftest import PASSPHRASE, VILLAGE
from tests.ui.conftest import unlock


@pytest.fixture
def town(store_path: Path) -> Township:
    store = open_store(store_path, PASSPHRASE, actor="测试员")
    try:
        return township_store(store)
    finally:
        store.close()


@pytest.fixture
def window(qtbot: Any, controller: Controller, store_path: Path, town: Township) -> Any:
    controller.start(store_path, demo=False)
    unlock(qtbot, controller, store_path)
    main = controller.main
    assert main is not None
    qtbot.waitUntil(lambda: not main.workbench.stale, timeout=10_000)
    return main


def print_page(qtbot: Any, window: Any) -> Any:
    view = window.printing
    window.show_page("print")
    qtbot.waitUntil(lambda: not view.stale and view.scope.count() > 1, timeout=10_000)
    return view


def batch_dialog(qtbot: Any, view: Any, villages: int) -> Any:
    qtbot.waitUntil(lambda: view.batch_dialog is not None, timeout=5_000)
    dialog = view.batch_dialog
    qtbot.waitUntil(lambda: dialog.villages.count() == villages, timeout=10_000)
    return dialog


def tick(dialog: Any, *codes: str) -> None:
    for i in range(dialog.villages.count()):
        item = dialog.villages.item(i)
        if item.data(Qt.ItemDataRole.UserRole) in codes:
            item.setCheckState(Qt.CheckState.Checked)


def type_out(qtbot: Any, dialog: Any, path: Path) -> None:
    dialog.out.clear()
    qtbot.keyClicks(dialog.out, str(path))


def accept_message(qtbot: Any) -> str:
    qtbot.waitUntil(
        lambda: isinstance(QApplication.activeModalWidget(), QMessageBox), timeout=5_000
    )
    box = QApplication.activeModalWidget()
    assert box.objectName() == "batch_done"
    said = f"{box.text()} {box.informativeText()}"
    box.button(QMessageBox.StandardButton.Ok).click()
    return said


def test_agreements_of_two_villages_merged_from_the_dialog(
    qtbot: Any, window: Any, town: Township, tmp_path: Path
) -> None:
    view = print_page(qtbot, window)
    view.batch.open_button.click()
    dialog = batch_dialog(qtbot, view, villages=3)
    labels = [dialog.villages.item(i).text() for i in range(3)]
    assert labels[0].startswith(VILLAGE) and "（3 名）" in labels[0]
    assert dialog.by_village.isChecked() and not dialog.selected.isEnabled()
    dialog.every.click()
    assert len(dialog.chosen_villages()) == 3
    dialog.every.click()
    assert dialog.chosen_villages() == []
    tick(dialog, VILLAGE, VILLAGE_B)
    assert not dialog.every.isChecked()
    out = tmp_path / "agreements.pdf"  # typed: QTest types ASCII only
    type_out(qtbot, dialog, out)
    with qtbot.waitSignal(dialog.finished_batch, timeout=60_000) as finished:
        dialog.start_button.click()
    result = finished.args[0]
    assert (result.printed, result.skipped, result.cancelled) == (3, 1, False)
    said = accept_message(qtbot)
    assert str(out) in said and "3 名儿童" in said and "跳过" in said
    words = pdf_text(out)
    assert all(n in words for n in ("林晓", "林朝", "王小明")) and "孙别村" not in words
    dialog.cancel_button.click()  # no batch runs: 取消 closes the dialog
    qtbot.waitUntil(lambda: view.batch_dialog is None, timeout=5_000)


def test_the_rosters_children_one_pdf_each_and_cancel_half_way(
    qtbot: Any, window: Any, town: Township, tmp_path: Path
) -> None:
    window.show_page("roster")
    roster = window.roster
    qtbot.waitUntil(lambda: roster.model.rowCount() == len(town.ids), timeout=10_000)
    roster.findChild(type(window.printing.batch.open_button), "print_batch").click()
    view = window.printing
    dialog = batch_dialog(qtbot, view, villages=3)
    assert dialog.selected.isChecked() and dialog.kind.currentData() == "dossier"
    assert "5 名" in dialog.selected.text()
    dialog.per_child.click()
    folder = tmp_path / "dossiers"
    type_out(qtbot, dialog, folder)
    dialog.progressed.connect(lambda done, _total: dialog.cancel_button.click())
    with qtbot.waitSignal(dialog.finished_batch, timeout=60_000) as finished:
        dialog.start_button.click()
    result = finished.args[0]
    assert result.cancelled and 1 <= len(result.written) < 5
    assert sorted(folder.iterdir()) == sorted(result.written)  # whole files, no .partial
    assert "已取消" in accept_message(qtbot)
    dialog.progressed.disconnect()
    with qtbot.waitSignal(dialog.finished_batch, timeout=60_000) as finished:
        dialog.start_button.click()
    assert len(finished.args[0].written) == 5
    accept_message(qtbot)
    assert len(list(folder.glob("*-儿童档案.pdf"))) == 5


def test_the_roster_of_one_village_from_the_print_page(
    qtbot: Any, window: Any, town: Township, tmp_path: Path
) -> None:
    view = print_page(qtbot, window)
    assert view.scope.itemText(0) == "全乡镇"
    view.doc.setCurrentIndex(view.doc.findData("roster"))
    assert view.scope.isEnabled()
    view.scope.setCurrentIndex(view.scope.findData(VILLAGE_B))
    with qtbot.waitSignal(view.rendered, timeout=20_000):
        view.preview_button.click()
    out = tmp_path / "花名册.pdf"
    with qtbot.waitSignal(view.saved, timeout=20_000):
        view.save_to(out)
    words = pdf_text(out)
    assert "王小明" in words and "林晓" not in words
    view.doc.setCurrentIndex(view.doc.findData("dossier"))
    assert not view.scope.isEnabled()
