"""三留守 (issue 18): the dialogs of a left-behind woman's or elder's file, her contacts
(记走访) and her exit (退出). Each refuses beside the field at fault."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

from PySide6.QtWidgets import QWidget

from ...core.vocab import AdultContactMode, AdultExitReason, Health, LeftBehindAdultKind, Sex
from ...services import three_left
from ...services.three_left import AdultRecord
from ...services.villages import held_villages
from ..i18n import tr
from ..tasks import Tasks
from ..widgets.form import CHOICE, DATE, ID_NUMBER, NOTE, PHONE, VILLAGE, Field
from ..widgets.village_field import VillageField
from .record_dialog import RecordDialog
from .specs import DAY

KIND = Field("kind", "类别", CHOICE, LeftBehindAdultKind, required=True)
VILLAGE_FIELD = Field(
    "region_code", "所在村", VILLAGE, required=True, hint="从列表中选择，或输入村名、12位代码"
)
PERSON = [
    Field("name", "姓名", required=True),
    Field("id_number", "身份证号码", ID_NUMBER, hint="18位公民身份号码，可不填"),
    Field("birth_date", "出生日期", DATE, hint="填了身份证号码可不填"),
    Field("sex", "性别", CHOICE, Sex),
    Field("address", "住址"),
    Field("work_place", "外出务工地点", hint="如：广东省东莞市"),
    Field("away_who", "外出的家人", hint="如：丈夫；儿子、儿媳"),
    Field("health", "健康状况", CHOICE, Health),
    Field("phone", "联系电话", PHONE),
    Field("registered_on", "登记日期", DATE, required=True, hint=str(DAY)),
    Field("notes", "备注", NOTE),
]
VISIT = [
    Field("visited_on", "走访日期", DATE, required=True, hint=str(DAY)),
    Field("mode", "方式", CHOICE, AdultContactMode, required=True),
    Field("notes", "情况", NOTE),
]
EXIT = [
    Field("exited_on", "退出日期", DATE, required=True, hint=str(DAY)),
    Field("exit_reason", "退出原因", CHOICE, AdultExitReason, required=True),
]


def new_person(tasks: Tasks, parent: QWidget | None, township: str | None = None) -> RecordDialog:
    """新增: a left-behind woman or elder; a township's store asks her village."""

    def submit(values: dict[str, Any]) -> Any:
        return lambda s: three_left.add_person(s, **values)

    fields = [KIND, *([VILLAGE_FIELD] if township else []), *PERSON]
    dialog = RecordDialog(
        tasks,
        tr("three_left", "登记留守妇女/老人"),
        fields,
        submit,
        parent,
        intro=tr(
            "three_left", "留守妇女应为女性，留守老年人应年满60周岁；填身份证号码或出生日期。"
        ),
        values={"registered_on": date.today()},
        confirm=lambda p: tr("three_left", "已登记（{name}）").format(name=p.name),
    )
    if township:
        field = dialog.form.editors["region_code"]
        assert isinstance(field, VillageField)
        tasks.run(held_villages, field.set_villages)
    return dialog


def edit_person(tasks: Tasks, parent: QWidget | None, person: AdultRecord) -> RecordDialog:
    """编辑: only what the user changed is saved."""

    def submit(values: dict[str, Any]) -> Any:
        return lambda s: three_left.edit_person(s, person.id, **values)

    return RecordDialog(
        tasks,
        tr("three_left", "编辑：{name}").format(name=person.name),
        PERSON,
        submit,
        parent,
        intro=tr("vocab", person.kind.label),
        stored=dataclasses.asdict(person),
    )


def log_visit(tasks: Tasks, parent: QWidget | None, person: AdultRecord) -> RecordDialog:
    """记走访: an 入户 or a 电话 contact."""

    def submit(values: dict[str, Any]) -> Any:
        return lambda s: three_left.log_visit(s, person_id=person.id, **values)

    return RecordDialog(
        tasks,
        tr("three_left", "记走访：{name}").format(name=person.name),
        VISIT,
        submit,
        parent,
        intro=_who(person),
        values={"visited_on": date.today()},
    )


def exit_person(tasks: Tasks, parent: QWidget | None, person: AdultRecord) -> RecordDialog:
    """退出: she leaves the roster; what was kept stays."""

    def submit(values: dict[str, Any]) -> Any:
        return lambda s: three_left.exit_person(s, person_id=person.id, **values)

    return RecordDialog(
        tasks,
        tr("three_left", "退出：{name}").format(name=person.name),
        EXIT,
        submit,
        parent,
        intro=_who(person),
        values={"exited_on": date.today()},
    )


def _who(person: AdultRecord) -> str:
    last = (
        person.last_contact_on.isoformat() if person.last_contact_on else tr("three_left", "未联系")
    )
    return tr("three_left", "{name}（{kind}），最近联系：{last}").format(
        name=person.name, kind=tr("vocab", person.kind.label), last=last
    )
