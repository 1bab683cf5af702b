"""汇总表: the summary table, one block per section, one column per village and a total.

The rows of each block add up to the number of children (core.summary.cross_checks, run
by the tests). A table that passes says nothing about it on the paper; one that fails
says so in red, so a wrong sum is never sent upward unnoticed.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether

from ..core.printing import PrintContext
from ..core.summary import SECTIONS, SummaryTable, cross_checks
from .base import (
    HEADING,
    SUBTITLE,
    TITLE,
    WARNING,
    build,
    gap,
    grid,
    para,
    usable_width,
)
from .layout import signoff

DOC_TITLE = "农村留守儿童和困境儿童情况汇总表"


def summary_pdf(table: SummaryTable, context: PrintContext, *, scope: str = "在册儿童") -> bytes:
    return build(_story(table, context, scope), DOC_TITLE, context)


def _story(table: SummaryTable, context: PrintContext, scope: str) -> list[Flowable]:
    w = usable_width()
    units = table.units
    label_w = 62 * mm
    col_w = (w - label_w) / (len(units) + 1)
    header = ["项目", *(name for _, name in units), "合计"]
    story: list[Flowable] = [
        para(DOC_TITLE, TITLE),
        para(f"{context.place}　{scope}　统计截至 {context.printed_at:%Y-%m-%d}", SUBTITLE),
        gap(),
        grid(
            [header, ["儿童总数", *(table.total[c] for c, _ in units), table.grand_total()]],
            [label_w] + [col_w] * (len(units) + 1),
        ),
    ]
    for section in SECTIONS:
        rows = [header]
        for code, label in section.rows:
            values = [table.cell(section.key, code, unit) for unit, _ in units]
            rows.append([label, *values, sum(values)])
        story.append(
            KeepTogether(
                [
                    para(section.title, HEADING),
                    grid(rows, [label_w] + [col_w] * (len(units) + 1), zebra=True),
                ]
            )
        )
    problems = cross_checks(table)
    story.append(gap(4))
    if problems:
        story.append(para("校验未通过：" + "；".join(problems), WARNING))
    story.append(
        signoff(
            "填报单位",
            context.place,
            [
                "单位负责人：____________　　填表人：____________",
                "复核人：____________　　填报日期：______年____月____日",
            ],
            w,
        )
    )
    return story
