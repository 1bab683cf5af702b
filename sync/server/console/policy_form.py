"""The 县级政策 page's form: the policy's values as fields, typed values back as the
overrides of ``core.policy``, and its refusals in words.

The form only carries what was typed to the policy's own shape (an interval typed as
"7天" becomes P7D, a whole number an int); it judges nothing: whatever it cannot carry
over goes as typed, and ``core.policy`` refuses it, naming the value's path, which
:func:`refusal` words beside its label.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from childcare_desktop.core.dates import Interval
from childcare_desktop.core.errors import Kind, ValidationError
from childcare_desktop.core.policy import DEFAULTS
from childcare_desktop.core.vocab import RiskColour


@dataclass(frozen=True, slots=True)
class Item:
    path: str  # in the policy: rhythm.red.contact
    label: str
    kind: str  # interval | count | colour | yes_no | windows | days | lines | words
    unit: str = ""

    @property
    def short(self) -> str:
        """The label without its hint in brackets."""
        return self.label.split("（")[0]


def _items() -> tuple[Item, ...]:
    rhythm = [
        Item(f"rhythm.{c.value}.{what}", f"{c.label}色 · {words}", "interval")
        for c in RiskColour
        for what, words in (("contact", "联系"), ("home_visit", "入户走访"))
    ]
    return (
        *rhythm,
        Item("priority_rhythm.contact", "重点儿童 · 联系", "interval"),
        Item("priority_rhythm.home_visit", "重点儿童 · 入户走访", "interval"),
        Item("unassessed_colour", "未评估的儿童按此风险等级", "colour"),
        Item("first_visit_working_days", "首次走访（纳入后工作日内）", "count", "个工作日"),
        Item("assessment_interval", "评估间隔", "interval"),
        Item("due_soon_days", "即将到期提醒", "count", "天"),
        Item("agreement_warning_days", "协议到期提醒", "count", "天"),
        Item("ageing_out_warning_days", "即将年满18岁提醒", "count", "天"),
        Item("sync_red_days", "同步超过此天数标红", "count", "天"),
        Item("left_behind.min_months_away", "留守：父母外出至少", "count", "个月"),
        Item("left_behind.requires_rural_hukou", "留守：须为农村户籍", "yes_no"),
        Item(
            "de_facto.min_months_restricted",
            "事实无人抚养：父母被限制人身自由至少",
            "count",
            "个月",
        ),
        Item("de_facto.min_months_lost_contact", "事实无人抚养：父母失联至少", "count", "个月"),
        Item("three_left_behind.enabled", "三留守：村里登记留守妇女和留守老年人", "yes_no"),
        Item("three_left_behind.contact", "三留守：联系留守妇女和老人", "interval"),
        Item("holiday_windows", "重点时段巡查（每行：名称 开始月-日 结束月-日）", "windows"),
        Item("public_holidays", "法定节假日（每行一个日期，计算工作日时跳过）", "days"),
        *_plan_items(),
        *_report_items(),
        *_duty_items(),
    )


def _duty_items() -> tuple[Item, ...]:
    """The deadlines of the other records a director keeps (core.duty_deadlines)."""
    days = "天（0为当天）"
    return (
        Item("duty_deadlines.clue_days", "线索：处理时限（收到后）", "count", days),
        Item(
            "duty_deadlines.clue_safety_days",
            "线索：涉及儿童安全的处理时限（收到后，标红）",
            "count",
            days,
        ),
        Item("duty_deadlines.persuasion", "辍学劝返：至少每（直到返校或书面报告）", "interval"),
        Item("duty_deadlines.quarter_check_days", "季度核实：季度最后几天提醒", "count", "天"),
        Item(
            "duty_deadlines.school_notice_days",
            "告知学校：时限（认定留守或转学后）",
            "count",
            "天",
        ),
        Item(
            "duty_deadlines.pairing_contact_months",
            "结对帮扶：至少每几个月联系一次",
            "count",
            "个月",
        ),
        Item("duty_deadlines.plan_days", "服务计划：时限（评估后制定或调整）", "count", "天"),
    )


def _report_items() -> tuple[Item, ...]:
    """强制报告: each follow-up stage's deadline (core.report_deadlines), and whether its
    days are working days."""
    unit = "天（0为当天）"
    return (
        Item("report_deadlines.notified", "强制报告：通报乡镇（报告后）", "count", unit),
        Item("report_deadlines.emergency", "强制报告：应急处置（报告后）", "count", unit),
        Item("report_deadlines.assessment", "强制报告：评估帮扶（通报乡镇后）", "count", unit),
        Item("report_deadlines.intervention", "强制报告：监护干预（评估帮扶后）", "count", unit),
        Item("report_deadlines.feedback", "强制报告：受理反馈（报告后）", "count", unit),
        Item("report_deadlines.working_days", "强制报告时限按工作日计算", "yes_no"),
    )


def _plan_items() -> list[Item]:
    """四级分类服务: the default plan of each colour (core.service_plans)."""
    return [
        Item(f"service_plans.{c.value}.{what}", f"{c.label}色 · {words}", kind)
        for c in RiskColour
        for what, words, kind in (
            ("measures", "服务措施（每行一项）", "lines"),
            ("responsible", "责任人", "words"),
            ("frequency", "服务频次", "words"),
        )
    ]


ITEMS = _items()
BY_PATH = {i.path: i for i in ITEMS}
PROBLEMS = {
    "interval": "应为间隔，如“7天”“2周”“1个月”（不能为0）",
    "whole_number": "应为不小于0的整数",
    "too_large": "数值过大：天数或月数不超过3650，强制报告各阶段时限不超过365天",
    "at_least_one": "应为不小于1的整数",
    "colour": "请选择红、黄、蓝、绿之一",
    "month_day": "日期应写作“月-日”，如 01-15",
    "date": "应为日期，如 2027-02-05",
    "yes_no": "应为“是”或“否”",
    "measures": "请至少填写一项措施（每行一项）",
    "text": "应填写，且不能过长",
}
_WORDS = re.compile(r"^(?:(\d+)年)?(?:(\d+)个?月)?(?:(\d+)周)?(?:(\d+)天)?$")


def words(value: Interval) -> str:
    """An interval in words: 7天, 1个月, 1个月15天."""
    parts = [f"{value.months}个月" if value.months else "", f"{value.days}天" if value.days else ""]
    return "".join(parts)


def shown(source: Mapping[str, Any]) -> dict[str, str]:
    """The form's values for a policy (``Policy.source``: the defaults merged with a
    county's overrides)."""
    values: dict[str, str] = {}
    for item in ITEMS:
        value = get(source, item.path)
        if item.kind == "interval":
            values[item.path] = words(Interval.parse(value))
        elif item.kind == "yes_no":
            values[item.path] = "1" if value else ""
        elif item.kind == "windows":
            values[item.path] = "\n".join(f"{w['name']} {w['start']} {w['end']}" for w in value)
        elif item.kind in ("days", "lines"):
            values[item.path] = "\n".join(value)
        else:
            values[item.path] = str(value)
    return values


