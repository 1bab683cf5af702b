"""The mouse wheel scrolls the page, not the answer under the pointer.

A dropdown, spin box or date field takes the wheel only once the user has clicked or
tabbed into it. Over an unfocused one the wheel goes to the scroll area around it (the
form's, a table's), which scrolls instead: scrolling a long form can no longer change a
saved answer (是 to 未采集) without a word.
"""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QEvent, QObject, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QWidget,
)

GUARDED = (QComboBox, QAbstractSpinBox)
W = TypeVar("W", bound=QWidget)


class _WheelGuard(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not isinstance(event, QWheelEvent) or not isinstance(watched, QWidget):
            return False
        if watched.hasFocus():
            return False
        area = _scroll_area_around(watched)
        if area is None:
            event.ignore()  # Qt offers an ignored wheel event to the parent
        else:
            # Straight to the page that scrolls: Qt passes an ignored wheel event on to the
            # parent only when it came from the device, and this works for both.
            QApplication.sendEvent(area.viewport(), _moved(event, area.viewport()))
        return True


def _scroll_area_around(widget: QWidget) -> QAbstractScrollArea | None:
    parent = widget.parentWidget()
    while parent is not None and not isinstance(parent, QAbstractScrollArea):
        parent = parent.parentWidget()
    return parent


def _moved(event: QWheelEvent, target: QWidget) -> QWheelEvent:
    position = QPointF(target.mapFromGlobal(event.globalPosition().toPoint()))
    return QWheelEvent(
        position,
        event.globalPosition(),
        event.pixelDelta(),
        event.angleDelta(),
        event.buttons(),
        event.modifiers(),
        event.phase(),
        event.inverted(),
    )


_guard: _WheelGuard | None = None


def _shared() -> _WheelGuard:
    global _guard
    if _guard is None:
        _guard = _WheelGuard(QApplication.instance())
    return _guard


def guard_wheel(widget: W) -> W:
    """Let ``widget`` take the wheel only when focused (click or Tab gives it focus)."""
    widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    widget.installEventFilter(_shared())
    return widget


def guard_wheel_in(root: QWidget) -> None:
    """Guard every dropdown and spin box already inside ``root``."""
    for kind in GUARDED:
        for widget in root.findChildren(kind):
            guard_wheel(widget)
