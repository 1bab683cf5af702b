"""辍学劝返 through the real window (issue 18): a director records a dropout and a
persuasion (劝返) in the child's file, a persuasion dated before the dropout is refused
beside its field, and the written report (书面报告) is printed and read back."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtWidgets import QApplication, QMessageBox

from childcare_desktop.core.vocab import DropoutState, PersuasionOutcome
from tests.factories import make_child, years_ago
from tests.ui.conftest import run
from tests.ui.dialog_world import opened, pick_section, show_child
from tests.ui.test_app import fill
from tests.ui.test_file_dialogs import file_dialog, save_in
from tests.ui.test_form_input import stored_file

TODAY = date.today()
LEFT = TODAY - timedelta(days=20)


@pytest.fixture
def documents(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    (home / "Documents").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("USERPROFILE", str(home))
    return home / "Documents"


def _child(qtbot: Any, main: Any) -> str:
    child_id = run(
        qtbot,
        main,
        lambda s: (
            make_child(
                s,
                name="柳小河",
                birth_date=years_ago(13),
                school_name="青石镇中学",
                school_grade="初一",
            ).id
        ),
    )
    show_child(qtbot, main, child_id)
    pick_section(qtbot, main, "辍学劝返")
    return child_id


def _persuade(qtbot: Any, main: Any, on: date, outcome: str) -> Any:
    box = main.file.dropouts
    qtbot.waitUntil(lambda: box.dropouts.model.rowCount() == 1, timeout=10_000)
    box.dropouts.table.selectRow(0)
    dialog = opened(qtbot, main, box.dropouts.buttons["劝返"].click)
    fill(dialog, on_date=on.isoformat(), method="入户劝返", outcome=outcome)
    return dialog


def test_record_a_dropout_persuade_and_print_the_report(
    qtbot: Any, main: Any, documents: Path
) -> None:
    child_id = _child(qtbot, main)
    box = main.file.dropouts
    dialog = opened(qtbot, main, box.dropouts.buttons["记录辍学"].click)
    assert dialog.form.editors["school"].text() == "青石镇中学"  # offered from the file
    fill(dialog, left_on=years_ago(14).isoformat(), reason="poverty")
    dialog.save_button.click()
    qtbot.waitUntil(lambda: "早于儿童出生日期" in dialog.form.error_of("left_on"), timeout=10_000)
    fill(dialog, left_on=LEFT.isoformat())
    with qtbot.waitSignal(dialog.saved, timeout=10_000):
        dialog.save_button.click()

    dialog = _persuade(qtbot, main, LEFT - timedelta(days=1), "not_returned")
    dialog.save_button.click()
    qtbot.waitUntil(lambda: "早于辍学日期" in dialog.form.error_of("on_date"), timeout=10_000)
    fill(dialog, on_date=(LEFT + timedelta(days=2)).isoformat())
    with qtbot.waitSignal(dialog.saved, timeout=10_000):
        dialog.save_button.click()
    qtbot.waitUntil(lambda: box.attempts.model.rowCount() == 1, timeout=10_000)

    # One failed attempt: the director confirms persuasion failed before the report.
    box.dropouts.table.selectRow(0)
    box.dropouts.buttons["打印书面报告…"].click()
    qtbot.waitUntil(
        lambda: isinstance(QApplication.activeModalWidget(), QMessageBox), timeout=5_000
    )
    asked = QApplication.activeModalWidget()
    assert "劝返尚未两次无效" in asked.text()
    asked.button(QMessageBox.StandardButton.Yes).click()
    chooser = file_dialog(qtbot, box)
    with qtbot.waitSignal(box.reported, timeout=20_000) as saved:
        save_in(chooser, "书面报告.pdf")
    path = saved.args[0]
    assert path == documents / "书面报告.pdf"
    words = "".join(p.extract_text() for p in PdfReader(path).pages).replace(" ", "")
    words = words.replace("\n", "")
    for expected in (
        "书面报告",
        "柳小河",
        "青石镇中学",
        "初一",
        "家庭经济困难",
        "未返校",
        LEFT.isoformat(),
    ):
        assert expected in words, expected

    (dropout,) = stored_file(qtbot, main, child_id).dropouts
    assert (dropout.state, dropout.reported_on) == (DropoutState.REPORTED, TODAY)
    assert [a.outcome for a in dropout.attempts] == [PersuasionOutcome.NOT_RETURNED]
    qtbot.waitUntil(
        lambda: box.dropouts.model.record(0).state is DropoutState.REPORTED, timeout=10_000
    )
