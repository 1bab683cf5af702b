"""The parts of the child's file, all in sight at once: a list on the left under a few
headings, each part with its number of records and a mark when something in it is due; the
chosen part fills the rest.

Fifteen tabs did not fit in one row at 1366 pixels in 大字体: the bar scrolled, and a
director could not see the parts that were there. The list is as wide as its longest entry
and keeps the keyboard: the arrow keys in the list, Ctrl+Tab and Ctrl+Shift+Tab anywhere in
the file (as the tabs had)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QIcon, QKeySequence, QPainter, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QStackedWidget,
    QWidget,
)

from ..i18n import tr

KEY_ROLE = Qt.ItemDataRole.UserRole  # a part's key ("visits"); none on a heading
DUE_COLOUR = QColor("#c62828")
HEADING_COLOUR = QColor("#555555")


class FileSections(QWidget):
    """The list of parts and the page of the chosen one."""

    current_changed = Signal(str)  # the key of the part now shown

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list = QListWidget()
        self.list.setObjectName("sections")
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setAccessibleName(tr("file", "档案的各部分"))
        self.stack = QStackedWidget()
        self.keys: list[str] = []  # the parts in the list's order
        self._items: dict[str, QListWidgetItem] = {}
        self._labels: dict[str, str] = {}
        self._counts: dict[str, int | None] = {}
        self._due: dict[str, str] = {}  # key: what is due there, for the tooltip
        self._unsaved: set[str] = set()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list)
        layout.addWidget(self.stack, 1)
        self.list.currentItemChanged.connect(self._chosen)
        for keys, step in (("Ctrl+Tab", 1), ("Ctrl+Shift+Tab", -1), ("Ctrl+Backtab", -1)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda step=step: self.step(step))

    # -- building ----------------------------------------------------------------------

    def add_heading(self, title: str) -> None:
        """A heading over the parts that follow; not a part, the keys pass over it."""
        item = QListWidgetItem(title)
        item.setFlags(Qt.ItemFlag.NoItemFlags)
        item.setFont(_bold())
        item.setForeground(QBrush(HEADING_COLOUR))
        self.list.addItem(item)

    def add(self, key: str, label: str, page: QWidget) -> None:
        """The part ``key``, shown as ``label`` (already translated) in the list."""
        page.setObjectName(f"tab_{key}")
        self.stack.addWidget(page)
        item = QListWidgetItem()
        item.setData(KEY_ROLE, key)
        self.keys.append(key)
        self._items[key] = item
        self._labels[key] = label
        self.list.addItem(item)
        self._refresh(key)
        if self.list.currentItem() is None:
            self.list.setCurrentItem(item)

    # -- choosing ----------------------------------------------------------------------

    def show_part(self, key: str) -> None:
        self.list.setCurrentItem(self._items[key])

    def current(self) -> str:
        item = self.list.currentItem()
        return str(item.data(KEY_ROLE)) if item is not None else self.keys[0]

    def page(self, key: str) -> QWidget:
        page = self.stack.widget(self.keys.index(key))
        assert page is not None  # every key was added with its page
        return page

    def step(self, by: int) -> None:
        """The next (1) or previous (-1) part, round from the last to the first."""
        index = (self.keys.index(self.current()) + by) % len(self.keys)
        self.show_part(self.keys[index])

    def _chosen(self, item: QListWidgetItem | None, _previous: object = None) -> None:
        if item is None or item.data(KEY_ROLE) is None:
            return
        key = str(item.data(KEY_ROLE))
        self.stack.setCurrentIndex(self.keys.index(key))
        self.current_changed.emit(key)

    # -- what each entry says ----------------------------------------------------------

    def item(self, key: str) -> QListWidgetItem:
        return self._items[key]

    def text(self, key: str) -> str:
        return self._items[key].text()

    def set_count(self, key: str, count: int | None, due: str = "") -> None:
        """How many records the part holds (None: not counted) and what is due in it."""
        self._counts[key] = count
        self._due[key] = due
        self._refresh(key)

    def set_unsaved(self, key: str, unsaved: bool) -> None:
        (self._unsaved.add if unsaved else self._unsaved.discard)(key)
        self._refresh(key)

    def is_due(self, key: str) -> bool:
        return bool(self._due.get(key))

    def _refresh(self, key: str) -> None:
        item, label = self._items[key], self._labels[key]
        count, due = self._counts.get(key), self._due.get(key, "")
        if key in self._unsaved:
            label = tr("file", "{tab}（未保存）").format(tab=label)
        elif count:
            label = tr("file", "{part}（{count}）").format(part=label, count=count)
        item.setText(label)
        item.setIcon(_due_icon(self.list) if due else _blank_icon(self.list))
        item.setForeground(QBrush(DUE_COLOUR) if due else QBrush())
        item.setFont(_bold() if due else QFont())
        item.setToolTip(tr("file", "应办：{work}").format(work=due) if due else "")
        self._fit_width()

    def _fit_width(self) -> None:
        # As wide as the longest entry: the rest of the width goes to the part's table.
        frame = 2 * self.list.frameWidth() + 8
        self.list.setFixedWidth(self.list.sizeHintForColumn(0) + frame)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # 大字体 switched: new marks, new width
            for key in self.keys:
                self._refresh(key)


def _bold() -> QFont:
    # Only the weight: the size follows the list's font (大字体 switched on or off).
    font = QFont()
    font.setBold(True)
    return font


def _icon_size(widget: QWidget) -> int:
    return widget.fontMetrics().height() * 3 // 4


def _due_icon(widget: QWidget) -> QIcon:
    """A red disc with a white "!": seen at a glance, and without its colour too."""
    size = _icon_size(widget)
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(DUE_COLOUR)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawEllipse(0, 0, size, size)
    painter.setPen(QColor("white"))
    font = QFont(widget.font())
    font.setBold(True)
    font.setPixelSize(max(size - 3, 6))
    painter.setFont(font)
    painter.drawText(pixmap.rect(), Qt.AlignmentFlag.AlignCenter, "!")
    painter.end()
    return QIcon(pixmap)


def _blank_icon(widget: QWidget) -> QIcon:
    # The same room as the mark, so the names stay in one column.
    size = _icon_size(widget)
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    return QIcon(pixmap)
