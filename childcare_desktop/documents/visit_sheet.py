"""走访记录表: blank (for paper when the laptop stays at home; the child is pre-filled) or
filled from a recorded visit."""

from __future__ import annotations

from datetime import date
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from ..core.printing import PrintContext
from ..core.records import ChildFile, VisitRecord
from ..core.vocab import VisitMode
from .base import (
    BODY,
    SUBTITLE,
    TITLE,
    build,
    gap,
    grid,
    markup,
    pairs,
    para,
    text,
    usable_width,
)
from .layout import section

DOC_TITLE = "儿童关爱服务走访记录表"
BLANK_LINE = "＿" * 30


def visit_sheet_pdf(
    file: ChildFile,
    context: PrintContext,
    visit: VisitRecord | None = None,
    next_due: date | None = None,
) -> bytes:
    return build(_story(file, context, visit, next_due), DOC_TITLE, context)


def _story(
    file: ChildFile, context: PrintContext, visit: VisitRecord | None, next_due: date | None
) -> list[Flowable]:
    child, w = file.child, usable_width()
    latest = file.latest_assessment
    held = [c.category for c in file.categories if c.ended_on is None]
    story: list[Flowable] = [
        para(DOC_TITLE, TITLE),
        para("（空白表，走访后请录入系统）" if visit is None else "（根据系统记录打印）", SUBTITLE),
        gap(),
        pairs(
            [
                ("儿童姓名", child.name),
                ("档案编号", child.file_no),
                ("性别", child.sex),
                ("年龄", f"{file.age}周岁" if file.age is not None else None),
                ("儿童类别", held),
                ("当前风险等级", latest.colour if latest else "未评估"),
                ("现居住地址", child.current_address),
                ("证件号码", context.id_text(child.id_number)),
            ],
            w,
        ),
    ]
    body = _blank(w, next_due) if visit is None else _filled(visit, w, next_due)
    story += [section("走访情况", body[0]), *body[1:]]
    story += [
        gap(6),
        markup(
            "走访人签名：____________　　被访照护人签名：____________（电话/视频走访可不签）", BODY
        ),
        markup("审核人（儿童督导员）：____________　　日期：______年____月____日", BODY),
    ]
    return story


def _blank(w: float, next_due: date | None) -> list[Flowable]:
    modes = "　".join(f"□{m.label}" for m in VisitMode)
    rows = [
        ["走访日期", "______年____月____日　____时____分"],
        ["走访方式", modes],
        ["走访人 / 同行人员", ""],
        ["接触对象", "□儿童本人（□单独交谈）　□委托照护人　□父母（远程）　□教师　□其他"],
        [
            "儿童状况",
            "身体：□正常 □患病 □受伤　情绪：□正常 □低落 □焦虑 □异常\n学业：□在校 □辍学 □缺勤　安全隐患：□溺水 □交通 □用电 □网络沉迷",
        ],
        [
            "监护状况",
            "照护人是否在家：□是 □否　照护能力：□好 □一般 □差\n父母每周联系：□是 □否　委托照护协议：□有效 □到期 □无",
        ],
        ["居住环境", "住房安全：□是 □否　卫生条件：□好 □一般 □差"],
        [
            "政策落实",
            "□低保 □特困 □孤儿/事实无人抚养补贴 □医保资助 □教育资助 □残疾人两项补贴　是否到位：□是 □否",
        ],
        ["发现问题", "\n\n"],
        ["处理措施", "□当场指导 □政策告知并协助申请 □链接资源 □转介 □报告督导员 □强制报告\n\n"],
        ["评估结论", "监护情况：□较好 □一般 □差　风险等级：□红 □黄 □蓝 □绿"],
        ["下次走访计划", text(next_due, "______年____月____日")],
    ]
    return [grid([["项目", "内容"], *rows], [34 * mm, w - 34 * mm])]


def _filled(visit: VisitRecord, w: float, next_due: date | None) -> list[Flowable]:
    rows = [
        ["走访日期", visit.visited_on],
        ["走访方式", visit.mode],
        ["走访人 / 同行人员", " / ".join(p for p in (visit.visitor, visit.companions) if p)],
        ["是否见到儿童本人", visit.met_child],
        ["照护人是否在家", visit.carer_present],
        ["儿童状况", visit.child_condition],
        ["发现问题", visit.findings],
        ["处理措施", visit.actions],
        ["备注", visit.notes],
        ["下次走访计划", next_due],
    ]
    flow: list[Flowable] = [grid([["项目", "内容"], *rows], [34 * mm, w - 34 * mm])]
    if visit.amendments:
        flow += [
            section(
                "更正记录",
                grid(
                    [["更正日期", "项目", "更正为", "原因"]]
                    + [
                        [a.amended_on, AMENDED.get(a.field, a.field), _value(a), a.reason]
                        for a in visit.amendments
                    ],
                    [24 * mm, 26 * mm, (w - 50 * mm) / 2, (w - 50 * mm) / 2],
                ),
            ),
        ]
    if visit.voided:
        flow.append(para("此次走访记录已作废。", BODY))
    return flow


# What a correction changed, as the sheet's own row titles call it.
AMENDED = {
    "void": "作废",
    "visited_on": "走访日期",
    "mode": "走访方式",
    "visitor": "走访人",
    "companions": "同行人员",
    "met_child": "是否见到儿童本人",
    "carer_present": "照护人是否在家",
    "child_condition": "儿童状况",
    "findings": "发现问题",
    "actions": "处理措施",
    "notes": "备注",
}


def _value(amendment: Any) -> Any:
    """The corrected value as printed (grid escapes it): labels, not codes."""
    if amendment.field == "void":
        return "此次记录作废"
    if amendment.field == "mode" and amendment.value in {m.value for m in VisitMode}:
        return VisitMode(amendment.value)
    return amendment.value
