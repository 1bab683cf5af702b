"""Right-click menus on tables: the actions for the chosen row, the same ones its buttons and
keys run, so the menu, the button and the key can never disagree."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QTableView

ENTER_KEYS = (QKeySequence(Qt.Key.Key_Return), QKeySequence(Qt.Key.Key_Enter))


def current_record(table: QTableView) -> Any:
    """The record of the row the user is on (the current row, else the first selected)."""
    model = table.model()
    index = table.currentIndex()
    if not index.isValid():
        rows = table.selectionModel().selectedRows()
        index = rows[0] if rows else index
    if not index.isValid() or not hasattr(model, "record"):
        return None
    return model.record(index.row())


def add_row_action(
    table: QTableView,
    text: str,
    slot: Callable[[Any], None],
    *,
    needs_row: bool = True,
    keys: Sequence[QKeySequence] = (),
    name: str = "",
) -> QAction:
    """An action in the table's right-click menu; with ``keys``, the keys run it too."""
    table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
    action = QAction(text, table)
    action.setObjectName(name)
    if keys:
        action.setShortcuts(list(keys))
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
    action.setProperty("needs_row", needs_row)

    def run() -> None:
        record = current_record(table)
        if needs_row and record is None:
            return
        slot(record)

    action.triggered.connect(run)
    table.addAction(action)
    _track(table)
    return action


def _track(table: QTableView) -> None:
    """Grey out the row actions while no row is chosen."""
    if table.property("row_actions_tracked"):
        _update(table)
        return
    table.setProperty("row_actions_tracked", True)
    model = table.model()
    for signal in (model.modelReset, model.layoutChanged):
        signal.connect(lambda *_: _update(table))
    table.selectionModel().selectionChanged.connect(lambda *_: _update(table))
    table.selectionModel().currentChanged.connect(lambda *_: _update(table))
    _update(table)


def _update(table: QTableView) -> None:
    chosen = current_record(table) is not None
    for action in table.actions():
        if action.property("needs_row"):
            action.setEnabled(chosen)
