"""The console's 疑似重复 page: the county's suspected duplicates across villages
(:mod:`sync.server.duplicates`), open ones first, each with both files' villages and why
they were proposed; names masked for a role that may not see them.

A pair across townships is the county's to judge (no supervisor's laptop holds both
files): an administrator may mark an open case 不是同一人 here, as with
``childcare-server duplicates distinct``. Merging two files is the supervisor's, on the
laptop that holds them both.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from sqlalchemy import select
from sqlalchemy.engine import Connection

from childcare_desktop.core.duplicates import CaseState, Reason
from childcare_desktop.core.roles import Permission

from .. import duplicates, regions
from .. import schema as s
from ..api.deps import database, now_ms
from . import staff
from .auth import Posted, Viewer, client, guard, posted, route
from .oversight import FULL_NAMES, mask, place_names
from .render import page

router = APIRouter()
REASONS = {
    Reason.ID_NUMBER.value: "身份证号相同",
    Reason.NAME_BIRTH.value: "姓名、性别、出生日期相同",
    Reason.PINYIN.value: "姓名拼音、性别、出生日期相同",
}
STATES = {
    CaseState.OPEN.value: "待处理",
    CaseState.MERGED.value: "已合并",
    CaseState.DISTINCT.value: "不是同一人",
}
SHOWN = 500  # cases on the page: a county has a handful open


def cases(conn: Connection, *, full_names: bool) -> list[dict[str, Any]]:
    """The county's cases, open first, newest first; each file's name (masked unless
    ``full_names``), village and birth date as the server holds them now."""
    found = duplicates.all_cases(conn)
    found.sort(key=lambda c: (c["state"] != CaseState.OPEN.value, -c["opened_ms"]))
    found = found[:SHOWN]
    ids = {c[k] for c in found for k in ("child_a", "child_b")}
    k = s.child_key.c
    files = {
        r.row_id: r
        for r in conn.execute(
            select(k.row_id, k.name, k.region, k.birth_date).where(k.row_id.in_(sorted(ids)))
        )
    }
    for case in found:
        for side in ("a", "b"):
            known = files.get(case[f"child_{side}"])
            name = str(known.name or "") if known is not None else ""
            case[f"name_{side}"] = name if full_names else mask(name)
            case[f"village_{side}"] = known.region if known is not None else case[f"region_{side}"]
            case[f"birth_{side}"] = known.birth_date if known is not None else ""
        case["across"] = case["village_a"][:9] != case["village_b"][:9]
    return found


def _page(request: Request, viewer: Viewer, status: int = 200, **extra: Any) -> Response:
    with database(request).read() as conn:
        county = regions.county_of_server(conn) or ""
        found = cases(conn, full_names=viewer.may(FULL_NAMES))
        names = place_names(conn, county) if county else {}
    return page(
        request,
        "duplicates.html",
        status,
        viewer=viewer,
        active="duplicates",
        cases=found,
        names=names,
        reasons=REASONS,
        states=STATES,
        masked=not viewer.may(FULL_NAMES),
        **extra,
    )


@route(router, "GET", "/console/duplicates", Permission.READ)
def listing(
    request: Request, viewer: Annotated[Viewer, Depends(guard(Permission.READ))]
) -> Response:
    return _page(request, viewer)


@route(router, "POST", "/console/duplicates/distinct", Permission.ADMINISTER)
def distinct(request: Request, form: Annotated[Posted, posted(Permission.ADMINISTER)]) -> Response:
    case_id = form.fields.get("case", "")[:40]
    now = now_ms()
    with database(request).write() as conn:
        done = duplicates.close_distinct(conn, case_id, by=form.viewer.name, now_ms=now)
        if done:
            staff.audit(
                conn,
                form.viewer.name,
                "duplicate_distinct",
                f"case={case_id}",
                client=client(request),
                now_ms=now,
            )
    if not done:
        return _page(request, form.viewer, 409, message="这条疑似重复已处理过或不存在，未作改动。")
    return _page(request, form.viewer, notice="已标记为不是同一人，以后不会再提示这两份档案。")
