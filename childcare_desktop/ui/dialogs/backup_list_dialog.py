"""备份列表: every automatic backup of the store, newest first, with its date, place, size
and whether it passed its check; 恢复所选… goes on to the restore of 设置 (the backup's
passphrase, its check, a confirmation that says the current store is kept aside).

The list checks each file (opened with the store's key, cipher_integrity_check and
integrity_check) beside the database thread: a damaged backup is shown as damaged and is
never offered for a restore.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...core.errors import DomainError
from ...services import backups
from ..backups import place_name
from ..i18n import error_text, tr
from ..tasks import Tasks
from ..widgets.labels import plain

STATE_TEXT: dict[backups.State, str] = {
    backups.State.GOOD: str(QT_TRANSLATE_NOOP("backup", "完好")),
    backups.State.DAMAGED: str(QT_TRANSLATE_NOOP("backup", "已损坏，不能用于恢复")),
    backups.State.OTHER_KEY: str(QT_TRANSLATE_NOOP("backup", "用更换前的旧口令打开（未能检查）")),
}
RESTORABLE = (backups.State.GOOD, backups.State.OTHER_KEY)
COLUMNS: tuple[str, ...] = (
    str(QT_TRANSLATE_NOOP("backup", "备份时间")),
    str(QT_TRANSLATE_NOOP("backup", "位置")),
    str(QT_TRANSLATE_NOOP("backup", "大小")),
    str(QT_TRANSLATE_NOOP("backup", "检查结果")),
)


class BackupListDialog(QDialog):
    restore_requested = Signal(object)  # the chosen backup's Path
    loaded = Signal()

    def __init__(self, tasks: Tasks, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.entries: list[backups.BackupEntry] = []
        self.setObjectName("backup_list")
        self.setWindowTitle(tr("backup", "备份列表"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.resize(720, 420)
        layout = QVBoxLayout(self)
        self.note = plain(QLabel(tr("backup", "正在检查各个备份，请稍候…")))
        self.note.setObjectName("note")
        self.note.setWordWrap(True)
        layout.addWidget(self.note)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("backups")
        self.table.setHorizontalHeaderLabels([tr("backup", c) for c in COLUMNS])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._selected)
        self.table.doubleClicked.connect(lambda _i: self._restore())
        layout.addWidget(self.table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.restore_button = QPushButton(tr("backup", "恢复所选备份…"))
        self.restore_button.setObjectName("restore_chosen")
        self.restore_button.setEnabled(False)
        self.restore_button.clicked.connect(self._restore)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def load(self) -> None:
        """List and check every backup beside the database thread."""
        self.tasks.run_beside(
            lambda job: backups.list_backups(job.store()),
            self._show,
            lambda error: self.note.setText(
                error_text(error) if isinstance(error, DomainError) else ""
            ),
        )

    def _show(self, entries: list[backups.BackupEntry]) -> None:
        self.entries = entries
        self.table.setRowCount(len(entries))
        for row, entry in enumerate(entries):
            cells = (
                f"{entry.taken:%Y-%m-%d %H:%M}",
                place_name(entry.place),
                f"{entry.size / 1024 / 1024:.1f} MB",
                tr("backup", STATE_TEXT[entry.state]),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(str(entry.path))
                if entry.state is backups.State.DAMAGED:
                    item.setForeground(QColor("#c62828"))
                self.table.setItem(row, column, item)
        damaged = sum(e.state is backups.State.DAMAGED for e in entries)
        if not entries:
            self.note.setText(tr("backup", "还没有自动备份。关闭软件时、以及每天一次会自动备份。"))
        else:
            self.note.setText(
                tr(
                    "backup",
                    "共 {n} 个备份，{bad} 个已损坏。选中一个完好的备份，点“恢复所选备份…”。",
                ).format(n=len(entries), bad=damaged)
            )
        self.loaded.emit()

    def chosen(self) -> backups.BackupEntry | None:
        rows = self.table.selectionModel().selectedRows()
        return self.entries[rows[0].row()] if rows else None

    def select_row(self, row: int) -> None:
        self.table.selectRow(row)

    def _selected(self) -> None:
        entry = self.chosen()
        self.restore_button.setEnabled(entry is not None and entry.state in RESTORABLE)

    def _restore(self) -> None:
        entry = self.chosen()
        if entry is None or entry.state not in RESTORABLE:
            return  # a damaged backup is never offered
        path: Path = entry.path
        self.accept()
        self.restore_requested.emit(path)


def open_list(tasks: Tasks, parent: QWidget, restore: Any) -> BackupListDialog:
    """Show the list (window-modal); a chosen backup goes to ``restore(path)``."""
    dialog = BackupListDialog(tasks, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.restore_requested.connect(restore)
    dialog.show()
    dialog.load()
    return dialog
