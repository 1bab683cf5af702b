"""The worklist table: overdue first, highest risk first, each row tinted by its colour.

Overdue and due-soon differ by more than a colour (colour-blind directors, faded screens):
an overdue status reads 逾期N天 in bold dark red beside a round "!" mark; a due-soon one
reads 即将到期 in plain dark blue beside a clock. The rows can be narrowed to one kind of
task (visits, assessments, agreements, ageing out) or to the overdue only, in memory.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QColor, QFont, QIcon

from ...core.vocab import Category, ClueSource, FollowupStage, RiskColour
from ...core.worklist import WorkItem, WorkKind
from ...core.workload import Plan, PlannedVisit, week_start
from ...messages import WORK
from ...paths import resource
from ..i18n import tr
from ..quarter_text import quarter_text
from .record_table_model import Column, RecordTableModel
from .village_column import VillageLabels, village_column

VILLAGE_COLUMN = 3  # after the child; hidden in a director's store
PLAN_COLUMN = 6  # 计划周, before 说明 (which stretches); shown once a weekly cap is set

OVERDUE_ROLE = Qt.ItemDataRole.UserRole + 2  # True on an overdue row, for views and tests
OVERDUE_COLOUR, DUE_COLOUR = QColor("#9b1c1c"), QColor("#1d4f91")

# The kinds of task the worklist can be narrowed to: the user thinks "visits", not "first
# home visit / home visit / contact / holiday visit".
KIND_GROUPS: dict[str, tuple[str, tuple[WorkKind, ...]]] = {
    "visits": (
        str(QT_TRANSLATE_NOOP("work", "走访和联系")),
        (WorkKind.FIRST_VISIT, WorkKind.HOME_VISIT, WorkKind.CONTACT, WorkKind.HOLIDAY_VISIT),
    ),
    "assessments": (str(QT_TRANSLATE_NOOP("work", "监护情况评估")), (WorkKind.ASSESSMENT,)),
    "agreements": (
        str(QT_TRANSLATE_NOOP("work", "委托照护协议")),
        (WorkKind.AGREEMENT_MISSING, WorkKind.AGREEMENT_EXPIRING, WorkKind.AGREEMENT_EXPIRED),
    ),
    "ageing_out": (str(QT_TRANSLATE_NOOP("work", "年龄到限退出")), (WorkKind.AGEING_OUT,)),
    "findings": (str(QT_TRANSLATE_NOOP("work", "县级抽查问题")), (WorkKind.SPOT_FINDING,)),
    "dropouts": (str(QT_TRANSLATE_NOOP("work", "辍学劝返")), (WorkKind.DROPOUT_PERSUASION,)),
    "problems": (str(QT_TRANSLATE_NOOP("work", "问题跟进")), (WorkKind.PROBLEM_DUE,)),
    "plans": (
        str(QT_TRANSLATE_NOOP("work", "服务计划")),
        (WorkKind.SERVICE_PLAN_MISSING, WorkKind.SERVICE_PLAN_REVIEW),
    ),
    "clues": (str(QT_TRANSLATE_NOOP("work", "线索")), (WorkKind.CLUE,)),
    "reports": (str(QT_TRANSLATE_NOOP("work", "强制报告跟进")), (WorkKind.REPORT_STAGE,)),
    "quarterly": (str(QT_TRANSLATE_NOOP("work", "季度核实")), (WorkKind.QUARTERLY_CHECK,)),
    "pairing": (
        str(QT_TRANSLATE_NOOP("work", "结对帮扶与告知学校")),
        (WorkKind.PAIRING_CONTACT, WorkKind.SCHOOL_NOTICE),
    ),
}
VISIT_KINDS = KIND_GROUPS["visits"][1]
# Why a service plan is to be reviewed (core.service_plans), for the 说明 column.
PLAN_REVIEW_WHY = {
    "newer_assessment": str(QT_TRANSLATE_NOOP("work", "有新的评估")),
    "colour_changed": str(QT_TRANSLATE_NOOP("work", "风险等级已变化")),
    "review_due": str(QT_TRANSLATE_NOOP("work", "已到计划的复核日期")),
}


def work_label(kind: WorkKind) -> str:
    return tr("work", WORK[kind][0])


def state_text(item: WorkItem) -> str:
    if item.kind is WorkKind.SPOT_FINDING:
        return tr("work", "待整改")
    if item.overdue:
        return tr("work", "逾期{days}天").format(days=item.overdue_days)
    if item.kind is WorkKind.DROPOUT_PERSUASION:
        return tr("work", "待劝返")
    if item.kind is WorkKind.CLUE:
        return tr("work", "待处理")
    return tr("work", "即将到期")


def detail_text(item: WorkItem) -> str:
    if item.kind in (WorkKind.SPOT_FINDING, WorkKind.PROBLEM_DUE):
        return item.detail  # the county's note, or the problem, as written
    if item.kind is WorkKind.SERVICE_PLAN_REVIEW:
        return tr("work", PLAN_REVIEW_WHY.get(item.detail, ""))
    if item.kind is WorkKind.CLUE:
        source = ClueSource.parse(item.detail)
        return tr("work", "来源：{source}").format(
            source=tr("vocab", source.label) if source else ""
        )
    if item.kind is WorkKind.REPORT_STAGE:
        return report_stage_text(item)
    if item.kind is WorkKind.SPOT_FINDING:
        return item.detail  # the item and the county's note, as the county wrote them
    if item.kind is WorkKind.QUARTERLY_CHECK:
        return quarter_text(item.detail)  # the quarter to verify
    if item.kind is WorkKind.PAIRING_CONTACT:
        return tr("work", "帮扶人：{name}").format(name=item.detail)
    if item.kind is WorkKind.SCHOOL_NOTICE:
        return item.detail  # the school to tell
    category = Category.parse(item.detail) if item.detail else None
    return tr("vocab", category.label) if category else ""


def report_stage_text(item: WorkItem) -> str:
    """强制报告：评估帮扶逾期3天 / 强制报告：评估帮扶，2026-11-16前."""
    stage = FollowupStage.parse(item.detail)
    name = tr("vocab", stage.label) if stage else item.detail
    if item.overdue:
        return tr("work", "强制报告：{stage}逾期{days}天").format(
            stage=name, days=item.overdue_days
        )
    return tr("work", "强制报告：{stage}，{day}前").format(stage=name, day=item.due_on.isoformat())


def late_report(item: WorkItem) -> bool:
    """A report's stage past its deadline: the whole row is red."""
    return item.kind is WorkKind.REPORT_STAGE and item.overdue


