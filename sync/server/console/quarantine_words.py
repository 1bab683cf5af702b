"""Why the server held an operation, in the words the laptop's 同步 page uses
(``childcare_desktop.ui.views.sync_text``: the server may not import the app's
views, so the phrases are repeated here; tests/sync/test_console_quarantine.py checks
they stay the laptop's)."""

from __future__ import annotations

from childcare_desktop.core.entities import BY_TABLE

from ...protocol import Hold, Refusal

REFUSALS = {
    Refusal.UNKNOWN_TABLE: "不认识这类记录（软件版本不一致）",
    Refusal.UNKNOWN_FIELD: "不认识的项目“{field}”（软件版本不一致）",
    Refusal.INVALID: "不符合填写要求：{rule}",
    Refusal.BAD_REGION: "区划代码有误",
    Refusal.OUT_OF_SCOPE: "超出本账号负责的区划",
    Refusal.NOT_PERMITTED: "本账号无权做此修改",
    Refusal.DUPLICATE: "已有同一编号的记录",
    Refusal.MISSING_PARENT: "所属的{what}记录尚未收到，收到后自动补上",
    Refusal.MISSING_RECORD: "要修改的记录尚未收到，收到后自动补上",
    Refusal.INSERT_ONLY: "此类记录不能修改，请新增一条更正",
    Refusal.FIXED_FIELD: "此项“{field}”不能通过同步修改",
    Refusal.MOVED: "此儿童档案已转到其他村，转出通知发到本机之后的修改不再并入",
    Refusal.OTHER: "其他原因：{rule}",
    Refusal.CASE_CLOSED: "未生效：{rule}；本机已改回服务器上的样子",
    Refusal.REJECTED: "县里退回：{rule}",
}
CASES = {
    "distinct": "这两份档案已先被认定不是同一人",
    "merged": "这两份档案已先按另一次处理合并",
    "none": "县服务器上没有这对待处理的疑似重复",
    "exit": "只有合并疑似重复时才能以“重复建档（已合并）”退出",
}


def table_label(table: str) -> str:
    """What the village calls a kind of record (走访记录), or its name."""
    found = BY_TABLE.get(table)
    return found.label if found is not None else table


def reason_text(table: str, encoded: str) -> str:
    """A held operation's reason (``Hold.encode()``) as the laptop words it; a field by
    its name, a rule by its code (the app's messages are the laptop's)."""
    hold = Hold.decode(encoded)
    field = hold.field or ""
    entity = BY_TABLE.get(table)
    what = ""
    if hold.field and entity is not None and hold.field in entity:
        what = table_label(entity[hold.field].ref or "")
    rule = hold.rule or field
    if hold.refusal is Refusal.CASE_CLOSED:
        case = hold.rule if hold.rule in CASES else "none"
        case = "exit" if case == "none" and table == "enrollment_event" else case
        rule = CASES[case]
    text = REFUSALS[hold.refusal].format(field=field, what=what, rule=rule)
    return text.replace("“”", "").rstrip("：: ")
