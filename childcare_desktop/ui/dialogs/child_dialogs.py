"""The dialogs of the child's file: each one a field list and the use case that saves it."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime
from typing import Any

from PySide6.QtWidgets import QComboBox, QWidget

from ...core.records import (
    AgreementRecord,
    AssistanceRecord,
    CarerRecord,
    CategoryRecord,
    ChildFile,
    ClueRecord,
    FamilyMemberRecord,
    IncidentRecord,
    VisitRecord,
)
from ...core.vocab import ExitReason, Relation, VisitMode
from ...core.worklist import WorkKind
from ...services import (
    agreements,
    assistance,
    categories,
    clues,
    enrollment,
    family,
    incidents,
    visits,
)
from ...services.children import register_child
from ...services.villages import held_villages
from ...services.worklist import next_due_after_visit
from ..i18n import tr
from ..models.worklist_table_model import work_label
from ..tasks import Tasks
from ..widgets.village_field import VillageField
from . import specs
from .assessment_dialog import assessment
from .record_dialog import RecordDialog

__all__ = ["assessment"]  # with the other dialogs of the file, for the views

VISIT_WORK = {WorkKind.HOME_VISIT, WorkKind.FIRST_VISIT, WorkKind.CONTACT, WorkKind.HOLIDAY_VISIT}


def _stored(record: Any) -> dict[str, Any] | None:
    """The record being edited, as the form's values; None for a new record."""
    return dataclasses.asdict(record) if record is not None else None


def new_child(tasks: Tasks, parent: QWidget | None, township: str | None = None) -> RecordDialog:
    """A new child's file; in a township's store (``township``: its 9 digits) the child's
    village is asked for, offering the villages the store holds."""

    def submit(values: dict[str, Any]) -> Any:
        wanted = values.pop("categories") or []
        recognized = values.pop("recognized_on")
        return lambda s: register_child(s, categories=wanted, recognized_on=recognized, **values)

    intro = tr("dialogs", "填写身份证号码后，出生日期和性别自动带出。")
    if township:
        intro += "\n" + tr(
            "dialogs", "本乡镇区划代码为 {code}：所在村填以它开头的12位村级区划代码。"
        ).format(code=township)
    dialog = RecordDialog(
        tasks,
        tr("dialogs", "新建儿童档案"),
        specs.NEW_CHILD_IN_TOWNSHIP if township else specs.NEW_CHILD,
        submit,
        parent,
        intro=intro,
        confirm=lambda child: tr("dialogs", "已建立儿童档案（{name}）").format(name=child.name),
    )
    if township:
        field = dialog.form.editors["region_code"]
        assert isinstance(field, VillageField)
        tasks.run(held_villages, field.set_villages)
    return dialog


def family_member(
    tasks: Tasks, parent: QWidget | None, child_id: str, record: FamilyMemberRecord | None = None
) -> RecordDialog:
    def submit(values: dict[str, Any]) -> Any:
        if record is None:
            return lambda s: family.add_family_member(s, child_id=child_id, **values)
        return lambda s: family.update_family_member(s, member_id=record.id, **values)

    title = tr("dialogs", "家庭成员") if record is None else tr("dialogs", "修改家庭成员")
    return RecordDialog(
        tasks, title, specs.FAMILY_MEMBER, submit, parent, columns=2, stored=_stored(record)
    )


def carer(
    tasks: Tasks, parent: QWidget | None, child_id: str, record: CarerRecord | None = None
) -> RecordDialog:
    def submit(values: dict[str, Any]) -> Any:
        if record is None:
            return lambda s: family.add_carer(s, child_id=child_id, **values)
        return lambda s: family.update_carer(s, carer_id=record.id, **values)

    title = tr("dialogs", "受委托照护人")
    return RecordDialog(
        tasks,
        title,
        specs.CARER,
        submit,
        parent,
        stored=_stored(record),
        intro=tr(
            "dialogs",
            "照护人须具有完全民事行为能力，且无《未成年人保护法》第二十二条所列不得委托的情形。",
        ),
    )


def agreement_draft(tasks: Tasks, parent: QWidget | None, file: ChildFile) -> RecordDialog:
    carers = [(c.name, c.id) for c in file.carers]
    parents = [
        (f"{tr('vocab', m.relation.label)} {m.name or ''}", m.id)
        for m in file.family
        if isinstance(m.relation, Relation)
    ]

    def submit(values: dict[str, Any]) -> Any:
        return lambda s: agreements.draft_agreement(s, child_id=file.child.id, **values)

    return RecordDialog(
        tasks,
        tr("dialogs", "起草委托照护协议"),
        specs.agreement_draft(carers, parents),
        submit,
        parent,
        values={"fee": "无偿", "contact_frequency": "每周至少一次"},
    )


