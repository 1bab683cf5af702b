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
from pathlib import Path
from typing import Any

from ..core.errors import raise_for_os_error


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
    from ._xlsx import save  # openpyxl: on the first workbook written, not at the app's start

    path = Path(path)
    try:  # the place first: a write-only workbook left unsaved complains when collected
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".childcare-", suffix=".xlsx", dir=path.parent)
    except OSError as err:
        raise_for_os_error(err, path.parent)
        raise
    os.close(fd)
    try:
        save(Path(tmp), sheets)
        os.replace(tmp, path)
    except BaseException as err:
        Path(tmp).unlink(missing_ok=True)
        raise_for_os_error(err, path.parent)
        raise
    return path
