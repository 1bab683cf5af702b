"""The console's 报表 page (issue 17, reports upward): the 汇总表 and the 花名册 of the
county, a township or a village, on a chosen day, as PDF or xlsx.

Counted from the server's records by :mod:`sync.server.reports` as the laptop counts
them, and laid out by the laptop's own documents (``documents.summary``,
``documents.roster``, ``documents.tables_xlsx``). The 花名册 names children: a role that
may not see their names on the console's pages (a county-viewer:
:data:`.oversight.FULL_NAMES`) gets them masked there too, 张*明; ID numbers are always
masked (as the laptop prints them unless asked). Every download is audited: which
document, of where, of which day, how many children, masked or not.
"""

from __future__ import annotations

import dataclasses
import re
from datetime import UTC, date, datetime
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from sqlalchemy.engine import Connection

from childcare_desktop.core.printing import PrintContext
from childcare_desktop.core.roles import Permission
from childcare_desktop.documents import roster as roster_doc
from childcare_desktop.documents import summary as summary_doc
from childcare_desktop.documents import tables_xlsx

from .. import oversight_kept, regions, reports
from ..api.deps import database, now_ms
from ..days import CHINA, county_day
from . import staff
from .auth import Posted, Viewer, client, guard, posted, route
from .oversight import FULL_NAMES, mask, place_names
from .render import page

router = APIRouter()
DOCUMENTS = {"summary": "汇总表", "roster": "花名册"}
FORMATS = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _today() -> date:
    return county_day(now_ms())


def scopes(conn: Connection, county: str, names: dict[str, str]) -> list[dict[str, Any]]:
    """What a report may be of: the county, each township and each village (named or
    with records), the townships' villages under them."""
    known = {code for code in names if code.startswith(county)}
    known |= {code for code in oversight_kept.heads(conn, county) if len(code) == 12}
    known |= {code[:9] for code in known if len(code) == 12}
    found = [{"code": county, "label": f"全县（{names.get(county) or county}）", "depth": 0}]
    for code in sorted(c for c in known if len(c) in (9, 12)):
        found.append({"code": code, "label": names.get(code) or code, "depth": len(code) // 4})
    return found


def _page(request: Request, viewer: Viewer, status: int = 200, **extra: Any) -> Response:
    with database(request).read() as conn:
        county = regions.county_of_server(conn) or ""
        names = place_names(conn, county) if county else {}
        options = scopes(conn, county, names) if county else []
    context = {"scope": county, "doc": "summary", "format": "pdf", "as_of": _today()} | extra
    return page(
        request,
        "reports.html",
        status,
        viewer=viewer,
        active="reports",
        scopes=options,
        documents=DOCUMENTS,
        masked=not viewer.may(FULL_NAMES),
        today=_today(),
        **context,
    )


@route(router, "GET", "/console/reports", Permission.READ)
def reports_page(
    request: Request, viewer: Annotated[Viewer, Depends(guard(Permission.READ))]
) -> Response:
    return _page(request, viewer)


@route(router, "POST", "/console/reports/download", Permission.READ)
def download(request: Request, form: Annotated[Posted, posted(Permission.READ)]) -> Response:
    asked = {k: form.fields.get(k, "") for k in ("scope", "doc", "format", "as_of")}
    as_of = _day(asked["as_of"])
    db = database(request)
    with db.read() as conn:
        county = regions.county_of_server(conn) or ""
        names = place_names(conn, county) if county else {}
        offered = {s["code"] for s in scopes(conn, county, names)} if county else set()
        problem = _problem(asked, as_of, offered)
        if problem or as_of is None:
            return _page(request, form.viewer, 400, message=problem, **asked)
        found = reports.read(conn, asked["scope"], as_of, roster=asked["doc"] == "roster")
    masked = asked["doc"] == "roster" and not form.viewer.may(FULL_NAMES)
    context = _context(form.viewer, found.scope, names)
    content, count = _document(asked, found, names, context, full_names=not masked)
    now = now_ms()
    with db.write() as conn:
        detail = (
            f"doc={asked['doc']} format={asked['format']} scope={found.scope} "
            f"as_of={as_of.isoformat()} count={count} masked={int(masked)}"
        )
        staff.audit(
            conn, form.viewer.name, "report_downloaded", detail, client=client(request), now_ms=now
        )
    headers = _headers(asked["doc"], found.scope, names, as_of, asked["format"])
    return Response(content, media_type=FORMATS[asked["format"]], headers=headers)


def _problem(asked: dict[str, str], as_of: date | None, offered: set[str]) -> str:
    if asked["doc"] not in DOCUMENTS or asked["format"] not in FORMATS:
        return "请选择报表和格式。"
    if asked["scope"] not in offered:
        return "请选择本县、本县的乡镇或村。"
    if as_of is None or as_of > _today():
        return "统计日期须为今天或以前的日期（年-月-日）。"
    return ""


def _document(
    asked: dict[str, str],
    found: reports.Read,
    names: dict[str, str],
    context: PrintContext,
    *,
    full_names: bool = True,
) -> tuple[bytes, int]:
    """The document's bytes and how many children it counts or lists."""
    pdf = asked["format"] == "pdf"
    if asked["doc"] == "summary":
        table = reports.summary(found, names)
        make = summary_doc.summary_pdf if pdf else tables_xlsx.summary_xlsx
        return make(table, context, as_of=found.as_of), table.grand_total()
    children = reports.roster(found)
    if not full_names:
        children = [dataclasses.replace(c, name=mask(c.name)) for c in children]
    villages = {c.region_code: _village(c.region_code, found.scope, names) for c in children}
    if pdf:
        content = roster_doc.roster_pdf(children, context, villages=villages, as_of=found.as_of)
    else:
        content = tables_xlsx.roster_xlsx(children, context, villages=villages, as_of=found.as_of)
    return content, len(children)


def _village(code: str, scope: str, names: dict[str, str]) -> str:
    """A village as the 花名册's 所在村 says it: with its township on a county's (two
    townships may each have a 新村), by its code when unnamed (as the laptop prints it)."""
    name = names.get(code)
    if not name:
        return code
    return (names.get(code[:9], "") if len(scope) == 6 else "") + name


def _context(viewer: Viewer, scope: str, names: dict[str, str]) -> PrintContext:
    """Who prints (the staff member), when (Beijing time) and where (the scope, named)."""
    parts = [names.get(scope[:n]) or scope[:n] if len(scope) >= n else "" for n in (6, 9, 12)]
    printed_at = datetime.fromtimestamp(now_ms() / 1000, tz=UTC) + CHINA
    return PrintContext(
        printed_by=viewer.name,
        printed_at=printed_at.replace(tzinfo=None),
        county=parts[0],
        township=parts[1],
        village=parts[2],
    )


def _day(text: str) -> date | None:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        return None


def _headers(doc: str, scope: str, names: dict[str, str], as_of: date, fmt: str) -> dict[str, str]:
    """An attachment named in UTF-8 (RFC 6266 and 5987: 汇总表-青石镇-2026-11-30.pdf), in
    ASCII for an old browser (summary-349901101-2026-11-30.pdf); never kept in a cache
    (a shared office PC keeps no copy of a list of children)."""
    place = re.sub(r'[\\/:*?"<>|\s]+', "_", names.get(scope) or scope)
    name = f"{DOCUMENTS[doc]}-{place}-{as_of.isoformat()}.{fmt}"
    fallback = f"{doc}-{scope}-{as_of.isoformat()}.{fmt}"
    return {
        "Content-Disposition": (
            f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"
        ),
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
    }