def sign_agreement(
    tasks: Tasks, parent: QWidget | None, agreement: AgreementRecord, witness: str = ""
) -> RecordDialog:
    def submit(values: dict[str, Any]) -> Any:
        return lambda s: agreements.sign_agreement(s, agreement_id=agreement.id, **values)

    return RecordDialog(
        tasks,
        tr("dialogs", "签订委托照护协议"),
        specs.SIGN_AGREEMENT,
        submit,
        parent,
        values={"signed_on": date.today(), "witness": witness},
        intro=tr("dialogs", "签订后协议不可修改；如需变更，请起草新协议，旧协议自动替代。"),
    )


def end_agreement(tasks: Tasks, parent: QWidget | None, agreement: AgreementRecord) -> RecordDialog:
    def submit(values: dict[str, Any]) -> Any:
        return lambda s: agreements.end_agreement(s, agreement_id=agreement.id, **values)

    return RecordDialog(
        tasks,
        tr("dialogs", "终止协议"),
        specs.END_AGREEMENT,
        submit,
        parent,
        values={"ended_on": date.today()},
    )


def visit(
    tasks: Tasks,
    parent: QWidget | None,
    file: ChildFile,
    visitor: str = "",
    clue: ClueRecord | None = None,
) -> RecordDialog:
    """记录走访; with ``clue``, the visit made on a clue (线索), linked to it when saved."""
    visits_due = [w for w in file.work if w.kind in VISIT_WORK]
    due = "、".join(work_label(w.kind) for w in visits_due)
    home_due = clue is not None or any(w.kind is not WorkKind.CONTACT for w in visits_due)

    def submit(values: dict[str, Any]) -> Any:
        if clue is not None:
            return lambda s: clues.visit_clue(s, clue_id=clue.id, **values)
        return lambda s: visits.log_visit(s, child_id=file.child.id, **values)

    dialog = RecordDialog(
        tasks,
        tr("dialogs", "记录走访 — {name}").format(name=file.child.name),
        specs.VISIT,
        submit,
        parent,
        values={
            "visited_on": date.today(),
            "visitor": visitor,
            "mode": VisitMode.HOME if home_due else VisitMode.PHONE,
        },
        intro=_visit_intro(due, clue),
        confirm=lambda record: tr("dialogs", "已保存走访记录（{name}，{day}）").format(
            name=file.child.name, day=record.visited_on.isoformat()
        ),
    )
    _show_next_due(dialog, tasks, file.child.id)
    return dialog


def _visit_intro(due: str, clue: ClueRecord | None) -> str:
    if clue is not None:
        return tr("dialogs", "核实线索：{content}").format(content=clue.content)
    return tr("dialogs", "当前应办：{due}").format(due=due) if due else ""


def _show_next_due(dialog: RecordDialog, tasks: Tasks, child_id: str) -> None:
    """Under the date: when the next contact and home visit fall due after this one."""

    def update(*_args: object) -> None:
        try:
            on = date.fromisoformat(dialog.form.value("visited_on"))
            mode = VisitMode(dialog.form.value("mode"))
        except (TypeError, ValueError):
            dialog.form.notes["visited_on"].hide()  # no date, no next date
            return
        if on > date.today():
            return

        def show(due: dict[str, date]) -> None:
            parts = [tr("dialogs", "下次联系 {day} 前").format(day=due["contact"].isoformat())]
            if "home_visit" in due:
                parts.append(
                    tr("dialogs", "下次入户 {day} 前").format(day=due["home_visit"].isoformat())
                )
            note = dialog.form.notes["visited_on"]
            note.setText(tr("dialogs", "保存后：") + "，".join(parts))
            note.show()

        tasks.run(
            lambda s: next_due_after_visit(s, child_id=child_id, visited_on=on, mode=mode), show
        )

    dialog.form.editors["visited_on"].editingFinished.connect(update)
    dialog.form.editors["mode"].currentIndexChanged.connect(update)
    update()


def amend_visit(tasks: Tasks, parent: QWidget | None, record: VisitRecord) -> RecordDialog:
    def submit(values: dict[str, Any]) -> Any:
        return lambda s: visits.amend_visit(s, visit_id=record.id, **values)

    return RecordDialog(
        tasks,
        tr("dialogs", "更正走访记录"),
        specs.AMEND_VISIT,
        submit,
        parent,
        intro=tr("dialogs", "原记录保留不变，更正作为新的记录附后。"),
    )


