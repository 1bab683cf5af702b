"""Empty screens say what to do next: a new store, a search with no match, an empty tab of a
child's file, a blank print preview."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.factories import make_child
from tests.ui.conftest import fill_first_run, run

START = "还没有儿童档案。点击“新建儿童”或“导入台账…”开始。"


def test_a_new_store_says_how_to_start(qtbot: Any, controller: Any, tmp_path: Path) -> None:
    view = fill_first_run(controller, tmp_path / "new.db")  # as a new user sees it
    with qtbot.waitSignal(controller.main_shown, timeout=20_000):
        view.create_button.click()
    main = controller.main
    qtbot.waitUntil(lambda: main.current_page() == "settings")  # a new store: who works it?
    main.show_page("workbench")
    qtbot.waitUntil(lambda: not main.workbench.stale, timeout=10_000)
    empty = main.workbench.empty
    assert empty.is_showing() and empty.label.text() == START
    assert all(b.isVisible() for b in empty.buttons.values())
    opened: list[Any] = []
    main.dialog_opened.connect(opened.append)
    empty.buttons["新建儿童"].click()  # the note's own button starts the work
    assert opened and opened[-1].windowTitle() == "新建儿童档案"
    opened[-1].reject()
    main.show_page("roster")
    qtbot.waitUntil(lambda: not main.roster.stale, timeout=10_000)
    assert main.roster.empty.is_showing() and main.roster.empty.label.text() == START


def test_a_search_with_no_match_says_what_to_try(qtbot: Any, main: Any) -> None:
    run(qtbot, main, lambda s: make_child(s, name="欧阳娜"))
    main.show_page("roster")
    roster = main.roster
    with qtbot.waitSignal(roster.loaded, timeout=10_000):
        roster.refresh()
    assert not roster.empty.is_showing()
    qtbot.keyClicks(roster.search, "xyz")
    assert roster.model.rowCount() == 0
    assert roster.empty.is_showing()
    assert (
        "没有找到“xyz”" in roster.empty.label.text() and "拼音首字母" in roster.empty.label.text()
    )
    assert not any(b.isVisible() for b in roster.empty.buttons.values())
    roster.search.clear()
    assert not roster.empty.is_showing()


def test_a_store_with_nothing_due_says_so(qtbot: Any, main: Any) -> None:
    assert main.workbench.empty.is_showing()  # the template store: no child at all
    assert main.workbench.empty.label.text() == START


def test_an_empty_tab_of_a_file_names_its_button(qtbot: Any, main: Any) -> None:
    child = run(qtbot, main, lambda s: make_child(s, name="欧阳娜"))
    with qtbot.waitSignal(main.file.loaded, timeout=10_000):
        main.open_child(child.id, "visits")
    visits = main.file.visits
    assert visits.model.rowCount() == 0
    assert visits.empty.is_showing()
    assert visits.empty.label.text() == "还没有记录。点击下方的“记录走访”添加。"
    assert not main.file.history.empty.is_showing()  # registering the child is history


def test_a_blank_preview_says_how_to_get_one(qtbot: Any, main: Any) -> None:
    child = run(qtbot, main, lambda s: make_child(s, name="欧阳娜"))
    main.show_page("print")
    printing = main.printing
    assert printing.empty.is_showing() and "点击“预览”" in printing.empty.label.text()
    printing.select_child(child.id, "dossier")
    qtbot.waitUntil(lambda: printing.child.currentData() == child.id, timeout=10_000)
    with qtbot.waitSignal(printing.rendered, timeout=30_000):
        printing.preview_button.click()
    qtbot.waitUntil(lambda: not printing.empty.is_showing(), timeout=5_000)
