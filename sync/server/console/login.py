"""Logging in (password, then the TOTP code when the account requires one) and out."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import RedirectResponse, Response

from childcare_desktop.core.roles import Permission

from ..api.deps import database, now_ms
from . import csrf, sessions, staff
from .auth import Forbidden, Posted, client, posted, route
from .render import page

router = APIRouter()
HOME = "/console/"
LOGIN = "/console/login"
MESSAGES = {
    "bad": "用户名或密码不对。",
    "bad_code": "动态口令不对或已用过，请等下一个口令再试。",
    "locked": f"连续输错{staff.MAX_FAILED}次，账号已锁定{staff.LOCK_MINUTES}分钟，请稍后再试。",
    "no_totp": "该账号须用动态口令登录，但尚未设置：请管理员运行 childcare-server staff totp。",
    "expired": "登录已超时，请重新输入用户名和密码。",
}


def _login_form(request: Request, message: str = "", status: int = 200) -> Response:
    token = csrf.login_token(request)
    answer = page(
        request,
        "login.html",
        status,
        csrf=token,
        message=message,
        max_failed=staff.MAX_FAILED,
        lock_minutes=staff.LOCK_MINUTES,
    )
    csrf.give_login_token(answer, request, token)
    return answer


def _to(path: str) -> RedirectResponse:
    return RedirectResponse(path, status_code=303, headers={"Cache-Control": "no-store"})


@router.get(LOGIN, include_in_schema=False)
def login_page(request: Request) -> Response:
    if not sessions.transport_ok(request):
        raise Forbidden("https")
    return _login_form(request)


@router.post(LOGIN, include_in_schema=False)
async def login(request: Request) -> Response:
    if not sessions.transport_ok(request):
        raise Forbidden("https")
    fields = await csrf.form(request)
    csrf.check_login(request, fields)
    # argon2 takes a tenth of a second of a core, the database a lock: off the event loop.
    return await run_in_threadpool(_login, request, fields)


def _login(request: Request, fields: dict[str, str]) -> Response:
    name = fields.get("name", "").strip()[:60]
    now = now_ms()
    with database(request).write() as conn:
        try:
            who = staff.login(conn, name, fields.get("password", ""), now_ms=now)
        except staff.LoginRefused as refused:
            staff.audit(conn, name, f"login_{refused.reason}", client=client(request), now_ms=now)
            reason = refused.reason
        else:
            stage = sessions.PENDING if who.totp_required else sessions.OK
            cookie, _ = sessions.start(conn, who.name, stage, now_ms=now)
            action = "password_ok" if who.totp_required else "login"
            staff.audit(conn, who.name, action, client=client(request), now_ms=now)
            reason = ""
    if reason:
        return _login_form(request, MESSAGES[reason], 401)
    answer = _to("/console/login/totp" if who.totp_required else HOME)
    sessions.give(answer, request, cookie)
    return answer


def _pending(request: Request) -> sessions.Session | None:
    with database(request).read() as conn:
        found = sessions.find(conn, request.cookies.get(sessions.COOKIE), now_ms=now_ms())
    return found if found is not None and found.stage == sessions.PENDING else None


@router.get("/console/login/totp", include_in_schema=False)
def totp_page(request: Request) -> Response:
    if not sessions.transport_ok(request):
        raise Forbidden("https")
    pending = _pending(request)
    if pending is None:
        return _to(LOGIN)
    return page(request, "login.html", totp=True, csrf=pending.csrf)


@router.post("/console/login/totp", include_in_schema=False)
async def totp(request: Request) -> Response:
    if not sessions.transport_ok(request):
        raise Forbidden("https")
    fields = await csrf.form(request)
    return await run_in_threadpool(_totp, request, fields)


def _totp(request: Request, fields: dict[str, str]) -> Response:
    pending = _pending(request)
    if pending is None:
        return _login_form(request, MESSAGES["expired"], 401)
    csrf.check(pending.csrf, fields)
    now = now_ms()
    outcome: dict[str, Any] = {}
    with database(request).write() as conn:
        try:
            staff.second_factor(conn, pending.staff, fields.get("code", "")[:12], now_ms=now)
        except staff.LoginRefused as refused:
            staff.audit(
                conn, pending.staff, f"totp_{refused.reason}", client=client(request), now_ms=now
            )
            if refused.reason == "locked":
                sessions.end(conn, pending, now_ms=now)
            outcome["refused"] = refused.reason
        else:
            sessions.end(conn, pending, now_ms=now)
            outcome["cookie"], _ = sessions.start(conn, pending.staff, sessions.OK, now_ms=now)
            staff.audit(conn, pending.staff, "login", client=client(request), now_ms=now)
    if outcome.get("refused") == "locked":
        return _login_form(request, MESSAGES["locked"], 401)
    if "refused" in outcome:
        return page(
            request, "login.html", 401, totp=True, csrf=pending.csrf, message=MESSAGES["bad_code"]
        )
    answer = _to(HOME)
    sessions.give(answer, request, outcome["cookie"])
    return answer


@route(router, "POST", "/console/logout", Permission.READ)
def logout(request: Request, form: Annotated[Posted, posted(Permission.READ)]) -> Response:
    now = now_ms()
    with database(request).write() as conn:
        sessions.end(conn, form.viewer.session, now_ms=now)
        staff.audit(conn, form.viewer.name, "logout", client=client(request), now_ms=now)
    answer = _to(LOGIN)
    sessions.clear(answer, request)
    return answer
