"""转移: the transfers this store holds; a supervisor accepts (接收) or refuses (拒绝) the
ones still asked for. The decision travels with the next sync; the county server then
moves the child's file (issue 15)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...core.errors import DomainError
from ...services import transfers
from ...services.transfers import TransferRecord
from ..i18n import error_text, tr
from ..tasks import Tasks
from ..widgets.labels import plain

COLUMNS = (
    QT_TRANSLATE_NOOP("transfers", "儿童"),
    QT_TRANSLATE_NOOP("transfers", "转出村"),
    QT_TRANSLATE_NOOP("transfers", "转入村"),
    QT_TRANSLATE_NOOP("transfers", "申请人"),
    QT_TRANSLATE_NOOP("transfers", "申请日期"),
    QT_TRANSLATE_NOOP("transfers", "原因"),
    QT_TRANSLATE_NOOP("transfers", "状态"),
)


class TransferList(QDialog):
    changed = Signal()  # a transfer was decided

    def __init__(self, tasks: Tasks, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.records: list[TransferRecord] = []
        self.setWindowTitle(tr("transfers", "转移"))
        self.setObjectName("transfer_list")
        layout = QVBoxLayout(self)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("transfers")
        self.table.setHorizontalHeaderLabels([tr("transfers", str(c)) for c in COLUMNS])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.table.itemSelectionChanged.connect(self._selected)
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.note = QLineEdit()
        self.note.setObjectName("note")
        self.note.setPlaceholderText(tr("transfers", "拒绝原因（拒绝时必填）"))
        row.addWidget(self.note, 1)
        self.accept_button = QPushButton(tr("transfers", "接收"))
        self.accept_button.setObjectName("accept")
        self.accept_button.clicked.connect(lambda: self._decide(True))
        self.refuse_button = QPushButton(tr("transfers", "拒绝"))
        self.refuse_button.setObjectName("refuse")
        self.refuse_button.clicked.connect(lambda: self._decide(False))
        self.withdraw_button = QPushButton(tr("transfers", "撤回"))
        self.withdraw_button.setObjectName("withdraw")
        self.withdraw_button.setToolTip(tr("transfers", "撤回尚未处理的转移申请"))
        self.withdraw_button.clicked.connect(self._withdraw)
        row.addWidget(self.accept_button)
        row.addWidget(self.refuse_button)
        row.addWidget(self.withdraw_button)
        layout.addLayout(row)
        self.status = plain(QLabel())
        self.status.setObjectName("status")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(900, 420)
        self._selected()
        self.reload()

    def reload(self) -> None:
        self.tasks.run(transfers.list_transfers, self._show)

    def _show(self, records: list[TransferRecord]) -> None:
        self.records = records
        self.table.setRowCount(len(records))
        for i, r in enumerate(records):
            values = (
                r.child_name,
                r.from_label,
                r.to_label,
                r.requested_by,
                r.requested_on.isoformat(),
                r.reason,
                tr("vocab", r.state_label),
            )
            for j, text in enumerate(values):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, r.id)
                self.table.setItem(i, j, item)
        self.table.resizeColumnsToContents()
        # The order changes with a decision: nothing stays chosen that the user did not
        # choose (a second click never decides another child's transfer).
        self.table.clearSelection()
        self.table.setCurrentCell(-1, -1)
        if not records:
            self.status.setText(tr("transfers", "没有转移申请。"))
        self._selected()

    def current(self) -> TransferRecord | None:
        row = self.table.currentRow()
        return self.records[row] if 0 <= row < len(self.records) else None

    def _selected(self) -> None:
        r = self.current()
        self.accept_button.setEnabled(r is not None and r.may_decide)
        self.refuse_button.setEnabled(r is not None and r.may_decide)
        self.withdraw_button.setEnabled(r is not None and r.may_withdraw)

    def _decide(self, accept: bool) -> None:
        r = self.current()
        if r is None:
            return
        note = self.note.text().strip()
        if not accept and not note:
            self.status.setText(tr("transfers", "请填写拒绝原因。"))
            self.note.setFocus()
            return

        def job(session: Any) -> TransferRecord:
            return transfers.decide_transfer(session, transfer_id=r.id, accept=accept, note=note)

        def done(decided: TransferRecord) -> None:
            text = (
                tr("transfers", "已接收：下次同步后{name}的档案转入{to}。")
                if accept
                else tr("transfers", "已拒绝{name}的转移申请。")
            )
            self.status.setText(text.format(name=decided.child_name, to=decided.to_label))
            self.note.clear()
            self.changed.emit()
            self.reload()

        self.tasks.run(job, done, self._failed)

    def _withdraw(self) -> None:
        r = self.current()
        if r is None:
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            tr("transfers", "撤回"),
            tr("transfers", "撤回{name}转至{to}的申请吗？撤回后如需转移，须重新申请。").format(
                name=r.child_name, to=r.to_label
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self,
        )
        withdraw = box.button(QMessageBox.StandardButton.Yes)
        withdraw.setText(tr("transfers", "撤回申请"))
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)

        def answered(_result: int) -> None:
            if box.clickedButton() is withdraw:
                self._cancel(r)

        box.finished.connect(answered)
        box.open()

    def _cancel(self, r: TransferRecord) -> None:
        def job(session: Any) -> TransferRecord:
            return transfers.cancel_transfer(session, transfer_id=r.id)

        def done(withdrawn: TransferRecord) -> None:
            text = tr("transfers", "已撤回{name}的转移申请。")
            self.status.setText(text.format(name=withdrawn.child_name))
            self.changed.emit()
            self.reload()

        self.tasks.run(job, done, self._failed)

    def _failed(self, error: Exception) -> None:
        if not isinstance(error, DomainError):
            raise error  # the app's handler for what went wrong inside
        self.status.setText(error_text(error))


def open_transfers(window: Any) -> TransferList:
    """Show the transfers over the main window (menu 编辑 › 转移…)."""
    dialog = TransferList(window.tasks, window)
    dialog.changed.connect(window.refresh_current)
    dialog.open()
    return dialog
