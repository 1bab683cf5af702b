"""Sync things in words for the village: a field's label, a value as people read it, why a
change was set aside (the server's reasons and this laptop's travel as codes, and are
put into words only here), and the plain-text label every data cell of the page uses."""

from __future__ import annotations

import string
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import QLabel

from sync.protocol import Hold, Refusal

from ...core.entities import BY_TABLE
from ...core.errors import Kind, ValidationError
from ...core.vocab import Choice
from ...messages import FIELDS, MESSAGES
from ..dialogs import specs
from ..i18n import error_text, table_text, tr
from .child_tabs import field_label

# One phrase per refusal ({field}: the field's label; {what}: the kind of record waited for).
REFUSALS = {
    Refusal.UNKNOWN_TABLE: QT_TRANSLATE_NOOP("sync", "不认识这类记录（软件版本不一致）"),
    Refusal.UNKNOWN_FIELD: QT_TRANSLATE_NOOP("sync", "不认识的项目“{field}”（软件版本不一致）"),
    Refusal.INVALID: QT_TRANSLATE_NOOP("sync", "不符合填写要求：{rule}"),
    Refusal.BAD_REGION: QT_TRANSLATE_NOOP("sync", "区划代码有误"),
    Refusal.OUT_OF_SCOPE: QT_TRANSLATE_NOOP("sync", "超出本账号负责的区划"),
    Refusal.NOT_PERMITTED: QT_TRANSLATE_NOOP("sync", "本账号无权做此修改"),
    Refusal.DUPLICATE: QT_TRANSLATE_NOOP("sync", "已有同一编号的记录"),
    Refusal.MISSING_PARENT: QT_TRANSLATE_NOOP("sync", "所属的{what}记录尚未收到，收到后自动补上"),
    Refusal.MISSING_RECORD: QT_TRANSLATE_NOOP("sync", "要修改的记录尚未收到，收到后自动补上"),
    Refusal.INSERT_ONLY: QT_TRANSLATE_NOOP("sync", "此类记录不能修改，请新增一条更正"),
    Refusal.FIXED_FIELD: QT_TRANSLATE_NOOP("sync", "此项“{field}”不能通过同步修改"),
    Refusal.MOVED: QT_TRANSLATE_NOOP(
        "sync", "此儿童档案已转到其他村，转出通知发到本机之后的修改不再并入"
    ),
    Refusal.OTHER: QT_TRANSLATE_NOOP("sync", "其他原因：{rule}"),
    Refusal.CASE_CLOSED: QT_TRANSLATE_NOOP("sync", "未生效：{rule}；本机已改回服务器上的样子"),
    # The county looked at it and sent it back ({rule}: its reason, in its words).
    Refusal.REJECTED: QT_TRANSLATE_NOOP("sync", "县里退回：{rule}"),
}
# A decision on a suspected duplicate set aside (or what came with it): what stood on the
# server instead, by the hold's rule ("none" of an exit: no merge dropped the file).
CASES = {
    "distinct": QT_TRANSLATE_NOOP("sync", "这两份档案已先被认定不是同一人"),
    "merged": QT_TRANSLATE_NOOP("sync", "这两份档案已先按另一次处理合并"),
    "none": QT_TRANSLATE_NOOP("sync", "县服务器上没有这对待处理的疑似重复"),
    "exit": QT_TRANSLATE_NOOP("sync", "只有合并疑似重复时才能以“重复建档（已合并）”退出"),
}
KINDS = {
    "insert": QT_TRANSLATE_NOOP("sync", "新增"),
    "set": QT_TRANSLATE_NOOP("sync", "修改"),
    "conflict": QT_TRANSLATE_NOOP("sync", "冲突记录"),
}
_SPECS = {
    table: {f.name: f for f in group}
    for table, group in (
        ("child", specs.CHILD),
        ("family_member", specs.FAMILY_MEMBER),
        ("carer", specs.CARER),
        ("assistance", specs.ASSISTANCE),
        ("visit", specs.VISIT),
        ("visit_amendment", specs.AMEND_VISIT),
        ("assessment", specs.ASSESSMENT),
        ("incident", specs.REPORT),
        ("incident_followup", specs.FOLLOWUP),
        ("care_agreement", specs.SIGN_AGREEMENT),
    )
}


