"""工作日志: the director's dated work not tied to one child, a month at a time, with
新增/编辑/删除 and the month's log as PDF (issue 18)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QDate, Qt
from PySide6.QtWidgets import (
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...core.errors import DomainError, ValidationError
from ...services import printing, work_log
from ...services.work_log import WorkLogEntry
from ..dialogs.work_log_dialog import WorkLogDialog
from ..file_dialogs import choose_save
from ..i18n import error_text, tr
from ..tasks import Tasks
from ..widgets.labels import plain
from ..widgets.tables import list_table

COLUMNS = (
    QT_TRANSLATE_NOOP("work_log", "日期"),
    QT_TRANSLATE_NOOP("work_log", "类别"),
    QT_TRANSLATE_NOOP("work_log", "事项"),
    QT_TRANSLATE_NOOP("work_log", "地点"),
    QT_TRANSLATE_NOOP("work_log", "涉及儿童"),
    QT_TRANSLATE_NOOP("work_log", "内容"),
)


class WorkLogView(QWidget):
    def __init__(self, tasks: Tasks, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.stale = True
        self.records: list[WorkLogEntry] = []
        self.dialog: WorkLogDialog | None = None
        layout = QVBoxLayout(self)
        heading = plain(QLabel(tr("work_log", "工作日志")))
        heading.setObjectName("page_title")
        layout.addWidget(heading)
        layout.addLayout(self._tools())
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("work_log")
        self.table.setHorizontalHeaderLabels([tr("work_log", str(c)) for c in COLUMNS])
        list_table(self.table)
        self.table.itemSelectionChanged.connect(self._selected)
        self.table.cellDoubleClicked.connect(lambda _r, _c: self.edit())
        layout.addWidget(self.table, 1)
        self.status = plain(QLabel())
        self.status.setObjectName("status")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self._selected()

    def _tools(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(plain(QLabel(tr("work_log", "月份"))))
        self.month = QDateEdit(QDate.currentDate())
        self.month.setObjectName("month")
        self.month.setDisplayFormat("yyyy-MM")
        self.month.setMaximumDate(QDate.currentDate())
        self.month.dateChanged.connect(lambda _d: self.refresh())
        row.addWidget(self.month)
        self.add_button = self._button(row, "new", tr("work_log", "新增"), self.add)
        self.edit_button = self._button(row, "edit", tr("work_log", "编辑"), self.edit)
        self.delete_button = self._button(row, "delete", tr("work_log", "删除"), self.delete)
        row.addStretch(1)
        self.print_button = self._button(
            row, "print", tr("work_log", "打印本月（PDF）"), self._ask_pdf
        )
        return row

    def _button(self, row: QHBoxLayout, name: str, text: str, slot: Any) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.clicked.connect(lambda: slot())
        row.addWidget(button)
        return button

    def year_month(self) -> tuple[int, int]:
        d = self.month.date()
        return d.year(), d.month()

    def refresh(self) -> None:
        self.stale = False
        year, month = self.year_month()
        self.tasks.run(lambda s: work_log.entries(s, year, month), self._show)

    def _show(self, records: list[WorkLogEntry]) -> None:
        self.records = records
        self.table.setRowCount(len(records))
        for i, r in enumerate(records):
            values = (
                r.logged_on.isoformat(),
                tr("vocab", r.kind.label),
                r.title,
                r.place,
                "、".join(name or tr("work_log", "已转出的儿童") for _, name in r.children),
                r.content.replace("\n", " "),
            )
            for j, text in enumerate(values):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, r.id)
                item.setToolTip(r.content if j == len(values) - 1 else "")
                self.table.setItem(i, j, item)
        self.table.resizeColumnsToContents()
        # A long content is read whole in its tooltip or 编辑, not by scrolling sideways.
        last = len(COLUMNS) - 1
        self.table.setColumnWidth(last, min(self.table.columnWidth(last), 420))
        self.table.clearSelection()
        self.table.setCurrentCell(-1, -1)
        year, month = self.year_month()
        self.status.setText(
            tr("work_log", "{year}年{month}月共 {n} 条。").format(
                year=year, month=month, n=len(records)
            )
            if records
            else tr("work_log", "本月还没有工作日志。点击“新增”记下一次会议、培训或活动。")
        )
        self._selected()

    def current(self) -> WorkLogEntry | None:
        row = self.table.currentRow()
        return self.records[row] if 0 <= row < len(self.records) else None

    def _selected(self) -> None:
        chosen = self.current() is not None
        self.edit_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)

    # -- 新增 / 编辑 / 删除 ---------------------------------------------------------------

    def add(self) -> None:
        self.tasks.run(work_log.linkable_children, lambda kids: self._open(kids, None))

    def edit(self) -> None:
        entry = self.current()
        if entry is not None:
            self.tasks.run(work_log.linkable_children, lambda kids: self._open(kids, entry))

    def _open(self, children: list[tuple[str, str]], entry: WorkLogEntry | None) -> None:
        dialog = WorkLogDialog(children, entry, self.window())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.submitted.connect(lambda values: self._save(dialog, entry, values))
        dialog.destroyed.connect(lambda: setattr(self, "dialog", None))
        self.dialog = dialog
        dialog.open()

    def _save(
        self, dialog: WorkLogDialog, entry: WorkLogEntry | None, values: dict[str, Any]
    ) -> None:
        def job(session: Any) -> WorkLogEntry:
            if entry is None:
                return work_log.add_entry(session, **values)
            return work_log.edit_entry(session, entry.id, **values)

        def done(saved: WorkLogEntry) -> None:
            dialog.accept()
            self.month.setDate(QDate(saved.logged_on.year, saved.logged_on.month, 1))
            self.refresh()

        def failed(error: Exception) -> None:
            if not isinstance(error, ValidationError):
                raise error
            dialog.refused(error)

        self.tasks.run(job, done, failed)

    def delete(self) -> None:
        entry = self.current()
        if entry is None:
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            tr("work_log", "删除"),
            tr("work_log", "删除{day}的工作日志“{title}”吗？").format(
                day=entry.logged_on.isoformat(), title=entry.title
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self,
        )
        yes = box.button(QMessageBox.StandardButton.Yes)
        yes.setText(tr("work_log", "删除"))
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.finished.connect(lambda _r: self._delete(entry) if box.clickedButton() is yes else None)
        box.open()

    def _delete(self, entry: WorkLogEntry) -> None:
        self.tasks.run(
            lambda s: work_log.delete_entry(s, entry.id), lambda _r: self.refresh(), self._failed
        )

    # -- 打印本月 ---------------------------------------------------------------------------

    def _ask_pdf(self) -> None:
        year, month = self.year_month()
        suggested = f"工作日志-{year}{month:02d}.pdf"
        choose_save(self, tr("work_log", "另存为PDF"), suggested, "PDF (*.pdf)", self.save_pdf)

    def save_pdf(self, path: Path) -> None:
        """Write the month's log as PDF to ``path``."""
        year, month = self.year_month()

        def job(session: Any) -> Path:
            return printing.write_pdf(path, work_log.month_pdf(session, year, month))

        def done(saved: Path) -> None:
            self.status.setText(tr("work_log", "已保存：{path}").format(path=saved))

        self.tasks.run(job, done, self._failed)

    def _failed(self, error: Exception) -> None:
        if not isinstance(error, DomainError):
            raise error
        self.status.setText(error_text(error))
