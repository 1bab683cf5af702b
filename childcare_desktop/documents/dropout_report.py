"""辍学劝返无效书面报告: when persuading a child back to school (劝返) has failed, the
director reports it in writing to the township government and the county's education
bureau (县级教育行政部门): the child, the school, the dates, each attempt, a signature.
"""

from __future__ import annotations

from datetime import date

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from ..core.printing import PrintContext
from ..core.records import ChildRecord, DropoutRecord
from .base import (
    BODY,
    HEADING,
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

DOC_TITLE = "适龄儿童辍学劝返无效情况书面报告"


def dropout_report_pdf(
    child: ChildRecord, dropout: DropoutRecord, context: PrintContext, on: date
) -> bytes:
    """The written report of one dropout (A4, portrait), dated ``on``."""
    return build(_story(child, dropout, context, on), DOC_TITLE, context)


def _story(
    child: ChildRecord, dropout: DropoutRecord, context: PrintContext, on: date
) -> list[Flowable]:
    w = usable_width()
    return [
        para(DOC_TITLE, TITLE),
        para(f"报告单位：{context.place or '（村居名称未设置）'}", SUBTITLE),
        gap(4),
        para(_addressees(context), BODY),
        markup(_opening(child, dropout, context), BODY),
        para("一、儿童及辍学情况", HEADING),
        pairs(_facts(child, dropout, context), w),
        para(f"二、劝返情况（共{len(dropout.attempts)}次）", HEADING),
        _attempts(dropout, w),
        para("三、报告事项", HEADING),
        para(
            "经多次劝返，该儿童仍未返校，劝返无效。现书面报告，请乡镇人民政府和县级教育"
            "行政部门依法采取措施，督促其父母或者其他监护人送其入学接受并完成义务教育。",
            BODY,
        ),
        gap(10),
        markup(
            "报告人（儿童主任）签名：________________　　　村（居）民委员会（盖章）<br/><br/>"
            f"报告日期：{text(on)}",
            BODY,
        ),
    ]


def _addressees(context: PrintContext) -> str:
    township = f"{context.township}人民政府" if context.township else "乡镇（街道）人民政府"
    county = f"{context.county}教育行政部门" if context.county else "县级教育行政部门"
    return f"{township}、{county}："


def _opening(child: ChildRecord, d: DropoutRecord, context: PrintContext) -> str:
    village = text(context.village) or "本村"
    school = text(d.school) or "（学校未填写）"
    return (
        f"{village}儿童{text(child.name)}原在{school}{text(d.grade)}就读，"
        f"于{text(d.left_on)}辍学。村儿童主任自其辍学以来多次劝返，未能使其返校，"
        "现将有关情况报告如下。"
    )


def _facts(child: ChildRecord, d: DropoutRecord, context: PrintContext) -> list[tuple[str, object]]:
    return [
        ("姓名", child.name),
        ("性别", child.sex),
        ("出生日期", child.birth_date),
        ("证件号码", context.id_text(child.id_number)),
        ("就读学校", d.school),
        ("年级", d.grade),
        ("辍学日期", d.left_on),
        ("辍学原因", d.reason),
        ("现住址", child.current_address),
        ("联系电话", child.phone),
        ("情况说明", d.notes),
        ("", ""),
    ]


def _attempts(d: DropoutRecord, w: float) -> Flowable:
    if not d.attempts:
        return para("尚无劝返记录。", BODY)
    widths = [12 * mm, 24 * mm, 24 * mm, 36 * mm, 18 * mm]
    rows: list[list[object]] = [["序号", "日期", "劝返人", "方式", "结果", "情况"]]
    rows += [
        [n, a.on_date, a.done_by, a.method, a.outcome, a.note] for n, a in enumerate(d.attempts, 1)
    ]
    return grid(rows, [*widths, w - sum(widths)])
