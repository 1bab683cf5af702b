"""A table model over a list of plain records, with columns declared once.

Records are frozen dataclasses or named tuples from the use cases, so nothing here can
trigger a database query. Sorting is by each column's own key (dates as dates, risk
colours by rank), not by the displayed text.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from ...core.vocab import Choice, RiskColour
from ..i18n import tr
from ..widgets.labels import plain_tooltip

Index = QModelIndex | QPersistentModelIndex
RECORD_ROLE = Qt.ItemDataRole.UserRole + 1

COLOUR_BRUSHES = {
    RiskColour.RED: QColor("#f8d0d0"),
    RiskColour.YELLOW: QColor("#fbeec2"),
    RiskColour.BLUE: QColor("#d6e6f7"),
    RiskColour.GREEN: QColor("#d8efd8"),
}


@dataclass(frozen=True)
class Column:
    header: str  # Chinese source text, translated in the "columns" context
    value: Callable[[Any], Any]
    width: int = 0  # a starting width in pixels (0: fit the contents)


def display(value: Any) -> str:
    """How a value reads in a table: vocabulary labels, dates as YYYY-MM-DD, 未采集."""
    if value is None or value == "":
        return ""
    if isinstance(value, Choice):
        return tr("vocab", value.label)
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return "、".join(display(v) for v in value)
    if isinstance(value, bool):
        return tr("vocab", "是") if value else tr("vocab", "否")
    return str(value)


def sort_key(value: Any) -> tuple[int, Any]:
    if value is None or value == "":
        return (1, "")  # blanks last
    if isinstance(value, RiskColour):
        return (0, value.rank)
    if isinstance(value, Enum):
        return (0, str(value.value))
    if isinstance(value, tuple | list):
        return (0, display(value))
    return (0, value)


class RecordTableModel(QAbstractTableModel):
    def __init__(self, columns: Sequence[Column], parent: Any = None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self._rows: list[Any] = []

    # -- contents ------------------------------------------------------------------------

    def set_records(self, records: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(records)
        self.endResetModel()

    def record(self, row: int) -> Any:
        return self._rows[row]

    @property
    def records(self) -> list[Any]:
        return list(self._rows)

    def colour_of(self, record: Any) -> RiskColour | None:
        """The risk colour that tints a row; none by default."""
        return None

    # -- Qt's interface -------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        record = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return display(self.columns[index.column()].value(record))
        if role == Qt.ItemDataRole.ToolTipRole:  # a tooltip would render markup in the text
            return plain_tooltip(display(self.columns[index.column()].value(record)))
        if role == Qt.ItemDataRole.BackgroundRole:
            colour = self.colour_of(record)
            return QBrush(COLOUR_BRUSHES[colour]) if colour in COLOUR_BRUSHES else None
        if role == RECORD_ROLE:
            return record
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            return tr("columns", self.columns[section].header)
        if orientation == Qt.Orientation.Vertical:
            return section + 1
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns):
            return
        getter = self.columns[column].value
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        old_rows = [id(self._rows[i.row()]) for i in before]
        self._rows.sort(
            key=lambda r: sort_key(getter(r)), reverse=order == Qt.SortOrder.DescendingOrder
        )
        # Selections and open editors follow their record, not their old row number.
        position = {id(record): row for row, record in enumerate(self._rows)}
        after = [
            self.index(position[key], i.column()) for key, i in zip(old_rows, before, strict=True)
        ]
        self.changePersistentIndexList(before, after)
        self.layoutChanged.emit()
