"""The tabs of the child's file: each a table of records with its buttons."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...core.records import HistoryEntry
from ...core.vocab import Category, Situation
from ..dialogs import specs
from ..i18n import tr
from ..models.record_table_model import Column, RecordTableModel
from ..widgets.empty_state import over_table
from ..widgets.form import Form
from ..widgets.labels import plain
from ..widgets.row_actions import add_row_action
from ..widgets.tables import configure_table, height_to_rows

Action = tuple[str, Callable[[Any], object], bool]  # label, callback(record or None), needs row
CATEGORY_ROWS = 4  # a child rarely holds more; beyond, the table scrolls


class RecordsTab(QWidget):
    """A titled table of records with buttons; buttons that need a row act on the selection."""

    def __init__(
        self,
        key: str,
        columns: Sequence[Column],
        actions: Sequence[Action],
        title: str = "",
        parent: QWidget | None = None,
        model_type: type[RecordTableModel] = RecordTableModel,
    ) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        if title:
            heading = plain(QLabel(title))
            heading.setStyleSheet("font-weight: bold;")
            layout.addWidget(heading)
        self.model = model_type(columns, self)
        self.table = QTableView()
        self.table.setObjectName(f"table_{key}")
        self.table.setModel(self.model)
        configure_table(self.table, f"file_{key}")
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for label, callback, needs_row in actions:
            button = QPushButton(label)
            button.clicked.connect(lambda _=False, cb=callback, nr=needs_row: self._act(cb, nr))
            row.addWidget(button)
            self.buttons[label] = button
        row.addStretch(1)
        layout.addLayout(row)
        if any(needs_row for _, _, needs_row in actions):
            self.table.doubleClicked.connect(lambda _i: self._act(actions[0][1], actions[0][2]))
        for label, callback, needs_row in actions:  # the same actions on a right click
            add_row_action(self.table, label, _on_row(callback, needs_row), needs_row=needs_row)
        adds = [label for label, _cb, needs_row in actions if not needs_row]
        self.empty = over_table(self.table, lambda: _empty_text(adds))

    def set_records(self, records: Sequence[Any]) -> None:
        self.model.set_records(records)

    def selected(self) -> Any:
        rows = self.table.selectionModel().selectedRows()
        return self.model.record(rows[0].row()) if rows else None

    def _act(self, callback: Callable[[Any], object], needs_row: bool) -> None:
        record = self.selected()
        if needs_row and record is None:
            return
        callback(record if needs_row else None)


def _on_row(callback: Callable[[Any], object], needs_row: bool) -> Callable[[Any], None]:
    def act(record: Any) -> None:  # what the callback returns (the dialog) is not wanted
        callback(record if needs_row else None)

    return act


def _empty_text(adds: Sequence[str]) -> str:
    if not adds:
        return tr("file", "还没有记录。")
    return tr("file", "还没有记录。点击下方的“{action}”添加。").format(action=adds[-1])


class BasicInfoTab(QWidget):
    """The child's own fields, edited in place (保存: Ctrl+S), and the categories held.
    ``unsaved_changed`` tells when what is typed starts or stops differing from the store."""

    save_requested = Signal(dict)
    unsaved_changed = Signal(bool)

    def __init__(self, category_actions: Sequence[Action], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        # Most of the height goes to the fields: what is derived, the status and 保存 share
        # one row above them, and the categories below take the height of their rows.
        row = QHBoxLayout()
        self.derived = plain(QLabel())
        self.derived.setObjectName("derived")
        self.derived.setWordWrap(True)
        row.addWidget(self.derived, 1)
        self.status = plain(QLabel())
        self.status.setWordWrap(True)
        row.addWidget(self.status)
        self.save_button = QPushButton(tr("file", "保存基本信息"))
        self.save_button.setObjectName("save_basic")
        self.save_button.setToolTip("Ctrl+S")
        self.save_button.clicked.connect(self.save)
        row.addWidget(self.save_button)
        layout.addLayout(row)
        self.form = Form(specs.CHILD, columns=2)
        self.form.changed.connect(self._update_unsaved)
        self._unsaved = False
        scroll = QScrollArea()
        scroll.setObjectName("basic_scroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(self.form)
        layout.addWidget(scroll, 1)
        self.categories = RecordsTab(
            "categories", CATEGORY_COLUMNS, category_actions, title=tr("file", "儿童类别")
        )
        height_to_rows(self.categories.table, most=CATEGORY_ROWS)
        layout.addWidget(self.categories)
        self.record: Any = None

    def show_record(self, record: Any) -> None:
        self.record = record
        self.form.blockSignals(True)  # filling in is not typing
        self.form.set_values({f: getattr(record, f) for f in self.form.fields})
        self.form.blockSignals(False)
        self.status.clear()
        self._update_unsaved()

    def changes(self) -> dict[str, Any]:
        """The fields typed differently from the record shown."""
        if self.record is None:
            return {}
        return self.form.values(changed_from=self._current())

    def has_unsaved(self) -> bool:
        return self.form.dirty and bool(self.changes())

    def mark_saved(self) -> None:
        self.form.mark_clean()
        self._update_unsaved()

    def _update_unsaved(self) -> None:
        now = self.has_unsaved()
        if now != self._unsaved:
            self._unsaved = now
            self.unsaved_changed.emit(now)

    def save(self) -> None:
        if self.record is None:
            return
        changes = self.changes()
        if not changes:
            self.status.setText(tr("file", "没有需要保存的修改。"))
            return
        self.form.clear_errors()
        self.save_requested.emit(changes)

    def _current(self) -> dict[str, Any]:
        return {f: getattr(self.record, f) for f in self.form.fields}


CATEGORY_COLUMNS = [
    Column("类别", lambda c: c.category),
    Column("认定日期", lambda c: c.recognized_on),
    Column("退出日期", lambda c: c.ended_on),
    Column("退出原因", lambda c: c.end_reason),
    Column("按年龄截止", lambda c: last_day(c.ends_by_age_on)),
]
FAMILY_COLUMNS = [
    Column("关系", lambda m: m.relation),
    Column("姓名", lambda m: m.name),
    Column("是否在世", lambda m: m.life),
    Column("外出务工", lambda m: m.away_for_work),
    Column("务工地点", lambda m: f"{m.work_province or ''}{m.work_city or ''}"),
    Column("电话", lambda m: m.phone),
    Column("监护能力", lambda m: m.incapacity),
]
CARER_COLUMNS = [
    Column("姓名", lambda c: c.name),
    Column("与儿童关系", lambda c: c.relation),
    Column("电话", lambda c: c.phone),
    Column("健康状况", lambda c: c.health),
    Column("同住", lambda c: c.lives_with_child),
]
AGREEMENT_COLUMNS = [
    Column("状态", lambda a: a.state),
    Column("开始", lambda a: a.start_date),
    Column("结束", lambda a: a.end_date),
    Column("签订日期", lambda a: a.signed_on),
    Column("甲方", lambda a: a.signed_by_principal),
    Column("乙方", lambda a: a.signed_by_carer),
    Column("费用", lambda a: a.fee),
]
VISIT_COLUMNS = [
    Column("日期", lambda v: v.visited_on),
    Column("方式", lambda v: v.mode),
    Column("走访人", lambda v: v.visitor),
    Column("见到儿童", lambda v: v.met_child),
    Column("发现问题", lambda v: v.findings),
    Column("处理措施", lambda v: v.actions),
    Column("更正", lambda v: len(v.amendments) or ""),
]
ASSESSMENT_COLUMNS = [
    Column("日期", lambda a: a.assessed_on),
    Column("监护情况", lambda a: a.level),
    Column("风险等级", lambda a: a.colour),
    Column("评估人", lambda a: a.assessor),
    Column("依据", lambda a: a.reason),
]
REPORT_COLUMNS = [
    Column("发现时间", lambda r: r.discovered_at),
    Column("情形", lambda r: tuple(Situation.parse(s) or s for s in r.situations)),
    Column("报告至", lambda r: r.reported_to),
    Column("报告时间", lambda r: r.reported_at),
    Column("回执号", lambda r: r.receipt_no),
    Column("跟进", lambda r: r.followups[-1].stage if r.followups else ""),
]
CLUE_COLUMNS = [
    Column("接收时间", lambda c: c.received_at),
    Column("来源", lambda c: c.source),
    Column("反映内容", lambda c: c.content.replace("\n", " "), width=300),
    Column("状态", lambda c: c.state),
    Column("处理", lambda c: c.handling),
    Column("结果", lambda c: c.outcome),
]
ASSISTANCE_COLUMNS = [
    Column("项目", lambda a: a.kind),
    Column("开始", lambda a: a.start_date),
    Column("结束", lambda a: a.end_date),
    Column("金额（元）", lambda a: a.amount_yuan),
    Column("周期", lambda a: a.period),
    Column("提供单位", lambda a: a.provider),
]
ATTACHMENT_COLUMNS = [
    Column("文件名", lambda a: a.name),
    Column("类型", lambda a: a.mime),
    Column("大小（KB）", lambda a: round(a.size / 1024)),
    Column("说明", lambda a: a.note),
]
HISTORY_COLUMNS = [
    Column("时间", lambda h: h.at.replace("T", " ")[:19]),
    Column("操作人", lambda h: h.actor),
    Column("操作", lambda h: action_label(h.action)),
    Column("说明", lambda h: history_note(h)),
]

ACTIONS = {
    "child_registered": "登记建档",
    "child_edited": "修改基本信息",
    "child_viewed": "查看档案",
    "family_added": "添加家庭成员",
    "family_edited": "修改家庭成员",
    "family_removed": "删除家庭成员",
    "carer_added": "添加照护人",
    "carer_edited": "修改照护人",
    "carer_removed": "删除照护人",
    "agreement_drafted": "起草协议",
    "agreement_edited": "修改协议草稿",
    "agreement_signed": "签订协议",
    "agreement_ended": "终止协议",
    "visit_logged": "记录走访",
    "visit_amended": "更正走访",
    "assessed": "监护评估",
    "report_filed": "强制报告",
    "report_followup": "报告跟进",
    "assistance_recorded": "记录救助帮扶",
    "assistance_edited": "修改救助帮扶",
    "dropout_recorded": "记录辍学",
    "dropout_edited": "辍学已返校",
    "persuasion_recorded": "记录劝返",
    "dropout_reported": "辍学已书面报告",
    "problem_recorded": "记录发现问题",
    "problem_step_recorded": "问题跟进",
    "problem_edited": "修改发现问题",
    "problem_closed": "问题结案",
    "service_plan_written": "制定服务计划",
    "clue_registered": "登记线索",
    "clue_linked": "线索关联儿童",
    "clue_handled": "处理线索",
    "clue_closed": "线索结案",
    "pairing_added": "新增结对帮扶",
    "pairing_contact_recorded": "记录结对帮扶联系",
    "pairing_ended": "结束结对帮扶",
    "school_notice_recorded": "记录告知学校",
    "category_added": "认定类别",
    "category_ended": "类别退出",
    "child_exited": "办理退出",
    "child_reentered": "重新纳入",
    "attachment_added": "添加附件",
    "attachment_opened": "查看附件",
    "attachment_removed": "删除附件",
    "printed": "打印",
    "exported": "导出",
    "ledger_row_imported": "从台账导入",
    "review_approved": "审核通过",
    "review_returned": "审核退回",
    "agreement_verified": "核验协议",
    "conflict_resolved": "处理同步冲突",
    "transfer_requested": "申请转移",
    "transfer_accepted": "转移已接收",
    "transfer_refused": "转移被拒绝",
    "transfer_cancelled": "撤回转移申请",
    "duplicate_merged": "合并重复档案",
    "spot_finding_fixed": "县级抽查问题已整改",
    "duplicate_distinct": "确认不是同一人",
    "duplicate_decided": "处理重复档案",
    "quarterly_check_recorded": "季度核实",
    "quarterly_check_edited": "修改季度核实",
}
_FIELD_LABELS = {
    f.name: f.label
    for group in (specs.CHILD, specs.FAMILY_MEMBER, specs.CARER, specs.ASSISTANCE, specs.VISIT)
    for f in group
}


def action_label(action: str) -> str:
    return tr("history", ACTIONS[action]) if action in ACTIONS else action


def history_note(h: HistoryEntry) -> str:
    """The fields an entry changed, or what it says besides (a transfer's villages)."""
    fields = h.detail.get("fields")
    if isinstance(fields, list) and fields:
        return "、".join(field_label(str(f)) for f in fields)
    note = h.detail.get("note")
    return note if isinstance(note, str) else ""


def field_label(name: str) -> str:
    return tr("fields", _FIELD_LABELS[name]) if name in _FIELD_LABELS else name


def last_day(first_day_after: date | None) -> date | None:
    """The last day a category applies (the store keeps the first day it no longer does)."""
    return first_day_after - timedelta(days=1) if first_day_after else None


def categories_text(held: Sequence[Category]) -> str:
    return "、".join(tr("vocab", c.label) for c in held) or tr("file", "无")
