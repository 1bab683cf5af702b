"""打印季度核实报告 through the real window (issue 18): the menu entry asks the quarter,
the report is saved through the real save dialog and read back: each child in difficulty,
checked or 未核实, the changes and the benefits to adjust; a child only 留守 is not in it."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from childcare_desktop.core.quarters import quarter_of
from childcare_desktop.services import quarterly_checks
from tests.factories import make_child, years_ago
from tests.ui.conftest import run
from tests.ui.dialog_world import opened
from tests.ui.test_file_dialogs import file_dialog, save_in

TODAY = date.today()
QUARTER = quarter_of(TODAY)


@pytest.fixture
def documents(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    (home / "Documents").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("USERPROFILE", str(home))
    return home / "Documents"


def _children(session: Any) -> None:
    checked = make_child(session, name="柳小河", birth_date=years_ago(11), categories=["orphan"])
    make_child(session, name="石小溪", birth_date=years_ago(9), categories=["serious_illness"])
    make_child(session, name="田小禾", birth_date=years_ago(8), categories=["left_behind"])
    quarterly_checks.record_quarterly_check(
        session,
        child_id=checked.id,
        checked_on=TODAY,
        changes=["监护人变化"],
        change_note="祖母病故，改由姑姑照料",
        benefits_ok="no",
        benefits_note="基本生活费发放对象需变更",
        checked_by="李主任",
    )


def test_the_quarterly_report_is_saved_and_read_back(
    qtbot: Any, main: Any, documents: Path
) -> None:
    run(qtbot, main, _children)
    dialog = opened(qtbot, main, main.menus.actions["quarterly_report"].trigger)
    assert dialog.quarter.currentData() == QUARTER  # this quarter first
    dialog.save_button.click()
    chooser = file_dialog(qtbot, dialog)
    with qtbot.waitSignal(dialog.saved, timeout=20_000) as saved:
        save_in(chooser, "季度核实报告.pdf")
    path = saved.args[0]
    assert path == documents / "季度核实报告.pdf"
    words = "".join(p.extract_text() for p in PdfReader(path).pages)
    words = words.replace(" ", "").replace("\n", "")
    for expected in (
        "困境儿童家庭情况季度核实报告",
        f"{TODAY.year}年第",
        "应核实困境儿童2人，已核实1人，未核实1人",
        "柳小河",
        "孤儿",
        "监护人变化",
        "祖母病故",
        "待遇需调整",
        "基本生活费发放对象需变更",
        "石小溪",
        "未核实",
        "石小溪：本季度尚未核实",
    ):
        assert expected in words, expected
    assert "田小禾" not in words
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5_000)
