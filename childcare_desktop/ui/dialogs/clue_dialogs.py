"""线索: the dialogs that register a clue, name its child, note it and close it.

A clue turned into a mandatory report or handled by a visit opens the file's own report
and visit dialogs (child_dialogs.report / visit with the clue), so what is filed is the
same record as from the child's file."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from PySide6.QtWidgets import QWidget

from ...core.records import ClueRecord
from ...core.vocab import ClueOutcome, ClueSource, YesNo
from ...services import clues
from ..i18n import tr
from ..tasks import Tasks
from ..widgets.form import CHOICE, DATE, DATETIME, NOTE, RECORD, Field
from .record_dialog import RecordDialog
from .specs import DAY, MOMENT

Children = list[tuple[str, str]]  # (name, id) of the children a clue may name


def clue_fields(children: Children) -> list[Field]:
    return [
        Field("source", "线索来源", CHOICE, ClueSource, required=True),
        Field("source_detail", "来源说明", hint="来源为“其他”时必填，如：镇卫生院"),
        Field("received_at", "接收时间", DATETIME, required=True, hint=MOMENT),
        Field("content", "反映内容", NOTE, required=True),
        Field("safety", "涉及儿童人身安全", CHOICE, YesNo, required=True),
        Field("child_id", "涉及儿童（已建档）", RECORD, options=tuple(children)),
        Field("about", "未建档儿童（姓名或描述）", hint="如：村东头王家的小女孩，约8岁"),
    ]


CLOSE = [
    Field("outcome", "结果", CHOICE, ClueOutcome, required=True),
    Field("closed_on", "结案日期", DATE, required=True, hint=str(DAY)),
    Field("outcome_note", "结果说明", NOTE),
]

NOTE_FIELDS = [
    Field("handled_on", "处理日期", DATE, required=True, hint=str(DAY)),
    Field("handling_note", "处理情况", NOTE, required=True),
]


def register(
    tasks: Tasks, parent: QWidget | None, children: Children, child_id: str | None = None
) -> RecordDialog:
    """登记线索 (``child_id``: from a child's file, the child named already)."""

    def submit(values: dict[str, Any]) -> Any:
        values["safety"] = values.get("safety") == YesNo.YES.value
        return lambda s: clues.register_clue(s, **values)

    now = datetime.now().replace(second=0, microsecond=0)
    return RecordDialog(
        tasks,
        tr("dialogs", "登记线索"),
        clue_fields(children),
        submit,
        parent,
        values={"received_at": now, "child_id": child_id},
        intro=tr(
            "dialogs",
            "12355、12349热线，学校、邻居或公安转来的线索都在此登记，当日处理；"
            "涉及儿童人身安全的，立即处理。",
        ),
        confirm=lambda clue: tr("dialogs", "已登记线索（{day}）").format(
            day=clue.received_at.strftime("%Y-%m-%d %H:%M")
        ),
    )


def choose_child(
    tasks: Tasks, parent: QWidget | None, clue: ClueRecord, children: Children
) -> RecordDialog:
    """Name the child on file before a report or a visit: they belong to a child's file."""

    def submit(values: dict[str, Any]) -> Any:
        return lambda s: clues.link_child(s, clue_id=clue.id, child_id=values["child_id"])

    return RecordDialog(
        tasks,
        tr("dialogs", "选择涉及的儿童"),
        [Field("child_id", "涉及儿童", RECORD, required=True, options=tuple(children))],
        submit,
        parent,
        intro=tr(
            "dialogs", "强制报告和走访记在儿童档案中。线索所述：{about}（未建档的请先新建儿童档案）"
        ).format(about=clue.about or "—"),
    )


def note(tasks: Tasks, parent: QWidget | None, clue: ClueRecord) -> RecordDialog:
    """记为备注: the clue handled without a report or a visit."""

    def submit(values: dict[str, Any]) -> Any:
        return lambda s: clues.note_clue(s, clue_id=clue.id, **values)

    return RecordDialog(
        tasks,
        tr("dialogs", "记为备注"),
        NOTE_FIELDS,
        submit,
        parent,
        values={"handled_on": date.today()},
        intro=tr("dialogs", "如：非本村儿童已转告所在村；经电话核实无需走访。"),
    )


def close(tasks: Tasks, parent: QWidget | None, clue: ClueRecord) -> RecordDialog:
    """结案: the outcome of the clue."""

    def submit(values: dict[str, Any]) -> Any:
        return lambda s: clues.close_clue(s, clue_id=clue.id, **values)

    return RecordDialog(
        tasks,
        tr("dialogs", "线索结案"),
        CLOSE,
        submit,
        parent,
        values={"closed_on": date.today()},
    )
