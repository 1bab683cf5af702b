"""Dialogs that fit the screen they open on, never taller than a laptop's.

The smallest screen the app is used on is a 1366x768 laptop whose taskbar leaves 728
pixels; a dialog's window frame and title bar need some of those. A dialog is sized to
its content up to that room, its form scrolls inside it, and it opens wholly on screen.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QScrollArea, QStyle, QWidget

LAPTOP = QSize(1366, 728)  # a 1366x768 screen less the Windows taskbar
FRAME = QSize(16, 40)  # the window frame and title bar the system adds around a dialog


def available(widget: QWidget) -> QRect:
    """The part of the screen ``widget`` (or its parent) is on that windows may use."""
    anchor = widget.parentWidget() or widget
    screen = anchor.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def room(widget: QWidget) -> QSize:
    """The largest size a dialog's contents may take: the screen, at most a laptop's."""
    return available(widget).size().boundedTo(LAPTOP) - FRAME


def fit_to_screen(dialog: QWidget, scroll: QScrollArea, width: int) -> None:
    """Size ``dialog`` to show all of ``scroll``'s content if the screen allows, else as
    much as fits (the rest scrolls); never wider or taller than ``room``."""
    content = scroll.widget()
    assert content is not None
    dialog.ensurePolished()
    content.ensurePolished()
    bar = dialog.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
    around = dialog.sizeHint() - scroll.sizeHint()  # banner, intro, buttons, margins
    wanted_width = max(width, content.minimumSizeHint().width() + around.width() + bar)
    limit = room(dialog)
    final_width = min(wanted_width, limit.width())
    inner = final_width - around.width() - bar
    needed = content.heightForWidth(inner) if content.hasHeightForWidth() else -1
    height = max(needed, content.sizeHint().height()) + around.height() + 4
    dialog.resize(final_width, min(height, limit.height()))


def grown_size(dialog: QWidget, scroll: QScrollArea) -> QSize | None:
    """Once shown and laid out: ``dialog``'s size grown by what its form still scrolls, up
    to ``room``; None when nothing scrolls or it cannot grow (size hints of wrapped labels
    and of notes that appear later fall short)."""
    hidden = scroll.verticalScrollBar().maximum()
    height = min(dialog.height() + hidden, room(dialog).height())
    return QSize(dialog.width(), height) if hidden > 0 and height > dialog.height() else None


def keep_on_screen(window: QWidget) -> None:
    """Move ``window`` so that its frame, title bar included, lies on the screen."""
    area = available(window)
    frame = window.frameGeometry()
    x = min(max(frame.x(), area.left()), max(area.right() - frame.width() + 1, area.left()))
    y = min(max(frame.y(), area.top()), max(area.bottom() - frame.height() + 1, area.top()))
    if (x, y) != (frame.x(), frame.y()):
        window.move(x, y)
