"""线索登记: the clues from the 12355 and 12349 hotlines, the school, the village and the
police (issue 18), with 登记线索, their handling (转为强制报告 / 安排走访 / 记为备注) and 结案.

A report or a visit belongs to a child's file: a clue that only describes its child asks
for the child on file first, then opens the file's own report or visit dialog."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...core.records import ClueRecord
from ...core.vocab import ClueState
from ...services import clues, files
from ..dialogs import child_dialogs, clue_dialogs
from ..dialogs.record_dialog import RecordDialog
from ..i18n import tr
from ..models.record_table_model import Column, RecordTableModel
from ..tasks import Tasks
from ..widgets.labels import plain
from ..widgets.tables import configure_table

COLUMNS = [
    Column("接收时间", lambda c: c.received_at),
    Column("来源", lambda c: c.source),
    Column("涉及儿童", lambda c: c.child_name or c.about),
    Column("反映内容", lambda c: c.content.replace("\n", " "), width=320),
    Column("人身安全", lambda c: c.safety),
    Column("状态", lambda c: c.state),
    Column("处理", lambda c: c.handling),
    Column("结果", lambda c: c.outcome),
]


class ClueView(QWidget):
    dialog_opened = Signal(object)
    changed = Signal()  # a clue, a report or a visit saved: other pages are stale

    def __init__(self, tasks: Tasks, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.stale = True
        self.visitor = ""  # the director's name, for the visits made on a clue
        self.wanted: str | None = None  # a clue to select once listed (from the worklist)
        layout = QVBoxLayout(self)
        heading = plain(QLabel(tr("clues", "线索登记")))
        heading.setObjectName("page_title")
        heading.setStyleSheet("font-size: 16pt; font-weight: bold;")
        layout.addWidget(heading)
        layout.addLayout(self._tools())
        self.model = RecordTableModel(COLUMNS, self)
        self.table = QTableView()
        self.table.setObjectName("clues")
        self.table.setModel(self.model)
        configure_table(self.table, "clues")
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._selected())
        self.table.doubleClicked.connect(lambda _i: self._act("report"))
        layout.addWidget(self.table, 1)
        self.status = plain(QLabel())
        self.status.setObjectName("status")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self._selected()

    def _tools(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.open_only = QCheckBox(tr("clues", "仅未结案"))
        self.open_only.setObjectName("open_only")
        self.open_only.setChecked(True)
        self.open_only.toggled.connect(lambda _on: self.refresh())
        row.addWidget(self.open_only)
        self.buttons: dict[str, QPushButton] = {}
        for key, label in (
            ("new", tr("clues", "登记线索")),
            ("report", tr("clues", "转为强制报告")),
            ("visit", tr("clues", "安排走访")),
            ("note", tr("clues", "记为备注")),
            ("close", tr("clues", "结案")),
        ):
            button = QPushButton(label)
            button.setObjectName(key)
            button.clicked.connect(lambda _=False, k=key: self._act(k))
            row.addWidget(button)
            self.buttons[key] = button
            if key == "new":
                row.addStretch(1)
        return row

    # -- the list ---------------------------------------------------------------------------

    def refresh(self) -> None:
        self.stale = False
        open_only = self.open_only.isChecked()
        self.tasks.run(lambda s: clues.list_clues(s, open_only=open_only), self._show)

    def show_clue(self, clue_id: str) -> None:
        """List the clues again and select ``clue_id`` (the worklist's 办理)."""
        self.wanted = clue_id
        self.refresh()

    def _show(self, records: list[ClueRecord]) -> None:
        chosen = self.wanted or (c.id if (c := self.current()) else None)
        self.wanted = None
        self.model.set_records(records)
        self.table.resizeColumnsToContents()
        self.table.setColumnWidth(3, min(self.table.columnWidth(3), 360))
        self.table.clearSelection()
        waiting = sum(r.state is ClueState.OPEN for r in records)
        self.status.setText(
            tr(
                "clues", "共 {n} 条，其中 {open} 条待处理（当日处理；涉及人身安全的立即处理）。"
            ).format(n=len(records), open=waiting)
            if records
            else tr("clues", "没有待办的线索。接到热线、学校或村民反映时，点击“登记线索”。")
        )
        if chosen is not None:
            self.select(chosen)
        self._selected()

    def select(self, clue_id: str) -> None:
        """Select the clue ``clue_id`` if it is listed (from the worklist)."""
        for row in range(self.model.rowCount()):
            if self.model.record(row).id == clue_id:
                self.table.selectRow(row)
                return

    def current(self) -> ClueRecord | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.model.record(rows[0].row()) if rows else None

    def _selected(self) -> None:
        clue = self.current()
        waiting = clue is not None and clue.state is ClueState.OPEN
        for key in ("report", "visit", "note"):
            self.buttons[key].setEnabled(waiting)
        self.buttons["close"].setEnabled(clue is not None and clue.state is not ClueState.CLOSED)

    # -- actions ----------------------------------------------------------------------------

    def _act(self, key: str) -> None:
        clue = self.current()
        if key == "new":
            self.tasks.run(clues.child_choices, self._register)
        elif clue is None:
            return
        elif key == "note":
            self._open(clue_dialogs.note(self.tasks, self.window(), clue))
        elif key == "close":
            self._open(clue_dialogs.close(self.tasks, self.window(), clue))
        elif clue.state is ClueState.OPEN:
            self._with_child(clue, key)

    def _register(self, children: list[tuple[str, str]]) -> None:
        self._open(clue_dialogs.register(self.tasks, self.window(), children))

    def _with_child(self, clue: ClueRecord, key: str) -> None:
        """A report or a visit: for the child on file, asked for first if need be."""
        if clue.child_id:
            self._handle(clue, key)
            return

        def ask(children: list[tuple[str, str]]) -> None:
            dialog = clue_dialogs.choose_child(self.tasks, self.window(), clue, children)
            dialog.saved.connect(lambda linked: self._handle(linked, key))
            self._open(dialog)

        self.tasks.run(clues.child_choices, ask)

    def _handle(self, clue: ClueRecord, key: str) -> None:
        assert clue.child_id is not None
        child_id = clue.child_id
        if key == "report":
            self._open(child_dialogs.report(self.tasks, self.window(), child_id, clue=clue))
            return

        def visit(file: Any) -> None:
            dialog = child_dialogs.visit(self.tasks, self.window(), file, self.visitor, clue=clue)
            self._open(dialog)

        self.tasks.run(lambda s: files.get_child_file(s, child_id=child_id), visit)

    def _open(self, dialog: RecordDialog) -> RecordDialog:
        dialog.saved.connect(lambda _record: self._saved())
        dialog.open()
        self.dialog_opened.emit(dialog)
        return dialog

    def _saved(self) -> None:
        self.changed.emit()
        self.refresh()
