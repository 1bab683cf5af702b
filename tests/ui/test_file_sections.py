"""The child's file at 1366x768, in normal and large text: every part's entry in sight at
once (the fifteen tabs scrolled in 大字体), each click shows its page, a part with work due
is marked, and the keyboard still walks the parts."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QRect, Qt

from childcare_desktop.services import family
from childcare_desktop.ui.views.child_file_parts import LABELS, TABS
from tests.factories import make_child
from tests.ui.conftest import run
from tests.ui.dialog_world import pick_section, set_large_text, show_child

_CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
SCREEN = (1366, 768)
LAPTOP = (1366, 728)  # the screen less the taskbar: the window a director has


def _child(session: Any) -> str:
    """A child registered a month ago, never visited (a visit is due), with one relative."""
    child = make_child(session, name="欧阳小明")
    family.add_family_member(session, child_id=child.id, relation="mother", name="李芳")
    return child.id


def _open(qtbot: Any, main: Any, large: bool) -> Any:
    child_id = run(qtbot, main, _child)
    set_large_text(qtbot, main, large)
    main.resize(*LAPTOP)
    show_child(qtbot, main, child_id)
    qtbot.waitUntil(lambda: main.file.sections.list.isVisible(), timeout=5_000)
    return main.file.sections


def _in_window(main: Any, sections: Any, key: str) -> QRect:
    """The entry's rectangle in the window's coordinates."""
    rect = sections.list.visualItemRect(sections.item(key))
    viewport = sections.list.viewport()
    assert viewport.rect().contains(rect), f"{LABELS[key]} outside the list: {rect}"
    return QRect(viewport.mapTo(main, rect.topLeft()), rect.size())


@pytest.mark.parametrize("large", [False, True], ids=["normal", "large"])
def test_every_part_is_in_sight_and_opens_its_page(qtbot: Any, main: Any, large: bool) -> None:
    sections = _open(qtbot, main, large)
    assert main.width() <= SCREEN[0] and main.height() <= SCREEN[1]
    bar = sections.list.verticalScrollBar()
    assert bar.maximum() == 0, "the list of parts scrolls"
    for key in TABS:
        rect = _in_window(main, sections, key)
        assert main.rect().contains(rect), f"{LABELS[key]} outside the window: {rect}"
        words = sections.list.fontMetrics().horizontalAdvance(sections.text(key))
        assert words <= rect.width(), f"{sections.text(key)} cut"
    for key in reversed(TABS):  # from the last, so each click changes the page
        page = pick_section(qtbot, main, LABELS[key])
        assert page.isVisible() and sections.list.currentItem().text().startswith(LABELS[key])
        assert not any(other.isVisible() for other in map(sections.page, TABS) if other is not page)


def test_a_part_with_work_due_is_marked_and_counts_show(qtbot: Any, main: Any) -> None:
    sections = _open(qtbot, main, False)
    visits = sections.item("visits")
    assert sections.is_due("visits")
    assert not visits.icon().isNull() and visits.font().bold()
    assert visits.toolTip().startswith("应办：") and "走访" in visits.toolTip()
    for key in ("family", "history", "problems"):
        assert not sections.is_due(key) and not sections.item(key).font().bold()
        assert not sections.item(key).toolTip()
    assert sections.text("family") == "家庭成员（1）"
    assert sections.text("problems") == "问题跟进"  # none: no number


def test_the_keyboard_walks_the_parts_past_their_headings(qtbot: Any, main: Any) -> None:
    sections = _open(qtbot, main, True)
    pick_section(qtbot, main, "照护与协议")
    qtbot.keyClick(sections.list, Qt.Key.Key_Down)  # over the heading 走访与评估
    assert sections.current() == "visits" and sections.stack.currentWidget() is main.file.visits
    qtbot.keyClick(sections.list, Qt.Key.Key_Up)
    assert sections.current() == "care"
    main.activateWindow()
    qtbot.waitUntil(main.isActiveWindow, timeout=5_000)
    table = main.file.carers.table
    qtbot.keyClick(table, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)  # from a table
    assert sections.current() == "visits"
    sections.show_part("basic")
    qtbot.keyClick(sections.list, Qt.Key.Key_Backtab, _CTRL_SHIFT)  # round past the first
    assert sections.current() == "history"
