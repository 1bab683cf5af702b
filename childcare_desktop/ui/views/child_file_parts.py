"""The parts of the child's file and their buttons, built for ``ChildFileView``; the order
and the headings they stand under in the file's list (``FileSections``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QSplitter, QWidget

from ..dialogs import child_dialogs as d
from ..dialogs.transfer_dialog import request_transfer as transfer
from ..i18n import tr
from . import child_tabs as tabs
from .dropout_box import DropoutBox
from .file_sections import FileSections
from .pairing_box import PairingBox
from .problem_box import ProblemBox
from .quarterly_box import QuarterlyBox
from .report_box import ReportBox
from .service_plan_box import ServicePlanBox

if TYPE_CHECKING:
    from .child_file_view import ChildFileView

# The headings and their parts, in the order a director works through a file: who the child
# is, how they are seen, the help they get, what was reported, the papers.
PARTS = (
    (
        QT_TRANSLATE_NOOP("file", "基本情况"),
        (
            ("basic", QT_TRANSLATE_NOOP("file", "基本信息")),
            ("family", QT_TRANSLATE_NOOP("file", "家庭成员")),
            ("care", QT_TRANSLATE_NOOP("file", "照护与协议")),
        ),
    ),
    (
        QT_TRANSLATE_NOOP("file", "走访与评估"),
        (
            ("visits", QT_TRANSLATE_NOOP("file", "走访记录")),
            ("assessments", QT_TRANSLATE_NOOP("file", "监护评估")),
            ("quarterly", QT_TRANSLATE_NOOP("file", "季度核实")),
        ),
    ),
    (
        QT_TRANSLATE_NOOP("file", "帮扶"),
        (
            ("problems", QT_TRANSLATE_NOOP("file", "问题跟进")),
            ("plans", QT_TRANSLATE_NOOP("file", "服务计划")),
            ("assistance", QT_TRANSLATE_NOOP("file", "救助帮扶")),
            ("dropouts", QT_TRANSLATE_NOOP("file", "辍学劝返")),
            ("pairing", QT_TRANSLATE_NOOP("file", "结对帮扶与学校")),
        ),
    ),
    (
        QT_TRANSLATE_NOOP("file", "报告与线索"),
        (
            ("incidents", QT_TRANSLATE_NOOP("file", "强制报告")),
            ("clues", QT_TRANSLATE_NOOP("file", "线索")),
        ),
    ),
    (
        QT_TRANSLATE_NOOP("file", "资料"),
        (
            ("attachments", QT_TRANSLATE_NOOP("file", "附件")),
            ("history", QT_TRANSLATE_NOOP("file", "历史记录")),
        ),
    ),
)
TABS = tuple(key for _heading, parts in PARTS for key, _label in parts)
LABELS = {key: str(label) for _heading, parts in PARTS for key, label in parts}


def action_row(view: ChildFileView) -> QHBoxLayout:
    """The file's buttons above its parts: 记录走访, 监护评估, 强制报告, 办理退出, 转出, 打印."""
    t, row = view.tasks, QHBoxLayout()
    view.action_buttons = {}
    for key, label, slot in (
        ("visit", tr("file", "记录走访（Ctrl+L）"), view.log_visit),
        ("assess", tr("file", "监护评估"), lambda: view._open(view._assessment())),
        ("report", tr("file", "强制报告"), lambda: view._open(d.report(t, view, view._id()))),
        ("exit", tr("file", "办理退出"), view._exit_or_reenter),
        ("transfer", tr("file", "转出…"), lambda: view._open(transfer(t, view, view._file()))),
        (
            "print",
            tr("file", "打印档案…"),
            lambda: view.print_requested.emit(view._id(), "dossier"),
        ),
    ):
        button = QPushButton(label)
        button.setObjectName(f"action_{key}")
        button.clicked.connect(slot)
        row.addWidget(button)
        view.action_buttons[key] = button
    row.addStretch(1)
    return row


def build_parts(view: ChildFileView) -> FileSections:
    """Every part of the file, made as the view's attributes, in the list under its heading."""
    pages: dict[str, QWidget] = {
        "basic": _basic(view),
        "family": _family(view),
        "care": _care(view),
        **_seen(view),
        **_reported(view),
        **_helped(view),
        **_papers(view),
    }
    sections = FileSections()
    for heading, parts in PARTS:
        sections.add_heading(tr("file", str(heading)))
        for key, _label in parts:
            sections.add(key, tr("file", LABELS[key]), pages[key])
    return sections


def _basic(view: ChildFileView) -> QWidget:
    t = view.tasks
    view.basic = tabs.BasicInfoTab(
        [
            (
                tr("file", "认定类别"),
                lambda _: view._open(d.add_category(t, view, view._id())),
                False,
            ),
            (tr("file", "类别退出"), lambda m: view._open(d.end_category(t, view, m)), True),
        ]
    )
    view.basic.save_requested.connect(view._save_basic)
    view.basic.unsaved_changed.connect(view._mark_unsaved)
    return view.basic


def _family(view: ChildFileView) -> QWidget:
    t = view.tasks
    view.family = tabs.RecordsTab(
        "family",
        tabs.FAMILY_COLUMNS,
        [
            (
                tr("file", "修改"),
                lambda m: view._open(d.family_member(t, view, view._id(), m)),
                True,
            ),
            (
                tr("file", "添加家庭成员"),
                lambda _: view._open(d.family_member(t, view, view._id())),
                False,
            ),
        ],
    )
    return view.family


