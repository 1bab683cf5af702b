"""服务计划 in the child's file (四级分类服务): the current plan (what is done, by whom,
how often), whether it is due to be written or reviewed, 制定／修订 through the dialog
filled from the county's default, and every earlier plan below."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ...core.records import ChildFile, ServicePlanRecord
from ...core.worklist import WorkItem, WorkKind
from ...services import plan_defaults
from ..dialogs import service_plan_dialog
from ..dialogs.record_dialog import RecordDialog
from ..i18n import tr
from ..models.record_table_model import Column
from ..models.worklist_table_model import detail_text, state_text, work_label
from ..tasks import Tasks
from ..widgets.labels import plain
from .child_tabs import RecordsTab

PLAN_COLUMNS = [
    Column("制定日期", lambda p: p.written_on),
    Column("风险等级", lambda p: p.colour),
    Column("服务措施", lambda p: "；".join(p.measures.splitlines())),
    Column("责任人", lambda p: p.responsible),
    Column("服务频次", lambda p: p.frequency),
    Column("复核日期", lambda p: p.review_due),
]
PLAN_KINDS = (WorkKind.SERVICE_PLAN_MISSING, WorkKind.SERVICE_PLAN_REVIEW)


class ServicePlanBox(QWidget):
    """The current plan above, the button, the history below; ``opened`` hands the
    dialog to the file."""

    def __init__(
        self, tasks: Tasks, opened: Callable[[RecordDialog], Any], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.tasks, self._opened = tasks, opened
        self.file: ChildFile | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        heading = plain(QLabel(tr("file", "当前服务计划")))
        heading.setStyleSheet("font-weight: bold;")
        layout.addWidget(heading)
        self.current = plain(QLabel())
        self.current.setObjectName("plan_current")
        self.current.setWordWrap(True)
        layout.addWidget(self.current)
        row = QHBoxLayout()
        self.due = plain(QLabel())
        self.due.setObjectName("plan_due")
        self.due.setWordWrap(True)
        self.due.setStyleSheet("color: #9b1c1c; font-weight: bold;")
        row.addWidget(self.due, 1)
        row.addStretch(1)  # the button keeps its own width when nothing is due
        self.write_button = QPushButton(tr("file", "制定服务计划"))
        self.write_button.setObjectName("plan_write")
        self.write_button.clicked.connect(self._write)
        row.addWidget(self.write_button)
        layout.addLayout(row)
        self.history = RecordsTab(
            "service_plans", PLAN_COLUMNS, [], title=tr("file", "历次服务计划")
        )
        layout.addWidget(self.history, 1)

    def set_file(self, file: ChildFile) -> None:
        self.file = file
        plan = file.service_plans[0] if file.service_plans else None
        self.current.setText(_plan_text(plan))
        self.write_button.setText(
            tr("file", "修订服务计划") if plan else tr("file", "制定服务计划")
        )
        self.write_button.setEnabled(file.active)
        work = [w for w in file.work if w.kind in PLAN_KINDS]
        self.due.setText(_due_text(work[0]) if work else "")
        self.due.setVisible(bool(work))
        self.history.set_records(file.service_plans)

    def _write(self) -> None:
        assert self.file is not None
        file = self.file
        current = file.service_plans[0] if file.service_plans else None

        def job(session: Any) -> tuple[dict[str, Any], Any]:
            template = plan_defaults.plan_template(session, child_id=file.child.id)
            return template, plan_defaults.county_defaults(session)

        def ready(found: tuple[dict[str, Any], Any]) -> None:
            template, defaults = found
            self._opened(
                service_plan_dialog.write_plan(
                    self.tasks, self, file.child.id, template, defaults, current
                )
            )

        self.tasks.run(job, ready)


def _plan_text(plan: ServicePlanRecord | None) -> str:
    if plan is None:
        return tr("file", "尚未制定服务计划。")
    measures = "\n".join(
        f"{n}. {line}" for n, line in enumerate(plan.measures.splitlines(), start=1)
    )
    review = plan.review_due.isoformat() if plan.review_due else tr("file", "未定")
    return (
        tr("file", "风险等级：{colour}色　制定日期：{written}　复核日期：{review}").format(
            colour=tr("vocab", plan.colour.label),
            written=plan.written_on.isoformat(),
            review=review,
        )
        + "\n"
        + tr("file", "责任人：{who}　服务频次：{often}").format(
            who=plan.responsible, often=plan.frequency
        )
        + "\n"
        + tr("file", "服务措施：")
        + "\n"
        + measures
    )


def _due_text(item: WorkItem) -> str:
    why = detail_text(item)
    reason = f"（{why}）" if why else ""
    return f"{work_label(item.kind)}{reason}：{state_text(item)}，{item.due_on.isoformat()}"