def report(
    tasks: Tasks, parent: QWidget | None, child_id: str, clue: ClueRecord | None = None
) -> RecordDialog:
    """强制报告; with ``clue``, the report a clue (线索) calls for, filled from it and
    linked to it when saved."""

    def submit(values: dict[str, Any]) -> Any:
        notified = [
            p.strip() for p in (values.pop("also_notified") or "").replace("，", ",").split(",")
        ]
        values["situations"] = values["situations"] or []
        values["also_notified"] = [p for p in notified if p]
        if clue is not None:
            return lambda s: clues.report_clue(s, clue_id=clue.id, **values)
        return lambda s: incidents.file_report(s, child_id=child_id, **values)

    now = datetime.now().replace(second=0, microsecond=0)
    filled: dict[str, Any] = {"discovered_at": now, "reported_at": now}
    if clue is not None:
        source = tr("vocab", getattr(clue.source, "label", str(clue.source)))
        filled.update(
            discovered_at=clue.received_at,
            discovered_how=(source + (f"（{clue.source_detail}）" if clue.source_detail else ""))[
                :100
            ],
            description=clue.content,
        )
    return RecordDialog(
        tasks,
        tr("dialogs", "强制报告（保密）"),
        specs.REPORT,
        submit,
        parent,
        values=filled,
        width=880,
        intro=tr(
            "dialogs",
            "发现儿童遭受或疑似遭受侵害，应立即向公安机关报告。本记录保密，"
            "不出现在名册和统计明细中；报告人信息予以保密。",
        ),
    )


def followup(
    tasks: Tasks, parent: QWidget | None, incident: IncidentRecord, done_by: str = ""
) -> RecordDialog:
    def submit(values: dict[str, Any]) -> Any:
        return lambda s: incidents.add_followup(s, incident_id=incident.id, **values)

    return RecordDialog(
        tasks,
        tr("dialogs", "报告后续跟进"),
        specs.FOLLOWUP,
        submit,
        parent,
        values={"on_date": date.today(), "done_by": done_by},
    )


def assistance_item(
    tasks: Tasks, parent: QWidget | None, child_id: str, record: AssistanceRecord | None = None
) -> RecordDialog:
    def submit(values: dict[str, Any]) -> Any:
        if record is None:
            return lambda s: assistance.record_assistance(s, child_id=child_id, **values)
        return lambda s: assistance.update_assistance(s, assistance_id=record.id, **values)

    return RecordDialog(
        tasks, tr("dialogs", "救助帮扶"), specs.ASSISTANCE, submit, parent, stored=_stored(record)
    )


def add_category(tasks: Tasks, parent: QWidget | None, child_id: str) -> RecordDialog:
    def submit(values: dict[str, Any]) -> Any:
        return lambda s: categories.add_category(s, child_id=child_id, **values)

    return RecordDialog(
        tasks,
        tr("dialogs", "认定儿童类别"),
        specs.ADD_CATEGORY,
        submit,
        parent,
        values={"recognized_on": date.today()},
    )


def end_category(tasks: Tasks, parent: QWidget | None, membership: CategoryRecord) -> RecordDialog:
    def submit(values: dict[str, Any]) -> Any:
        return lambda s: categories.end_category(s, membership_id=membership.id, **values)

    return RecordDialog(
        tasks,
        tr("dialogs", "类别退出"),
        specs.END_CATEGORY,
        submit,
        parent,
        values={"ended_on": date.today()},
    )


def exit_child(tasks: Tasks, parent: QWidget | None, child_id: str) -> RecordDialog:
    def submit(values: dict[str, Any]) -> Any:
        return lambda s: enrollment.exit_child(s, child_id=child_id, **values)

    dialog = RecordDialog(
        tasks,
        tr("dialogs", "办理退出"),
        specs.EXIT,
        submit,
        parent,
        values={"on_date": date.today()},
        intro=tr("dialogs", "退出后档案保留，可随时重新纳入。"),
    )
    # 重复建档（已合并） is the merge's own (疑似重复): chosen here, the county would set
    # it aside, no merge standing behind it.
    reasons = dialog.form.editors["reason"]
    assert isinstance(reasons, QComboBox)
    reasons.removeItem(reasons.findData(ExitReason.DUPLICATE.value))
    return dialog


def reenter_child(tasks: Tasks, parent: QWidget | None, child_id: str) -> RecordDialog:
    def submit(values: dict[str, Any]) -> Any:
        wanted = values.pop("categories") or []
        return lambda s: enrollment.reenter_child(s, child_id=child_id, categories=wanted, **values)

    return RecordDialog(
        tasks,
        tr("dialogs", "重新纳入"),
        specs.REENTRY,
        submit,
        parent,
        values={"on_date": date.today()},
    )