def overrides(typed: Mapping[str, str]) -> dict[str, Any]:
    """The overrides the typed values make: those that differ from ``core.policy``'s
    defaults, in its shape (unchecked: ``load_policy`` judges them)."""
    found: dict[str, Any] = {}
    for item in ITEMS:
        value = _carried(item, typed.get(item.path, ""))
        if value != get(DEFAULTS, item.path):
            _put(found, item.path, value)
    return found


def refusal(err: ValidationError) -> tuple[str | None, str]:
    """The field at fault (a form path, or None) and what to tell the user."""
    if err.kind is Kind.DATE_ORDER:
        return "effective_from", f"生效日期不能早于今天（{err.params.get('earliest')}）。"
    if err.kind is not Kind.POLICY_INVALID:
        return "effective_from", "生效日期应为日期，如 2026-12-01。"
    path = err.field or ""
    parts = path.split(".")
    item = BY_PATH.get(path) or BY_PATH.get(".".join(parts[:-1])) or BY_PATH.get(parts[0])
    what = PROBLEMS.get(str(err.params.get("problem")), "格式不对")
    if item is None:
        return None, f"政策设置有误：{what}。"
    line = ""
    if item.kind in ("windows", "days") or (item.kind == "lines" and item.path != path):
        line = f"第{int(parts[len(item.path.split('.'))]) + 1}行"
    return item.path, f"“{item.short}”{line}：{what}。"


def _carried(item: Item, text: str) -> Any:
    text = text.strip()
    if item.kind == "interval":
        found = _WORDS.match(text.replace(" ", ""))
        if found and any(found.groups()):
            y, m, w, d = found.groups()
            return "P" + "".join(
                f"{n}{u}" for n, u in ((y, "Y"), (m, "M"), (w, "W"), (d, "D")) if n
            )
        return text.upper() if text.upper().startswith("P") else text
    if item.kind == "count":
        return int(text) if re.fullmatch(r"-?\d{1,9}", text) else text
    if item.kind == "yes_no":
        return text == "1"
    if item.kind == "windows":
        return [_window(line) for line in text.splitlines() if line.strip()]
    if item.kind in ("days", "lines"):
        return [line.strip() for line in text.splitlines() if line.strip()]
    return text


def _window(line: str) -> dict[str, str]:
    """名称 开始 结束 (a name may hold spaces: the last two words are the days)."""
    parts = line.split()
    if len(parts) > 3:
        parts = [" ".join(parts[:-2]), *parts[-2:]]
    name, start, end = [*parts, "", "", ""][:3]
    return {"name": name, "start": start, "end": end}


def get(source: Mapping[str, Any], path: str) -> Any:
    value: Any = source
    for part in path.split("."):
        value = value[part]
    return value


def _put(target: dict[str, Any], path: str, value: Any) -> None:
    *parents, last = path.split(".")
    for part in parents:
        target = target.setdefault(part, {})
    target[last] = value
