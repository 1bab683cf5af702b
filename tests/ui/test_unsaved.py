"""Nothing typed is thrown away without a word (issue 14): leaving the page, opening another
child, closing the window and the idle lock all keep or ask about what is typed in 基本信息."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QMessageBox

from childcare_desktop.services import files
from childcare_desktop.ui.main_window import PAGES
from tests.factories import make_child
from tests.ui.conftest import run, unlock
from tests.ui.test_app import fill


def open_file(qtbot: Any, main: Any, **values: Any) -> str:
    child_id = run(qtbot, main, lambda s: make_child(s, **values).id)
    main._mark_stale()
    with qtbot.waitSignal(main.file.loaded, timeout=10_000):
        main.open_child(child_id)
    assert main.current_page() == "file"
    return child_id


def type_into(qtbot: Any, main: Any, field: str, text: str) -> None:
    """Type as a Chinese input method does: the text committed into the focused field."""
    editor = main.file.basic.form.editors[field]
    editor.setFocus()
    editor.selectAll()
    typed = QInputMethodEvent()
    typed.setCommitString(text)
    QApplication.sendEvent(editor, typed)


def click_nav(qtbot: Any, main: Any, key: str) -> None:
    rect = main.nav.visualItemRect(main.nav.item(PAGES.index(key)))
    qtbot.mouseClick(main.nav.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def question(qtbot: Any, main: Any) -> QMessageBox:
    """The 保存 / 不保存 / 取消 box, once it is up (window-modal over the main window)."""

    def asking() -> QMessageBox | None:
        box = main.findChild(QMessageBox, "unsaved_question")
        return box if box is not None and box.isVisible() else None

    qtbot.waitUntil(lambda: asking() is not None, timeout=5_000)
    box = asking()
    assert box is not None and box.isModal()
    return box


def answer(box: QMessageBox, text: str) -> None:
    (button,) = [b for b in box.buttons() if b.text() == text]
    button.click()


def stored(qtbot: Any, main: Any, child_id: str) -> Any:
    return run(qtbot, main, lambda s: files.get_child_file(s, child_id=child_id).child)


def nobody_asks(main: Any) -> bool:
    box = main.findChild(QMessageBox, "unsaved_question")
    return box is None or not box.isVisible()


def test_leaving_the_page_asks_cancel_keeps_discard_drops_save_stores(
    qtbot: Any, main: Any
) -> None:
    child_id = open_file(qtbot, main)
    type_into(qtbot, main, "illness", "哮喘")
    assert "未保存" in main.file.sections.text("basic")
    assert main.isWindowModified() and main.nav.item(PAGES.index("file")).text().endswith("*")

    click_nav(qtbot, main, "roster")
    box = question(qtbot, main)
    assert "张三" in box.text()
    answer(box, "取消")
    assert main.current_page() == "file" and main.nav.currentRow() == PAGES.index("file")
    assert main.file.basic.form.value("illness") == "哮喘"

    click_nav(qtbot, main, "roster")
    answer(question(qtbot, main), "不保存")
    assert main.current_page() == "roster"
    assert main.file.basic.form.value("illness") == ""
    assert "未保存" not in main.file.sections.text("basic") and not main.isWindowModified()
    assert stored(qtbot, main, child_id).illness is None

    click_nav(qtbot, main, "file")
    assert main.current_page() == "file" and nobody_asks(main)  # nothing typed: no question
    type_into(qtbot, main, "illness", "哮喘")
    click_nav(qtbot, main, "workbench")
    answer(question(qtbot, main), "保存")
    qtbot.waitUntil(lambda: main.current_page() == "workbench", timeout=10_000)
    assert stored(qtbot, main, child_id).illness == "哮喘"
    assert not main.isWindowModified()


def test_a_refused_save_stays_on_the_page_with_the_reason(qtbot: Any, main: Any) -> None:
    child_id = open_file(qtbot, main)
    type_into(qtbot, main, "phone", "12345")
    click_nav(qtbot, main, "print")
    answer(question(qtbot, main), "保存")
    qtbot.waitUntil(lambda: bool(main.file.basic.form.error_of("phone")), timeout=10_000)
    assert main.current_page() == "file"
    assert main.file.basic.form.value("phone") == "12345"
    assert stored(qtbot, main, child_id).phone is None


def test_opening_another_child_asks_first(qtbot: Any, main: Any) -> None:
    """Ctrl+N from a file with typed changes: the new child's file opens only after the
    question (it used to replace the typed text at once)."""
    first = open_file(qtbot, main)
    type_into(qtbot, main, "school_name", "中心小学")
    dialog = main.new_child()
    fill(dialog, name="李四")
    dialog.save()
    box = question(qtbot, main)
    answer(box, "取消")
    assert main.file.file.child.id == first
    assert main.file.basic.form.value("school_name") == "中心小学"

    # the same child again (from the worklist, say) keeps the typing without asking
    with qtbot.waitSignal(main.file.loaded, timeout=10_000):
        main.open_child(first)
    assert nobody_asks(main) and main.file.basic.form.value("school_name") == "中心小学"

    second = run(qtbot, main, lambda s: make_child(s, name="王五").id)
    main.open_child(second)
    answer(question(qtbot, main), "保存")
    qtbot.waitUntil(lambda: main.file.file.child.id == second, timeout=10_000)
    assert stored(qtbot, main, first).school_name == "中心小学"


def test_closing_the_window_asks(qtbot: Any, main: Any) -> None:
    open_file(qtbot, main)
    type_into(qtbot, main, "illness", "过敏")
    main.close()
    answer(question(qtbot, main), "取消")
    assert main.isVisible() and main.file.basic.form.value("illness") == "过敏"
    main.close()
    answer(question(qtbot, main), "不保存")
    qtbot.waitUntil(lambda: not main.isVisible(), timeout=5_000)


def test_the_idle_lock_keeps_typed_text_and_says_so(
    qtbot: Any, controller: Any, main: Any, store_path: Any
) -> None:
    child_id = open_file(qtbot, main)
    type_into(qtbot, main, "illness", "锁屏前输入")
    with qtbot.waitSignal(controller.session.locked, timeout=10_000):
        controller.lock()
    view = controller.unlock
    assert not main.isVisible() and "未保存的修改仍在" in view.error.text()
    assert not any(b.isVisible() for b in view.store_buttons)  # no other store over it
    with qtbot.waitSignal(main.file.loaded, timeout=10_000):  # the file reloads on unlock
        unlock(qtbot, controller, store_path)
    assert main.isVisible() and main.current_page() == "file"
    assert main.file.basic.form.value("illness") == "锁屏前输入"
    assert "未保存" in main.file.sections.text("basic")
    main.file.basic.save_button.click()
    qtbot.waitUntil(lambda: not main.file.basic.has_unsaved(), timeout=10_000)
    assert stored(qtbot, main, child_id).illness == "锁屏前输入"
