"""设置动态验证码: the second factor set up in the browser, half-way through a login.

A staff member whose account requires TOTP but has no secret yet (a new account, or
one whose second factor was reset) comes here after a right password, with a session
that opens nothing else (:data:`.sessions.ENROL`). The page shows the secret as text
and its otpauth:// URI as a QR code drawn on the server; the secret becomes the
account's only once a code made from it is typed back, and the answer then shows the
account's recovery codes, once, and logs it in.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response

from childcare_desktop.core.roles import Role

from ..api.deps import database, now_ms
from . import csrf, sessions, staff, totp_codes
from .auth import Forbidden, Viewer, client
from .login import ENROL, LOGIN, MESSAGES, half_way, login_form, to
from .render import page

router = APIRouter()
WRONG = "验证码不对：请确认手机上已添加这个密钥，再输入它此刻显示的6位数字。"


def _enrol_page(
    request: Request, session: sessions.Session, status: int = 200, **extra: Any
) -> Response:
    with database(request).write() as conn:
        secret = totp_codes.pending_secret(conn, session.staff)
    link = totp_codes.uri(session.staff, secret)
    return page(
        request,
        "enrol.html",
        status,
        csrf=session.csrf,
        name=session.staff,
        secret=totp_codes.grouped(secret),
        qr=totp_codes.qr_svg(link),
        issuer=staff.ISSUER,
        count=totp_codes.RECOVERY_COUNT,
        **extra,
    )


@router.get(ENROL, include_in_schema=False)
def enrol_page(request: Request) -> Response:
    if not sessions.transport_ok(request):
        raise Forbidden("https")
    session = half_way(request, sessions.ENROL)
    if session is None:
        return to(LOGIN)
    return _enrol_page(request, session)


@router.post(ENROL, include_in_schema=False)
async def enrol(request: Request) -> Response:
    if not sessions.transport_ok(request):
        raise Forbidden("https")
    fields = await csrf.form(request)
    return await run_in_threadpool(_enrol, request, fields)


def _enrol(request: Request, fields: dict[str, str]) -> Response:
    session = half_way(request, sessions.ENROL)
    if session is None:
        return login_form(request, MESSAGES["expired"], 401)
    csrf.check(session.csrf, fields)
    now = now_ms()
    with database(request).write() as conn:
        codes = totp_codes.confirm(conn, session.staff, fields.get("code", "")[:12], now_ms=now)
        if codes is not None:
            sessions.end(conn, session, now_ms=now)
            cookie, fresh = sessions.start(conn, session.staff, sessions.OK, now_ms=now)
            address = client(request)
            staff.audit(conn, session.staff, "totp_enrolled", client=address, now_ms=now)
            staff.audit(conn, session.staff, "login", client=address, now_ms=now)
            role = staff.role_of(conn, session.staff)
    if codes is None:
        return _enrol_page(request, session, 400, message=WRONG)
    answer = recovery_page(request, codes, fresh, role, first=True)
    sessions.give(answer, request, cookie)
    return answer


def recovery_page(
    request: Request, codes: list[str], session: sessions.Session, role: Role | None, *, first: bool
) -> Response:
    """The recovery codes, shown this once (the page is never cached)."""
    viewer = Viewer(session.staff, role, session) if role is not None else None
    return page(request, "recovery.html", viewer=viewer, codes=codes, first=first)