def week_text(week: date, today: date) -> str:
    """本周, 下周, or the week's Monday."""
    this_week = week_start(today)
    if week == this_week:
        return tr("work", "本周")
    if week == this_week + timedelta(weeks=1):
        return tr("work", "下周")
    return tr("work", "{day}起一周").format(day=week.strftime("%m-%d"))


def planned_text(planned: PlannedVisit, today: date) -> str:
    text = week_text(planned.week, today)
    return tr("work", "{week}（超出上限）").format(week=text) if planned.over_cap else text


@dataclass(frozen=True)
class WorkQuery:
    group: str | None = None  # a key of KIND_GROUPS; None: every kind
    overdue_only: bool = False
    village: str | None = None  # a township's store: one village's items
    planned: frozenset[str] | None = None  # 本周计划: the children whose visit is this week

    def accepts(self, item: WorkItem) -> bool:
        if self.village and item.region_code != self.village:
            return False
        if self.planned is not None and not (
            item.kind in VISIT_KINDS and item.child_id in self.planned
        ):
            return False
        if self.overdue_only and not item.overdue:
            return False
        return self.group is None or item.kind in KIND_GROUPS[self.group][1]


class WorklistTableModel(RecordTableModel):
    def __init__(self, parent: Any = None) -> None:
        self.villages = VillageLabels()
        super().__init__(
            [
                Column("状态", lambda i: (0 if i.overdue else 1, -i.overdue_days)),
                Column("风险", lambda i: i.colour),
                Column("儿童", lambda i: i.child_name),
                village_column(self.villages, lambda i: i.region_code),
                Column("事项", lambda i: work_label(i.kind)),
                Column("应办日期", lambda i: i.due_on),
                Column("计划周", self._planned_week),
                Column("说明", detail_text),
            ],
            parent,
        )
        self.plan: Plan | None = None
        self._all: list[WorkItem] = []
        self.query = WorkQuery()
        self._icons = {
            True: QIcon(str(resource("icons", "overdue.svg"))),
            False: QIcon(str(resource("icons", "due.svg"))),
        }
        self._bold = QFont()
        self._bold.setBold(True)

    def set_items(
        self, items: list[WorkItem] | tuple[WorkItem, ...], plan: Plan | None = None
    ) -> None:
        self._all = list(items)
        self.plan = plan
        self.apply(self.query)

    def planned(self, item: WorkItem) -> PlannedVisit | None:
        """The week the plan gives the item's visit (None: no plan, or not a visit)."""
        if self.plan is None or item.kind not in VISIT_KINDS:
            return None
        return self.plan.visits.get(item.child_id)

    def this_week(self) -> frozenset[str]:
        """The children whose visit the plan puts in this week."""
        if self.plan is None:
            return frozenset()
        first = week_start(self.plan.today)
        return frozenset(c for c, v in self.plan.visits.items() if v.week == first)

    def _planned_week(self, item: WorkItem) -> date | None:
        planned = self.planned(item)
        return planned.week if planned else None

    def apply(self, query: WorkQuery) -> None:
        self.query = query
        self.set_records([i for i in self._all if query.accepts(i)])

    @property
    def total(self) -> int:
        return len(self._all)

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < self.rowCount():
            return None
        item = self.record(index.row())
        if role == OVERDUE_ROLE:
            return item.overdue
        if index.column() == 0:
            # the status column sorts by (overdue?, days) but reads as words
            if role == Qt.ItemDataRole.DisplayRole:
                return state_text(item)
            if role == Qt.ItemDataRole.DecorationRole:
                return self._icons[item.overdue]
            if role == Qt.ItemDataRole.ForegroundRole:
                return OVERDUE_COLOUR if item.overdue else DUE_COLOUR
            if role == Qt.ItemDataRole.FontRole and item.overdue:
                return self._bold
            if role == Qt.ItemDataRole.ToolTipRole:
                return state_text(item)
        if role == Qt.ItemDataRole.ForegroundRole and late_report(item):
            return OVERDUE_COLOUR  # the whole row, the plan's column too
        if index.column() == PLAN_COLUMN and role in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
            Qt.ItemDataRole.ForegroundRole,
        ):
            return self._plan_data(item, role)
        if index.column() == VILLAGE_COLUMN and role == Qt.ItemDataRole.ToolTipRole:
            return item.region_code  # the code; the cell has the name
        return super().data(index, role)

    def colour_of(self, record: WorkItem) -> RiskColour | None:
        return RiskColour.RED if late_report(record) else record.colour

    def _plan_data(self, item: WorkItem, role: int) -> Any:
        planned = self.planned(item)
        if planned is None or self.plan is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return planned_text(planned, self.plan.today)
        if role == Qt.ItemDataRole.ForegroundRole:
            return OVERDUE_COLOUR if planned.over_cap else None
        suggested = tr("work", "建议{day}走访").format(day=planned.on.isoformat())
        if planned.over_cap:
            suggested += tr("work", "；这一周已超出每周上限，但应办日期不能推后")
        return suggested
