"""The console's 搁置的修改: what the server held from the laptops, why, and the county's
decision on each (释放: check it again with the rules as they stand; 退回: send it back
with a reason that reaches the laptop). :mod:`sync.server.quarantine_desk` does both,
as ``childcare-server quarantine release|reject`` does.

Anyone of the county's staff sees the list; only an administrator decides. A child's
name (and any other name, ID number, phone or address an operation sets) is shown in
full only to a role that sees names on the oversight pages (:data:`oversight.FULL_NAMES`),
masked for a viewer; a mandatory report's reporter (``hold.CONFIDENTIAL``) to nobody.
What a role may not receive on a laptop (a report, a clue: the registry's ``readers``)
it does not read here either: the row shows its table, place and reason, not its values.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from sqlalchemy import select
from sqlalchemy.engine import Connection

from childcare_desktop.core.entities import BY_TABLE
from childcare_desktop.core.roles import Permission

from .. import quarantine_desk, regions
from .. import schema as s
from ..api.deps import database, now_ms
from ..db import epoch
from ..errors import SyncRefused
from ..merge.hold import CONFIDENTIAL
from . import staff
from .auth import Posted, Viewer, client, guard, posted, route
from .oversight import FULL_NAMES, mask, place_names
from .quarantine_words import reason_text, table_label
from .render import page

router = APIRouter()
LIMIT = 500  # held operations on the page (the oldest first)
SENT_BACK = 50  # the latest rejections shown under them
PERSONAL = ("name", "id_number", "phone", "address")  # a field ending so names a person


def _personal(field: str) -> bool:
    return field.endswith(PERSONAL) and field != "school_name"


def _value(field: str, value: Any, full: bool) -> str:
    if value is None or value == "":
        return "（空）"
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    if full or not _personal(field):
        return text
    return mask(text) if field.endswith("name") else "***"


def _sets(table: str, body: dict[str, Any], full: bool) -> list[tuple[str, str]]:
    """(field, value) of what the operation sets, a report's reporter left out."""
    hidden = CONFIDENTIAL.get(table, frozenset())
    value = body.get("value")
    pairs = value.items() if body.get("kind") == "insert" and isinstance(value, dict) else []
    if body.get("kind") != "insert":
        pairs = [(str(body.get("field")), value)]
    return [(k, _value(k, v, full)) for k, v in pairs if k not in hidden]


def _child_of(conn: Connection, table: str, row: str, body: dict[str, Any]) -> str | None:
    if table == "child":
        return row
    value = body.get("value")
    if body.get("kind") == "insert" and isinstance(value, dict):
        found = value.get("child_id")
        return found if isinstance(found, str) else None
    f = s.field.c
    raw = conn.execute(
        select(f.value).where(f.tbl == table, f.row_id == row, f.field == "child_id")
    ).scalar()
    found = json.loads(raw) if raw else None
    return found if isinstance(found, str) else None


def _child_name(conn: Connection, child: str | None, body: dict[str, Any]) -> str:
    if child is None:
        return ""
    if body.get("tbl") == "child" and isinstance(body.get("value"), dict):
        return str(body["value"].get("name") or "")
    f = s.field.c
    raw = conn.execute(
        select(f.value).where(f.tbl == "child", f.row_id == child, f.field == "name")
    ).scalar()
    return str(json.loads(raw) or "") if raw else ""


def _who(conn: Connection) -> tuple[dict[int, str], dict[str, str]]:
    users = dict(conn.execute(select(s.user.c.id, s.user.c.name)).tuples().all())
    devices = dict(
        conn.execute(
            select(s.site.c.site_id, s.device.c.label).join(
                s.device, s.device.c.id == s.site.c.device_id
            )
        )
        .tuples()
        .all()
    )
    return users, devices


def _mine(region: str | None, county: str) -> bool:
    """Of this server's county (an operation with no village of its own is this
    server's too: a device sent it)."""
    return region is None or region.startswith(county)


SECRET = [("内容", "（保密：仅可查看强制报告的角色可见）")]


def held(
    conn: Connection, county: str, *, full: bool, may: Callable[[Permission], bool]
) -> list[dict[str, Any]]:
    """The held operations of the county, each as the page shows it; ``may`` says
    whether the viewer holds a permission (the values of a table whose readers need
    one the viewer lacks are left out)."""
    q = s.quarantine.c
    rows = conn.execute(
        select(
            q.id, q.site_id, q.ctr, q.user_id, q.region, q.op, q.reason, q.received_ms, q.waits_for
        ).order_by(q.id)
    )
    users, devices = _who(conn)
    out = []
    for r in rows:
        if not _mine(r.region, county):
            continue
        body = json.loads(r.op)
        table, row = str(body.get("tbl")), str(body.get("row"))
        entity = BY_TABLE.get(table)
        secret = entity is not None and not may(entity.readers)
        name = "" if secret else _child_name(conn, _child_of(conn, table, row, body), body)
        out.append(
            {
                "id": r.id,
                "region": r.region or "",
                "user": users.get(r.user_id, ""),
                "device": devices.get(r.site_id, r.site_id),
                "table": table_label(table),
                "row": row,
                "kind": "新增" if body.get("kind") == "insert" else "修改",
                "child": (name if full else mask(name)) if name else "",
                "sets": SECRET if secret else _sets(table, body, full),
                "reason": reason_text(table, r.reason),
                "received_ms": r.received_ms,
                "waits": table_label(r.waits_for.split("/")[0]) if r.waits_for else "",
            }
        )
        if len(out) >= LIMIT:
            break
    return out


