"""Write plain tables as an .xlsx workbook (import reports, 花名册, 登记表 rows).

Streamed (openpyxl's write-only mode), so thousands of rows never sit in memory as cells.
Every value is written as text or a date, never as a number: an ID number or a phone
number written as a number is rounded or loses its leading zero the next time Excel saves.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from ..core.errors import raise_for_os_error

_BOLD = Font(bold=True)
_HEAD_FILL = PatternFill("solid", fgColor="DDEBF7")
_WRAP = Alignment(wrap_text=True, vertical="top")
DATE_FORMAT = "yyyy-mm-dd"


@dataclass(frozen=True, slots=True)
class Sheet:
    title: str
    headers: Sequence[str]
    rows: Iterable[Sequence[Any]]
    widths: Sequence[int] = ()  # column widths in characters; default from the headers
    title_row: str | None = None  # a line above the header (e.g. 填报单位 and date)


def write_workbook(path: Path, sheets: Sequence[Sheet]) -> Path:
    """Write ``sheets`` to ``path`` through a temporary file (never a half-written file);
    the folder is made if missing."""
    path = Path(path)
    try:  # the place first: a write-only workbook left unsaved complains when collected
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".childcare-", suffix=".xlsx", dir=path.parent)
    except OSError as err:
        raise_for_os_error(err, path.parent)
        raise
    os.close(fd)
    try:
        book = Workbook(write_only=True)
        for sheet in sheets:
            _write_sheet(book, sheet)
        book.save(tmp)
        os.replace(tmp, path)
    except BaseException as err:
        Path(tmp).unlink(missing_ok=True)
        raise_for_os_error(err, path.parent)
        raise
    return path


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
