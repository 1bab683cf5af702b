"""辍学与劝返 in the child's file: the child's dropouts with their state, every attempt to
bring the child back (劝返), and the written report (书面报告) when persuasion fails."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QMessageBox, QSplitter, QWidget

from ...core.records import ChildFile, DropoutRecord
from ...core.vocab import DropoutState
from ...services import dropout_report, dropouts
from ...services.printing import write_pdf
from ..dialogs import dropout_dialogs
from ..dialogs.record_dialog import RecordDialog
from ..file_dialogs import choose_save
from ..i18n import tr
from ..models.record_table_model import Column
from ..tasks import Tasks
from .child_tabs import RecordsTab

DROPOUT_COLUMNS = [
    Column("辍学日期", lambda d: d.left_on),
    Column("学校", lambda d: d.school),
    Column("年级", lambda d: d.grade),
    Column("原因", lambda d: d.reason),
    Column("劝返次数", lambda d: len(d.attempts)),
    Column("状态", lambda d: d.state),
    Column("书面报告日期", lambda d: d.reported_on),
]
PERSUASION_COLUMNS = [
    Column("劝返日期", lambda p: p.on_date),
    Column("劝返人", lambda p: p.done_by),
    Column("方式", lambda p: p.method),
    Column("结果", lambda p: p.outcome),
    Column("情况", lambda p: p.note),
]


class DropoutBox(QSplitter):
    """The dropouts above, the attempts below; ``opened`` hands each dialog to the file."""

    reported = Signal(object)  # the path of the written report saved

    def __init__(
        self, tasks: Tasks, opened: Callable[[RecordDialog], Any], parent: QWidget | None = None
    ) -> None:
        super().__init__(Qt.Orientation.Vertical, parent)
        self.tasks, self._opened = tasks, opened
        self.file: ChildFile | None = None
        self.done_by = ""  # the director's name, offered as 劝返人
        self.dropouts = RecordsTab(
            "dropouts",
            DROPOUT_COLUMNS,
            [
                (tr("file", "劝返"), self._persuade, True),
                (tr("file", "打印书面报告…"), self._ask_report, True),
                (tr("file", "记录辍学"), lambda _: self._record(), False),
            ],
            title=tr("file", "辍学与劝返"),
        )
        self.attempts = RecordsTab(
            "persuasions", PERSUASION_COLUMNS, [], title=tr("file", "劝返记录")
        )
        self.addWidget(self.dropouts)
        self.addWidget(self.attempts)

    def set_file(self, file: ChildFile) -> None:
        self.file = file
        self.dropouts.set_records(file.dropouts)
        self.attempts.set_records([a for d in file.dropouts for a in reversed(d.attempts)])

    def _record(self) -> None:
        assert self.file is not None
        self._opened(dropout_dialogs.record_dropout(self.tasks, self, self.file.child))

    def _persuade(self, dropout: DropoutRecord) -> None:
        self._opened(dropout_dialogs.persuade(self.tasks, self, dropout, self.done_by))

    def _ask_report(self, dropout: DropoutRecord) -> None:
        """劝返无效 (two failed attempts) prints at once; otherwise the director confirms."""
        if dropout.state is not DropoutState.OPEN or dropouts.report_due(dropout):
            self._choose_file(dropout)
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            tr("file", "书面报告"),
            tr(
                "file",
                "劝返尚未两次无效。确认劝返无效，向乡镇人民政府和县级教育行政部门书面报告吗？",
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.buttonClicked.connect(
            lambda button: (
                self._choose_file(dropout)
                if box.buttonRole(button) is QMessageBox.ButtonRole.YesRole
                else None
            )
        )
        box.open()

    def _choose_file(self, dropout: DropoutRecord) -> None:
        assert self.file is not None
        name = tr("file", "辍学书面报告-{name}.pdf").format(name=self.file.child.name)
        choose_save(
            self,
            tr("file", "保存书面报告"),
            name,
            "PDF (*.pdf)",
            lambda target: self._print(dropout, target),
        )

    def _print(self, dropout: DropoutRecord, target: Path) -> None:
        def job(session: Any) -> Path:
            return write_pdf(target, dropout_report.report(session, dropout_id=dropout.id))

        self.tasks.run(job, self.reported.emit)
