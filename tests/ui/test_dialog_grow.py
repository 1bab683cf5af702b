"""A dialog shows its whole form when the screen has room, also what appears after it has
opened (every error at once under its field, the visit's next due dates worked out on the
database thread); sized by hand, it stays as the user made it."""

from __future__ import annotations

from typing import Any

from tests.ui.conftest import run
from tests.ui.dialog_world import close, full_child, opened, show_child


def test_errors_shown_after_opening_grow_the_dialog_instead_of_hiding_below(
    qtbot: Any, main: Any
) -> None:
    child_id, _gone = run(qtbot, main, full_child)
    show_child(qtbot, main, child_id)
    dialog = opened(qtbot, main, main.file.action_buttons["exit"].click)
    qtbot.waitExposed(dialog)
    bar = dialog.scroll.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() == 0, timeout=5_000)
    before = dialog.height()
    dialog.save_button.click()  # 退出原因 starts at 请选择: its error appears under it
    qtbot.waitUntil(lambda: dialog.height() > before, timeout=5_000)
    qtbot.waitUntil(lambda: bar.maximum() == 0, timeout=5_000)  # the whole form in sight
    assert dialog.height() <= 728 - 40
    # Sized by hand, it stays as the user made it (the form scrolls).
    smaller = max(dialog.minimumSizeHint().height(), dialog.height() - 60)
    dialog.resize(dialog.width(), smaller)
    dialog.form.clear_errors()
    dialog.save_button.click()
    qtbot.waitUntil(lambda: bar.maximum() > 0, timeout=5_000)
    assert dialog.height() == smaller
    close(dialog)


def test_the_visit_dialog_shows_its_next_due_note_without_scrolling(qtbot: Any, main: Any) -> None:
    child_id, _gone = run(qtbot, main, full_child)
    show_child(qtbot, main, child_id)
    dialog = opened(qtbot, main, main.file.action_buttons["visit"].click)
    qtbot.waitExposed(dialog)
    bar = dialog.scroll.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() == 0, timeout=5_000)
    close(dialog)
