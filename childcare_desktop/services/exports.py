"""Exports for submission upward: the 登记表 and 花名册 as one workbook, and the whole store as
JSON for the county.

The 登记表 sheet's headers are the labels the ledger importer reads (``ledgers.columns``), and
its values are written as the importer reads them back, so importing an export into the
store it came from changes nothing, and into an empty store gives the same export again.
It comes first in the workbook: an import that is not told which sheet to read takes the
first one with a name column, and the 花名册 (masked ID numbers) cannot be imported.

Rows are read with plain table selects, a few hundred children at a time, so a county's
export never fills the session with objects; both files are written under a temporary name
and renamed, so a crash leaves no half file. Each export is one audit entry with counts and
options only: never a name, and never the file name (it may carry one).
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from ..core.errors import raise_for_os_error
from ..core.printing import ROSTER_TITLE
from ..ledgers.writer import Sheet, write_workbook
from ..storage.migrate import current_revision
from ..storage.models import Child
from .common import actor, record_audit
from .export_records import CONFIDENTIAL, dumps
from .export_records import json_children as _json_children  # a test breaks it mid-export
from .export_sheets import (
    REGISTER_HEADERS,
    REGISTER_TARGETS,
    ROSTER_HEADERS,
    ROSTER_WIDTHS,
    WIDE_COLUMNS,
    many_text,
    register_rows,
    roster_rows,
    village_names,
)
from .printing import context, may_see_reports
from .roster import RosterFilter, search_roster

__all__ = [
    "CONFIDENTIAL",
    "REGISTER_HEADERS",
    "REGISTER_TARGETS",
    "ROSTER_HEADERS",
    "ExportResult",
    "export_json",
    "export_xlsx",
    "many_text",
]

REGISTER_SHEET = "登记表"
ROSTER_SHEET = "花名册"
JSON_FORMAT = "childcare-export"
JSON_VERSION = 1


@dataclass(frozen=True, slots=True)
class ExportResult:
    path: Path
    children: int
    format: str  # "xlsx" or "json"
    sheets: tuple[str, ...] = ()


# -- the workbook -------------------------------------------------------------------------


def export_xlsx(
    session: Session,
    path: Path,
    *,
    region_prefix: str | None = None,
    include_exited: bool = False,
    full_ids: bool = False,
) -> ExportResult:
    """The 登记表 (full ID numbers, for submission and re-import) and the 花名册 (ID numbers
    masked unless ``full_ids``) of the children on the roster, as one .xlsx workbook."""
    session.flush()  # the table selects below read the tables, not the session
    status = "all" if include_exited else "active"
    children = search_roster(
        session, filters=RosterFilter(status=status, region_prefix=region_prefix)
    )
    children.sort(key=lambda c: (c.region_code, c.search_key, c.file_no or "", c.id))
    ids = [c.id for c in children]
    ctx = context(session, full_ids=full_ids)
    scope = "（含已退出）" if include_exited else "（在册）"
    title = f"{ROSTER_TITLE}　{ctx.place}　共 {len(children)} 名{scope}　导出日期 {date.today()}"
    widths = [0, *(WIDE_COLUMNS.get(t.field.name, 0) for t in REGISTER_TARGETS)]
    counted = [0]
    path = Path(path)
    write_workbook(
        path,
        [
            Sheet(REGISTER_SHEET, REGISTER_HEADERS, register_rows(session, ids, counted), widths),
            Sheet(
                ROSTER_SHEET,
                ROSTER_HEADERS,
                roster_rows(session, children, full_ids=full_ids),
                ROSTER_WIDTHS,
                title_row=title,
            ),
        ],
    )
    sheets = (REGISTER_SHEET, ROSTER_SHEET)
    record_audit(
        session,
        "exported",
        None,
        format="xlsx",
        children=counted[0],
        sheets=list(sheets),
        scope=region_prefix or "all",
        include_exited=include_exited,
        full_ids=full_ids,
    )
    return ExportResult(path, counted[0], "xlsx", sheets)


# -- JSON ---------------------------------------------------------------------------------


def export_json(session: Session, path: Path, *, region_prefix: str | None = None) -> ExportResult:
    """Every live child of the store (or of ``region_prefix``), exited ones included, with
    the whole file: family, carers, categories, agreements, visits (with their corrections),
    assessments, assistance, enrollment events, problems (with their steps), dropouts
    (with their 劝返), the 工作日志 entries naming the child, and the mandatory reports (with their
    follow-ups) only for a role that may see them, never with the reporter's identity."""
    session.flush()  # the selects below read the tables, not the session
    ids, codes = _json_scope(session, region_prefix)
    with_reports = may_see_reports(session)
    path = Path(path)
    head = _json_head(session, region_prefix, ids, codes, with_reports)
    _write_json(session, path, head, ids, with_reports)
    record_audit(
        session,
        "exported",
        None,
        format="json",
        children=len(ids),
        scope=region_prefix or "all",
        reports=with_reports,
    )
    return ExportResult(path, len(ids), "json")


def _json_scope(session: Session, region_prefix: str | None) -> tuple[list[str], set[str]]:
    """The live children's ids in the export's order, and their villages' codes."""
    table: Table = Child.__table__  # type: ignore[assignment]
    query = select(table.c.id, table.c.region_code).where(table.c.deleted.is_(False))
    if region_prefix:
        query = query.where(table.c.region_code.startswith(region_prefix))
    order = (table.c.region_code, table.c.name_pinyin, table.c.file_no, table.c.id)
    ids, codes = [], set()
    for child_id, code in session.execute(query.order_by(*order)):
        ids.append(child_id)
        codes.add(code)
    return ids, codes


def _json_head(
    session: Session,
    region_prefix: str | None,
    ids: list[str],
    codes: set[str],
    with_reports: bool,
) -> dict[str, Any]:
    names = village_names(session, codes)
    return {
        "format": JSON_FORMAT,
        "version": JSON_VERSION,
        "exported_at": datetime.now().astimezone().isoformat(timespec="seconds"),
        "exported_by": actor(session),
        "schema_revision": current_revision(session.connection()),
        "scope": region_prefix or "all",
        "includes_reports": with_reports,
        "regions": [{"code": c, "name": names.get(c, "")} for c in sorted(codes)],
        "counts": {"children": len(ids)},
    }


def _write_json(
    session: Session, path: Path, head: dict[str, Any], ids: list[str], with_reports: bool
) -> None:
    """The head, then the children one by one, under a temporary name renamed at the end."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".childcare-", suffix=".json", dir=path.parent)
    except OSError as err:
        raise_for_os_error(err, path.parent)
        raise
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(dumps(head)[:-1] + ', "children": [')  # the head, left open
            for n, child in enumerate(_json_children(session, ids, with_reports)):
                out.write(("," if n else "") + "\n" + dumps(child))
            out.write("\n]}\n")
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException as err:
        Path(tmp).unlink(missing_ok=True)
        raise_for_os_error(err, path.parent)
        raise
