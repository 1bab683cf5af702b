"""The 抽查结果表 of a spot check as PDF, printed with the laptop's document code
(:mod:`childcare_desktop.documents.spot_check`): names in full for a county
administrator, masked for a county viewer, as on the page. Every print is audited.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from childcare_desktop.core.printing import PrintContext
from childcare_desktop.core.roles import Permission
from childcare_desktop.documents.spot_check import (
    SpotCheckSheet,
    SpotFinding,
    SpotRow,
    spot_check_pdf,
)

from .. import spot_checks as spot
from ..api.deps import database, now_ms
from ..days import CHINA
from . import staff
from .auth import Viewer, client, guard, route
from .render import HEADERS, county_name, page, when
from .spot_checks import _check, method, shown

router = APIRouter()


def sheet(found: dict[str, Any]) -> SpotCheckSheet:
    """The plain data the result table prints (names already as the viewer may see them)."""
    files = {f["child_id"]: f for f in found["files"]}
    rows = tuple(
        SpotRow(
            f["village"],
            f["shown"],
            tuple(
                spot.VERDICTS.get((f["answers"] or {}).get(k, [""])[0], "") for k, _ in spot.ITEMS
            ),
        )
        for f in found["files"]
    )
    findings = tuple(
        SpotFinding(
            files[x["child_id"]]["village"],
            files[x["child_id"]]["shown"],
            spot.LABELS.get(x["item"], x["item"]),
            x["note"],
            f"已整改 {spot.day(x['fixed_ms'])} {x['fixed_by'] or ''}".strip()
            if x["fixed_ms"]
            else "",
        )
        for x in found["findings"]
        if x["child_id"] in files
    )
    return SpotCheckSheet(
        scope=found["scope_label"],
        drawn_on=when(found["drawn_ms"]),
        inspector=found["drawn_by"],
        seed=found["seed"],
        population=found["population"],
        digest=found["digest"],
        method=method(found),
        items=tuple(text for _, text in spot.ITEMS),
        rows=rows,
        findings=findings,
    )


@route(router, "GET", "/console/spot-checks/{check_id}/pdf", Permission.READ)
def printed(
    request: Request, check_id: str, viewer: Annotated[Viewer, Depends(guard(Permission.READ))]
) -> Response:
    found, names = _check(request, check_id)
    if found is None:
        return page(request, "refused.html", 404, viewer=viewer, message="没有这次抽查。")
    shown(viewer, found, names)
    now = now_ms()
    context = PrintContext(
        printed_by=viewer.name,
        printed_at=datetime.fromtimestamp(now / 1000, tz=UTC).replace(tzinfo=None) + CHINA,
        county=county_name(request),
    )
    data = spot_check_pdf(sheet(found), context)
    with database(request).write() as conn:
        detail = f"check={check_id}"
        staff.audit(
            conn, viewer.name, "spot_check_printed", detail, client=client(request), now_ms=now
        )
    name = f"抽查结果表-{spot.day(found['drawn_ms'])}.pdf"
    headers = {**HEADERS, "Content-Disposition": f"attachment; filename*=UTF-8''{quote(name)}"}
    return Response(data, media_type="application/pdf", headers=headers)
