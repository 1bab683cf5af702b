"""The window is made with its first screen only (issue 19): every other page is made the
first time the user goes to it, through the navigation, a menu or a row, and then shows
what it always showed."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from tests.factories import make_child
from tests.ui.conftest import run
from tests.ui.test_unsaved import click_nav


def test_pages_are_made_on_their_first_click_and_show_the_store(qtbot: Any, main: Any) -> None:
    first = run(qtbot, main, lambda s: make_child(s, name="王小红").id)
    run(qtbot, main, lambda s: make_child(s, name="李小刚").id)
    assert sorted(main.built) == ["settings", "workbench"]  # the first screen (and 设置)
    main.menus.actions["refresh"].trigger()  # 刷新 (F5) on the first screen makes no page
    assert sorted(main.built) == ["settings", "workbench"]
    # 儿童名册 through its entry in the navigation
    click_nav(qtbot, main, "roster")
    qtbot.waitUntil(
        lambda: "roster" in main.built and not main.built["roster"].stale, timeout=10_000
    )
    roster = main.built["roster"]
    assert main.current_page() == "roster" and main.pages.currentWidget() is roster
    assert roster.isVisible()
    assert sorted(c.name for c in roster.model.records) == ["李小刚", "王小红"]
    # 儿童档案 by Enter on the roster's row: the page is made, the child shown
    row = next(i for i, c in enumerate(roster.model.records) if c.id == first)
    roster.table.setCurrentIndex(roster.model.index(row, 0))
    assert "file" not in main.built
    qtbot.keyClick(roster.table, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: "file" in main.built and main.built["file"].file is not None, timeout=10_000
    )
    file = main.built["file"]
    assert main.current_page() == "file" and file.isVisible() and file.isEnabled()
    assert file.file.child.name == "王小红"
    assert file.basic.form.value("name") == "王小红"
    # 打印 through 视图 > 打印 (Ctrl+4): its list of children filled
    main.menus.actions["page_print"].trigger()
    qtbot.waitUntil(lambda: "print" in main.built and not main.built["print"].stale, timeout=10_000)
    view = main.built["print"]
    assert main.current_page() == "print" and view.isVisible()
    assert {view.child.itemData(i) for i in range(view.child.count())} >= {first}
    # a page made later is wired as one made with the window: its dropdowns ignore the wheel
    assert view.child.focusPolicy() == Qt.FocusPolicy.StrongFocus
    assert "sync" not in main.built  # still not made: nobody went there
