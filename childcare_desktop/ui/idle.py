"""Notices when nobody has touched the keyboard or mouse for the set number of minutes.

It watches the application's events only while the lock is on: every event passes
through the filter, in Python (some 13,000 while the main window is made at the start).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

_ACTIVITY = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
}


class IdleWatcher(QObject):
    idle = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.idle)

    def set_minutes(self, minutes: float) -> None:
        """0 turns the lock off."""
        self._minutes = minutes
        self.restart()

    def restart(self) -> None:
        minutes = getattr(self, "_minutes", 0)
        if minutes > 0:
            self._timer.start(int(minutes * 60_000))
            _app().installEventFilter(self)
        else:
            self.stop()

    def stop(self) -> None:
        self._timer.stop()
        _app().removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _ACTIVITY and self._timer.isActive():
            self._timer.start()  # restart with the same interval
        return False


def _app() -> QApplication:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    return app
