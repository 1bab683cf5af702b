"""汇总表: the summary table, one block per section, one column per village and a total.

The rows of each block add up to the number of children (core.summary.cross_checks, run
by the tests). A table that passes says nothing about it on the paper; one that fails
says so in red, so a wrong sum is never sent upward unnoticed.
"""

from __future__ import annotations

from datetime import date

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


def summary_pdf(
    table: SummaryTable,
    context: PrintContext,
    *,
    scope: str = "在册儿童",
    as_of: date | None = None,
) -> bytes:
    """The 汇总表 as PDF (``as_of``: the day counted; the day printed if not given)."""
    return build(_story(table, context, scope, as_of), DOC_TITLE, context)


def scope_line(context: PrintContext, scope: str, as_of: date | None) -> str:
    """The line under the title: where, whom, and the day counted."""
    return f"{context.place}　{scope}　统计截至 {as_of or context.printed_at.date():%Y-%m-%d}"


def header(table: SummaryTable) -> list[str]:
    return ["项目", *(name for _, name in table.units), "合计"]


def total_row(table: SummaryTable) -> list[object]:
    return ["儿童总数", *(table.total[c] for c, _ in table.units), table.grand_total()]


def section_rows(table: SummaryTable) -> list[tuple[str, list[list[object]]]]:
    """Each section's title and rows (label, one count per unit, the total), in print order."""
    found = []
    for section in SECTIONS:
        rows: list[list[object]] = []
        for code, label in section.rows:
            values = [table.cell(section.key, code, unit) for unit, _ in table.units]
            rows.append([label, *values, sum(values)])
        found.append((section.title, rows))
    return found


def warning(problems: list[str]) -> str:
    """What a table that fails its cross-checks says on paper (in red)."""
    return "校验未通过：" + "；".join(problems)


SIGNOFF = (
    "单位负责人：____________　　填表人：____________",
    "复核人：____________　　填报日期：______年____月____日",
)


def _story(
    table: SummaryTable, context: PrintContext, scope: str, as_of: date | None
) -> list[Flowable]:
    w = usable_width()
    units = table.units
    label_w = 62 * mm
    col_w = (w - label_w) / (len(units) + 1)
    widths = [label_w] + [col_w] * (len(units) + 1)
    head = header(table)
    story: list[Flowable] = [
        para(DOC_TITLE, TITLE),
        para(scope_line(context, scope, as_of), SUBTITLE),
        gap(),
        grid([head, total_row(table)], widths),
    ]
    for title, rows in section_rows(table):
        story.append(KeepTogether([para(title, HEADING), grid([head, *rows], widths, zebra=True)]))
    problems = cross_checks(table)
    story.append(gap(4))
    if problems:
        story.append(para(warning(problems), WARNING))
    story.append(
        signoff(
            "填报单位",
            context.place,
            list(SIGNOFF),
            w,
        )
    )
    return story
