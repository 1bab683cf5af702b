"""The users' stores on a shared PC, as the unlock screen lists them before any passphrase.

Each row says whose store it is (the label the user chose, else the user's name, role and
village or township, as the store said when last opened), when it was last opened and
where it is. A store whose file is gone (moved, deleted, a drive not plugged in) says so
and can be taken off the list; the file itself is never touched.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from ...services.known_stores import KnownStore, same_path
from ..i18n import tr
from ..widgets.labels import plain_tooltip

ROLES = {
    "director": QT_TRANSLATE_NOOP("stores", "儿童主任"),
    "supervisor": QT_TRANSLATE_NOOP("stores", "儿童督导员"),
    "county-viewer": QT_TRANSLATE_NOOP("stores", "县级民政（查看）"),
    "county-admin": QT_TRANSLATE_NOOP("stores", "县级民政（管理）"),
}
MISSING_COLOUR = "#8a8a8a"
TITLE, DETAILS, MISSING = (Qt.ItemDataRole.UserRole + i for i in range(3))
PAD = 6


def title(store: KnownStore) -> str:
    """Whose store it is, in one line."""
    if store.label:
        return store.label
    role = tr("stores", str(ROLES[store.role])) if store.role in ROLES else ""
    parts = [p for p in (store.name, role, store.place) if p]
    return (
        " · ".join(parts)
        if parts
        else tr("stores", "{file}（尚未打开过）").format(file=store.path.name)
    )


def details(store: KnownStore) -> str:
    """The second line: when it was last opened, or that its file is gone; where it is."""
    if store.missing:
        when = tr("stores", "找不到档案库文件（已移动或删除）")
    elif store.last_opened:
        opened = datetime.fromisoformat(store.last_opened).strftime("%Y-%m-%d %H:%M")
        when = tr("stores", "上次打开 {when}").format(when=opened)
    else:
        when = tr("stores", "尚未在本机打开")
    return f"{when} · {store.path}"


class _TwoLines(QStyledItemDelegate):
    """Whose store in bold, then when and where in a quieter colour (greyed if missing)."""

    def sizeHint(self, option: QStyleOptionViewItem, index: Any) -> QSize:
        height = QFontMetrics(_bold(option.font)).height() + option.fontMetrics.height()
        return QSize(option.rect.width(), height + 3 * PAD)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Any) -> None:
        self.initStyleOption(option, index)
        option.text = ""  # the two lines are drawn below, over the row's own background
        style = option.widget.style() if option.widget else QStyle()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        ink = option.palette.color(role)
        quiet = ink if selected else QColor(MISSING_COLOUR)
        missing = bool(index.data(MISSING))
        rect = option.rect.adjusted(PAD, PAD, -PAD, -PAD)
        painter.save()
        painter.setFont(_bold(option.font))
        painter.setPen(quiet if missing else ink)
        top = QFontMetrics(painter.font()).height()
        painter.drawText(rect, Qt.AlignmentFlag.AlignLeft, str(index.data(TITLE)))
        painter.setFont(option.font)
        painter.setPen(quiet)
        painter.drawText(
            rect.adjusted(0, top + PAD // 2, 0, 0),
            Qt.AlignmentFlag.AlignLeft,
            option.fontMetrics.elidedText(
                str(index.data(DETAILS)), Qt.TextElideMode.ElideMiddle, rect.width()
            ),
        )
        painter.restore()


def _bold(font: QFont) -> QFont:
    bold = QFont(font)
    bold.setBold(True)
    return bold


class StoreList(QWidget):
    chosen = Signal(object)  # the KnownStore picked
    forget_requested = Signal(Path)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.stores: list[KnownStore] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.view = QListWidget()
        self.view.setObjectName("stores")
        self.view.setAlternatingRowColors(True)
        self.view.setItemDelegate(_TwoLines(self.view))
        self.view.currentRowChanged.connect(self._picked)
        layout.addWidget(self.view, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        self.forget = QPushButton(tr("stores", "从列表中移除"))
        self.forget.setObjectName("forget")
        self.forget.setToolTip(tr("stores", "只从本机列表中移除，不删除档案库文件。"))
        self.forget.clicked.connect(self._forget)
        row.addWidget(self.forget)
        layout.addLayout(row)

    def show_stores(self, stores: list[KnownStore], selected: Path | None) -> None:
        """List ``stores`` and pick ``selected`` (else the one opened last)."""
        self.stores = list(stores)
        self.view.blockSignals(True)
        self.view.clear()
        for store in self.stores:
            item = QListWidgetItem(f"{title(store)}\n{details(store)}")  # read by screen readers
            item.setData(TITLE, title(store))
            item.setData(DETAILS, details(store))
            item.setData(MISSING, store.missing)
            item.setToolTip(plain_tooltip(str(store.path)))
            self.view.addItem(item)
        self.view.blockSignals(False)
        self.view.setCurrentRow(self._row_of(selected))
        self._picked(self.view.currentRow())

    def _row_of(self, selected: Path | None) -> int:
        if selected is not None:
            for row, store in enumerate(self.stores):
                if same_path(store.path, selected):
                    return row
        opened = [(s.last_opened, row) for row, s in enumerate(self.stores) if s.last_opened]
        return max(opened)[1] if opened else 0

    def current(self) -> KnownStore | None:
        row = self.view.currentRow()
        return self.stores[row] if 0 <= row < len(self.stores) else None

    def _picked(self, _row: int) -> None:
        store = self.current()
        self.forget.setEnabled(store is not None)
        if store is not None:
            self.chosen.emit(store)

    def _forget(self) -> None:
        store = self.current()
        if store is not None:
            self.forget_requested.emit(store.path)

    def focus(self) -> None:
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)
