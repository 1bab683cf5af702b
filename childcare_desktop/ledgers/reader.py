"""Open a workbook, find each sheet's header (one to three rows, merged cells included),
and stream its data rows without loading the sheet into memory.

openpyxl is imported where a workbook is read, not with this module: the app's start
imports the headers' types but reads no workbook.
"""

from __future__ import annotations

import logging
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from types import TracebackType
from typing import Any
from xml.etree.ElementTree import ParseError, iterparse

from ..core.errors import Kind, ValidationError
from . import columns, values
from .columns import Target

log = logging.getLogger(__name__)

SCAN_ROWS = 20  # a header starts within the first rows of a sheet
MAX_HEADER_ROWS = 3
_MERGE_TAG = "mergeCell"
_ZIP_MAGIC = b"PK\x03\x04"


@dataclass(frozen=True, slots=True)
class Column:
    index: int  # 0-based position in the row
    path: tuple[str, ...]  # the header labels above the data, top to bottom
    target: Target | None
    note: str | None = None  # why a recognised column is not imported

    @property
    def letter(self) -> str:
        from openpyxl.utils import get_column_letter

        return get_column_letter(self.index + 1)

    @property
    def title(self) -> str:
        return " / ".join(self.path)


@dataclass(frozen=True, slots=True)
class Header:
    sheet: str
    first_row: int  # 1-based, as Excel numbers rows
    last_row: int
    data_row: int  # the first row of data (a row of column numbers under the header is skipped)
    columns: tuple[Column, ...]
    title: str = ""  # the text above the header (a sheet's title: 某村留守儿童花名册)

    def mapped(self) -> dict[str, Column]:
        return {c.target.key: c for c in self.columns if c.target is not None}

    def with_targets(self, targets: dict[int, Target | None]) -> Header:
        """The same header with some columns mapped by hand (the wizard, ``--mapping``)."""
        changed = tuple(
            replace(c, target=targets[c.index], note=None) if c.index in targets else c
            for c in self.columns
        )
        return replace(self, columns=changed)


class Ledger:
    """An opened .xlsx workbook (read-only, streamed): ``with Ledger(path) as ledger``."""

    def __init__(self, path: Path) -> None:
        from openpyxl import load_workbook

        self.path = Path(path)
        self._check_format()
        try:
            self._book = load_workbook(self.path, read_only=True, data_only=True)
        except (zipfile.BadZipFile, KeyError, ParseError, OSError, ValueError) as err:
            log.info("workbook could not be opened: %s", type(err).__name__)
            raise ValidationError(Kind.LEDGER_UNREADABLE, reason="文件不完整或已损坏") from None
        self.epoch: date = values.EPOCH_1904 if self._book.epoch.year == 1904 else values.EPOCH_1900
        self._sizes: dict[str, int] = {}
        self._merged: dict[str, list[tuple[int, int, int, int]]] = {}

    def _check_format(self) -> None:
        try:
            with self.path.open("rb") as fh:
                magic = fh.read(4)
        except FileNotFoundError:
            raise ValidationError(Kind.LEDGER_UNREADABLE, reason="找不到文件") from None
        except OSError as err:
            raise ValidationError(Kind.LEDGER_UNREADABLE, reason=err.strerror or "") from None
        if magic != _ZIP_MAGIC:
            raise ValidationError(Kind.LEDGER_OLD_FORMAT)

    def __enter__(self) -> Ledger:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        self._book.close()

    @property
    def sheets(self) -> list[str]:
        """The worksheets (a chart sheet has no cells to read)."""
        return [ws.title for ws in self._book.worksheets]

    def sheet(self, name: str | int | None = None) -> str:
        """The sheet asked for by name or 1-based number; by default the first with a header."""
        names = self.sheets
        if name is None:
            for candidate in names:
                if self.find_header(candidate) is not None:
                    return candidate
            return names[0]
        if str(name) in names:  # a sheet named "2024" is that sheet, not the 2024th
            return str(name)
        if isinstance(name, int) or str(name).isdigit():
            number = int(name)
            if 1 <= number <= len(names):
                return names[number - 1]
        raise ValidationError(Kind.LEDGER_NO_SHEET, sheet=str(name), sheets="、".join(names))

    def size(self, sheet: str) -> int:
        """The number of rows the sheet says it has (for progress; may be wrong)."""
        self._worksheet(sheet)
        return self._sizes[sheet]

    def _worksheet(self, sheet: str) -> Any:
        """The sheet, streamed row by row. Files written by other programs often state a
        wrong size (A1:A1), which would cut rows short, so the stated size is only kept
        for the progress bar and rows are read as they are."""
        ws = self._book[sheet]
        if sheet not in self._sizes:
            self._sizes[sheet] = int(ws.max_row or 0)
            ws.reset_dimensions()
        return ws

    def header(self, sheet: str) -> Header:
        found = self.find_header(sheet)
        if found is None:
            raise ValidationError(Kind.LEDGER_NO_HEADER, sheet=sheet, rows=SCAN_ROWS)
        return found

    def find_header(self, sheet: str) -> Header | None:
        """The best header in the first rows: the one whose columns name the most fields,
        and a name column among them."""
        ws = self._worksheet(sheet)
        top = [list(row) for row in ws.iter_rows(max_row=SCAN_ROWS, values_only=True)]
        if not top:
            return None
        width = max(len(row) for row in top)
        grid = [row + [None] * (width - len(row)) for row in top]
        _fill_merged(grid, self._merges(sheet))
        best: tuple[tuple[int, int, int, int], Header] | None = None
        for start in range(len(grid)):
            for height in range(1, MAX_HEADER_ROWS + 1):
                if start + height > len(grid):
                    break
                header = _header_at(sheet, grid, start, height)
                keys = header.mapped()
                if "child.name" not in keys:
                    continue
                score = (len(keys), -height, -start, 0)
                if best is None or score > best[0]:
                    best = (score, header)
        if best is None:
            return None
        above = grid[: best[1].first_row - 1]
        return replace(best[1], title=_title(above))

    def rows(self, header: Header) -> Iterator[tuple[int, tuple[Any, ...]]]:
        """(row number, cell values) for each row under the header, blank rows included.

        A cell merged down over several rows (a father shared by siblings) gives its value
        to each of them; Excel keeps it in the first row only.
        """
        ws = self._worksheet(header.sheet)
        down = {
            (min_col - 1, min_row): max_row
            for min_col, min_row, _max_col, max_row in self._merges(header.sheet)
            if max_row > min_row and min_row >= header.data_row
        }
        carried: dict[int, tuple[int, Any]] = {}  # column -> (last row, value)
        rows = ws.iter_rows(min_row=header.data_row, values_only=True)
        for number, row in enumerate(rows, start=header.data_row):
            if not down:
                yield number, row
                continue
            cells = list(row)
            for column, (last, value) in list(carried.items()):
                if number > last:
                    del carried[column]
                    continue
                cells += [None] * (column + 1 - len(cells))
                cells[column] = value
            for column in range(len(cells)):
                if (column, number) in down:
                    carried[column] = (down[column, number], cells[column])
            yield number, tuple(cells)

    def _merges(self, sheet: str) -> list[tuple[int, int, int, int]]:
        if sheet not in self._merged:
            self._merged[sheet] = _merged_ranges(self._worksheet(sheet))
        return self._merged[sheet]