def label(text: str = "", name: str = "", wrap: bool = False) -> QLabel:
    """A label for data: plain text always (a name like <b>x</b> shows as typed)."""
    widget = QLabel(text)
    widget.setTextFormat(Qt.TextFormat.PlainText)
    if name:
        widget.setObjectName(name)
    widget.setWordWrap(wrap)
    widget.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return widget


def _spec(table: str, field: str) -> Any:
    return _SPECS.get(table, {}).get(field)


def label_of(table: str, field: str) -> str:
    """The field's label as its own form shows it (a child's 家庭联系电话, a carer's 联系电话)."""
    spec = _spec(table, field)
    if spec is not None:
        return tr("fields", spec.label)
    shown = field_label(field)  # the child's file's label, else the messages' name
    if shown == field and field in FIELDS:
        shown = tr("fields", FIELDS[field][0])
    return shown


def value_text(table: str, field: str, value: Any) -> str:
    """A field's value as people read it (the label of a choice, 是/否, 空)."""
    if value is None or value == "" or value == []:
        return tr("sync", "（空）")
    spec = _spec(table, field)
    choices = spec.choices if spec is not None else None
    if isinstance(value, bool):
        return tr("sync", "是") if value else tr("sync", "否")
    if isinstance(value, list):
        return "、".join(value_text(table, field, v) for v in value)
    if choices is not None:
        member = choices.parse(value)
        if member is not None:
            return tr("vocab", member.label)
    return str(value)


def typed_value(table: str, field: str, text: str) -> tuple[Any, bool]:
    """What a typed merged value stores: (value, understood)."""
    text = text.strip()
    spec = _spec(table, field)
    choices: type[Choice] | None = spec.choices if spec is not None else None
    if choices is None:
        return text, bool(text)
    member = choices.parse(text)
    return (member.value if member is not None else text), member is not None


def kind_text(kind: str) -> str:
    return tr("sync", str(KINDS[kind])) if kind in KINDS else kind


def reason_text(table: str, hold: Hold) -> str:
    """Why a change was set aside, in words: the refusal, the field, the rule it breaks."""
    field = label_of(table, hold.field) if hold.field else ""
    what = ""
    entity = BY_TABLE.get(table)
    if hold.field and entity is not None and hold.field in entity:
        what = table_text(entity[hold.field].ref or "")
    if hold.refusal is Refusal.CASE_CLOSED:
        case = hold.rule if hold.rule in CASES else "none"
        case = "exit" if case == "none" and table == "enrollment_event" else case
        rule = tr("sync", str(CASES[case]))
    else:
        rule = _rule_text(table, hold) or field
    text = tr("sync", str(REFUSALS[hold.refusal])).format(field=field, what=what, rule=rule)
    # An older server's reason names no field (nor, for OTHER, any detail): say less.
    return text.replace(" “” ", " ").replace("“”", "").rstrip("：: ")


def _rule_text(table: str, hold: Hold) -> str:
    """The rule's own message (出生日期“…”不是有效日期), with what the registry knows of
    the field (its limits) and "…" for the value, which a reason never carries."""
    try:
        kind = Kind(hold.rule or "")
    except ValueError:
        return hold.rule or ""
    template = MESSAGES.get(kind, ("",))[0]
    params: dict[str, Any] = {
        name: "…" for _t, name, _s, _c in string.Formatter().parse(template) if name
    }
    params.pop("field", None)
    entity = BY_TABLE.get(table)
    if hold.field and entity is not None and hold.field in entity:
        f = entity[hold.field]
        limits = (("max", f.max_len), ("low", f.low), ("high", f.high))
        params.update({k: v for k, v in limits if v is not None and k in params})
    error = ValidationError(kind, hold.field, **params)
    return error_text(error, label_of(table, hold.field) if hold.field else None)
