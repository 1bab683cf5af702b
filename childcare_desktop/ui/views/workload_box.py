"""The 工作台's line of the visit plan: each week's planned visits against the director's
weekly cap (本周 12/15), 仅本周计划, and 每周上限… which opens the setting's dialog."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QPushButton, QWidget

from ...core.errors import ValidationError
from ...core.workload import Plan, WeekLoad
from ...services import workload
from ..dialogs.workload_dialog import WeeklyCapDialog
from ..i18n import tr
from ..models.worklist_table_model import OVERDUE_COLOUR, week_text
from ..tasks import Tasks
from ..widgets.labels import plain


class WorkloadBox(QWidget):
    cap_saved = Signal()  # the worklist is read again with the new plan
    this_week_toggled = Signal(bool)

    def __init__(self, tasks: Tasks, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.dialog: WeeklyCapDialog | None = None
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.line = plain(QLabel())
        self.line.setObjectName("plan")
        self.line.setWordWrap(True)
        self.line.setTextFormat(Qt.TextFormat.PlainText)
        row.addWidget(self.line, 1)
        self.this_week = QCheckBox(tr("workload", "仅本周计划"))
        self.this_week.setObjectName("this_week_only")
        self.this_week.setToolTip(tr("workload", "只显示排在本周的走访和联系"))
        self.this_week.toggled.connect(self.this_week_toggled)
        row.addWidget(self.this_week)
        self.button = QPushButton(tr("workload", "每周走访上限…"))
        self.button.setObjectName("weekly_cap")
        self.button.setToolTip(tr("workload", "设定每周最多走访几次，到期的走访按周排开"))
        self.button.clicked.connect(self.ask)
        row.addWidget(self.button)
        self.show_plan(None)

    def show_plan(self, plan: Plan | None, village: str | None = None) -> None:
        """本周 12/15，下周 9/15, … (one village's on a township's store, when chosen)."""
        self.this_week.setVisible(plan is not None)
        if plan is None:
            self.this_week.setChecked(False)
            self.line.setText(tr("workload", "走访计划：未设每周上限，按应办日期办理。"))
            self.line.setStyleSheet("")
            return
        weeks = plan.weeks(village)
        parts = [_week_part(w, plan) for w in weeks]
        text = tr("workload", "走访计划（每周最多 {cap} 次）：").format(cap=weeks[0].cap)
        text += tr("workload", "，").join(parts)
        if any(w.over for w in weeks):
            text += tr("workload", "。超出上限的是不能推后的到期走访（含逾期），请尽量安排。")
        self.line.setText(text)
        over = weeks[0].over > 0
        self.line.setStyleSheet(f"color: {OVERDUE_COLOUR.name()};" if over else "")

    def ask(self) -> None:
        """Open 每周走访上限 with the store's value."""
        self.tasks.run(workload.weekly_visit_cap, self._open)

    def _open(self, cap: int | None) -> None:
        dialog = WeeklyCapDialog(cap, self.window())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.submitted.connect(lambda value: self._save(dialog, value))
        dialog.destroyed.connect(lambda: setattr(self, "dialog", None))
        self.dialog = dialog
        dialog.open()

    def _save(self, dialog: WeeklyCapDialog, cap: int | None) -> None:
        def failed(error: Exception) -> None:
            if not isinstance(error, ValidationError):
                raise error
            dialog.refused(error)

        def done(_cap: Any) -> None:
            dialog.accept()
            self.cap_saved.emit()

        self.tasks.run(lambda s: workload.set_weekly_visit_cap(s, cap=cap), done, failed)


def _week_part(week: WeekLoad, plan: Plan) -> str:
    part = f"{week_text(week.start, plan.today)} {week.planned}/{week.cap}"
    if week.over:
        part += tr("workload", "（超出 {over} 次）").format(over=week.over)
    return part
