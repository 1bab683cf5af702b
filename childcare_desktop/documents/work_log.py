"""工作日志 of a month: the director's dated work not tied to one child (issue 18).

Plain data in (:class:`WorkLogMonth`), PDF out; every text is escaped by ``base``.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from ..core.printing import PrintContext
from .base import BODY, SUBTITLE, TITLE, build, gap, grid, para, usable_width

DOC_TITLE = "工作日志"


@dataclass(frozen=True, slots=True)
class WorkLogLine:
    logged_on: str  # 2026-11-30
    kind: str  # 会议
    title: str
    place: str
    content: str
    children: str  # 张三、李四


@dataclass(frozen=True, slots=True)
class WorkLogMonth:
    year: int
    month: int
    village: str  # the village's name (and township), as the print context says it
    lines: tuple[WorkLogLine, ...]


def work_log_pdf(sheet: WorkLogMonth, context: PrintContext) -> bytes:
    """The month's log as PDF (A4 landscape: the content column has the room), one row
    an entry, by date."""
    title = f"{DOC_TITLE}（{sheet.year}年{sheet.month}月）"
    return build(_story(sheet), title, context, wide=True)


def _story(sheet: WorkLogMonth) -> list[Flowable]:
    w = usable_width(wide=True)
    story: list[Flowable] = [
        para(f"{DOC_TITLE}（{sheet.year}年{sheet.month}月）", TITLE),
        para(f"村（社区）：{sheet.village or '—'}　共 {len(sheet.lines)} 条", SUBTITLE),
        gap(),
    ]
    if not sheet.lines:
        story.append(para("本月没有工作日志。", BODY))
        return story
    header = ["日期", "类别", "事项", "地点", "内容", "涉及儿童"]
    rows = [[x.logged_on, x.kind, x.title, x.place, x.content, x.children] for x in sheet.lines]
    widths = [22 * mm, 24 * mm, 42 * mm, 32 * mm, w - 160 * mm, 40 * mm]
    story.append(grid([header, *rows], widths, zebra=True))
    return story
