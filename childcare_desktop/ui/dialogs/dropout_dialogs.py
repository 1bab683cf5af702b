"""辍学 and 劝返: the dialogs that record a child's leaving school and each attempt to
bring the child back."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import QWidget

from ...core.records import ChildRecord, DropoutRecord
from ...core.vocab import DropoutReason, PersuasionOutcome
from ...services import dropouts
from ..i18n import tr
from ..tasks import Tasks
from ..widgets.form import CHOICE, DATE, NOTE, Field
from .record_dialog import RecordDialog
from .specs import DAY

DROPOUT = [
    Field("left_on", "辍学日期", DATE, required=True, hint=str(DAY)),
    Field("reason", "辍学原因", CHOICE, DropoutReason, required=True),
    Field("school", "就读学校"),
    Field("grade", "年级", hint="如：初一"),
    Field("notes", "情况说明", NOTE),
]

PERSUASION = [
    Field("on_date", "劝返日期", DATE, required=True, hint=str(DAY)),
    Field("done_by", "劝返人"),
    Field("method", "劝返方式", hint="如：入户劝返、电话劝返、联系学校"),
    Field("outcome", "劝返结果", CHOICE, PersuasionOutcome, required=True),
    Field("note", "情况", NOTE),
]


def record_dropout(tasks: Tasks, parent: QWidget | None, child: ChildRecord) -> RecordDialog:
    """记录辍学: the school and grade offered from the child's file."""

    def submit(values: dict[str, Any]) -> Any:
        return lambda s: dropouts.record_dropout(s, child_id=child.id, **values)

    return RecordDialog(
        tasks,
        tr("dialogs", "记录辍学"),
        DROPOUT,
        submit,
        parent,
        values={"school": child.school_name or "", "grade": child.school_grade or ""},
    )


def persuade(
    tasks: Tasks, parent: QWidget | None, dropout: DropoutRecord, done_by: str = ""
) -> RecordDialog:
    """劝返: one attempt to bring the child back to school."""

    def submit(values: dict[str, Any]) -> Any:
        return lambda s: dropouts.add_persuasion(s, dropout_id=dropout.id, **values)

    return RecordDialog(
        tasks,
        tr("dialogs", "劝返"),
        PERSUASION,
        submit,
        parent,
        intro=tr("dialogs", "辍学日期：{day}").format(day=dropout.left_on.isoformat()),
        values={"on_date": date.today(), "done_by": done_by},
    )
