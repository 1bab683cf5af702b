"""The 汇总表 and the 花名册 as .xlsx workbooks, for an office that sends its tables on
as spreadsheets: the title, the place line, the header, the rows and the totals of the
PDFs (:mod:`.summary` and :mod:`.roster` give both the same rows), the cross-check
warning in red, the sign-off lines, and who printed it when.

Counts are numbers (a reader may sum them again); every text is written as text, never
as a formula (a name typed as "=..." must not run in Excel); ID numbers and file
numbers are text, so no digit is lost.
"""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Sequence
from datetime import date, datetime
from enum import Enum
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ..core.printing import PrintContext
from ..core.records import ChildSummary
from ..core.summary import SummaryTable, cross_checks
from ..core.vocab import Choice
from . import roster, summary
from .base import CONFIDENTIAL

DATE_FORMAT = "yyyy-mm-dd"
_TITLE = Font(bold=True, size=14)
_BOLD = Font(bold=True)
_RED = Font(bold=True, color="9B1C1C")
_HEAD = PatternFill("solid", fgColor="E8EEF6")
_SECTION = PatternFill("solid", fgColor="F2F2F2")
_CENTRE = Alignment(horizontal="center", vertical="center")
MAX_WIDTH = 40  # characters; longer text wraps


def summary_xlsx(
    table: SummaryTable,
    context: PrintContext,
    *,
    scope: str = "在册儿童",
    as_of: date | None = None,
) -> bytes:
    """The 汇总表 as a workbook of one sheet (``as_of`` as for the PDF)."""
    header = summary.header(table)
    out = _Sheet("汇总表", len(header))
    out.heading(summary.DOC_TITLE, summary.scope_line(context, scope, as_of))
    out.line(header, fill=_HEAD)
    out.line(summary.total_row(table), bold=True)
    for title, rows in summary.section_rows(table):
        out.banner(title, fill=_SECTION)
        for row in rows:
            out.line(row)
    problems = cross_checks(table)
    if problems:
        out.banner(summary.warning(problems), font=_RED)
    out.closing(context, [f"填报单位：{context.place}", *summary.SIGNOFF])
    return out.done(least=8, freeze="B4", landscape=False)


def roster_xlsx(
    children: Sequence[ChildSummary],
    context: PrintContext,
    *,
    villages: dict[str, str] | None = None,
    as_of: date | None = None,
) -> bytes:
    """The (internal) 花名册 as a workbook of one sheet."""
    header = [title for title, _key, _width in roster.COLUMNS]
    rows = roster.roster_rows(children, context, villages or {})
    out = _Sheet("花名册", len(header))
    out.heading(roster.DOC_TITLE, roster.subtitle(context, len(rows), False, as_of))
    out.line(header, fill=_HEAD)
    for row in rows:
        out.line(row)
    signers = "填表人：____________　　审核人：____________"
    out.closing(context, [roster.footnote(context, False), f"填报单位：{context.place}", signers])
    return out.done(least=6, freeze="C4", landscape=True)  # 序号 and 姓名 stay in sight


def plain(value: Any) -> Any:
    """A value as a cell holds it: a label for a code, "、" between several, a date as a
    date, a count as a number, anything else as text."""
    if value is None or value == "" or value == ():
        return None
    if isinstance(value, Choice):
        return value.label
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date | int):
        return value
    if isinstance(value, tuple | list | frozenset | set):
        return "、".join(str(plain(v)) for v in value)
    return str(value)


class _Sheet:
    """One sheet written line by line: a table of ``width`` columns under a title."""

    def __init__(self, title: str, width: int) -> None:
        self.book = Workbook()
        self.ws: Worksheet = self.book.active
        self.ws.title = title
        self.width = width
        self.row = 0
        self.banners: set[int] = set()

    def line(self, values: Sequence[Any], *, bold: bool = False, fill: Any = None) -> None:
        self.row += 1
        for column, value in enumerate(values, start=1):
            cell = self.ws.cell(row=self.row, column=column)
            _put(cell, plain(value))
            if bold or fill is not None:
                cell.font = _BOLD
            if fill is not None:
                cell.fill = fill
                cell.alignment = _CENTRE

    def banner(self, text: str, *, font: Font = _BOLD, fill: Any = None) -> None:
        """One line across the table (a title, a section, a note), long text wrapped."""
        self.row += 1
        self.banners.add(self.row)
        cell = self.ws.cell(row=self.row, column=1)
        _put(cell, text)
        cell.font = font
        long = _width(text) > 8 * self.width + 40
        cell.alignment = Alignment(vertical="center", wrap_text=long)
        if fill is not None:
            cell.fill = fill
        if self.width > 1:
            self.ws.merge_cells(
                start_row=self.row, start_column=1, end_row=self.row, end_column=self.width
            )
        if long:  # tall enough to read once wrapped
            self.ws.row_dimensions[self.row].height = 15 * (1 + _width(text) // 100)

    def heading(self, title: str, subtitle: str) -> None:
        self.banner(title, font=_TITLE)
        self.ws["A1"].alignment = _CENTRE
        self.ws.row_dimensions[1].height = 24
        self.banner(subtitle)

    def closing(self, context: PrintContext, lines: list[str]) -> None:
        self.row += 1  # a blank line
        for text in lines:
            self.banner(text, font=Font())
        when = f"{context.printed_at:%Y-%m-%d %H:%M}"
        self.banner(
            f"{CONFIDENTIAL}　打印人：{context.printed_by}　打印时间：{when}",
            font=Font(color="555555", size=9),
        )

    def done(self, *, least: int, freeze: str, landscape: bool) -> bytes:
        _fit(self.ws, self.banners, least)
        self.ws.freeze_panes = freeze
        _print_setup(self.ws, landscape=landscape)
        buffer = io.BytesIO()
        self.book.save(buffer)
        return buffer.getvalue()


def _put(cell: Any, value: Any) -> None:
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"  # never a formula, whatever it starts with
    elif isinstance(value, date):
        cell.number_format = DATE_FORMAT


def _fit(ws: Worksheet, banners: set[int], least: int) -> None:
    """Each column as wide as its widest cell (a Chinese character counts two); the
    lines across the table do not count."""
    widths: dict[int, int] = {}
    for row in ws.iter_rows():
        if row[0].row in banners:
            continue
        for cell in row:
            if cell.value is None:
                continue
            size = 10 if isinstance(cell.value, date) else _width(str(cell.value))
            widths[cell.column] = max(widths.get(cell.column, least), size)
    for column, size in widths.items():
        ws.column_dimensions[get_column_letter(column)].width = min(size + 2, MAX_WIDTH)


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _print_setup(ws: Worksheet, *, landscape: bool) -> None:
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "3:3"  # the header on every printed page
