"""发现问题和解决方案: the dialogs that record a problem found in a child's situation, each
step taken on it (记一步) and its closing (结案)."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

from PySide6.QtWidgets import QWidget

from ...core.records import ChildFile, ProblemRecord
from ...core.vocab import ProblemKind
from ...services import problems
from ..i18n import tr
from ..tasks import Tasks
from ..widgets.form import CHOICE, DATE, NOTE, RECORD, Field
from .record_dialog import RecordDialog
from .specs import DAY

STEP = [
    Field("on_date", "日期", DATE, required=True, hint=str(DAY)),
    Field("action", "所做工作", NOTE, required=True),
    Field("result", "结果"),
]

CLOSE = [
    Field("closed_on", "结案日期", DATE, required=True, hint=str(DAY)),
    Field("solution", "解决情况", NOTE, required=True),
]


def _fields_of(sources: tuple[tuple[str, str], ...] = ()) -> list[Field]:
    return [
        Field("kind", "问题类别", CHOICE, ProblemKind, required=True),
        Field("description", "问题描述", NOTE, required=True),
        Field("found_on", "发现日期", DATE, required=True, hint=str(DAY)),
        Field("source", "发现于", RECORD, options=sources),
        Field("handled_by", "责任人（单位）", hint="如：村委会、学校、儿童主任姓名"),
        Field("target_on", "完成时限", DATE, required=True, hint=str(DAY)),
    ]


def _fields(file: ChildFile) -> list[Field]:
    # The visit or assessment the problem came from: the child's own, latest first.
    sources = [
        (tr("dialogs", "走访 {day}").format(day=v.visited_on.isoformat()), f"visit:{v.id}")
        for v in sorted(file.visits, key=lambda v: v.visited_on, reverse=True)
        if not v.voided
    ] + [
        (tr("dialogs", "评估 {day}").format(day=a.assessed_on.isoformat()), f"assessment:{a.id}")
        for a in file.assessments
    ]
    return _fields_of(tuple(sources))


def record_problem(
    tasks: Tasks,
    parent: QWidget | None,
    file: ChildFile,
    values: dict[str, Any] | None = None,
) -> RecordDialog:
    """新增问题; ``values`` offers what a visit already says (记为问题)."""
    child_id = file.child.id

    def submit(typed: dict[str, Any]) -> Any:
        typed = dict(typed)
        kind, _, ident = (typed.pop("source", None) or "").partition(":")
        if ident:
            typed[f"{kind}_id"] = ident
        return lambda s: problems.record_problem(s, child_id=child_id, **typed)

    return RecordDialog(
        tasks,
        tr("dialogs", "新增问题"),
        _fields(file),
        submit,
        parent,
        values={"found_on": date.today(), **(values or {})},
    )


def edit(tasks: Tasks, parent: QWidget | None, problem: ProblemRecord) -> RecordDialog:
    """修改: an open problem's kind, description, who acts, target date."""
    editable = [f for f in _fields_of() if f.name in problems.EDITABLE]

    def submit(values: dict[str, Any]) -> Any:
        return lambda s: problems.edit_problem(s, problem_id=problem.id, **values)

    return RecordDialog(
        tasks,
        tr("dialogs", "修改问题"),
        editable,
        submit,
        parent,
        intro=tr("dialogs", "发现日期：{day}").format(day=problem.found_on.isoformat()),
        stored=dataclasses.asdict(problem),
    )


def add_step(tasks: Tasks, parent: QWidget | None, problem: ProblemRecord) -> RecordDialog:
    """记一步: one step taken on an open problem."""

    def submit(values: dict[str, Any]) -> Any:
        return lambda s: problems.add_step(s, problem_id=problem.id, **values)

    return RecordDialog(
        tasks,
        tr("dialogs", "记一步"),
        STEP,
        submit,
        parent,
        intro=_intro(problem),
        values={"on_date": date.today()},
    )


def close(tasks: Tasks, parent: QWidget | None, problem: ProblemRecord) -> RecordDialog:
    """结案: the problem is solved, and how."""

    def submit(values: dict[str, Any]) -> Any:
        return lambda s: problems.close_problem(s, problem_id=problem.id, **values)

    return RecordDialog(
        tasks,
        tr("dialogs", "结案"),
        CLOSE,
        submit,
        parent,
        intro=_intro(problem),
        values={"closed_on": date.today()},
    )


def _intro(problem: ProblemRecord) -> str:
    return tr("dialogs", "问题：{what}（发现于 {day}）").format(
        what=problem.description, day=problem.found_on.isoformat()
    )
