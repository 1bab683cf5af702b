"""结对帮扶 and 告知学校: the dialogs that pair a helper with a child, log a contact, end a
pairing, and record that the child's school was told."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import QWidget

from ...core.records import ChildRecord, PairingRecord
from ...core.vocab import HelperRole, NoticeContent, NoticeMode, PairingContactMode
from ...services import pairing, school_notices
from ..i18n import tr
from ..tasks import Tasks
from ..widgets.form import CHOICE, DATE, MULTI, NOTE, PHONE, Field
from .record_dialog import RecordDialog
from .specs import DAY

PAIRING = [
    Field("helper_name", "帮扶人姓名", required=True),
    Field("helper_role", "帮扶人身份", CHOICE, HelperRole, required=True),
    Field("phone", "联系电话", PHONE),
    Field("since", "结对日期", DATE, required=True, hint=str(DAY)),
]

CONTACT = [
    Field("contacted_on", "联系日期", DATE, required=True, hint=str(DAY)),
    Field("mode", "联系方式", CHOICE, PairingContactMode, required=True),
    Field("content", "帮扶内容", NOTE),
]

END = [
    Field("until", "结束日期", DATE, required=True, hint=str(DAY)),
    Field("end_reason", "结束原因", required=True, hint="如：帮扶人工作调动、儿童年满18周岁"),
]

NOTICE = [
    Field("school_name", "学校名称", required=True),
    Field("told_on", "告知日期", DATE, required=True, hint=str(DAY)),
    Field("mode", "告知方式", CHOICE, NoticeMode, required=True),
    Field("contents", "告知内容", MULTI, NoticeContent, required=True),
    Field("told_whom", "学校接收人", hint="如：班主任王老师"),
    Field("note", "说明", NOTE),
]


def add_pairing(tasks: Tasks, parent: QWidget | None, child: ChildRecord) -> RecordDialog:
    """新增结对: a helper paired with the child from today unless told otherwise."""

    def submit(values: dict[str, Any]) -> Any:
        return lambda s: pairing.add_pairing(s, child_id=child.id, **values)

    return RecordDialog(
        tasks, tr("dialogs", "新增结对"), PAIRING, submit, parent, values={"since": date.today()}
    )


def add_contact(tasks: Tasks, parent: QWidget | None, paired: PairingRecord) -> RecordDialog:
    """记联系: one contact of the helper with the child."""

    def submit(values: dict[str, Any]) -> Any:
        return lambda s: pairing.add_contact(s, pairing_id=paired.id, **values)

    return RecordDialog(
        tasks,
        tr("dialogs", "记联系"),
        CONTACT,
        submit,
        parent,
        intro=_about(paired),
        values={"contacted_on": date.today()},
    )


def end_pairing(tasks: Tasks, parent: QWidget | None, paired: PairingRecord) -> RecordDialog:
    """结束结对: the end date and its reason."""

    def submit(values: dict[str, Any]) -> Any:
        return lambda s: pairing.end_pairing(
            s, pairing_id=paired.id, until=values.get("until"), end_reason=values.get("end_reason")
        )

    return RecordDialog(
        tasks,
        tr("dialogs", "结束结对"),
        END,
        submit,
        parent,
        intro=_about(paired),
        values={"until": date.today()},
    )


def tell_school(tasks: Tasks, parent: QWidget | None, child: ChildRecord) -> RecordDialog:
    """记告知学校: the school offered from the child's file, everything ticked."""

    def submit(values: dict[str, Any]) -> Any:
        return lambda s: school_notices.record_notice(s, child_id=child.id, **values)

    return RecordDialog(
        tasks,
        tr("dialogs", "记告知学校"),
        NOTICE,
        submit,
        parent,
        intro=tr("dialogs", "告知学校儿童的情况，以及父母的务工地点和联系方式。"),
        values={
            "school_name": child.school_name or "",
            "told_on": date.today(),
            "contents": [c.value for c in NoticeContent],
        },
    )


def _about(paired: PairingRecord) -> str:
    return tr("dialogs", "帮扶人：{name}　结对日期：{since}").format(
        name=paired.helper_name, since=paired.since.isoformat()
    )
