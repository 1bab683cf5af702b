"""抽查结果表: the county's spot check of a sample of files, one row per file, one column
per checklist item, then the findings (问题) with their notes.

Printed by the county server from plain data (:class:`SpotCheckSheet`); the names are
as the printing role may see them (masked for a county-viewer, by the caller).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph

from ..core.printing import PrintContext
from .base import (
    BODY,
    CELL,
    HEADING,
    SMALL,
    SUBTITLE,
    TITLE,
    build,
    gap,
    grid,
    para,
    usable_width,
)

DOC_TITLE = "档案管理抽查结果表"
FAILED = "不合格"
CELL_FAILED = ParagraphStyle("cell_failed", parent=CELL, textColor=colors.HexColor("#9b1c1c"))


@dataclass(frozen=True, slots=True)
class SpotRow:
    """One file of the sample: where, whose, and each item's verdict (a label, or "")."""

    village: str
    child: str
    verdicts: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SpotFinding:
    village: str
    child: str
    item: str
    note: str
    fixed: str = ""  # "已整改 2026-12-01 dir_a", or "" while open


@dataclass(frozen=True, slots=True)
class SpotCheckSheet:
    """What the result table prints."""

    scope: str  # the scope's name (and code)
    drawn_on: str
    inspector: str  # who drew it
    seed: str
    population: int
    digest: str
    method: str  # the one sentence that says how to redo the draw
    items: tuple[str, ...]  # the checklist's labels, in order
    rows: tuple[SpotRow, ...]
    findings: tuple[SpotFinding, ...] = field(default=())


def spot_check_pdf(sheet: SpotCheckSheet, context: PrintContext) -> bytes:
    """The result table as PDF (landscape A4)."""
    return build(_story(sheet), DOC_TITLE, context, wide=True)


def _story(sheet: SpotCheckSheet) -> list[Flowable]:
    w = usable_width(wide=True)
    story: list[Flowable] = [
        para(DOC_TITLE, TITLE),
        para(
            f"抽查范围：{sheet.scope}　抽查日期：{sheet.drawn_on}　抽查人：{sheet.inspector}",
            SUBTITLE,
        ),
        gap(),
        para(
            f"随机种子：{sheet.seed}　在册档案：{sheet.population} 份　"
            f"抽取：{len(sheet.rows)} 份　名单摘要（SHA-256）：{sheet.digest}",
            SMALL,
        ),
        para(sheet.method, SMALL),
        gap(),
    ]
    fixed_w = 12 * mm + 44 * mm + 30 * mm
    item_w = (w - fixed_w) / max(len(sheet.items), 1)
    header = ["序号", "村（社区）", "儿童", *sheet.items]
    rows = [
        [n, r.village, r.child, *(_verdict(v) for v in r.verdicts)]
        for n, r in enumerate(sheet.rows, 1)
    ]
    widths = [12 * mm, 44 * mm, 30 * mm, *([item_w] * len(sheet.items))]
    story.append(grid([header, *rows], widths, zebra=True))
    story.append(para(f"发现问题（{len(sheet.findings)}）", HEADING))
    if not sheet.findings:
        story.append(para("未发现问题。", BODY))
        return story
    lines = [
        [n, f.village, f.child, f.item, f.note or "（未写说明）", f.fixed or "待整改"]
        for n, f in enumerate(sheet.findings, 1)
    ]
    widths = [12 * mm, 44 * mm, 30 * mm, 26 * mm, w - 162 * mm, 50 * mm]
    story.append(grid([["序号", "村（社区）", "儿童", "项目", "问题说明", "整改"], *lines], widths))
    return story


def _verdict(value: str) -> str | Paragraph:
    """A verdict's cell: 不合格 in dark red (and in words: it reads without colour)."""
    if value == FAILED:
        return para(value, CELL_FAILED)
    return value or "未记录"
