"""Windows habits: the menu bar and its keys, F1's guide, and the roster search's keys."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QMessageBox

from childcare_desktop.ui.help_dialogs import GuideDialog
from tests.factories import make_child
from tests.ui.conftest import run, unlock


def test_the_menu_bar_holds_the_apps_actions_with_their_keys(main: Any) -> None:
    titles = [a.text() for a in main.menuBar().actions()]
    assert titles == ["文件(&F)", "编辑(&E)", "视图(&V)", "帮助(&H)"]
    texts = {a.text() for m in main.menuBar().actions() for a in m.menu().actions()}
    for text in (
        "新建儿童",
        "导入台账…",
        "打印…",
        "同步",
        "锁定",
        "退出",
        "大字体",
        "用户指南",
        "关于",
    ):
        assert text in texts
    keys = {name: a.shortcut().toString() for name, a in main.menus.actions.items()}
    assert keys["new_child"] == "Ctrl+N" and keys["find"] == "Ctrl+F"
    assert keys["visit"] == "Ctrl+L" and keys["guide"] == "F1" and keys["print"] == "Ctrl+P"


def test_f1_opens_the_guide_in_chinese(qtbot: Any, main: Any) -> None:
    main.activateWindow()
    qtbot.waitUntil(main.isActiveWindow, timeout=5_000)
    qtbot.keyClick(main, Qt.Key.Key_F1)
    guide = main.findChild(GuideDialog)
    assert guide is not None and guide.isVisible()
    text = guide.browser.toPlainText()
    for step in ("建立档案库", "导入台账", "记录走访", "打印", "同步", "锁定", "备份"):
        assert step in text
    guide.close()


def test_menu_actions_trigger_the_real_work(qtbot: Any, main: Any, controller: Any) -> None:
    opened: list[Any] = []
    main.dialog_opened.connect(opened.append)
    main.menus.actions["new_child"].trigger()
    assert opened and opened[-1].windowTitle() == "新建儿童档案" and opened[-1].isVisible()
    opened[-1].reject()
    main.menus.actions["page_print"].trigger()
    assert main.current_page() == "print"
    large = main.menus.actions["large_font"]
    assert not large.isChecked()
    large.trigger()
    assert main.settings.large_font.isChecked()
    qtbot.waitUntil(lambda: QApplication.font().pointSize() == 13, timeout=5_000)
    main.settings.large_font.setChecked(False)
    assert not large.isChecked() and QApplication.font().pointSize() == 10
    main.menus.actions["about"].trigger()
    about = main.findChild(QMessageBox, "about")
    assert about is not None and "儿童主任工作台" in about.text()
    about.close()
    main.menus.actions["lock"].trigger()
    assert not main.isVisible() and controller.unlock.isVisible()
    unlock(qtbot, controller, controller.session.path)
    assert main.isVisible()


def test_enter_in_the_search_opens_a_single_match_and_down_moves_into_the_list(
    qtbot: Any, main: Any
) -> None:
    child = run(qtbot, main, lambda s: make_child(s, name="欧阳娜"))
    run(qtbot, main, lambda s: make_child(s, name="张三"))
    run(qtbot, main, lambda s: make_child(s, name="张山"))
    main.activateWindow()
    main.menus.actions["find"].trigger()
    roster = main.roster
    with qtbot.waitSignal(roster.loaded, timeout=10_000):
        roster.refresh()
    qtbot.waitUntil(roster.search.hasFocus, timeout=5_000)
    qtbot.keyClicks(roster.search, "zs")
    assert roster.model.rowCount() == 2
    qtbot.keyClick(roster.search, Qt.Key.Key_Down)
    assert roster.table.hasFocus() and roster.table.currentIndex().row() == 0
    roster.search.setFocus()
    roster.search.clear()
    qtbot.keyClicks(roster.search, "oyn")
    assert roster.model.rowCount() == 1
    with qtbot.waitSignal(main.file.loaded, timeout=10_000):
        qtbot.keyClick(roster.search, Qt.Key.Key_Return)
    assert main.current_page() == "file" and main.file.file.child.id == child.id


def test_the_roster_right_click_menu_logs_a_visit(qtbot: Any, main: Any) -> None:
    child = run(qtbot, main, lambda s: make_child(s, name="欧阳娜"))
    main.show_page("roster")
    with qtbot.waitSignal(main.roster.loaded, timeout=10_000):
        main.roster.refresh()
    main.roster.table.selectRow(0)
    actions = {a.text(): a for a in main.roster.table.actions()}
    opened: list[Any] = []
    main.dialog_opened.connect(opened.append)
    actions["记录走访"].trigger()
    qtbot.waitUntil(lambda: bool(opened), timeout=10_000)
    assert "欧阳娜" in opened[-1].windowTitle() and main.file.file.child.id == child.id
    opened[-1].reject()


def test_no_key_is_bound_twice(main: Any) -> None:
    """An ambiguous key does nothing in Qt: each key belongs to one action."""
    from PySide6.QtGui import QShortcut

    keys = [a.shortcut() for a in main.menus.actions.values() if not a.shortcut().isEmpty()]
    keys += [s.key() for s in main.findChildren(QShortcut)]
    strings = [k.toString() for k in keys if k != QKeySequence()]
    assert len(strings) == len(set(strings)), strings
