"""工作台: today's worklist, overdue first and colour-coded, with the day's counts."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTableView, QVBoxLayout, QWidget

from ...core.vocab import Category, RiskColour
from ...core.worklist import WorkKind
from ...services import stats, worklist
from ..i18n import tr
from ..models.worklist_table_model import WorklistTableModel
from ..tasks import Tasks
from ..widgets.labels import plain
from ..widgets.tables import configure_table

# Which tab of the child's file an item opens.
TAB_FOR = {
    WorkKind.FIRST_VISIT: "visits",
    WorkKind.HOME_VISIT: "visits",
    WorkKind.CONTACT: "visits",
    WorkKind.HOLIDAY_VISIT: "visits",
    WorkKind.ASSESSMENT: "assessments",
    WorkKind.AGREEMENT_MISSING: "care",
    WorkKind.AGREEMENT_EXPIRING: "care",
    WorkKind.AGREEMENT_EXPIRED: "care",
    WorkKind.AGEING_OUT: "basic",
}


def _load(session: Any) -> tuple[Any, dict[str, Any]]:
    return worklist.get_worklist(session), stats.store_stats(session)


class WorkbenchView(QWidget):
    open_child = Signal(str, str)  # child id, tab
    loaded = Signal()

    def __init__(self, tasks: Tasks, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tasks = tasks
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.title = plain(QLabel())
        self.title.setObjectName("title")
        self.title.setStyleSheet("font-size: 16pt; font-weight: bold;")
        top.addWidget(self.title, 1)
        refresh = QPushButton(self.tr("刷新"))
        refresh.clicked.connect(self.refresh)
        top.addWidget(refresh)
        layout.addLayout(top)
        self.summary = plain(QLabel())
        self.summary.setObjectName("summary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.counts = plain(QLabel())
        self.counts.setObjectName("counts")
        self.counts.setWordWrap(True)
        layout.addWidget(self.counts)
        self.model = WorklistTableModel(self)
        self.table = QTableView()
        self.table.setObjectName("worklist")
        self.table.setModel(self.model)
        configure_table(self.table, "workbench")
        self.table.doubleClicked.connect(self._open)
        self.table.activated.connect(self._open)
        layout.addWidget(self.table, 1)
        self.stale = True

    def refresh(self) -> None:
        self.tasks.run(_load, self._show)

    def _show(self, result: tuple[Any, dict[str, Any]]) -> None:
        work, figures = result
        self.stale = False
        self.title.setText(
            tr("workbench", "今日工作　截至 {day}").format(day=work.as_of.isoformat())
        )
        overdue = sum(work.counts["overdue"].values())
        due = sum(work.counts["due"].values())
        self.summary.setText(
            tr(
                "workbench", "逾期 {overdue} 项，即将到期 {due} 项。双击一项打开该儿童的档案。"
            ).format(overdue=overdue, due=due)
        )
        self.counts.setText(_counts_text(figures))
        if work.policy_problem:
            self.summary.setText(
                self.summary.text() + tr("workbench", "　注意：县级政策有误，已按默认执行。")
            )
        self.model.set_records(work.items)
        self.loaded.emit()

    def _open(self, index: QModelIndex) -> None:
        item = self.model.record(index.row())
        self.open_child.emit(item.child_id, TAB_FOR[item.kind])


def _counts_text(figures: dict[str, Any]) -> str:
    categories = "，".join(
        f"{tr('vocab', Category(code).label)} {n}" for code, n in figures["by_category"].items()
    )
    by_colour = figures["by_colour"]
    colours = "，".join(
        [f"{tr('vocab', c.label)} {by_colour[c.value]}" for c in RiskColour if c.value in by_colour]
        + (
            [f"{tr('vocab', '未评估')} {by_colour['unassessed']}"]
            if "unassessed" in by_colour
            else []
        )
    )
    return tr("workbench", "在册 {active} 名（{categories}）；风险等级：{colours}").format(
        active=figures["active"], categories=categories or "—", colours=colours or "—"
    )
