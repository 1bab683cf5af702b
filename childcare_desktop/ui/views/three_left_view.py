"""留守妇女/老人 (三留守, issue 18): the village's left-behind women and elderly, their
own roster (never the children's), with 新增 / 编辑 / 记走访 / 退出 and the roster as PDF.

The page is in the navigation only while the county's policy has the duty on; what was
kept before stays in the store and syncs either way.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...core.dates import age_on
from ...core.errors import DomainError
from ...services import printing, three_left, three_left_roster
from ...services.three_left import AdultRecord
from ..dialogs import three_left_dialogs as dialogs
from ..dialogs.record_dialog import RecordDialog
from ..file_dialogs import choose_save
from ..i18n import error_text, tr
from ..tasks import Tasks
from ..widgets.labels import plain
from ..widgets.tables import list_table

COLUMNS = (
    QT_TRANSLATE_NOOP("three_left", "类别"),
    QT_TRANSLATE_NOOP("three_left", "姓名"),
    QT_TRANSLATE_NOOP("three_left", "性别"),
    QT_TRANSLATE_NOOP("three_left", "年龄"),
    QT_TRANSLATE_NOOP("three_left", "住址"),
    QT_TRANSLATE_NOOP("three_left", "外出务工地点"),
    QT_TRANSLATE_NOOP("three_left", "外出的家人"),
    QT_TRANSLATE_NOOP("three_left", "健康状况"),
    QT_TRANSLATE_NOOP("three_left", "联系电话"),
    QT_TRANSLATE_NOOP("three_left", "最近联系"),
    QT_TRANSLATE_NOOP("three_left", "下次联系"),
)
OVERDUE = QColor("#b00020")


class ThreeLeftView(QWidget):
    dialog_opened = Signal(object)  # for the main window's status-bar confirmation
    changed = Signal()  # a file or a contact saved: the workbench's section is stale

    def __init__(self, tasks: Tasks, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.stale = True
        self.township: str | None = None  # a township's store: a new person's village
        self.records: list[AdultRecord] = []
        self.dialog: RecordDialog | None = None
        layout = QVBoxLayout(self)
        heading = plain(QLabel(tr("three_left", "留守妇女、留守老年人")))
        heading.setObjectName("page_title")
        heading.setStyleSheet("font-size: 16pt; font-weight: bold;")
        layout.addWidget(heading)
        layout.addLayout(self._tools())
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("three_left")
        self.table.setHorizontalHeaderLabels([tr("three_left", str(c)) for c in COLUMNS])
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
        self.add_button = self._button(row, "new", tr("three_left", "新增"), self.add)
        self.edit_button = self._button(row, "edit", tr("three_left", "编辑"), self.edit)
        self.visit_button = self._button(row, "visit", tr("three_left", "记走访"), self.visit)
        self.exit_button = self._button(row, "exit", tr("three_left", "退出"), self.exit)
        self.with_exited = QCheckBox(tr("three_left", "显示已退出的"))
        self.with_exited.setObjectName("with_exited")
        self.with_exited.toggled.connect(lambda _on: self.refresh())
        row.addWidget(self.with_exited)
        row.addStretch(1)
        self.print_button = self._button(
            row, "print", tr("three_left", "打印名册（PDF）"), self._ask_pdf
        )
        return row

    def _button(self, row: QHBoxLayout, name: str, text: str, slot: Any) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.clicked.connect(lambda: slot())
        row.addWidget(button)
        return button

    def refresh(self) -> None:
        self.stale = False
        exited = self.with_exited.isChecked()
        self.tasks.run(lambda s: three_left.roster(s, with_exited=exited), self._show)

    def _show(self, records: list[AdultRecord]) -> None:
        self.records = records
        today = date.today()
        self.table.setRowCount(len(records))
        for i, r in enumerate(records):
            for j, text in enumerate(_cells(r, today)):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, r.id)
                if r.exited_on is not None:
                    item.setForeground(QBrush(QColor("#777777")))
                elif j == len(COLUMNS) - 1 and r.next_contact_on and r.next_contact_on < today:
                    item.setForeground(QBrush(OVERDUE))
                self.table.setItem(i, j, item)
        self.table.resizeColumnsToContents()
        self.table.clearSelection()
        self.table.setCurrentCell(-1, -1)
        women = sum(r.kind.value == "woman" for r in records)
        self.status.setText(
            tr("three_left", "留守妇女 {women} 人，留守老年人 {elders} 人。").format(
                women=women, elders=len(records) - women
            )
            if records
            else tr("three_left", "名册上还没有人。点击“新增”登记留守妇女或留守老年人。")
        )
        self._selected()

    def current(self) -> AdultRecord | None:
        row = self.table.currentRow()
        return self.records[row] if 0 <= row < len(self.records) else None

    def select(self, person_id: str) -> None:
        """Make a person the current row (the workbench's section opens her here)."""
        for i, r in enumerate(self.records):
            if r.id == person_id:
                self.table.selectRow(i)

    def _selected(self) -> None:
        chosen = self.current()
        self.edit_button.setEnabled(chosen is not None)
        on_roster = chosen is not None and chosen.exited_on is None
        self.visit_button.setEnabled(on_roster)
        self.exit_button.setEnabled(on_roster)

    # -- 新增 / 编辑 / 记走访 / 退出 ---------------------------------------------------------

    def add(self) -> RecordDialog:
        return self._open(dialogs.new_person(self.tasks, self.window(), self.township))

    def edit(self) -> RecordDialog | None:
        chosen = self.current()
        return (
            self._open(dialogs.edit_person(self.tasks, self.window(), chosen)) if chosen else None
        )

    def visit(self) -> RecordDialog | None:
        chosen = self.current()
        if chosen is None or chosen.exited_on is not None:
            return None
        return self._open(dialogs.log_visit(self.tasks, self.window(), chosen))

    def exit(self) -> RecordDialog | None:
        chosen = self.current()
        if chosen is None or chosen.exited_on is not None:
            return None
        return self._open(dialogs.exit_person(self.tasks, self.window(), chosen))

    def visit_person(self, person_id: str) -> None:
        """记走访 for one person (the workbench's section asks it)."""

        def opened(person: AdultRecord) -> None:
            self._open(dialogs.log_visit(self.tasks, self.window(), person))

        self.tasks.run(lambda s: three_left.person(s, person_id), opened)

    def _open(self, dialog: RecordDialog) -> RecordDialog:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(lambda _r: self._saved())
        dialog.destroyed.connect(lambda: setattr(self, "dialog", None))
        self.dialog = dialog
        self.dialog_opened.emit(dialog)
        dialog.open()
        return dialog

    def _saved(self) -> None:
        self.refresh()
        self.changed.emit()

    # -- 打印名册 ---------------------------------------------------------------------------

    def _ask_pdf(self) -> None:
        suggested = f"留守妇女老人花名册-{date.today():%Y%m%d}.pdf"
        choose_save(self, tr("three_left", "另存为PDF"), suggested, "PDF (*.pdf)", self.save_pdf)

    def save_pdf(self, path: Path) -> None:
        """Write the roster as PDF to ``path``."""

        def job(session: Any) -> Path:
            return printing.write_pdf(path, three_left_roster.roster_pdf(session))

        def done(saved: Path) -> None:
            self.status.setText(tr("three_left", "已保存：{path}").format(path=saved))

        self.tasks.run(job, done, self._failed)

    def _failed(self, error: Exception) -> None:
        if not isinstance(error, DomainError):
            raise error
        self.status.setText(error_text(error))


def _cells(r: AdultRecord, today: date) -> tuple[str, ...]:
    due = r.next_contact_on
    if r.exited_on is not None:
        reason = tr("vocab", r.exit_reason.label) if r.exit_reason else ""
        next_text = tr("three_left", "已退出（{day}，{reason}）").format(
            day=r.exited_on.isoformat(), reason=reason
        )
    else:
        late = tr("three_left", "（逾期）") if due and due < today else ""
        next_text = (due.isoformat() if due else "") + late
    return (
        tr("vocab", r.kind.label),
        r.name,
        tr("vocab", r.sex.label),
        str(age_on(r.birth_date, today)) if r.birth_date else "",
        r.address or "",
        r.work_place or "",
        r.away_who or "",
        tr("vocab", r.health.label),
        r.phone or "",
        r.last_contact_on.isoformat() if r.last_contact_on else tr("three_left", "未联系"),
        next_text,
    )
