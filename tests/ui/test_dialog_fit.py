"""Every dialog fits a 1366x768 laptop (taskbar and title bar included), in normal and
large text: the form scrolls inside, the buttons stay in sight, nothing is cut."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QAbstractButton, QDialogButtonBox, QLabel, QWidget, QWizard

from childcare_desktop.ui.dialogs.record_dialog import RecordDialog
from tests.ui.dialog_world import close, every_dialog, set_large_text

ROOM_W, ROOM_H = 1366 - 16, 728 - 40  # the laptop's screen less the taskbar, frame and title


def _inside(widget: QWidget, window: QWidget) -> bool:
    corner = widget.mapTo(window, QPoint(0, 0))
    return window.rect().contains(QRect(corner, widget.size()))


def _buttons(dialog: Any) -> list[QAbstractButton]:
    if isinstance(dialog, QWizard):
        kinds = (QWizard.WizardButton.NextButton, QWizard.WizardButton.CancelButton)
        return [dialog.button(k) for k in kinds]
    return dialog.findChild(QDialogButtonBox).buttons()


def _check_fits(name: str, dialog: Any) -> None:
    screen = dialog.screen().availableGeometry()
    assert dialog.width() <= min(ROOM_W, screen.width()), (name, dialog.size())
    assert dialog.height() <= min(ROOM_H, screen.height()), (name, dialog.size())
    assert screen.contains(dialog.frameGeometry()), (name, dialog.frameGeometry(), screen)
    for button in _buttons(dialog):
        assert button.isVisible() and _inside(button, dialog), (name, button.text())
    if isinstance(dialog, RecordDialog):
        form, scroll = dialog.form, dialog.scroll
        assert not scroll.isAncestorOf(dialog.save_button)  # never scrolled away
        assert scroll.horizontalScrollBar().maximum() == 0, name  # nothing cut on the right
        for label in form.findChildren(QLabel):
            if label.isVisible():  # every label whole: as wide as it needs, or wrapped
                wants = label.heightForWidth(label.width()) if label.wordWrap() else -1
                assert label.height() >= max(wants, label.minimumSizeHint().height()), (
                    name,
                    label.text(),
                )
                assert label.width() >= label.minimumSizeHint().width(), (name, label.text())


@pytest.mark.parametrize("large", [False, True], ids=["normal", "large"])
def test_every_dialog_fits_a_laptop_with_its_buttons_in_sight(
    qtbot: Any, main: Any, large: bool
) -> None:
    set_large_text(qtbot, main, large)
    seen = []
    for name, dialog in every_dialog(qtbot, main):
        qtbot.waitExposed(dialog)
        _check_fits(name, dialog)
        seen.append(name)
        close(dialog)
    assert len(seen) >= 20  # every dialog of the file, new child, re-entry and the import


def test_a_long_form_scrolls_inside_and_save_stays_visible(qtbot: Any, main: Any) -> None:
    set_large_text(qtbot, main, True)
    dialog = main.new_child()
    qtbot.waitExposed(dialog)
    bar = dialog.scroll.verticalScrollBar()
    assert bar.maximum() > 0  # the form is taller than the room: it scrolls
    bar.setValue(bar.maximum())
    assert _inside(dialog.save_button, dialog) and dialog.save_button.isVisible()
    close(dialog)
