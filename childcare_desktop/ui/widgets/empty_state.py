"""What an empty screen says: a centred note over a table (or a preview) when it has nothing
to show, telling the user what to do next, with buttons for the first steps if any.

One widget for every empty place of the app, so they all read and behave alike: it sits on
top of the watched area, follows its size, and shows itself only while ``is_empty()`` holds.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QObject, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from .labels import plain

Button = tuple[str, Callable[[], None]]  # label, what it does


class EmptyState(QWidget):
    """A note over ``area`` shown while ``is_empty()`` is true; ``text()`` says what to do."""

    def __init__(
        self,
        area: QWidget,
        text: Callable[[], str],
        is_empty: Callable[[], bool],
        buttons: Sequence[Button] = (),
        buttons_shown: Callable[[], bool] = lambda: True,
    ) -> None:
        super().__init__(area)
        self._area = area
        self._buttons_shown = buttons_shown
        self.setObjectName("empty_state")
        self._text, self._is_empty = text, is_empty
        # clicks outside the note reach the (empty) table, so its context menu still works
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, not buttons)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        self.label = plain(QLabel())
        self.label.setObjectName("empty_text")
        self.label.setWordWrap(True)
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # a card, readable over a white table and over the grey of a blank preview alike
        # the card is painted here, not by a style sheet: a label with a style sheet keeps
        # its old font when 大字模式 changes the application's
        self.label.setContentsMargins(18, 12, 18, 12)
        layout.addWidget(self.label, 0, Qt.AlignmentFlag.AlignHCenter)
        self.buttons: dict[str, QPushButton] = {}
        if buttons:
            row = QHBoxLayout()
            row.addStretch(1)
            for label, slot in buttons:
                button = QPushButton(label)
                button.clicked.connect(slot)
                row.addWidget(button)
                self.buttons[label] = button
            row.addStretch(1)
            layout.addLayout(row)
        layout.addStretch(2)
        area.installEventFilter(self)
        self.update_state()

    def update_state(self, *_args: object) -> None:
        """Show or hide the note, with the text for the state now."""
        empty = self._is_empty()
        if empty:
            self.label.setText(self._text())
            for button in self.buttons.values():
                button.setVisible(self._buttons_shown())
            self._place()
            self.raise_()
        self.setVisible(empty)

    def _place(self) -> None:
        """Cover the area; the note at most 30 characters wide, as tall as its lines."""
        self.setGeometry(self._area.rect())
        most = self.label.fontMetrics().horizontalAdvance("中" * 30)
        width = max(120, min(self._area.width() - 32, most))
        self.label.setFixedWidth(width)
        self.label.setFixedHeight(self.label.heightForWidth(width))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QColor("#c8c8c8"))
        painter.setBrush(QColor("#fbfbfb"))
        painter.drawRoundedRect(QRectF(self.label.geometry()).adjusted(0.5, 0.5, -0.5, -0.5), 6, 6)
        painter.end()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Resize, QEvent.Type.Show, QEvent.Type.FontChange):
            self._place()
        return False

    def is_showing(self) -> bool:
        return not self.isHidden()


def over_table(
    view: QAbstractItemView,
    text: Callable[[], str],
    buttons: Sequence[Button] = (),
    buttons_shown: Callable[[], bool] = lambda: True,
) -> EmptyState:
    """An empty state on a table's viewport that follows its model's rows."""
    model = view.model()
    state = EmptyState(view.viewport(), text, lambda: model.rowCount() == 0, buttons, buttons_shown)
    for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved, model.layoutChanged):
        signal.connect(state.update_state)
    return state


class _LayoutWatcher(QObject):
    """Calls ``changed`` when a container's layout changes (pages put in or taken out).

    A layout request is a posted event: unlike ChildAdded/ChildRemoved it never arrives
    while the container is being destroyed (Python code run then crashes the app)."""

    def __init__(self, container: QWidget, changed: Callable[[], None]) -> None:
        super().__init__(container)
        self._changed = changed
        container.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:
            self._changed()
        return False


def over_container(area: QWidget, container: QWidget, text: Callable[[], str]) -> EmptyState:
    """An empty state on ``area`` while ``container``'s layout holds no widget (a blank
    preview)."""

    def empty() -> bool:
        layout = container.layout()
        if layout is None:
            return True
        items = (layout.itemAt(i) for i in range(layout.count()))
        return not any(item is not None and item.widget() is not None for item in items)

    state = EmptyState(area, text, empty)
    _LayoutWatcher(container, state.update_state)
    return state
