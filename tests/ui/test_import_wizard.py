"""从 Excel 导入 in the app: pick the file, see the header and mapping, try, import, save."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from PySide6.QtWidgets import QWizard
from sqlalchemy import text

from tests.ledgers import dirty
from tests.ui.conftest import run


def open_wizard(qtbot: Any, main: Any, path: Path) -> Any:
    main.show_page("roster")
    wizard = main.import_ledger()
    with qtbot.waitSignal(wizard.previewed, timeout=10_000):
        wizard.open_file(path)
    return wizard


def count_children(qtbot: Any, main: Any) -> int:
    return run(qtbot, main, lambda s: s.execute(text("SELECT count(*) FROM child")).scalar())


def test_the_wizard_shows_header_and_mapping_then_tries_and_imports(
    qtbot: Any, main: Any, tmp_path: Path
) -> None:
    path = tmp_path / "登记表.xlsx"
    dirty.register(path)
    wizard = open_wizard(qtbot, main, path)
    assert "第3-5行" in wizard.file_page.status.text()
    assert wizard.file_page.isComplete()
    wizard.next()
    mapping = wizard.mapping_page
    assert mapping.combos["B"].currentData() == "child.name"
    assert mapping.combos["F"].currentData() == "child.health=健康"  # a √ column
    assert mapping.combos["A"].currentData() is None  # 序号
    with qtbot.waitSignal(wizard.checked, timeout=20_000):
        wizard.next()  # the dry run
    assert "试导入" in wizard.check_page.summary.text()
    assert count_children(qtbot, main) == 0  # nothing kept
    with qtbot.waitSignal(wizard.imported, timeout=20_000) as done:
        wizard.next()
    assert done.args[0].count(done.args[0].rows[0].outcome) >= 1
    assert "新建 2 人" in wizard.done_page.summary.text()
    assert count_children(qtbot, main) == 2
    saved = wizard.save_report(tmp_path / "报告.xlsx")
    assert saved is not None and load_workbook(saved, read_only=True).sheetnames[0] == "导入结果"
    assert wizard.button(QWizard.WizardButton.FinishButton).isEnabled()


def test_a_column_mapped_by_hand_and_a_bad_file(qtbot: Any, main: Any, tmp_path: Path) -> None:
    path = tmp_path / "second.xlsx"
    dirty.second_sheet(path)
    wizard = open_wizard(qtbot, main, path)
    assert wizard.preview.header.sheet == "困境儿童"  # the first sheet with a name column
    wizard.next()
    combo = wizard.mapping_page.combos["C"]  # 困境类别
    combo.setCurrentIndex(combo.findData("child.notes"))
    assert wizard.mapping() == {"C": "child.notes"}
    with qtbot.waitSignal(wizard.checked, timeout=20_000):
        wizard.next()
    assert "新建 1 人" in wizard.check_page.summary.text()
    bad = tmp_path / "old.xls"
    bad.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    other = main.import_ledger()
    with qtbot.waitSignal(other.failed, timeout=10_000) as failed:
        other.open_file(bad)
    assert "另存为" in failed.args[0] and not other.file_page.isComplete()


def test_cancelling_the_trial_run_says_so_and_keeps_nothing(
    qtbot: Any, main: Any, tmp_path: Path
) -> None:
    path = tmp_path / "花名册.xlsx"
    dirty.roster(path)
    wizard = open_wizard(qtbot, main, path)
    wizard.next()
    with qtbot.waitSignal(wizard.failed, timeout=20_000) as failed:
        wizard.next()  # starts the trial run
        wizard.cancel_job()
    assert "取消" in failed.args[0] and "取消" in wizard.check_page.summary.text()
    assert not wizard.check_page.cancel.isEnabled()
    assert count_children(qtbot, main) == 0
