"""Windows habits on the first window and the forms (issue 14): Enter creates the store,
an error goes away as soon as the user fixes what it was about, the lock screen offers no
other store."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from tests.ui.conftest import unlock

GOOD = "a-good-long-passphrase-2026"


def test_enter_on_the_first_run_page_creates_the_store(
    qtbot: Any, controller: Any, tmp_path: Path
) -> None:
    path = tmp_path / "new.db"
    controller.start(path, demo=False)
    view = controller.unlock
    view.first.setText(GOOD)
    qtbot.keyClick(view.first, Qt.Key.Key_Return)  # 再输入一次 is empty: nothing made yet
    assert not path.exists() and controller.main is None
    view.second.setText(GOOD)
    with qtbot.waitSignal(controller.main_shown, timeout=20_000):
        qtbot.keyClick(view.second, Qt.Key.Key_Return)
    assert path.exists()


def test_a_mismatch_error_clears_when_the_user_retypes(
    qtbot: Any, controller: Any, tmp_path: Path
) -> None:
    controller.start(tmp_path / "new.db", demo=False)
    view = controller.unlock
    view.first.setText(GOOD)
    view.second.setText("something else")
    qtbot.keyClick(view.second, Qt.Key.Key_Return)
    assert "不一致" in view.error.text()
    qtbot.keyClick(view.second, Qt.Key.Key_Backspace)
    assert view.error.text() == ""


def test_a_wrong_passphrase_error_clears_on_typing(
    qtbot: Any, controller: Any, store_path: Path
) -> None:
    controller.start(store_path, demo=False)
    view = controller.unlock
    view.passphrase.setText("not-it")
    qtbot.keyClick(view.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "口令不正确" in view.error.text(), timeout=10_000)
    qtbot.keyClick(view.passphrase, Qt.Key.Key_A)
    assert view.error.text() == ""


def test_the_lock_screen_offers_no_other_store(
    qtbot: Any, controller: Any, main: Any, store_path: Path
) -> None:
    view = controller.unlock
    with qtbot.waitSignal(controller.session.locked, timeout=10_000):
        controller.lock()
    assert view.isVisible() and not any(b.isVisible() for b in view.store_buttons)
    assert "已锁定" in view.error.text()
    qtbot.keyClick(view.passphrase, Qt.Key.Key_A)
    assert "已锁定" in view.error.text()  # a note, not an error: typing keeps it
    unlock(qtbot, controller, store_path)
    assert main.isVisible()


def test_the_first_window_offers_the_other_stores(
    qtbot: Any, controller: Any, store_path: Path
) -> None:
    controller.start(store_path, demo=False)
    buttons = controller.unlock.store_buttons
    assert [b.objectName() for b in buttons if b.isVisible()] == ["other", "new", "demo"]


def test_the_enroll_error_clears_when_a_field_is_filled(qtbot: Any, main: Any) -> None:
    main.show_page("sync")
    view = main.sync
    qtbot.waitUntil(lambda: not view.stale, timeout=10_000)
    view.enroll_button.click()
    assert "请填写" in view.enroll_message.text()
    qtbot.keyClicks(view.enroll_url, "https://county.example")
    assert view.enroll_message.text() == ""


def test_the_lock_notice_is_not_shown_as_an_error(qtbot: Any, controller: Any, main: Any) -> None:
    """已锁定 is a notice in the text's colour; a wrong passphrase then is red."""
    controller.lock()
    view = controller.unlock
    assert "已锁定" in view.error.text() and "b00020" not in view.error.styleSheet()
    view.passphrase.setText("wrong-passphrase-0")
    view.unlock_button.click()
    qtbot.waitUntil(lambda: "b00020" in view.error.styleSheet(), timeout=20_000)
