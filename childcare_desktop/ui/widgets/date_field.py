"""A date field that takes a date the way people write it, with a calendar beside it.

Typed text is read as the ledger importer reads it (2026-11-29, 2026/11/29, 2026.11.29,
2026年11月29日, 20261129) and shown back as 2026-11-29 when the user leaves the field.
The calendar button (or Alt+Down) opens a month to click in. Blank stays blank: many
dates are optional.
"""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QDate, QEvent, QObject, Qt
from PySide6.QtGui import QAction, QIcon, QKeyEvent
from PySide6.QtWidgets import QCalendarWidget, QLineEdit, QWidget

from ...core.dates import day_from_text
from ...core.errors import Kind, ValidationError
from ...paths import resource
from ..i18n import tr


def read_day(text: str, field: str) -> date | None:
    """The date in ``text`` (None if blank); a ValidationError names ``field`` otherwise."""
    if not text.strip():
        return None
    parsed = day_from_text(text, field)
    if parsed is None:
        raise ValidationError(Kind.DATE_INVALID, field, value=text.strip()[:20])
    return parsed


def read_moment(text: str, field: str) -> datetime | None:
    """A date and time such as 2026/11/29 9:30 (the time may be left out: midnight)."""
    if not text.strip():
        return None
    day_part, _, time_part = text.strip().partition(" ")
    day = read_day(day_part, field)
    assert day is not None
    hour, minute = 0, 0
    if time_part.strip():
        try:
            hour_text, _, minute_text = time_part.strip().replace("：", ":").partition(":")
            hour, minute = int(hour_text), int(minute_text or 0)
            return datetime(day.year, day.month, day.day, hour, minute)
        except ValueError:
            raise ValidationError(Kind.DATE_INVALID, field, value=text.strip()[:20]) from None
    return datetime(day.year, day.month, day.day, hour, minute)


class DateField(QLineEdit):
    """A line for a date, tidied to ISO when left, with a calendar popup."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.calendar_action = QAction(
            QIcon(str(resource("icons", "calendar.svg"))), tr("fields", "选择日期（Alt+↓）"), self
        )
        self.calendar_action.triggered.connect(self.show_calendar)
        self.addAction(self.calendar_action, QLineEdit.ActionPosition.TrailingPosition)
        self.calendar: QCalendarWidget | None = None
        self.editingFinished.connect(self.tidy)

    def day(self) -> date | None:
        try:
            return read_day(self.text(), "date")
        except ValidationError:
            return None

    def tidy(self) -> None:
        """Show a readable date in the one form the app prints (2026-11-29)."""
        parsed = self.day()
        if parsed is not None and self.text() != parsed.isoformat():
            self.setText(parsed.isoformat())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Down and event.modifiers() & Qt.KeyboardModifier.AltModifier:
            self.show_calendar()
            return
        super().keyPressEvent(event)

    def show_calendar(self) -> None:
        if self.calendar is None:
            self.calendar = QCalendarWidget(self)
            self.calendar.setWindowFlags(Qt.WindowType.Popup)
            self.calendar.setObjectName("calendar_popup")
            self.calendar.setGridVisible(True)
            self.calendar.clicked.connect(self._picked)
            self.calendar.activated.connect(self._picked)
            self.calendar.installEventFilter(_EscCloses(self.calendar))
        shown = self.day() or date.today()
        self.calendar.setSelectedDate(QDate(shown.year, shown.month, shown.day))
        self.calendar.adjustSize()
        place = self.mapToGlobal(self.rect().bottomLeft())
        screen = self.screen().availableGeometry()
        size = self.calendar.sizeHint()
        x = min(place.x(), screen.right() - size.width())
        y = (
            place.y()
            if place.y() + size.height() <= screen.bottom()
            else (self.mapToGlobal(self.rect().topLeft()).y() - size.height())
        )
        self.calendar.move(max(x, screen.left()), max(y, screen.top()))
        self.calendar.show()
        self.calendar.setFocus()

    def _picked(self, picked: QDate) -> None:
        text = date(picked.year(), picked.month(), picked.day()).isoformat()
        assert self.calendar is not None
        self.calendar.hide()
        self.setText(text)
        self.setFocus()
        self.textEdited.emit(text)  # a pick is an edit by the user, as typing is
        self.editingFinished.emit()


class _EscCloses(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        escape = isinstance(event, QKeyEvent) and event.key() == Qt.Key.Key_Escape
        if escape and event.type() == QEvent.Type.KeyPress and isinstance(watched, QWidget):
            watched.hide()
            return True
        return False
