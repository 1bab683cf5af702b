"""儿童档案: the whole file of one child, one tab per part, every dialog one click away.

What is typed into 基本信息 and not yet saved is marked (未保存 on the tab) and survives
every reload of the same child (a dialog saved, a sync pulled, the idle lock): the main
window asks before it would be thrown away (``ui.unsaved``)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...core.errors import DomainError
from ...core.records import ChildFile
from ...core.suggestions import Suggestion
from ...core.vocab import AgreementState, RiskColour
from ...core.worklist import WorkKind
from ...services import attachments, children, files
from ...services import suggestions as suggesting
from ..dialogs import child_dialogs as dialogs
from ..dialogs import clue_dialogs
from ..dialogs.record_dialog import RecordDialog
from ..dialogs.transfer_dialog import request_transfer as transfer
from ..file_dialogs import choose_open, choose_save
from ..i18n import error_text, tr
from ..models.record_table_model import COLOUR_BRUSHES
from ..models.worklist_table_model import report_stage_text, state_text, work_label
from ..tasks import Tasks
from ..widgets.labels import plain
from . import child_tabs as tabs
from . import suggestion_text
from .dropout_box import DropoutBox
from .pairing_box import PairingBox
from .problem_box import ProblemBox
from .quarterly_box import QuarterlyBox
from .report_box import ReportBox
from .service_plan_box import ServicePlanBox
from .suggestion_box import SuggestionBox

TABS = (
    "basic",
    "family",
    "care",
    "visits",
    "assessments",
    "incidents",
    "clues",
    "assistance",
    "dropouts",
    "problems",
    "plans",
    "quarterly",
    "pairing",
    "attachments",
    "history",
)


class ChildFileView(QWidget):
    changed = Signal()  # something was saved: the worklist and roster are stale
    loaded = Signal()
    dialog_opened = Signal(object)  # every dialog, for tests and the idle lock
    print_requested = Signal(str, str)  # child id, document
    unsaved_changed = Signal(bool)  # typed into 基本信息 and not saved

    def __init__(self, tasks: Tasks, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.file: ChildFile | None = None
        self.visitor = ""  # the director's name, for new visits and assessments
        self.witness = ""  # the village committee, for agreements
        layout = QVBoxLayout(self)
        self.header = plain(QLabel(tr("file", "请从工作台或儿童名册选择一名儿童。")))
        self.header.setObjectName("header")
        self.header.setStyleSheet("font-size: 15pt; font-weight: bold;")
        # The name and the actions share a row: the height goes to the tabs (基本信息 on a
        # 768-pixel laptop screen).
        top = self._actions()
        top.insertWidget(0, self.header)
        top.insertSpacing(1, 16)
        layout.addLayout(top)
        self.details = plain(QLabel())
        self.details.setObjectName("details")
        self.details.setWordWrap(True)
        layout.addWidget(self.details)
        self.suggestions = SuggestionBox()
        self.suggestions.accepted.connect(self._accept_suggestion)
        self.suggestions.dismissed.connect(self._dismiss_suggestion)
        layout.addWidget(self.suggestions)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("tabs")
        self._build_tabs()
        layout.addWidget(self.tabs, 1)
        self.setEnabled(False)

    # -- layout ------------------------------------------------------------------------

    def _actions(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.action_buttons: dict[str, QPushButton] = {}
        for key, label, slot in (
            ("visit", tr("file", "记录走访（Ctrl+L）"), self.log_visit),
            (
                "assess",
                tr("file", "监护评估"),
                lambda: self._open(self._assessment()),
            ),
            (
                "report",
                tr("file", "强制报告"),
                lambda: self._open(dialogs.report(self.tasks, self, self._id())),
            ),
            ("exit", tr("file", "办理退出"), self._exit_or_reenter),
            (
                "transfer",
                tr("file", "转出…"),
                lambda: self._open(transfer(self.tasks, self, self._file())),
            ),
            (
                "print",
                tr("file", "打印档案…"),
                lambda: self.print_requested.emit(self._id(), "dossier"),
            ),
        ):
            button = QPushButton(label)
            button.setObjectName(f"action_{key}")
            button.clicked.connect(slot)
            row.addWidget(button)
            self.action_buttons[key] = button
        row.addStretch(1)
        return row

    def _build_tabs(self) -> None:
        t, d = self.tasks, dialogs
        self.basic = tabs.BasicInfoTab(
            [
                (
                    tr("file", "认定类别"),
                    lambda _: self._open(d.add_category(t, self, self._id())),
                    False,
                ),
                (tr("file", "类别退出"), lambda m: self._open(d.end_category(t, self, m)), True),
            ]
        )
        self.basic.save_requested.connect(self._save_basic)
        self.basic.unsaved_changed.connect(self._mark_unsaved)
        self.family = tabs.RecordsTab(
            "family",
            tabs.FAMILY_COLUMNS,
            [
                (
                    tr("file", "修改"),
                    lambda m: self._open(d.family_member(t, self, self._id(), m)),
                    True,
                ),
                (
                    tr("file", "添加家庭成员"),
                    lambda _: self._open(d.family_member(t, self, self._id())),
                    False,
                ),
            ],
        )
        self.carers = tabs.RecordsTab(
            "carers",
            tabs.CARER_COLUMNS,
            [
                (tr("file", "修改"), lambda c: self._open(d.carer(t, self, self._id(), c)), True),
                (
                    tr("file", "添加照护人"),
                    lambda _: self._open(d.carer(t, self, self._id())),
                    False,
                ),
            ],
            title=tr("file", "受委托照护人"),
        )
        self.agreements = tabs.RecordsTab(
            "agreements",
            tabs.AGREEMENT_COLUMNS,
            [
                (tr("file", "签订"), self._sign, True),
                (
                    tr("file", "起草协议"),
                    lambda _: self._open(d.agreement_draft(t, self, self._file())),
                    False,
                ),
                (tr("file", "终止"), lambda a: self._open(d.end_agreement(t, self, a)), True),
            ],
            title=tr("file", "委托照护协议"),
        )
        care = QSplitter(Qt.Orientation.Vertical)
        care.addWidget(self.carers)
        care.addWidget(self.agreements)
        self.visits = tabs.RecordsTab(
            "visits",
            tabs.VISIT_COLUMNS,
            [
                (tr("file", "更正"), lambda v: self._open(d.amend_visit(t, self, v)), True),
                (tr("file", "记为问题"), self._problem_from_visit, True),
                (tr("file", "记录走访"), lambda _: self.log_visit(), False),
            ],
        )
        self.assessments = tabs.RecordsTab(
            "assessments",
            tabs.ASSESSMENT_COLUMNS,
            [
                (
                    tr("file", "新评估"),
                    lambda _: self._open(self._assessment()),
                    False,
                ),
            ],
        )
        self.incidents = ReportBox(
            tabs.REPORT_COLUMNS,
            [
                (
                    tr("file", "后续跟进"),
                    lambda i: self._open(d.followup(t, self, i, self.visitor)),
                    True,
                ),
                (tr("file", "新报告"), lambda _: self._open(d.report(t, self, self._id())), False),
            ],
            title=tr("file", "强制报告（保密：不出现在名册和统计明细中）"),
        )
        self.clues = tabs.RecordsTab(
            "clues",
            tabs.CLUE_COLUMNS,
            [(tr("file", "登记线索"), lambda _: self._open(self._clue()), False)],
            title=tr("file", "线索（保密）：在“线索登记”页处理和结案"),
        )
        self.assistance = tabs.RecordsTab(
            "assistance",
            tabs.ASSISTANCE_COLUMNS,
            [
                (
                    tr("file", "修改"),
                    lambda a: self._open(d.assistance_item(t, self, self._id(), a)),
                    True,
                ),
                (
                    tr("file", "添加"),
                    lambda _: self._open(d.assistance_item(t, self, self._id())),
                    False,
                ),
            ],
        )
        self.dropouts = DropoutBox(t, self._open)
        self.dropouts.reported.connect(lambda _path: self._saved())  # now 已书面报告
        self.problems = ProblemBox(t, self._open)
        self.plans = ServicePlanBox(t, self._open)
        self.quarterly = QuarterlyBox(t, self._open)
        self.pairing = PairingBox(t, self._open)
        self.attachments = tabs.RecordsTab(
            "attachments",
            tabs.ATTACHMENT_COLUMNS,
            [
                (tr("file", "另存为…"), self._export_attachment, True),
                (tr("file", "添加附件…"), lambda _: self._choose_attachment(), False),
            ],
        )
        self.history = tabs.RecordsTab("history", tabs.HISTORY_COLUMNS, [])
        for key, widget, label in (
            ("basic", self.basic, QT_TRANSLATE_NOOP("file", "基本信息")),
            ("family", self.family, QT_TRANSLATE_NOOP("file", "家庭成员")),
            ("care", care, QT_TRANSLATE_NOOP("file", "照护与协议")),
            ("visits", self.visits, QT_TRANSLATE_NOOP("file", "走访记录")),
            ("assessments", self.assessments, "监护评估"),
            ("incidents", self.incidents, "强制报告"),
            ("clues", self.clues, QT_TRANSLATE_NOOP("file", "线索")),
            ("assistance", self.assistance, QT_TRANSLATE_NOOP("file", "救助帮扶")),
            ("dropouts", self.dropouts, QT_TRANSLATE_NOOP("file", "辍学劝返")),
            ("problems", self.problems, QT_TRANSLATE_NOOP("file", "问题跟进")),
            ("plans", self.plans, QT_TRANSLATE_NOOP("file", "服务计划")),
            ("quarterly", self.quarterly, QT_TRANSLATE_NOOP("file", "季度核实")),
            ("pairing", self.pairing, QT_TRANSLATE_NOOP("file", "结对帮扶与学校")),
            ("attachments", self.attachments, QT_TRANSLATE_NOOP("file", "附件")),
            ("history", self.history, QT_TRANSLATE_NOOP("file", "历史记录")),
        ):
            widget.setObjectName(f"tab_{key}")
            self.tabs.addTab(widget, tr("file", label))

    # -- loading -------------------------------------------------------------------------

    def show_child(self, child_id: str, tab: str = "basic") -> None:
        def job(session: Any) -> tuple[ChildFile, list[Suggestion]]:
            file = files.get_child_file(session, child_id=child_id, include_incidents=True)
            return file, suggesting.file_suggestions(session, file)

        self.tasks.run(job, lambda found: self._show(found[0], tab, found[1]))

    def reload(self) -> None:
        if self.file is not None:
            tab = TABS[self.tabs.currentIndex()]
            report = self.incidents.selected()
            if tab == "incidents" and report is not None:
                tab = f"incidents:{report.id}"  # the same report stays chosen
            self.show_child(self.file.child.id, tab)

    def _show(self, file: ChildFile, tab: str | None, found: list[Suggestion]) -> None:
        # The same child again with typed changes: keep them, and the record they were
        # typed over, so saving later changes only what the user touched.
        keep_typed = (
            self.file is not None
            and self.file.child.id == file.child.id
            and self.basic.has_unsaved()
        )
        self.file = file
        self.setEnabled(True)
        child = file.child
        latest = file.latest_assessment
        colour = tr("vocab", latest.colour.label) if latest else tr("vocab", "未评估")
        status = tr("vocab", "在册") if file.active else tr("vocab", "退出")
        held = [c.category for c in file.categories if c.ended_on is None]
        self.header.setText(
            f"{child.name}　{tr('vocab', child.sex.label)}　"
            + (tr("file", "{age}周岁").format(age=file.age) if file.age is not None else "")
        )
        work = "；".join(_work_text(w) for w in file.work)
        self.details.setText(
            tr("file", "{status}　风险等级：{colour}　类别：{held}　档案编号：{no}").format(
                status=status,
                colour=colour,
                held=tabs.categories_text(held),
                no=child.file_no or "",
            )
            + ("\n" + tr("file", "应办：") + work if work else "")
        )
        self.details.setStyleSheet(_colour_style(latest.colour if latest else None))
        self.suggestions.set_suggestions(found)
        self.action_buttons["exit"].setText(
            tr("file", "办理退出") if file.active else tr("file", "重新纳入")
        )
        for key in ("visit", "assess"):
            self.action_buttons[key].setEnabled(file.active)
        if not keep_typed:
            self.basic.show_record(child)
        self.basic.categories.set_records(file.categories)
        self.basic.derived.setText(_derived(file))
        self.family.set_records(file.family)
        self.carers.set_records(file.carers)
        self.agreements.set_records(file.agreements)
        self.visits.set_records(file.visits)
        self.assessments.set_records(file.assessments)
        tab, _, chosen = (tab or "").partition(":")  # "incidents:<id>": that report
        self.incidents.set_records(file.incidents, chosen)
        self.clues.set_records(file.clues)
        self.assistance.set_records(file.assistance)
        self.dropouts.done_by = self.visitor
        self.dropouts.set_file(file)
        self.problems.set_file(file)
        self.plans.set_file(file)
        self.quarterly.checked_by = self.visitor
        self.quarterly.set_file(file)
        self.pairing.set_file(file)
        self.attachments.set_records(file.attachments)
        self.history.set_records(file.history)
        if tab in TABS:
            self.tabs.setCurrentIndex(TABS.index(tab))
        self.loaded.emit()

    # -- actions -------------------------------------------------------------------------

    def _id(self) -> str:
        return self._file().child.id

    def _problem_from_visit(self, visit: Any) -> None:
        """记为问题: a new problem offered with the visit's date and what it found."""
        found = {"source": f"visit:{visit.id}", "found_on": visit.visited_on}
        self.problems.record({**found, "description": visit.findings or ""})

    def _file(self) -> ChildFile:
        assert self.file is not None
        return self.file

    def _open(self, dialog: RecordDialog) -> RecordDialog:
        dialog.saved.connect(lambda _record: self._saved())
        dialog.open()
        self.dialog_opened.emit(dialog)
        return dialog

    def _saved(self) -> None:
        self.changed.emit()
        self.reload()

    def _clue(self) -> RecordDialog:
        child = self._file().child
        return clue_dialogs.register(self.tasks, self, [(child.name, child.id)], child.id)

    def _assessment(self) -> RecordDialog:
        latest = self._file().latest_assessment
        colour = latest.colour if latest else None
        return dialogs.assessment(self.tasks, self, self._id(), self.visitor, current=colour)

    def log_visit(self) -> RecordDialog | None:
        if self.file is None or not self.file.active:
            return None
        return self._open(dialogs.visit(self.tasks, self, self.file, self.visitor))

    def _accept_suggestion(self, found: Suggestion) -> None:
        child_id, note = self._id(), suggestion_text.note(found)
        self.tasks.run(
            lambda s: suggesting.accept(
                s, child_id=child_id, key=found.key, on=date.today(), note=note
            ),
            lambda _r: self._saved(),
            self._suggestion_refused,
        )

    def _dismiss_suggestion(self, found: Suggestion) -> None:
        child_id = self._id()
        self.tasks.run(
            lambda s: suggesting.dismiss(s, child_id=child_id, key=found.key),
            lambda _r: self.reload(),
        )

    def _suggestion_refused(self, error: Exception) -> None:
        self.details.setText(error_text(error))
        self.reload()

    def _exit_or_reenter(self) -> None:
        file = self._file()
        maker = dialogs.exit_child if file.active else dialogs.reenter_child
        self._open(maker(self.tasks, self, file.child.id))

    def _sign(self, agreement: Any) -> None:
        if agreement.state is AgreementState.DRAFT:
            self._open(dialogs.sign_agreement(self.tasks, self, agreement, self.witness))

    def _save_basic(self, changes: dict[str, Any], done: Any = None) -> None:
        child_id = self._id()

        def saved(_record: Any) -> None:
            self.basic.mark_saved()
            self._saved()
            if done is not None:
                done(True)

        def refused(error: Exception) -> None:
            self.tabs.setCurrentIndex(TABS.index("basic"))
            if isinstance(error, DomainError) and not self.basic.form.show_error(error):
                self.basic.status.setText(error_text(error))
            if done is not None:
                done(False)

        self.tasks.run(
            lambda s: children.update_child(s, child_id=child_id, **changes), saved, refused
        )

    # -- unsaved changes (ui.unsaved.Editor) ------------------------------------------------

    def unsaved(self) -> str:
        if self.file is None or not self.basic.has_unsaved():
            return ""
        return tr("file", "{name}的基本信息有未保存的修改。").format(name=self.file.child.name)

    def save_unsaved(self, done: Any) -> None:
        self.basic.form.clear_errors()
        self._save_basic(self.basic.changes(), done)

    def discard_unsaved(self) -> None:
        self.basic.show_record(self._file().child)  # the latest loaded, not the one typed over

    def _mark_unsaved(self, unsaved: bool) -> None:
        label = tr("file", "基本信息")
        self.tabs.setTabText(
            TABS.index("basic"),
            tr("file", "{tab}（未保存）").format(tab=label) if unsaved else label,
        )
        self.unsaved_changed.emit(unsaved)

    def add_attachment(self, path: Path) -> None:
        """Store the file at ``path`` in the child's file (encrypted with the store)."""
        data, child_id = path.read_bytes(), self._id()
        self.tasks.run(
            lambda s: attachments.add_attachment(s, child_id=child_id, name=path.name, data=data),
            lambda _r: self._saved(),
            lambda e: self.details.setText(error_text(e)),
        )

    def _choose_attachment(self) -> None:
        choose_open(
            self,
            tr("file", "选择扫描件或照片"),
            tr("file", "图片和PDF (*.jpg *.jpeg *.png *.pdf)"),
            self.add_attachment,
        )

    def _export_attachment(self, record: Any) -> None:
        choose_save(
            self,
            tr("file", "另存为"),
            record.name,
            "",
            lambda target: self._write_attachment(record, target),
        )

    def _write_attachment(self, record: Any, target: Path) -> None:
        def written(result: tuple[Any, bytes]) -> None:
            target.write_bytes(result[1])

        self.tasks.run(lambda s: attachments.attachment_data(s, attachment_id=record.id), written)


def _derived(file: ChildFile) -> str:
    child = file.child
    parts = []
    if child.birth_date:
        parts.append(
            tr("file", "出生日期 {day}，{age}周岁").format(
                day=child.birth_date.isoformat(), age=file.age
            )
        )
    for c in file.categories:
        if c.ended_on is None and c.ends_by_age_on:
            parts.append(
                tr("file", "{category}至 {day}（按年龄）").format(
                    category=tr("vocab", c.category.label), day=tabs.last_day(c.ends_by_age_on)
                )
            )
    return "；".join(parts)


def _work_text(item: Any) -> str:
    if item.kind is WorkKind.REPORT_STAGE:
        return report_stage_text(item)
    return f"{work_label(item.kind)}（{state_text(item)}）"


def _colour_style(colour: RiskColour | None) -> str:
    if colour is None:
        return ""
    return f"background: {COLOUR_BRUSHES[colour].name()}; padding: 4px;"
