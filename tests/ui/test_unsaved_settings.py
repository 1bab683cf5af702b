"""设置 › 本机使用人 typed and not saved is asked about before the page is left (issue 14)."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication

from childcare_desktop.services import preferences
from tests.ui.conftest import run
from tests.ui.test_unsaved import answer, click_nav, question


def type_name(main: Any, text: str) -> None:
    line = main.settings.work.name
    line.setFocus()
    line.selectAll()
    typed = QInputMethodEvent()
    typed.setCommitString(text)
    QApplication.sendEvent(line, typed)


def stored_name(qtbot: Any, main: Any) -> str:
    return run(qtbot, main, lambda s: preferences.work_settings(s).director)


def test_a_typed_name_is_asked_about_then_kept_dropped_or_saved(qtbot: Any, main: Any) -> None:
    click_nav(qtbot, main, "settings")
    qtbot.waitUntil(lambda: main.settings.work._shown is not None, timeout=10_000)
    before = stored_name(qtbot, main)
    type_name(main, "林晓燕")
    assert main.isWindowModified() and main.nav.currentItem().text().endswith(" *")

    click_nav(qtbot, main, "roster")
    answer(question(qtbot, main), "取消")
    assert main.current_page() == "settings" and main.settings.work.name.text() == "林晓燕"

    click_nav(qtbot, main, "roster")
    answer(question(qtbot, main), "不保存")
    qtbot.waitUntil(lambda: main.current_page() == "roster")
    assert main.settings.work.name.text() == before and not main.isWindowModified()
    assert stored_name(qtbot, main) == before

    click_nav(qtbot, main, "settings")
    type_name(main, "林晓燕")
    click_nav(qtbot, main, "roster")
    answer(question(qtbot, main), "保存")
    qtbot.waitUntil(lambda: main.current_page() == "roster", timeout=10_000)
    assert stored_name(qtbot, main) == "林晓燕" and not main.isWindowModified()


def test_a_refused_save_stays_on_the_page_and_the_reason_clears_when_corrected(
    qtbot: Any, main: Any
) -> None:
    click_nav(qtbot, main, "settings")
    qtbot.waitUntil(lambda: main.settings.work._shown is not None, timeout=10_000)
    work = main.settings.work
    work.region.setText("")
    work.region.textEdited.emit("")
    work.region.setText("12345")  # neither a village's 12 digits nor a township's 9
    work.region.textEdited.emit("12345")
    click_nav(qtbot, main, "roster")
    answer(question(qtbot, main), "保存")
    qtbot.waitUntil(lambda: bool(work.message.text()), timeout=10_000)
    assert main.current_page() == "settings" and main.isWindowModified()
    type_name(main, "林晓燕")
    assert work.message.text() == ""  # the stale reason goes as the user corrects
