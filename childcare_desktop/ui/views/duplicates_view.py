"""疑似重复 for supervisors (and the county): the cases the county server found of one
child filed twice, received at each sync. 比较… opens the two files side by side
(``dialogs.duplicate_dialog``); the decision is made here, offline, and travels with
the next sync. A pair across townships is shown but left to the county."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...core.duplicates import Reason
from ...core.errors import DomainError
from ...services import duplicates
from ...services.duplicates import CaseRecord
from ..dialogs.duplicate_dialog import Choice, DuplicateDialog, open_dialog, side_text
from ..i18n import error_text, tr
from ..tasks import Tasks
from ..widgets.labels import plain

REASONS: dict[Reason, str] = {
    Reason.ID_NUMBER: str(QT_TRANSLATE_NOOP("duplicates", "身份证号相同")),
    Reason.NAME_BIRTH: str(QT_TRANSLATE_NOOP("duplicates", "姓名、性别、出生日期相同")),
    Reason.PINYIN: str(QT_TRANSLATE_NOOP("duplicates", "姓名读音、性别、出生日期相同")),
}


class DuplicatesView(QWidget):
    decided = Signal(str)  # case id: the files changed (merged) or the case closed
    dialog_opened = Signal(object)

    def __init__(self, tasks: Tasks, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.cases: list[CaseRecord] = []
        self.dialog: DuplicateDialog | None = None
        column = QVBoxLayout(self)
        title = plain(QLabel(self.tr("疑似重复")))
        title.setStyleSheet("font-size: 16pt; font-weight: bold;")
        column.addWidget(title)
        self.summary = plain(QLabel())
        self.summary.setObjectName("duplicates_summary")
        self.summary.setWordWrap(True)
        column.addWidget(self.summary)
        self.table = QTableWidget(0, 4, self)
        self.table.setObjectName("duplicate_cases")
        self.table.setHorizontalHeaderLabels(
            [self.tr("原因"), self.tr("档案A"), self.tr("档案B"), self.tr("处理")]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        for short in (0, 3):  # the room goes to the two files (name, file number, village)
            header.setSectionResizeMode(short, QHeaderView.ResizeMode.ResizeToContents)
        self.table.doubleClicked.connect(lambda _index: self.compare())
        column.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.message = plain(QLabel())
        self.message.setObjectName("duplicates_message")
        self.message.setWordWrap(True)
        row.addWidget(self.message, 1)
        self.compare_button = QPushButton(self.tr("比较…"))
        self.compare_button.setObjectName("compare")
        self.compare_button.clicked.connect(self.compare)
        row.addWidget(self.compare_button)
        column.addLayout(row)
        self.stale = True

    def refresh(self) -> None:
        self.stale = False
        self.tasks.run(duplicates.list_cases, self._show)

    def _show(self, cases: list[CaseRecord]) -> None:
        self.cases = cases
        self.table.setRowCount(len(cases))
        for i, c in enumerate(cases):
            where = (
                self.tr("比较后合并或标为不是同一人")
                if c.decidable
                else self.tr("跨乡镇：由县级民政处理")
            )
            cells = [tr("duplicates", REASONS[c.reason]), side_text(c.a), side_text(c.b), where]
            for j, text in enumerate(cells):
                self.table.setItem(i, j, QTableWidgetItem(text))  # a file: village below
        self.table.resizeRowsToContents()
        if cases:
            self.table.selectRow(0)
        self.summary.setText(
            self.tr("县服务器在同步时发现的疑似同一儿童的两份档案：{n} 对待处理。").format(
                n=len(cases)
            )
            if cases
            else self.tr("没有待处理的疑似重复。同步时县服务器会检查全县的档案。")
        )
        self.compare_button.setEnabled(any(c.decidable for c in cases))

    def selected(self) -> CaseRecord | None:
        rows = self.table.selectionModel().selectedRows()
        return self.cases[rows[0].row()] if rows else None

    def compare(self) -> None:
        case = self.selected()
        if case is None:
            return
        if not case.decidable:
            self.message.setText(self.tr("这对档案跨乡镇，由县级民政处理。"))
            return
        self.tasks.run(
            lambda s: duplicates.compare(s, case_id=case.id),
            lambda rows: self._open(case, rows),
            self._failed,
        )

    def _open(self, case: CaseRecord, rows: Any) -> None:
        self.dialog = open_dialog(case, rows, self)
        self.dialog.decided.connect(lambda choice: self._decide(case, choice))
        self.dialog_opened.emit(self.dialog)

    def _decide(self, case: CaseRecord, choice: Choice) -> None:
        def job(session: Any) -> Any:
            if choice.merge:
                return duplicates.merge_case(
                    session, case_id=case.id, keep=choice.keep, take=choice.take
                )
            return duplicates.mark_distinct(session, case_id=case.id)

        self.tasks.run(job, self._done, self._failed)

    def _done(self, decision: duplicates.Decision) -> None:
        merged = decision.outcome.value == "merged"
        self.message.setText(
            self.tr("已合并，下次同步时送达县里。")
            if merged
            else self.tr("已标为不是同一人，下次同步时送达县里。")
        )
        self.decided.emit(decision.case_id)
        self.refresh()

    def _failed(self, error: Exception) -> None:
        assert isinstance(error, DomainError)  # Tasks sends bugs to the error dialog
        self.message.setText(error_text(error))
