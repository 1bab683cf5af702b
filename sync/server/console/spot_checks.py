"""The console's 抽查 pages (issue 17; seed 001: "县级民政部门……每年至少开展一次抽查工作").

A county administrator draws a sample of the files of the county, a township or a
village (:mod:`sync.server.spot_checks` says how, so anyone can redo it), records each
file's checklist, and prints the result table (:mod:`.spot_check_print`). A county
viewer sees the checks with the children's names masked, and may draw or record nothing.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy import distinct, func, select
from sqlalchemy.engine import Connection

from childcare_desktop.core.roles import Permission

from .. import regions
from .. import schema as s
from .. import spot_checks as spot
from ..api.deps import database, now_ms
from ..days import county_day
from . import staff
from .auth import Posted, Viewer, client, guard, posted, route
from .oversight import FULL_NAMES, mask, place_names
from .render import page

router = APIRouter()
REFUSALS = {
    "bad_scope": "请选择本县、本县的一个乡镇或一个村（社区）。",
    "bad_seed": "随机种子须为1到{most}个字符。",
    "empty": "所选范围内没有在册儿童的档案，无法抽查。",
    "bad_size": "抽查份数须为1到{most}之间的整数（所选范围内有{most}份在册档案）。",
    "unknown_file": "这次抽查里没有这份档案。",
    "no_verdict": "请为每一项选择合格、不合格或不适用：{items}。",
    "long_note": "说明不能超过{most}个字：{items}。",
}


def method(check: dict[str, Any]) -> str:
    """The one sentence that says how the draw was made and how to redo it."""
    return (
        f"抽取方法：把范围内 {check['population']} 名在册儿童的档案编号排序"
        f"（排序后名单的 SHA-256 摘要为 {check['digest']}），"
        f"用随机种子“{check['seed']}”执行 Python 的 random.Random(种子).sample(名单, "
        f"{check['size']})；任何人用同样的名单和种子重做，都会抽到同样的档案。"
    )


def _today() -> date:
    return county_day(now_ms())


def scopes(conn: Connection, county: str) -> list[tuple[str, str]]:
    """What may be drawn from: the county, its townships and villages (code, label), by
    the names imported and the villages files are kept under."""
    names = place_names(conn, county)
    r = s.row.c
    filed = conn.execute(
        select(distinct(r.region)).where(
            r.tbl == "child", func.substr(r.region, 1, len(county)) == county
        )
    ).scalars()
    codes = {county, *names, *filed, *(c[:9] for c in filed if len(c) == 12)}
    return [(c, label(c, names)) for c in sorted(codes) if len(c) in (6, 9, 12)]


def label(code: str, names: dict[str, str]) -> str:
    level = {6: "全县", 9: "乡镇", 12: "村"}.get(len(code), "")
    name = names.get(code)
    return f"{name}（{code}）" if name else f"{level} {code}"


@route(router, "GET", "/console/spot-checks", Permission.READ)
def listing(
    request: Request, viewer: Annotated[Viewer, Depends(guard(Permission.READ))]
) -> Response:
    return _listing(request, viewer)


def _listing(request: Request, viewer: Viewer, status: int = 200, **extra: Any) -> Response:
    with database(request).read() as conn:
        county = regions.county_of_server(conn) or ""
        found = spot.checks(conn, county) if county else []
        choices = scopes(conn, county) if county else []
        names = place_names(conn, county) if county else {}
    for c in found:
        c["scope_label"] = label(c["scope"], names)
    typed = extra.pop("typed", None) or {"seed": spot.new_seed(), "scope": county, "size": "10"}
    return page(
        request,
        "spot_checks.html",
        status,
        viewer=viewer,
        active="spot",
        checks=found,
        scopes=choices,
        typed=typed,
        **extra,
    )


@route(router, "POST", "/console/spot-checks/draw", Permission.ADMINISTER)
def draw(request: Request, form: Annotated[Posted, posted(Permission.ADMINISTER)]) -> Response:
    typed = {k: form.fields.get(k, "").strip() for k in ("scope", "size", "seed")}
    now = now_ms()
    try:
        with database(request).write() as conn:
            ident = spot.draw(
                conn, typed["scope"], typed["size"], typed["seed"],
                who=form.viewer.name, today=_today(), now_ms=now,
            )  # fmt: skip
            detail = (
                f"check={ident} scope={typed['scope']} size={typed['size']} seed={typed['seed']}"
            )
            staff.audit(
                conn,
                form.viewer.name,
                "spot_check_drawn",
                detail,
                client=client(request),
                now_ms=now,
            )
    except spot.Refused as refused:
        message = REFUSALS[refused.kind].format(**refused.params)
        return _listing(request, form.viewer, 400, message=message, typed=typed)
    return RedirectResponse(f"/console/spot-checks/{ident}", status_code=303)


def _check(request: Request, check_id: str) -> tuple[dict[str, Any] | None, dict[str, str]]:
    with database(request).read() as conn:
        county = regions.county_of_server(conn) or ""
        found = spot.check(conn, check_id)
        names = place_names(conn, county) if county else {}
    if found is None or not county or not found["scope"].startswith(county):
        return None, names
    return found, names


def shown(viewer: Viewer, found: dict[str, Any], names: dict[str, str]) -> None:
    """Each file's name as ``viewer`` may see it, and its village's name."""
    full = viewer.may(FULL_NAMES)
    for f in found["files"]:
        f["shown"] = f["name"] if full else mask(f["name"])
        f["village"] = names.get(f["region"], f["region"])
    found["scope_label"] = label(found["scope"], names)


@route(router, "GET", "/console/spot-checks/{check_id}", Permission.READ)
def one(
    request: Request, check_id: str, viewer: Annotated[Viewer, Depends(guard(Permission.READ))]
) -> Response:
    found, names = _check(request, check_id)
    if found is None:
        return page(request, "refused.html", 404, viewer=viewer, message="没有这次抽查。")
    shown(viewer, found, names)
    context: dict[str, Any] = {
        "items": spot.ITEMS,
        "labels": spot.LABELS,
        "verdicts": spot.VERDICTS,
        "method": method(found),
    }
    return page(request, "spot_check.html", viewer=viewer, active="spot", check=found, **context)


@route(router, "GET", "/console/spot-checks/{check_id}/file/{child_id}", Permission.ADMINISTER)
def file_form(
    request: Request,
    check_id: str,
    child_id: str,
    viewer: Annotated[Viewer, Depends(guard(Permission.ADMINISTER))],
) -> Response:
    return _file_page(request, viewer, check_id, child_id)


def _file_page(
    request: Request, viewer: Viewer, check_id: str, child_id: str, status: int = 200, **extra: Any
) -> Response:
    found, names = _check(request, check_id)
    files = [f for f in (found or {}).get("files", []) if f["child_id"] == child_id]
    if found is None or not files:
        return page(request, "refused.html", 404, viewer=viewer, message="没有这份档案。")
    shown(viewer, found, names)
    with database(request).read() as conn:
        hinted = spot.hints(conn, check_id, child_id, _today())
    file = files[0]
    answers = extra.pop("typed", None) or file["answers"] or {}
    items = [
        {
            "key": key,
            "label": text,
            "verdict": (answers.get(key) or [None])[0] or (hinted.get(key) or (None,))[0],
            "note": (answers.get(key) or ["", ""])[1],
            "hint": (hinted.get(key) or (None, ""))[1],
        }
        for key, text in spot.ITEMS
    ]
    return page(
        request,
        "spot_check_file.html",
        status,
        viewer=viewer,
        active="spot",
        check=found,
        file=file,
        items=items,
        verdicts=spot.VERDICTS,
        **extra,
    )


@route(router, "POST", "/console/spot-checks/{check_id}/file/{child_id}", Permission.ADMINISTER)
def record(
    request: Request,
    check_id: str,
    child_id: str,
    form: Annotated[Posted, posted(Permission.ADMINISTER)],
) -> Response:
    answers = {
        key: (form.fields.get(f"verdict_{key}", ""), form.fields.get(f"note_{key}", ""))
        for key, _ in spot.ITEMS
    }
    now = now_ms()
    try:
        with database(request).write() as conn:
            failed = spot.record(
                conn, check_id, child_id, answers, who=form.viewer.name, now_ms=now
            )
            detail = f"check={check_id} child={child_id} failed={','.join(failed) or '-'}"
            staff.audit(
                conn,
                form.viewer.name,
                "spot_check_recorded",
                detail,
                client=client(request),
                now_ms=now,
            )
    except spot.Refused as refused:
        message = REFUSALS[refused.kind].format(**refused.params)
        typed = {k: list(v) for k, v in answers.items()}
        return _file_page(
            request, form.viewer, check_id, child_id, 400, message=message, typed=typed
        )
    return RedirectResponse(f"/console/spot-checks/{check_id}#f-{child_id}", status_code=303)
