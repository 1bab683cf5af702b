"""The sheets of :mod:`.writer`'s workbooks, written cell by cell in openpyxl's write-only
mode: a module of its own, imported on the first workbook written (the app's start, which
writes none, does not import openpyxl)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

if TYPE_CHECKING:
    from .writer import Sheet

_BOLD = Font(bold=True)
_HEAD_FILL = PatternFill("solid", fgColor="DDEBF7")
_WRAP = Alignment(wrap_text=True, vertical="top")
DATE_FORMAT = "yyyy-mm-dd"


def save(path: Path, sheets: Sequence[Sheet]) -> None:
    book = Workbook(write_only=True)
    for sheet in sheets:
        _write_sheet(book, sheet)
    book.save(path)


def _write_sheet(book: Workbook, sheet: Sheet) -> None:
    ws = book.create_sheet(title=sheet.title[:31])
    for index, header in enumerate(sheet.headers, start=1):
        width = sheet.widths[index - 1] if index <= len(sheet.widths) else None
        ws.column_dimensions[get_column_letter(index)].width = width or max(8, 2 * len(header) + 2)
    ws.freeze_panes = "A3" if sheet.title_row else "A2"
    if sheet.title_row:
        ws.append([_cell(ws, sheet.title_row, bold=True)])
    ws.append([_cell(ws, h, bold=True) for h in sheet.headers])
    for row in sheet.rows:
        ws.append([_cell(ws, v) for v in row])


def _cell(ws: Any, value: Any, *, bold: bool = False) -> WriteOnlyCell:
    if isinstance(value, datetime):
        value = value.date()
    if value is not None and not isinstance(value, date | str):
        value = str(value)  # numbers as text: 身份证号, 电话 and 档案编号 keep every digit
    cell = WriteOnlyCell(ws, value=value)
    if isinstance(value, date):
        cell.number_format = DATE_FORMAT
    elif isinstance(value, str):
        # openpyxl takes text that starts with "=" for a formula: a note typed as
        # "=HYPERLINK(...)" would run in Excel. Everything written here is text.
        cell.data_type = "s"
        cell.number_format = "@"
        if "\n" in value:
            cell.alignment = _WRAP
    if bold:
        cell.font = _BOLD
        cell.fill = _HEAD_FILL
    return cell
