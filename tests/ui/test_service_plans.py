"""服务计划 through the real window (四级分类服务): a red child with no plan is told to
have one, 制定服务计划 opens the dialog filled from the county's default for red, another
colour refills what was not typed over, a plan written tomorrow is refused beside its
field; after a newer assessment of another colour 复核服务计划 shows and the revision
starts from that colour's default; the history keeps both plans."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication

from childcare_desktop.core.policy import DEFAULT_POLICY
from childcare_desktop.core.vocab import RiskColour
from childcare_desktop.services import assessments
from tests.factories import make_child, years_ago
from tests.ui.conftest import run
from tests.ui.dialog_world import opened, pick_section, show_child
from tests.ui.test_app import fill
from tests.ui.test_form_input import stored_file

TODAY = date.today()
RED = DEFAULT_POLICY.service_plans[RiskColour.RED]
YELLOW = DEFAULT_POLICY.service_plans[RiskColour.YELLOW]


def _assess(qtbot: Any, main: Any, child_id: str, colour: str, on: date) -> None:
    run(
        qtbot,
        main,
        lambda s: assessments.assess_guardianship(
            s, child_id=child_id, assessed_on=on, level="fair", colour=colour
        ),
    )


def typed(editor: Any, text: str) -> None:
    """``text`` committed by the input method, as Chinese is typed."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(editor, event)


def _open_plans(qtbot: Any, main: Any, child_id: str) -> Any:
    show_child(qtbot, main, child_id)
    pick_section(qtbot, main, "服务计划")
    return main.file.plans


def test_write_a_plan_from_the_default_and_revise_it_after_a_new_colour(
    qtbot: Any, main: Any
) -> None:
    child_id = run(qtbot, main, lambda s: make_child(s, name="石小兰", birth_date=years_ago(9)).id)
    _assess(qtbot, main, child_id, "red", TODAY - timedelta(days=3))
    box = _open_plans(qtbot, main, child_id)
    assert "尚未制定服务计划" in box.current.text()
    assert box.due.isVisibleTo(box) and "制定服务计划" in box.due.text()

    dialog = opened(qtbot, main, box.write_button.click)
    form = dialog.form
    assert form.editors["colour"].currentData() == "red"
    assert form.editors["measures"].toPlainText() == RED.measures_text
    assert form.editors["responsible"].text() == RED.responsible
    # Another colour: its default, except what the director typed.
    form.editors["frequency"].selectAll()
    typed(form.editors["frequency"], "每周两次电话，每月入户")
    fill(dialog, colour="yellow")
    assert form.editors["measures"].toPlainText() == YELLOW.measures_text
    assert form.editors["frequency"].text() == "每周两次电话，每月入户"
    fill(dialog, colour="red")
    assert form.editors["measures"].toPlainText() == RED.measures_text

    fill(dialog, written_on=(TODAY + timedelta(days=1)).isoformat())
    dialog.save_button.click()
    qtbot.waitUntil(lambda: "晚于今天" in form.error_of("written_on"), timeout=10_000)
    fill(dialog, written_on=(TODAY - timedelta(days=1)).isoformat(), measures="")
    dialog.save_button.click()
    assert form.error_of("measures")  # required: refused before any database work
    fill(dialog, measures=RED.measures_text + "\n联系学校，每周了解在校情况")
    with qtbot.waitSignal(dialog.saved, timeout=10_000):
        dialog.save_button.click()

    qtbot.waitUntil(lambda: box.history.model.rowCount() == 1, timeout=10_000)
    assert "联系学校，每周了解在校情况" in box.current.text()
    assert "风险等级：红色" in box.current.text()
    assert box.write_button.text() == "修订服务计划"
    assert not box.due.isVisibleTo(box)

    # A newer assessment, yellow: the plan is to be reviewed, from yellow's default.
    _assess(qtbot, main, child_id, "yellow", TODAY)
    box = _open_plans(qtbot, main, child_id)
    assert "复核服务计划（有新的评估）" in box.due.text()
    dialog = opened(qtbot, main, box.write_button.click)
    assert dialog.windowTitle() == "修订服务计划"
    assert dialog.form.editors["colour"].currentData() == "yellow"
    assert dialog.form.editors["measures"].toPlainText() == YELLOW.measures_text
    with qtbot.waitSignal(dialog.saved, timeout=10_000):
        dialog.save_button.click()
    qtbot.waitUntil(lambda: box.history.model.rowCount() == 2, timeout=10_000)

    current, first = stored_file(qtbot, main, child_id).service_plans
    assert (current.colour, current.written_on) == (RiskColour.YELLOW, TODAY)
    assert (first.colour, first.frequency) == (RiskColour.RED, "每周两次电话，每月入户")
    assert first.written_on == TODAY - timedelta(days=1)
    assert not box.due.isVisibleTo(box)
