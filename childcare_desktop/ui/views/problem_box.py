"""问题跟进 in the child's file: the problems found in the child's situation, who acts on
each by when, the steps taken (记一步) and the closing (结案) with how it was solved."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSplitter, QWidget

from ...core.records import ChildFile, ProblemRecord
from ...core.vocab import ProblemState
from ..dialogs import problem_dialogs
from ..dialogs.record_dialog import RecordDialog
from ..i18n import tr
from ..models.record_table_model import Column
from ..tasks import Tasks
from .child_tabs import RecordsTab


def _state(problem: ProblemRecord) -> Any:
    return tr("file", "已逾期") if problem.overdue_on(date.today()) else problem.state


PROBLEM_COLUMNS = [
    Column("发现日期", lambda p: p.found_on),
    Column("类别", lambda p: p.kind),
    Column("问题", lambda p: p.description, 220),
    Column("责任人（单位）", lambda p: p.handled_by),
    Column("完成时限", lambda p: p.target_on),
    Column("跟进次数", lambda p: len(p.steps)),
    Column("状态", _state),
    Column("结案日期", lambda p: p.closed_on),
    Column("解决情况", lambda p: p.solution, 200),
]
STEP_COLUMNS = [
    Column("日期", lambda r: r[1].on_date),
    Column("问题", lambda r: r[0].description, 160),
    Column("所做工作", lambda r: r[1].action, 240),
    Column("结果", lambda r: r[1].result),
]


class ProblemBox(QSplitter):
    """The problems above, every step below; ``opened`` hands each dialog to the file."""

    def __init__(
        self, tasks: Tasks, opened: Callable[[RecordDialog], Any], parent: QWidget | None = None
    ) -> None:
        super().__init__(Qt.Orientation.Vertical, parent)
        self.tasks, self._opened = tasks, opened
        self.file: ChildFile | None = None
        self.problems = RecordsTab(
            "problems",
            PROBLEM_COLUMNS,
            [
                (tr("file", "记一步"), self._step, True),
                (tr("file", "结案"), self._close, True),
                (tr("file", "修改"), self._edit, True),
                (tr("file", "新增问题"), lambda _: self.record(), False),
            ],
            title=tr("file", "发现问题和解决方案"),
        )
        self.steps = RecordsTab("problem_steps", STEP_COLUMNS, [], title=tr("file", "跟进记录"))
        self.addWidget(self.problems)
        self.addWidget(self.steps)
        self.problems.table.selectionModel().selectionChanged.connect(lambda *_: self._enable())

    def set_file(self, file: ChildFile) -> None:
        self.file = file
        self.problems.set_records(file.problems)
        # newest first, each with the problem it belongs to
        steps = [(p, s) for p in file.problems for s in p.steps]
        self.steps.set_records(sorted(steps, key=lambda r: r[1].on_date, reverse=True))
        self._enable()

    def _enable(self) -> None:
        """记一步, 结案 and 修改 act on an open problem: the one chosen, or any if none is."""
        chosen = self.problems.selected()
        shown = [chosen] if chosen is not None else (self.file.problems if self.file else ())
        open_ = any(p.state is ProblemState.OPEN for p in shown)
        for label in (tr("file", "记一步"), tr("file", "结案"), tr("file", "修改")):
            self.problems.buttons[label].setEnabled(open_)

    def record(self, values: dict[str, Any] | None = None) -> None:
        """新增问题, with what a visit already says when recorded from it (记为问题)."""
        assert self.file is not None
        self._opened(problem_dialogs.record_problem(self.tasks, self, self.file, values))

    def _step(self, problem: ProblemRecord) -> None:
        if problem.state is ProblemState.OPEN:
            self._opened(problem_dialogs.add_step(self.tasks, self, problem))

    def _edit(self, problem: ProblemRecord) -> None:
        if problem.state is ProblemState.OPEN:
            self._opened(problem_dialogs.edit(self.tasks, self, problem))

    def _close(self, problem: ProblemRecord) -> None:
        if problem.state is ProblemState.OPEN:
            self._opened(problem_dialogs.close(self.tasks, self, problem))
