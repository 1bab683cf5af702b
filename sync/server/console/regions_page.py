"""The console's 区划名称 page: the names of the county's divisions, listed, and a
``code,name`` CSV file uploaded to add or rename them.

The file is read and stored by the same function as ``childcare-server regions import``
(:func:`sync.server.regions.import_file`), with the same refusals, shown line by line.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from childcare_desktop.core.roles import Permission

from .. import regions
from ..api.deps import database, now_ms
from . import staff
from .auth import Posted, Viewer, client, guard, posted, route
from .render import page

router = APIRouter()
LEVELS = {"county": "县", "township": "乡镇", "village": "村"}


def _page(request: Request, viewer: Viewer, status: int = 200, **extra: Any) -> Response:
    with database(request).read() as conn:
        rows = regions.listing(conn)
        county = regions.county_of_server(conn)
    return page(
        request,
        "regions.html",
        status,
        viewer=viewer,
        active="regions",
        rows=rows,
        levels=LEVELS,
        county_code=county,
        max_rows=regions.MAX_ROWS,
        **extra,
    )


@route(router, "GET", "/console/regions", Permission.READ)
def listing(
    request: Request, viewer: Annotated[Viewer, Depends(guard(Permission.READ))]
) -> Response:
    return _page(request, viewer)


@route(router, "POST", "/console/regions/import", Permission.ADMINISTER)
def upload(request: Request, form: Annotated[Posted, posted(Permission.ADMINISTER)]) -> Response:
    data = form.files.get("file", b"")
    replace = form.fields.get("replace") == "1"
    now = now_ms()
    try:
        with database(request).write() as conn:
            total, counts = regions.import_file(conn, data, now_ms=now, replace=replace)
            detail = " ".join(f"{k}={v}" for k, v in counts.items())
            staff.audit(
                conn,
                form.viewer.name,
                "regions_imported",
                f"rows={total} {detail} replace={int(replace)}",
                client=client(request),
                now_ms=now,
            )
    except regions.RegionsRefused as refused:
        problems = [p.chinese() for p in refused.problems]
        return _page(request, form.viewer, 400, problems=problems)
    notice = (
        f"已导入 {total} 个区划名称：新增 {counts['added']}，更名 {counts['renamed']}，"
        f"未变 {counts['unchanged']}，删除 {counts['removed']}。"
    )
    return _page(request, form.viewer, notice=notice)