def sent_back(conn: Connection, county: str) -> list[dict[str, Any]]:
    """The latest rejections of the county: what, whose, why, by whom."""
    r = s.rejected_op.c
    rows = conn.execute(
        select(r.region, r.user_id, r.op, r.reason, r.rejected_ms, r.rejected_by).order_by(
            r.rejected_ms.desc()
        )
    )
    users, _ = _who(conn)
    out = []
    for x in rows:
        if not _mine(x.region, county):
            continue
        body = json.loads(x.op)
        out.append(
            {
                "region": x.region or "",
                "user": users.get(x.user_id, ""),
                "table": table_label(str(body.get("tbl"))),
                "reason": x.reason,
                "by": x.rejected_by,
                "at_ms": x.rejected_ms,
            }
        )
        if len(out) >= SENT_BACK:
            break
    return out


def _page(request: Request, viewer: Viewer, status: int = 200, **extra: Any) -> Response:
    full = viewer.may(FULL_NAMES)
    with database(request).read() as conn:
        county = regions.county_of_server(conn) or ""
        items = held(conn, county, full=full, may=viewer.may)
        back = sent_back(conn, county)
        names = place_names(conn, county)
    return page(
        request,
        "quarantine.html",
        status,
        viewer=viewer,
        active="quarantine",
        items=items,
        back=back,
        names=names,
        masked=not full,
        reason_max=quarantine_desk.REASON_MAX,
        **extra,
    )


@route(router, "GET", "/console/quarantine", Permission.READ)
def listing(
    request: Request, viewer: Annotated[Viewer, Depends(guard(Permission.READ))]
) -> Response:
    return _page(request, viewer)


def _held_id(form: Posted) -> int | None:
    raw = form.fields.get("id", "")
    return int(raw) if raw.isascii() and raw.isdigit() and len(raw) < 12 else None


def _in_county(conn: Connection, held_id: int) -> bool:
    """Whether the held operation is one this console may decide (of its county)."""
    region = conn.execute(select(s.quarantine.c.region).where(s.quarantine.c.id == held_id)).first()
    county = regions.county_of_server(conn) or ""
    return region is not None and _mine(region[0], county)


@route(router, "POST", "/console/quarantine/release", Permission.ADMINISTER)
def release(request: Request, form: Annotated[Posted, posted(Permission.ADMINISTER)]) -> Response:
    held_id = _held_id(form)
    now = now_ms()
    try:
        with database(request).write() as conn:
            if held_id is None or not _in_county(conn, held_id):
                raise SyncRefused(404, "not_held", "no such held operation")
            _, number = epoch(conn)
            table = _table_of(conn, held_id)
            done = quarantine_desk.release(
                database(request), conn, held_id, by=form.viewer.name, epoch_no=number, now_ms=now
            )
            action = "quarantine_released" if done.applied else "quarantine_still_held"
            detail = f"id={held_id}" + (
                "" if done.hold is None else f" reason={done.hold.encode()}"
            )
            staff.audit(conn, form.viewer.name, action, detail, client=client(request), now_ms=now)
    except SyncRefused:
        return _page(
            request, form.viewer, 404, message="没有这条搁置的修改（可能已被释放或退回）。"
        )
    if not done.applied:
        why = reason_text(table, done.hold.encode()) if done.hold else ""
        return _page(
            request, form.viewer, 409, message=f"仍不能并入，继续搁置：{why}", focus=held_id
        )
    return _page(
        request,
        form.viewer,
        notice="已释放：修改已并入服务器，该笔记本下次同步时显示为已生效。",
    )


def _table_of(conn: Connection, held_id: int) -> str:
    raw = conn.execute(select(s.quarantine.c.op).where(s.quarantine.c.id == held_id)).scalar()
    return str(json.loads(raw).get("tbl")) if raw else ""


@route(router, "POST", "/console/quarantine/reject", Permission.ADMINISTER)
def reject(request: Request, form: Annotated[Posted, posted(Permission.ADMINISTER)]) -> Response:
    held_id = _held_id(form)
    reason = " ".join(form.fields.get("reason", "").split())
    if not reason or len(reason) > quarantine_desk.REASON_MAX:
        message = f"请填写退回原因（1到{quarantine_desk.REASON_MAX}个字）。"
        return _page(request, form.viewer, 400, message=message, focus=held_id)
    now = now_ms()
    try:
        with database(request).write() as conn:
            if held_id is None or not _in_county(conn, held_id):
                raise SyncRefused(404, "not_held", "no such held operation")
            quarantine_desk.reject(conn, held_id, reason, by=form.viewer.name, now_ms=now)
            staff.audit(
                conn,
                form.viewer.name,
                "quarantine_rejected",
                f"id={held_id} reason={reason}",
                client=client(request),
                now_ms=now,
            )
    except SyncRefused:
        return _page(
            request, form.viewer, 404, message="没有这条搁置的修改（可能已被释放或退回）。"
        )
    return _page(request, form.viewer, notice="已退回：该笔记本下次同步时会看到“县里退回”和原因。")
