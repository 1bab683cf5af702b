"""Table views as the app wants them: whole rows, sortable, columns remembered, and never
narrower than what they show: a column grows to fit its header and rows when the data or
the font changes (large text), so nothing reads "逾期2…"."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSettings, Qt, QTimer
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

# Rows measured to fit a column (the visible ones, then more up to this many): enough to
# see the long ones, and cheap.
MEASURED_ROWS = 60
# The roster's model resets on every key typed in its search: fit once typing pauses, so a
# keystroke stays within its 50 ms (bench/ui_bench.py).
FIT_DELAY_MS = 200


def configure_table(table: QTableView, key: str) -> None:
    """Rows select whole; the column layout the user leaves is restored next time."""
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(False)
    # Keep the order the use case gave (overdue first, highest risk first) until the
    # user clicks a column header.
    table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
    table.setSortingEnabled(True)
    table.setWordWrap(False)
    table.verticalHeader().setVisible(False)
    header = table.horizontalHeader()
    header.setSectionsMovable(True)
    header.setStretchLastSection(True)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setResizeContentsPrecision(MEASURED_ROWS)
    state = QSettings().value(f"tables/{key}")
    if state is not None and not header.restoreState(state):
        QSettings().remove(f"tables/{key}")
        state = None
    # No layout to restore: the first rows set the widths (narrow ones too); after that,
    # columns only grow to fit.
    table.setProperty("fitted", state is not None)
    model = table.model()
    if model is not None:
        timer = QTimer(table)
        timer.setSingleShot(True)
        timer.setInterval(FIT_DELAY_MS)
        timer.timeout.connect(lambda: fit_columns(table))
        model.modelReset.connect(timer.start)
    table.installEventFilter(_FontWatcher(table))
    fit_columns(table)
    header.sectionResized.connect(lambda *_: _remember(table, key))
    header.sectionMoved.connect(lambda *_: _remember(table, key))
    header.sortIndicatorChanged.connect(lambda *_: _remember(table, key))


def fit_columns(table: QTableView) -> None:
    """Widen every column that is narrower than its header or rows; rows as tall as the font.

    Only widen: a column the user made wider stays so, and a saved layout from a smaller
    font (or before the data grew) is corrected instead of cutting the text.
    """
    header = table.horizontalHeader()
    model = table.model()
    if model is None:
        return
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
    if not table.property("fitted"):
        if model.rowCount() == 0:
            return
        table.setProperty("fitted", True)
        table.resizeColumnsToContents()
    for column in range(model.columnCount()):
        if header.isSectionHidden(column):
            continue
        needed = max(table.sizeHintForColumn(column), header.sectionSizeHint(column))
        if header.sectionSize(column) < needed:
            header.resizeSection(column, needed)


class _FontWatcher(QObject):
    """Refits the columns when the font changes (大字模式 switched on or off)."""

    def __init__(self, table: QTableView) -> None:
        super().__init__(table)
        self.table = table

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FontChange:
            # after the header and the rows have the new font too (the order Qt tells the
            # widgets of a new application font in is not fixed)
            QTimer.singleShot(0, self._refit)
        return False

    def _refit(self) -> None:
        self.table.resizeColumnsToContents()
        header = self.table.horizontalHeader()
        if header.stretchLastSection():  # fill the width again, as before the refit
            header.setStretchLastSection(False)
            header.setStretchLastSection(True)
        fit_columns(self.table)


def _remember(table: QTableView, key: str) -> None:
    QSettings().setValue(f"tables/{key}", table.horizontalHeader().saveState())
