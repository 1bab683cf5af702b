"""季度核实 in the child's file: the child's quarterly verifications, the latest first,
with 季度核实 (this quarter's, or a past one entered late) and 修改."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QVBoxLayout, QWidget

from ...core.records import ChildFile, QuarterlyCheckRecord
from ..dialogs import quarterly_dialogs
from ..dialogs.record_dialog import RecordDialog
from ..i18n import tr
from ..models.record_table_model import Column
from ..quarter_text import quarter_text
from .child_tabs import RecordsTab

COLUMNS = [
    Column("季度", lambda c: quarter_text(c.quarter)),
    Column("核实日期", lambda c: c.checked_on),
    Column("家庭情况变化", lambda c: c.changes),
    Column("变化情况", lambda c: c.change_note),
    Column("待遇", lambda c: c.benefits_ok),
    Column("待遇说明", lambda c: c.benefits_note),
    Column("核实人", lambda c: c.checked_by),
]
NEW, EDIT = "季度核实", "修改"


class QuarterlyBox(QWidget):
    """The tab; ``opened`` hands each dialog to the file (which reloads on save)."""

    def __init__(
        self, tasks: Any, opened: Callable[[RecordDialog], Any], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.tasks, self._opened = tasks, opened
        self.file: ChildFile | None = None
        self.checked_by = ""  # the director's name, offered as 核实人
        self.checks = RecordsTab(
            "quarterly_checks",
            COLUMNS,
            [
                (tr("file", EDIT), self._edit, True),
                (tr("file", NEW), lambda _: self._new(), False),
            ],
            title=tr("file", "困境儿童季度核实（每季度一次，核实后向乡镇报告）"),
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.checks)

    def set_file(self, file: ChildFile) -> None:
        self.file = file
        self.checks.set_records(file.quarterly_checks)

    def record(self, quarter: str | None = None) -> RecordDialog:
        """季度核实 for ``quarter`` (the worklist's), else this quarter."""
        assert self.file is not None
        dialog = quarterly_dialogs.record_check(
            self.tasks, self, self.file.child, self.checked_by, quarter
        )
        self._opened(dialog)
        return dialog

    def _new(self) -> None:
        self.record()

    def _edit(self, check: QuarterlyCheckRecord) -> None:
        self._opened(quarterly_dialogs.edit_check(self.tasks, self, check))