def _care(view: ChildFileView) -> QWidget:
    t = view.tasks
    view.carers = tabs.RecordsTab(
        "carers",
        tabs.CARER_COLUMNS,
        [
            (tr("file", "修改"), lambda c: view._open(d.carer(t, view, view._id(), c)), True),
            (tr("file", "添加照护人"), lambda _: view._open(d.carer(t, view, view._id())), False),
        ],
        title=tr("file", "受委托照护人"),
    )
    view.agreements = tabs.RecordsTab(
        "agreements",
        tabs.AGREEMENT_COLUMNS,
        [
            (tr("file", "签订"), view._sign, True),
            (
                tr("file", "起草协议"),
                lambda _: view._open(d.agreement_draft(t, view, view._file())),
                False,
            ),
            (tr("file", "终止"), lambda a: view._open(d.end_agreement(t, view, a)), True),
        ],
        title=tr("file", "委托照护协议"),
    )
    care = QSplitter(Qt.Orientation.Vertical)
    care.addWidget(view.carers)
    care.addWidget(view.agreements)
    return care


def _seen(view: ChildFileView) -> dict[str, QWidget]:
    """走访记录, 监护评估 and 季度核实."""
    t = view.tasks
    view.visits = tabs.RecordsTab(
        "visits",
        tabs.VISIT_COLUMNS,
        [
            (tr("file", "更正"), lambda v: view._open(d.amend_visit(t, view, v)), True),
            (tr("file", "记为问题"), view._problem_from_visit, True),
            (tr("file", "记录走访"), lambda _: view.log_visit(), False),
        ],
    )
    view.assessments = tabs.RecordsTab(
        "assessments",
        tabs.ASSESSMENT_COLUMNS,
        [(tr("file", "新评估"), lambda _: view._open(view._assessment()), False)],
    )
    view.quarterly = QuarterlyBox(t, view._open)
    return {"visits": view.visits, "assessments": view.assessments, "quarterly": view.quarterly}


def _reported(view: ChildFileView) -> dict[str, QWidget]:
    """强制报告 and 线索, both confidential."""
    t = view.tasks
    view.incidents = ReportBox(
        tabs.REPORT_COLUMNS,
        [
            (
                tr("file", "后续跟进"),
                lambda i: view._open(d.followup(t, view, i, view.visitor)),
                True,
            ),
            (tr("file", "新报告"), lambda _: view._open(d.report(t, view, view._id())), False),
        ],
        title=tr("file", "强制报告（保密：不出现在名册和统计明细中）"),
    )
    view.clues = tabs.RecordsTab(
        "clues",
        tabs.CLUE_COLUMNS,
        [(tr("file", "登记线索"), lambda _: view._open(view._clue()), False)],
        title=tr("file", "线索（保密）：在“线索登记”页处理和结案"),
    )
    return {"incidents": view.incidents, "clues": view.clues}


def _helped(view: ChildFileView) -> dict[str, QWidget]:
    """救助帮扶, 辍学劝返, 问题跟进, 服务计划, 结对帮扶与学校."""
    t = view.tasks

    def item(record: Any = None) -> Any:
        return view._open(d.assistance_item(t, view, view._id(), record))

    view.assistance = tabs.RecordsTab(
        "assistance",
        tabs.ASSISTANCE_COLUMNS,
        [(tr("file", "修改"), item, True), (tr("file", "添加"), lambda _: item(), False)],
    )
    view.dropouts = DropoutBox(t, view._open)
    view.dropouts.reported.connect(lambda _path: view._saved())  # now 已书面报告
    view.problems = ProblemBox(t, view._open)
    view.plans = ServicePlanBox(t, view._open)
    view.pairing = PairingBox(t, view._open)
    return {
        "assistance": view.assistance,
        "dropouts": view.dropouts,
        "problems": view.problems,
        "plans": view.plans,
        "pairing": view.pairing,
    }


def _papers(view: ChildFileView) -> dict[str, QWidget]:
    """附件 and 历史记录."""
    view.attachments = tabs.RecordsTab(
        "attachments",
        tabs.ATTACHMENT_COLUMNS,
        [
            (tr("file", "另存为…"), view._export_attachment, True),
            (tr("file", "添加附件…"), lambda _: view._choose_attachment(), False),
        ],
    )
    view.history = tabs.RecordsTab("history", tabs.HISTORY_COLUMNS, [])
    return {"attachments": view.attachments, "history": view.history}


def fill_parts(view: ChildFileView, file: Any, chosen_report: str) -> None:
    """Every part shows ``file``'s records (基本信息's own fields are the view's to keep)."""
    view.basic.categories.set_records(file.categories)
    view.family.set_records(file.family)
    view.carers.set_records(file.carers)
    view.agreements.set_records(file.agreements)
    view.visits.set_records(file.visits)
    view.assessments.set_records(file.assessments)
    view.incidents.set_records(file.incidents, chosen_report)
    view.clues.set_records(file.clues)
    view.assistance.set_records(file.assistance)
    view.dropouts.done_by = view.visitor
    view.dropouts.set_file(file)
    view.problems.set_file(file)
    view.plans.set_file(file)
    view.quarterly.checked_by = view.visitor
    view.quarterly.set_file(file)
    view.pairing.set_file(file)
    view.attachments.set_records(file.attachments)
    view.history.set_records(file.history)