def _title(rows: list[list[Any]]) -> str:
    """The words of the rows above a header, each cell once (a merged title fills a row)."""
    words: list[str] = []
    for row in rows:
        for cell in row:
            text = values.plain(cell)
            if text and text not in words:
                words.append(text)
    return " ".join(words)[:200]


def _header_at(sheet: str, grid: list[list[Any]], start: int, height: int) -> Header:
    from openpyxl.utils import get_column_letter

    rows = grid[start : start + height]
    cols: list[Column] = []
    taken: dict[str, str] = {}
    for index in range(len(rows[0])):
        path: list[str] = []
        for row in rows:
            label = values.plain(row[index])
            if label and (not path or path[-1] != label):
                path.append(label)
        if not path:
            continue
        target = columns.match(path)
        note = columns.ignored_reason(path)
        if target is not None and target.key in taken:
            note = f"与 {taken[target.key]} 列重复"
            target = None
        elif target is not None:
            taken[target.key] = get_column_letter(index + 1)
        cols.append(Column(index, tuple(path), target, note))
    data_row = start + height + 1  # 1-based, the row after the header
    if data_row - 1 < len(grid) and _is_number_row(grid[data_row - 1]):
        data_row += 1
    return Header(sheet, start + 1, start + height, data_row, tuple(cols))


def _is_number_row(row: Sequence[Any]) -> bool:
    """A row of column numbers (1 2 3 ...) printed under a 登记表 header."""
    cells = [values.plain(v) for v in row if values.plain(v)]
    return len(cells) >= 3 and cells == [str(n) for n in range(1, len(cells) + 1)]


def _merged_ranges(ws: Any) -> list[tuple[int, int, int, int]]:
    """(min_col, min_row, max_col, max_row) of each merged range, read from the sheet's XML.

    A read-only worksheet does not load merged ranges; the ``mergeCells`` element comes
    after all the data, so the XML is streamed through and each element dropped once read.
    """
    from openpyxl.utils import range_boundaries

    get_source = getattr(ws, "_get_source", None)  # openpyxl's read-only worksheet
    if get_source is None:
        return [range_boundaries(str(r)) for r in getattr(ws, "merged_cells", ())]
    found = []
    sheet_data = None
    with get_source() as src:
        for event, element in iterparse(src, events=("start", "end")):
            if event == "start":
                if element.tag.endswith("}sheetData"):
                    sheet_data = element
            elif element.tag.endswith(_MERGE_TAG):
                ref = element.get("ref")
                if ref and ":" in ref:
                    found.append(range_boundaries(ref))
            elif element.tag.endswith("}row") and sheet_data is not None:
                sheet_data.clear()  # rows already passed are of no further use
    return found


def _fill_merged(grid: list[list[Any]], merged: list[tuple[int, int, int, int]]) -> None:
    """Give every cell of a merged range the value of its top-left cell (within the grid)."""
    for min_col, min_row, max_col, max_row in merged:
        if min_row > len(grid):
            continue
        value = grid[min_row - 1][min_col - 1] if min_col - 1 < len(grid[0]) else None
        for r in range(min_row - 1, min(max_row, len(grid))):
            for c in range(min_col - 1, min(max_col, len(grid[r]))):
                grid[r][c] = value
