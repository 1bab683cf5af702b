"""Typing into the forms as a user does: the wheel, dates, the ID number, every error at
once, edits that save only what was touched, and the status bar's word after saving."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QInputMethodEvent, QWheelEvent
from PySide6.QtWidgets import QApplication, QComboBox, QTableView, QWidget

from childcare_desktop.services import files
from tests.factories import make_id
from tests.ledgers import dirty
from tests.ui.conftest import run
from tests.ui.dialog_world import (
    close,
    full_child,
    opened,
    pick_section,
    set_large_text,
    show_child,
)


def wheel(widget: QWidget, steps: int = -1) -> None:
    """One notch of the mouse wheel over the middle of ``widget`` (negative: down)."""
    centre = QPointF(widget.rect().center())
    event = QWheelEvent(
        centre,
        QPointF(widget.mapToGlobal(centre.toPoint())),
        QPoint(0, 0),
        QPoint(0, 120 * steps),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)


def type_into(qtbot: Any, widget: QWidget, text: str) -> None:
    """Type ``text`` as a user does: keys for ASCII, the input method for Chinese."""
    for char in text:
        if char.isascii():
            qtbot.keyClicks(widget, char)
        else:
            event = QInputMethodEvent()
            event.setCommitString(char)
            QApplication.sendEvent(widget, event)


def focus(qtbot: Any, widget: QWidget) -> None:
    widget.activateWindow()
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus, timeout=5_000)


def stored_file(qtbot: Any, main: Any, child_id: str) -> Any:
    return run(qtbot, main, lambda s: files.get_child_file(s, child_id=child_id))


@pytest.fixture
def child(qtbot: Any, main: Any) -> str:
    child_id, _gone = run(qtbot, main, full_child)
    show_child(qtbot, main, child_id)
    return child_id


# -- the wheel ------------------------------------------------------------------------------


def test_the_wheel_over_an_unfocused_dropdown_scrolls_the_form_and_changes_nothing(
    qtbot: Any, main: Any
) -> None:
    set_large_text(qtbot, main, True)  # the new-child form is taller than the dialog
    dialog = main.new_child()
    qtbot.waitExposed(dialog)
    combo = dialog.form.editors["school_stage"]
    bar = dialog.scroll.verticalScrollBar()
    dialog.scroll.ensureWidgetVisible(combo)
    bar.setValue(0 if bar.value() else bar.value())
    focus(qtbot, dialog.form.editors["name"])
    before, top = combo.currentData(), bar.value()
    wheel(combo)
    assert combo.currentData() == before  # the answer stays
    assert bar.value() > top  # the form scrolled instead
    focus(qtbot, combo)  # clicked or tabbed into: now the wheel is the user's choice
    wheel(combo, 1)
    assert combo.currentData() != before
    close(dialog)


def test_the_wheel_over_the_import_mapping_leaves_every_column_as_mapped(
    qtbot: Any, main: Any, tmp_path: Any
) -> None:
    path = tmp_path / "登记表.xlsx"
    dirty.register(path)
    wizard = opened(qtbot, main, main.import_ledger)
    with qtbot.waitSignal(wizard.previewed, timeout=10_000):
        wizard.open_file(path)
    wizard.next()
    combos = wizard.mapping_page.combos
    qtbot.waitUntil(lambda: bool(combos), timeout=5_000)
    focus(qtbot, wizard.mapping_page.table)
    before = {letter: c.currentData() for letter, c in combos.items()}
    bar = wizard.mapping_page.table.verticalScrollBar()
    assert bar.maximum() > 0
    for combo in list(combos.values())[:3]:
        wheel(combo)
    assert {letter: c.currentData() for letter, c in combos.items()} == before
    assert bar.value() > 0  # the table of columns scrolled instead
    wizard.reject()


# -- dates ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "written",
    [
        "{y}-{m:02d}-{d:02d}",
        "{y}/{m}/{d}",
        "{y}.{m}.{d}",
        "{y}年{m}月{d}日",
        "{y}．{m}．{d}",  # full-width full stops, as a Chinese keyboard gives them
        "{y}{m:02d}{d:02d}",
        "{y} / {m} / {d}",
    ],
)
def test_a_date_is_taken_in_every_form_the_importer_takes(
    qtbot: Any, main: Any, child: str, written: str
) -> None:
    day = date.today() - timedelta(days=1)
    dialog = opened(qtbot, main, main.file.action_buttons["visit"].click)
    field = dialog.form.editors["visited_on"]
    focus(qtbot, field)
    field.clear()
    type_into(qtbot, field, written.format(y=day.year, m=day.month, d=day.day))
    qtbot.keyClick(field, Qt.Key.Key_Tab)
    assert field.text() == day.isoformat()  # tidied when left
    assert dialog.form.error_of("visited_on") == ""
    with qtbot.waitSignal(dialog.saved, timeout=10_000) as saved:
        dialog.save_button.click()
    assert saved.args[0].visited_on == day
    assert any(v.visited_on == day for v in stored_file(qtbot, main, child).visits)


def test_a_wrong_date_is_refused_beside_the_field(qtbot: Any, main: Any, child: str) -> None:
    dialog = opened(qtbot, main, main.file.action_buttons["visit"].click)
    field = dialog.form.editors["visited_on"]
    focus(qtbot, field)
    field.clear()
    qtbot.keyClicks(field, "2026/13/40")
    qtbot.keyClick(field, Qt.Key.Key_Tab)
    assert "不是有效日期" in dialog.form.error_of("visited_on")
    focus(qtbot, field)
    field.clear()
    type_into(qtbot, field, "2026年7月")
    qtbot.keyClick(field, Qt.Key.Key_Tab)
    assert "缺少日" in dialog.form.error_of("visited_on")
    close(dialog)


def test_the_calendar_beside_a_date_field_picks_a_day(qtbot: Any, main: Any, child: str) -> None:
    dialog = opened(qtbot, main, main.file.action_buttons["visit"].click)
    field = dialog.form.editors["visited_on"]
    field.calendar_action.trigger()  # the calendar button inside the field
    calendar = field.calendar
    qtbot.waitUntil(calendar.isVisible, timeout=5_000)
    grid = calendar.findChild(QTableView)
    focus(qtbot, grid)
    qtbot.keyClick(grid, Qt.Key.Key_Left)  # the day before today
    qtbot.keyClick(grid, Qt.Key.Key_Return)
    assert not calendar.isVisible()
    assert field.text() == (date.today() - timedelta(days=1)).isoformat()
    assert "visited_on" in dialog.form.touched
    close(dialog)


# -- the ID number --------------------------------------------------------------------------


def test_birth_date_and_sex_appear_as_the_id_number_is_typed(qtbot: Any, main: Any) -> None:
    dialog = main.new_child()
    form = dialog.form
    number = make_id(date(2015, 3, 8), male=False)
    field = form.editors["id_number"]
    focus(qtbot, field)
    qtbot.keyClicks(field, number[:17])
    assert form.notes["id_number"].isHidden()
    assert form.value("sex") == "unknown" and form.value("birth_date") == ""
    qtbot.keyClicks(field, number[17:])  # the 18th character: nothing else pressed
    assert "2015-03-08" in form.notes["id_number"].text()
    assert form.value("sex") == "female"
    assert form.value("birth_date") == "2015-03-08"
    qtbot.keyClick(field, Qt.Key.Key_Backspace)  # one character short again
    assert form.notes["id_number"].isHidden()
    close(dialog)


# -- required choices and every error at once -------------------------------------------


def test_a_required_choice_starts_at_please_choose(qtbot: Any, main: Any, child: str) -> None:
    dialog = opened(qtbot, main, main.file.action_buttons["assess"].click)
    level = dialog.form.editors["level"]
    assert isinstance(level, QComboBox)
    assert level.currentData() is None and level.currentText() == "请选择"
    assert level.findData("unknown") == -1  # 未采集 is no answer to a required question
    dialog.save_button.click()
    assert "监护情况" in dialog.form.error_of("level")
    close(dialog)


def test_every_error_shows_at_once_and_the_first_field_takes_the_focus(
    qtbot: Any, main: Any
) -> None:
    dialog = main.new_child()
    qtbot.waitExposed(dialog)
    form = dialog.form
    for name, text in (("id_number", "360426199101010072"), ("birth_date", "2016/2/30")):
        qtbot.keyClicks(form.editors[name], text)
    dialog.save_button.click()
    assert form.error_of("name")  # required, left blank
    assert "校验位" in form.error_of("id_number")
    assert "不是有效日期" in form.error_of("birth_date")
    assert "3" in dialog.banner.text()
    qtbot.waitUntil(form.editors["name"].hasFocus, timeout=5_000)
    close(dialog)


# -- edits change only what was touched -------------------------------------------------


def test_saving_the_phone_keeps_every_other_stored_value_and_the_risk_colour(
    qtbot: Any, main: Any, child: str
) -> None:
    before = stored_file(qtbot, main, child)
    assert before.latest_assessment.colour.value == "yellow"
    basic = main.file.basic
    phone = basic.form.editors["phone"]
    phone.selectAll()
    qtbot.keyClicks(phone, "13912345678")
    with qtbot.waitSignal(main.file.loaded, timeout=10_000):
        basic.save_button.click()
    after = stored_file(qtbot, main, child)
    assert after.child.phone == "13912345678"
    assert after.latest_assessment.colour.value == "yellow"
    for field in dataclasses.fields(before.child):
        if field.name != "phone":
            assert getattr(after.child, field.name) == getattr(before.child, field.name), field


def test_a_new_assessment_keeps_the_colour_unless_it_is_changed(
    qtbot: Any, main: Any, child: str
) -> None:
    dialog = opened(qtbot, main, main.file.action_buttons["assess"].click)
    form = dialog.form
    assert form.value("colour") == "yellow"  # starts at the child's current colour
    level = form.editors["level"]
    level.setCurrentIndex(level.findData("fair"))  # 一般 suggests 蓝
    assert "蓝" in form.notes["colour"].text()
    with qtbot.waitSignal(dialog.saved, timeout=10_000):
        dialog.save_button.click()
    assert stored_file(qtbot, main, child).latest_assessment.colour.value == "yellow"


def test_an_edited_carer_keeps_the_fields_nobody_touched(qtbot: Any, main: Any, child: str) -> None:
    pick_section(qtbot, main, "照护与协议")
    carers = main.file.carers
    qtbot.waitUntil(lambda: carers.model.rowCount() > 0, timeout=10_000)
    carers.table.selectRow(0)
    dialog = opened(qtbot, main, carers.buttons["修改"].click)
    before = stored_file(qtbot, main, child).carers[0]
    type_into(qtbot, dialog.form.editors["address"], "东村3号")
    assert dialog.form.touched == {"address"}
    with qtbot.waitSignal(dialog.saved, timeout=10_000):
        dialog.save_button.click()
    after = stored_file(qtbot, main, child).carers[0]
    assert after.address == "东村3号"
    assert (after.relation, after.health, after.name) == (
        before.relation,
        before.health,
        before.name,
    )


# -- the word after saving --------------------------------------------------------------


def test_a_saved_visit_is_confirmed_in_the_status_bar(qtbot: Any, main: Any, child: str) -> None:
    dialog = opened(qtbot, main, main.file.action_buttons["visit"].click)
    with qtbot.waitSignal(dialog.saved, timeout=10_000):
        dialog.save_button.click()
    today = date.today().isoformat()
    assert main.statusBar().currentMessage() == f"已保存走访记录（王小明，{today}）"
    assert QApplication.activeModalWidget() is None  # no box to click away
