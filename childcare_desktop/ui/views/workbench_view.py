"""工作台: today's worklist, overdue first and colour-coded, with the day's counts.

Enter (or 办理) on a row does the task: a visit or contact opens the visit dialog for that
child, an assessment the assessment dialog, anything else the child's file at the right
tab; double-click opens the file; the right-click menu has all of these.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...core.vocab import Category, RiskColour
from ...core.worklist import WorkKind
from ...services import backups, spot_findings, stats, township, worklist
from ..i18n import tr
from ..models.worklist_table_model import (
    KIND_GROUPS,
    PLAN_COLUMN,
    VILLAGE_COLUMN,
    VISIT_KINDS,
    WorklistTableModel,
    WorkQuery,
)
from ..tasks import Tasks
from ..widgets.empty_state import over_table
from ..widgets.labels import plain
from ..widgets.row_actions import ENTER_KEYS, add_row_action, current_record
from ..widgets.tables import configure_table, fit_columns, show_column
from ..widgets.village_filter import VillageFilter
from .backup_warning import BackupWarning
from .review_answers import ReviewAnswersPanel
from .spot_finding_box import ask_fixed
from .three_left_panel import ThreeLeftPanel
from .village_table import VillageTable
from .workload_box import WorkloadBox

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
    WorkKind.SPOT_FINDING: "basic",
    WorkKind.DROPOUT_PERSUASION: "dropouts",
    WorkKind.PROBLEM_DUE: "problems",
    WorkKind.SERVICE_PLAN_MISSING: "plans",
    WorkKind.SERVICE_PLAN_REVIEW: "plans",
    WorkKind.CLUE: "basic",
    WorkKind.REPORT_STAGE: "incidents",
    WorkKind.QUARTERLY_CHECK: "quarterly",
    WorkKind.PAIRING_CONTACT: "pairing",
    WorkKind.SCHOOL_NOTICE: "pairing",
}


def _load(session: Any) -> tuple[Any, Any, list[Any]]:
    """The day's work and the roll's counts; on a township's store its villages and
    their table. The counts come with the worklist, from its facts: counting the store
    again took a second over 20,000 children, at every refresh (issue 19)."""
    work = worklist.get_worklist(session)
    villages = township.township_villages(session)
    table = township.village_table(session, work=work) if villages else []
    return work, villages, table


class WorkbenchView(QWidget):
    open_child = Signal(str, str)  # child id, tab
    village_chosen = Signal(str)  # a township's store: open the roster on this village
    task_requested = Signal(str, str)  # child id, "visit" / "assess" / "print"
    clue_requested = Signal(str)  # a clue's id: 线索登记 with it selected
    new_child = Signal()
    import_requested = Signal()
    backup_settings_requested = Signal()  # the backup warning's button: 设置 › 自动备份
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
        self.backup_warning = BackupWarning()
        self.backup_warning.act.clicked.connect(self.backup_settings_requested)
        layout.addWidget(self.backup_warning)
        self.villages = VillageTable()  # a township's store only
        self.villages.setVisible(False)
        self.villages.roster_requested.connect(self.village_chosen)
        self.villages.work_requested.connect(self._work_of)
        layout.addWidget(self.villages)
        self.review_answers = ReviewAnswersPanel(tasks)  # the township's answers (审核)
        self.review_answers.open_child.connect(self.open_child)
        layout.addWidget(self.review_answers)
        self.three_left = ThreeLeftPanel(tasks)  # 三留守: their own section, never the children's
        layout.addWidget(self.three_left)
        self.workload = WorkloadBox(tasks)  # the visit plan under the weekly cap
        self.workload.cap_saved.connect(self.refresh)
        self.workload.this_week_toggled.connect(self.apply)
        layout.addWidget(self.workload)
        layout.addLayout(self._filters())
        self.model = WorklistTableModel(self)
        self.table = QTableView()
        self.table.setObjectName("worklist")
        self.table.setModel(self.model)
        configure_table(self.table, "workbench-v3")  # v2: 村, v3: 计划周
        self.table.setColumnHidden(VILLAGE_COLUMN, True)  # until a township's store loads
        self.table.setColumnHidden(PLAN_COLUMN, True)  # until a weekly cap is set
        self.table.doubleClicked.connect(self._open)
        self._row_actions()
        layout.addWidget(self.table, 1)
        self.children_total = -1  # in the store, 在册; -1 until loaded
        self.empty = over_table(
            self.table,
            self._empty_text,
            [
                (self.tr("新建儿童"), self.new_child.emit),
                (self.tr("导入台账…"), self.import_requested.emit),
            ],
            lambda: self.children_total == 0,
        )
        self.stale = True

    def _filters(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.village = VillageFilter("worklist")  # a township's store only
        self.village.chosen.connect(self.apply)
        row.addWidget(self.village)
        self.kind = QComboBox()
        self.kind.setObjectName("kind")
        self.kind.addItem(self.tr("全部事项"), None)
        for key, (label, _kinds) in KIND_GROUPS.items():
            self.kind.addItem(tr("work", label), key)
        self.kind.currentIndexChanged.connect(self.apply)
        row.addWidget(self.kind)
        self.overdue_only = QCheckBox(self.tr("仅逾期"))
        self.overdue_only.setObjectName("overdue_only")
        self.overdue_only.toggled.connect(self.apply)
        row.addWidget(self.overdue_only)
        self.count = plain(QLabel())
        self.count.setObjectName("count")
        row.addWidget(self.count)
        row.addStretch(1)
        self.visit_button = QPushButton(self.tr("记录走访"))
        self.visit_button.setObjectName("visit_button")
        self.visit_button.setToolTip(self.tr("为选中事项的儿童登记一次走访或联系"))
        self.visit_button.clicked.connect(lambda: self._ask("visit"))
        row.addWidget(self.visit_button)
        self.do_button = QPushButton(self.tr("办理（回车）"))
        self.do_button.setObjectName("do_button")
        self.do_button.clicked.connect(lambda: self._do(current_record(self.table)))
        row.addWidget(self.do_button)
        return row

    def _row_actions(self) -> None:
        """The right-click menu; Enter runs its first entry."""
        t = self.table
        self.do_action = add_row_action(
            t, self.tr("办理此事项"), self._do, keys=ENTER_KEYS, name="do"
        )
        add_row_action(t, self.tr("记录走访"), lambda i: self._ask("visit", i), name="visit")
        add_row_action(t, self.tr("监护评估"), lambda i: self._ask("assess", i), name="assess")
        add_row_action(t, self.tr("打开档案"), lambda i: self._open_file(i, "basic"), name="open")
        add_row_action(t, self.tr("打印档案"), lambda i: self._ask("print", i), name="print")
        add_row_action(t, self.tr("标记已整改"), self.ask_fixed, name="fixed")

    def apply(self, *_args: object) -> None:
        """Narrow the rows to one kind of task, the overdue, or this week's plan."""
        self.model.apply(self._query())
        self.workload.show_plan(self.model.plan, self.village.code())
        self._update_count()

    def _query(self) -> WorkQuery:
        return WorkQuery(
            group=self.kind.currentData(),
            overdue_only=self.overdue_only.isChecked(),
            village=self.village.code(),
            planned=self.model.this_week() if self.workload.this_week.isChecked() else None,
        )

    def _work_of(self, code: str) -> None:
        """Narrow the worklist to one village (the village table's right-click menu)."""
        self.village.choose(code)
        self.table.setFocus()

    def _update_count(self) -> None:
        self.count.setText(
            tr("workbench", "显示 {shown} / 共 {total} 项").format(
                shown=self.model.rowCount(), total=self.model.total
            )
        )
        chosen = self.model.rowCount() > 0
        self.visit_button.setEnabled(chosen)
        self.do_button.setEnabled(chosen)

    def _empty_text(self) -> str:
        if self.children_total < 0:
            return tr("workbench", "正在读取今日工作…")
        if self.children_total == 0:
            return tr("workbench", "还没有儿童档案。点击“新建儿童”或“导入台账…”开始。")
        if self.model.total:
            return tr("workbench", "没有符合筛选条件的事项。改选“全部事项”或取消“仅逾期”。")
        return tr("workbench", "今天没有到期或逾期的事项。")

    def _ask(self, action: str, item: Any = None) -> None:
        item = item or current_record(self.table)
        if item is not None and item.child_id:  # a clue may describe a child not on file
            self.task_requested.emit(item.child_id, action)

    def _open_file(self, item: Any, tab: str) -> None:
        if item.child_id:
            self.open_child.emit(item.child_id, tab)

    def _do(self, item: Any) -> None:
        """The task of the row: a visit, an assessment, or the file at the right tab."""
        if item is None:
            return
        if item.kind in VISIT_KINDS:
            self._ask("visit", item)
        elif item.kind is WorkKind.ASSESSMENT:
            self._ask("assess", item)
        elif item.kind is WorkKind.SPOT_FINDING:
            self.ask_fixed(item)
        elif item.kind is WorkKind.CLUE:
            self.clue_requested.emit(item.ref)
        elif item.kind is WorkKind.QUARTERLY_CHECK:
            self._ask(f"quarterly:{item.detail}", item)  # the dialog, for the item's quarter
        else:
            self.open_child.emit(item.child_id, _tab(item))

    def ask_fixed(self, item: Any) -> None:
        """A county spot-check finding: 已整改? (other rows: nothing to mark)."""
        if item is not None and item.kind is WorkKind.SPOT_FINDING:
            ask_fixed(self, item, self._fixed)

    def _fixed(self, finding: str) -> None:
        self.tasks.run(lambda s: spot_findings.mark_fixed(s, finding), lambda _r: self.refresh())

    def refresh(self) -> None:
        self.tasks.run(_load, self._show)
        self.tasks.run(lambda s: backups.backup_status(s), self.backup_warning.show_status)
        self.review_answers.refresh()
        self.three_left.refresh()

    def _show(self, result: tuple[Any, Any, list[Any]]) -> None:
        work, villages, rows = result
        shown = self._show_villages(villages, rows, work.items)
        self.stale = False
        self.title.setText(
            tr("workbench", "今日工作　截至 {day}").format(day=work.as_of.isoformat())
        )
        overdue = sum(work.counts["overdue"].values())
        due = sum(work.counts["due"].values())
        self.summary.setText(
            tr(
                "workbench",
                "逾期 {overdue} 项，即将到期 {due} 项。"
                "回车办理选中的事项，双击打开档案，右键查看更多操作。",
            ).format(overdue=overdue, due=due)
        )
        self.counts.setText(_counts_text(work.roll))
        if work.policy_problem:
            self.summary.setText(
                self.summary.text() + tr("workbench", "　注意：县级政策有误，已按默认执行。")
            )
        self.children_total = work.roll.active
        self.model.plan = work.plan
        self.model.query = self._query()  # the village remembered, before the one reset
        self.model.set_items(work.items, work.plan)
        self.workload.show_plan(work.plan, self.village.code())
        if show_column(self.table, PLAN_COLUMN, work.plan is not None) or shown:
            fit_columns(self.table)  # now: the 村 or 计划周 column was hidden until now
        self._update_count()
        self.empty.update_state()
        self.loaded.emit()

    def _show_villages(self, villages: Any, rows: list[Any], items: Any) -> bool:
        """A township's store: the table of villages, the 村 column and the filter; True
        when the column has just been shown."""
        self.villages.setVisible(villages is not None)
        self.villages.set_rows(rows)
        self.model.villages.set({v.code: v.label for v in villages.villages} if villages else {})
        shown = show_column(self.table, VILLAGE_COLUMN, villages is not None)
        self.village.set_villages(villages, Counter(i.region_code for i in items))
        return shown

    def _open(self, index: QModelIndex) -> None:
        item = self.model.record(index.row())
        if item.kind is WorkKind.CLUE:
            self.clue_requested.emit(item.ref)
        else:
            self.open_child.emit(item.child_id, TAB_FOR[item.kind])
        self.open_child.emit(item.child_id, _tab(item))


def _tab(item: Any) -> str:
    """The tab an item opens; a report's stage opens that report ("incidents:<id>")."""
    tab = TAB_FOR[item.kind]
    return f"{tab}:{item.ref}" if item.kind is WorkKind.REPORT_STAGE else tab


def _counts_text(roll: stats.Roll) -> str:
    categories = "，".join(
        f"{tr('vocab', Category(code).label)} {n}" for code, n in roll.by_category.items()
    )
    by_colour = roll.by_colour
    colours = "，".join(
        [f"{tr('vocab', c.label)} {by_colour[c.value]}" for c in RiskColour if c.value in by_colour]
        + (
            [f"{tr('vocab', '未评估')} {by_colour['unassessed']}"]
            if "unassessed" in by_colour
            else []
        )
    )
    return tr("workbench", "在册 {active} 名（{categories}）；风险等级：{colours}").format(
        active=roll.active, categories=categories or "—", colours=colours or "—"
    )
