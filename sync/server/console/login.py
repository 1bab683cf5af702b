"""Logging in (password, then the TOTP code or a recovery code when the account requires
one, or the second factor's enrolment when it has none yet: :mod:`.enrol`) and out.

Every failure counts against the account (:mod:`.staff`'s lockout) and against the
client's address (:mod:`.throttle`'s limit, answered 429)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import RedirectResponse, Response
from sqlalchemy.engine import Connection

from childcare_desktop.core.roles import Permission

from ..api.deps import database, now_ms
from . import csrf, sessions, staff, throttle, totp_codes
from .auth import Forbidden, Posted, client, posted, route
from .render import page

router = APIRouter()
HOME = "/console/"
LOGIN = "/console/login"
ENROL = "/console/login/enrol"
ACCOUNT = "/console/account"
MESSAGES = {
    "bad": "用户名或密码不对。",
    "bad_code": "动态口令不对或已用过（恢复码每个只能用一次），请再试。",
    "locked": f"连续输错{staff.MAX_FAILED}次，账号已锁定{staff.LOCK_MINUTES}分钟，请稍后再试。",
    "expired": "登录已超时，请重新输入用户名和密码。",
    "throttled": (
        f"您所在的网络地址{throttle.WINDOW_MINUTES}分钟内登录失败已达{throttle.MAX_FAILURES}次，"
        f"暂停登录，请{throttle.WINDOW_MINUTES}分钟后再试。"
    ),
}
STATUS = {"throttled": 429}


def login_form(request: Request, message: str = "", status: int = 200) -> Response:
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


def to(path: str) -> RedirectResponse:
    return RedirectResponse(path, status_code=303, headers={"Cache-Control": "no-store"})


@router.get(LOGIN, include_in_schema=False)
def login_page(request: Request) -> Response:
    if not sessions.transport_ok(request):
        raise Forbidden("https")
    return login_form(request)


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
    address = client(request)
    with database(request).write() as conn:
        try:
            if throttle.refused(conn, address, now_ms=now):
                raise staff.LoginRefused("throttled")
            who = staff.login(conn, name, fields.get("password", ""), now_ms=now)
        except staff.LoginRefused as refused:
            staff.audit(conn, name, f"login_{refused.reason}", client=address, now_ms=now)
            if refused.reason != "throttled":
                throttle.failed(conn, address, now_ms=now)
            reason = refused.reason
        else:
            stage = _stage(who)
            cookie, _ = sessions.start(conn, who.name, stage, now_ms=now)
            action = "login" if stage == sessions.OK else "password_ok"
            staff.audit(conn, who.name, action, client=address, now_ms=now)
            reason = ""
    if reason:
        return login_form(request, MESSAGES[reason], STATUS.get(reason, 401))
    answer = to(NEXT[stage])
    sessions.give(answer, request, cookie)
    return answer


NEXT = {sessions.OK: HOME, sessions.PENDING: "/console/login/totp", sessions.ENROL: ENROL}


def _stage(who: staff.Staff) -> str:
    if not who.totp_required:
        return sessions.OK
    return sessions.PENDING if who.totp_set else sessions.ENROL


def half_way(request: Request, stage: str) -> sessions.Session | None:
    """The request's session if it is half-way through its login at ``stage``."""
    with database(request).read() as conn:
        found = sessions.find(conn, request.cookies.get(sessions.COOKIE), now_ms=now_ms())
    return found if found is not None and found.stage == stage else None


def _pending(request: Request) -> sessions.Session | None:
    return half_way(request, sessions.PENDING)


@router.get("/console/login/totp", include_in_schema=False)
def totp_page(request: Request) -> Response:
    if not sessions.transport_ok(request):
        raise Forbidden("https")
    pending = _pending(request)
    if pending is None:
        return to(LOGIN)
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
        return login_form(request, MESSAGES["expired"], 401)
    csrf.check(pending.csrf, fields)
    now = now_ms()
    address = client(request)
    code = fields.get("code", "")[:40]
    outcome: dict[str, Any] = {}
    with database(request).write() as conn:
        try:
            outcome["left"] = _second_factor(conn, pending.staff, code, address, now)
        except staff.LoginRefused as refused:
            staff.audit(conn, pending.staff, f"totp_{refused.reason}", client=address, now_ms=now)
            if refused.reason != "throttled":
                throttle.failed(conn, address, now_ms=now)
            if refused.reason in ("locked", "throttled"):
                sessions.end(conn, pending, now_ms=now)
            outcome["refused"] = refused.reason
        else:
            sessions.end(conn, pending, now_ms=now)
            outcome["cookie"], _ = sessions.start(conn, pending.staff, sessions.OK, now_ms=now)
            staff.audit(conn, pending.staff, "login", client=address, now_ms=now)
    why = outcome.get("refused")
    if why in ("locked", "throttled"):
        return login_form(request, MESSAGES[why], STATUS.get(why, 401))
    if why:
        return page(
            request, "login.html", 401, totp=True, csrf=pending.csrf, message=MESSAGES["bad_code"]
        )
    # After a recovery code, 我的账户 says how many are left (and offers new ones).
    answer = to(HOME if outcome["left"] is None else f"{ACCOUNT}?recovered=1")
    sessions.give(answer, request, outcome["cookie"])
    return answer


def _second_factor(conn: Connection, name: str, code: str, address: str, now: int) -> int | None:
    """Check the TOTP code or spend a recovery code (audited, with how many are left: then
    returned); :class:`.staff.LoginRefused` when wrong, locked or the address throttled."""
    if throttle.refused(conn, address, now_ms=now):
        raise staff.LoginRefused("throttled")
    if not totp_codes.is_recovery(code):
        staff.second_factor(conn, name, code[:12], now_ms=now)
        return None
    left = totp_codes.use_recovery(conn, name, code, now_ms=now)
    staff.audit(conn, name, "recovery_code_used", f"left={left}", client=address, now_ms=now)
    return left


@route(router, "POST", "/console/logout", Permission.READ)
def logout(request: Request, form: Annotated[Posted, posted(Permission.READ)]) -> Response:
    now = now_ms()
    with database(request).write() as conn:
        sessions.end(conn, form.viewer.session, now_ms=now)
        staff.audit(conn, form.viewer.name, "logout", client=client(request), now_ms=now)
    answer = to(LOGIN)
    sessions.clear(answer, request)
    return answer
