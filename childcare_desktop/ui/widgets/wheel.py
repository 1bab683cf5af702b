"""The mouse wheel scrolls the page, not the answer under the pointer.

A dropdown, spin box or date field takes the wheel only once the user has clicked or
tabbed into it. Over an unfocused one the wheel event is ignored, so Qt passes it on to
the parent and the scroll area around the form scrolls instead: scrolling a long form
can no longer change a saved answer (是 to 未采集) without a word.
"""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QComboBox, QWidget

GUARDED = (QComboBox, QAbstractSpinBox)
W = TypeVar("W", bound=QWidget)


class _WheelGuard(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        wheel = event.type() == QEvent.Type.Wheel
        if wheel and isinstance(watched, QWidget) and not watched.hasFocus():
            # Ignored and filtered: QApplication offers the same event to the parent
            # (it propagates wheel events the receiver did not accept).
            event.ignore()
            return True
        return False


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
