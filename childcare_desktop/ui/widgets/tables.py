"""Table views as the app wants them: whole rows, sortable, columns remembered."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView


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
    state = QSettings().value(f"tables/{key}")
    if state is not None and not header.restoreState(state):
        QSettings().remove(f"tables/{key}")
        state = None
    model = table.model()
    if state is None and model is not None:  # first time: fit the columns to the data once

        def fit() -> None:
            if model.rowCount() > 0:
                table.resizeColumnsToContents()
                model.modelReset.disconnect(fit)

        model.modelReset.connect(fit)
    header.sectionResized.connect(lambda *_: _remember(table, key))
    header.sectionMoved.connect(lambda *_: _remember(table, key))
    header.sortIndicatorChanged.connect(lambda *_: _remember(table, key))


def _remember(table: QTableView, key: str) -> None:
    QSettings().setValue(f"tables/{key}", table.horizontalHeader().saveState())
