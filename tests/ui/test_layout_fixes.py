"""What the layout review of issue 14 found, on the real main window at a laptop's size:
基本信息 shows its main fields without scrolling, the worklist's columns fit their text and
the last one fills the width at every size and in large text, a typed 居民身份证 number sets
证件类型, and the lock screen tells a manual lock from the idle lock."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import QScrollArea
from pytestqt.exceptions import TimeoutError

from childcare_desktop.core.vocab import IdType
from tests.factories import make_child, make_id
from tests.ui.conftest import run
from tests.ui.dialog_world import close, opened, pick_section, set_large_text, show_child
from tests.ui.test_form_input import focus
from tests.ui.test_large_text import cut_cells, three_tasks_due

LAPTOP = (1366, 728)  # a 768-pixel screen less the taskbar
# 姓名 … 家庭联系电话: what a director reads first about a child
MAIN_FIELDS = ("name", "id_type", "id_number", "sex", "birth_date", "current_address", "phone")


def _bottom_in_view(scroll: Any, widget: Any) -> int:
    return widget.mapTo(scroll.viewport(), widget.rect().bottomLeft()).y()


def _basic_tab(qtbot: Any, main: Any) -> Any:
    child = run(qtbot, main, lambda s: make_child(s, name="欧阳小明", phone="13800000000"))
    main.resize(*LAPTOP)
    show_child(qtbot, main, child.id)
    pick_section(qtbot, main, "基本信息")
    return main.file.basic


def test_the_basic_tab_shows_the_main_fields_without_scrolling(qtbot: Any, main: Any) -> None:
    """At 1366x728 the form had a 266 px scroll area, 联系电话 below the fold, and the
    category table took 190 px for one row."""
    basic = _basic_tab(qtbot, main)
    scroll, form = basic.findChild(QScrollArea), basic.form
    qtbot.waitUntil(lambda: scroll.viewport().height() > 0, timeout=5_000)
    assert scroll.verticalScrollBar().value() == 0
    for name in MAIN_FIELDS:
        assert _bottom_in_view(scroll, form.editors[name]) <= scroll.viewport().height(), name
    # the whole left column, down to 残疾类别, is in sight too
    assert _bottom_in_view(scroll, form.editors["disability_kind"]) <= scroll.viewport().height()
    table = basic.categories.table
    rows = table.model().rowCount()
    assert rows == 1
    needed = table.horizontalHeader().height() + rows * table.rowHeight(0) + 2 * table.frameWidth()
    assert table.height() <= needed + 2  # as tall as its one row, not 130 px
    assert scroll.height() > basic.height() * 0.6  # the form gets most of the height


def test_the_basic_tab_gives_the_form_most_of_the_height_in_large_text(
    qtbot: Any, main: Any
) -> None:
    set_large_text(qtbot, main, True)
    basic = _basic_tab(qtbot, main)
    table = basic.categories.table
    # the category table grows with the font, to its one row
    qtbot.waitUntil(lambda: table.rowHeight(0) >= table.fontMetrics().height(), timeout=5_000)
    qtbot.waitUntil(
        lambda: (
            table.viewport().height() >= table.rowHeight(0)
            and not table.verticalScrollBar().isVisible()
        ),
        timeout=5_000,
    )
    scroll = basic.findChild(QScrollArea)
    assert scroll.height() > basic.height() * 0.55
    # 姓名 … 证件号码 … 出生日期 in sight; the rest scrolls
    for name in ("name", "id_number", "birth_date"):
        editor = basic.form.editors[name]
        assert _bottom_in_view(scroll, editor) <= scroll.viewport().height(), name


# -- the worklist's columns ---------------------------------------------------------------


def _fill_gap(table: Any) -> int:
    """Pixels between the last column's right edge and the table's (0: it fills the width)."""
    return table.viewport().width() - table.horizontalHeader().length()


def _fits(table: Any) -> list[str]:
    problems = cut_cells(table)
    if _fill_gap(table) > 0:
        problems.append(f"{_fill_gap(table)} px left empty right of the last column")
    return problems


def _wait_fitted(qtbot: Any, table: Any) -> None:
    try:
        qtbot.waitUntil(lambda: _fits(table) == [], timeout=5_000)
    except TimeoutError as timeout:
        raise AssertionError(_fits(table)) from timeout


def _worklist(qtbot: Any, main: Any) -> Any:
    three_tasks_due(qtbot, main)
    main.resize(1366, 768)
    with qtbot.waitSignal(main.workbench.loaded, timeout=10_000):
        main.workbench.refresh()
    return main.workbench.table


def test_the_worklist_fits_its_columns_as_soon_as_it_is_loaded(qtbot: Any, main: Any) -> None:
    """The screenshots showed 100 px columns ("联系（电话/…") until a delayed fit, and after
    it a narrow 说明 with the rest of the table left empty."""
    table = _worklist(qtbot, main)
    assert cut_cells(table) == []  # at once: no moment with cut text
    _wait_fitted(qtbot, table)
    header = table.horizontalHeader()
    last = header.logicalIndex(header.count() - 1)
    others = [header.sectionSize(c) for c in range(header.count()) if c != last]
    assert max(others) < 200  # the others fit their text; the stretch went to the last only


def test_the_worklist_refits_whenever_the_window_is_resized(qtbot: Any, main: Any) -> None:
    table = _worklist(qtbot, main)
    _wait_fitted(qtbot, table)
    for size in ((1024, 700), (1366, 728), (1600, 900), (900, 600)):
        main.resize(*size)
        _wait_fitted(qtbot, table)
    set_large_text(qtbot, main, True)
    main.show_page("workbench")
    for size in ((1366, 768), (1100, 700), (1500, 800)):
        main.resize(*size)
        _wait_fitted(qtbot, table)


# -- 证件类型 from the number typed -----------------------------------------------------------


def test_a_typed_resident_id_number_sets_the_id_type(qtbot: Any, main: Any) -> None:
    dialog = opened(qtbot, main, main.new_child)
    form = dialog.form
    assert form.value("id_type") == IdType.UNKNOWN.value
    field = form.editors["id_number"]
    focus(qtbot, field)
    qtbot.keyClicks(field, make_id(date(2016, 5, 4), male=True))
    assert form.value("sex") == "male" and form.value("birth_date") == "2016-05-04"
    assert form.value("id_type") == IdType.RESIDENT_ID.value
    assert form.editors["id_type"].currentText() == "居民身份证"
    assert "id_type" in form.touched  # saved with the number
    close(dialog)


def test_a_chosen_id_type_is_not_overridden(qtbot: Any, main: Any) -> None:
    dialog = opened(qtbot, main, main.new_child)
    form = dialog.form
    kind = form.editors["id_type"]
    kind.setCurrentIndex(kind.findData(IdType.BIRTH_CERT.value))
    field = form.editors["id_number"]
    focus(qtbot, field)
    qtbot.keyClicks(field, make_id(date(2016, 5, 4), male=True))
    assert form.value("id_type") == IdType.BIRTH_CERT.value
    close(dialog)


# -- the lock screen's word -----------------------------------------------------------------


def test_a_manual_lock_says_locked_not_locked_automatically(
    qtbot: Any, controller: Any, main: Any
) -> None:
    lock = main.menus.actions["lock"]
    qtbot.waitUntil(lock.isEnabled, timeout=10_000)
    with qtbot.waitSignal(controller.session.locked, timeout=10_000):
        lock.trigger()  # 文件 > 锁定 (Ctrl+Shift+L)
    note = controller.unlock.error.text()
    assert "已锁定" in note and "自动" not in note


def test_the_idle_lock_says_locked_automatically(qtbot: Any, controller: Any, main: Any) -> None:
    with qtbot.waitSignal(controller.session.locked, timeout=10_000):
        controller.idle.set_minutes(0.002)  # about a tenth of a second without input
    controller.idle.set_minutes(0)
    assert "已自动锁定" in controller.unlock.error.text()
