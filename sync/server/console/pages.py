"""The console's pages: 登记码 (enrollment codes), and the system counts of 首页
(:mod:`.oversight` draws the dashboard).

Each is declared with :func:`.auth.route` and the permission it needs; what they change
goes through the same functions as ``childcare-server`` (:mod:`sync.server.accounts`).
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from sqlalchemy import func, select
from sqlalchemy.engine import Connection

from childcare_desktop.core.roles import Permission, Role

from .. import accounts
from .. import schema as s
from ..api.deps import database, now_ms
from ..errors import SyncRefused
from . import staff
from .auth import Posted, Viewer, client, guard, posted, route
from .render import page

router = APIRouter()
STATES = {"open": "未使用", "used": "已使用", "cancelled": "已作废", "expired": "已过期"}


def _count(conn: Connection, table: Any, *where: Any) -> int:
    return int(conn.execute(select(func.count()).select_from(table).where(*where)).scalar() or 0)


def counts(conn: Connection, *, now_ms: int) -> list[tuple[str, str, int]]:
    """A few of the county's numbers: (label, key, value)."""
    d = s.device.c
    c = s.enroll_code.c
    return [
        ("儿童档案", "children", _count(conn, s.row, s.row.c.tbl == "child")),
        ("笔记本用户（启用）", "users", _count(conn, s.user, s.user.c.active.is_(True))),
        (
            "在用笔记本",
            "devices",
            _count(conn, s.device, d.revoked_ms.is_(None), d.expires_ms >= now_ms),
        ),
        (
            "未用登记码",
            "codes",
            _count(
                conn,
                s.enroll_code,
                c.used_ms.is_(None),
                c.cancelled_ms.is_(None),
                c.expires_ms >= now_ms,
            ),
        ),
        ("服务器暂存的修改", "quarantine", _count(conn, s.quarantine)),
    ]


def _codes_page(request: Request, viewer: Viewer, status: int = 200, **extra: Any) -> Response:
    with database(request).read() as conn:
        users = [u for u in accounts.users(conn) if u["active"]]
        codes = accounts.codes(conn, now_ms=now_ms())
    for row in (*users, *codes):
        role = Role.parse(row["role"])
        row["label"] = role.label if role is not None else row["role"]
    return page(
        request,
        "codes.html",
        status,
        viewer=viewer,
        active="codes",
        users=users,
        codes=codes,
        states=STATES,
        max_days=accounts.CODE_MAX_DAYS,
        default_days=accounts.CODE_DAYS,
        **extra,
    )


@route(router, "GET", "/console/codes", Permission.ADMINISTER)
def codes(
    request: Request, viewer: Annotated[Viewer, Depends(guard(Permission.ADMINISTER))]
) -> Response:
    return _codes_page(request, viewer)


@route(router, "POST", "/console/codes/issue", Permission.ADMINISTER)
def issue(request: Request, form: Annotated[Posted, posted(Permission.ADMINISTER)]) -> Response:
    user = form.fields.get("user", "")
    try:
        days = int(form.fields.get("days", ""))
    except ValueError:
        days = 0
    now = now_ms()
    try:
        with database(request).write() as conn:
            code = accounts.issue_code(conn, user, now_ms=now, days=days)
            staff.audit(
                conn,
                form.viewer.name,
                "code_issued",
                f"user={user} days={days}",
                client=client(request),
                now_ms=now,
            )
    except SyncRefused as refused:
        return _codes_page(request, form.viewer, 400, message=_refusal(refused))
    issued = {"user": user, "code": code, "expires_ms": now + days * accounts.DAY_MS}
    return _codes_page(request, form.viewer, issued=issued)


@route(router, "POST", "/console/codes/cancel", Permission.ADMINISTER)
def cancel(request: Request, form: Annotated[Posted, posted(Permission.ADMINISTER)]) -> Response:
    user = form.fields.get("user", "")
    now = now_ms()
    try:
        with database(request).write() as conn:
            count = accounts.cancel_codes(conn, user, now_ms=now)
            staff.audit(
                conn,
                form.viewer.name,
                "codes_cancelled",
                f"user={user} count={count}",
                client=client(request),
                now_ms=now,
            )
    except SyncRefused as refused:
        return _codes_page(request, form.viewer, 400, message=_refusal(refused))
    return _codes_page(request, form.viewer, notice=f"已作废 {user} 的 {count} 个未用登记码。")


def _refusal(refused: SyncRefused) -> str:
    return {
        "unknown_user": "没有这个用户。",
        "bad_days": f"有效天数须为1到{accounts.CODE_MAX_DAYS}天。",
    }.get(refused.code, "操作未完成。")
