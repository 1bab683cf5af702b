"""我的账户: a staff member's own password, second factor and recovery codes, and an
administrator's reset of another's second factor.

Each change asks again for what proves the person at the keyboard is the account's
owner (the password; and the current TOTP or a recovery code to reset or renew the
second factor): a session left open on an office PC changes nothing by itself. A wrong
answer counts towards the account's lockout as a wrong login does.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from childcare_desktop.core.passphrase import Weakness, passphrase_problems
from childcare_desktop.core.roles import Permission, Role

from ..api.deps import database, now_ms
from ..errors import SyncRefused
from . import sessions, staff, totp_codes
from .auth import Posted, Viewer, client, guard, posted, route
from .enrol import recovery_page
from .login import ENROL, to
from .render import page

router = APIRouter()
ACCOUNT = "/console/account"
WEAK = {
    Weakness.TOO_SHORT: "太短（至少8个字符）",
    Weakness.PERSONAL: "含有用户名",
    Weakness.COMMON: "是常见密码或常用词",
    Weakness.SEQUENCE: "是连续的字母或数字",
    Weakness.REPEAT: "有重复的字符",
    Weakness.KEYBOARD: "是键盘上相邻的键",
    Weakness.DATE: "像一个日期",
    Weakness.GUESSABLE: "容易被猜到",
}
REFUSED = {
    "bad": "密码或验证码不对。",
    "locked": f"连续输错{staff.MAX_FAILED}次，账号已锁定{staff.LOCK_MINUTES}分钟。",
}


def _page(request: Request, viewer: Viewer, status: int = 200, **extra: Any) -> Response:
    with database(request).read() as conn:
        everyone = totp_codes.listing(conn, now_ms=now_ms())
    mine = next(row for row in everyone if row["name"] == viewer.name)
    others = [row for row in everyone if row["name"] != viewer.name]
    for row in others:
        role = Role.parse(row["role"])
        row["label"] = role.label if role is not None else row["role"]
    return page(
        request,
        "account.html",
        status,
        viewer=viewer,
        active="account",
        mine=mine,
        others=others if viewer.may(Permission.ADMINISTER) else [],
        total=totp_codes.RECOVERY_COUNT,
        **extra,
    )


@route(router, "GET", ACCOUNT, Permission.READ)
def account(
    request: Request,
    viewer: Annotated[Viewer, Depends(guard(Permission.READ))],
    recovered: str = "",
) -> Response:
    with database(request).read() as conn:
        left = totp_codes.recovery_left(conn, viewer.name)
    notice = f"您用一个恢复码登录了，还剩 {left} 个。" if recovered else ""
    return _page(request, viewer, notice=notice)


def _identity(posted_form: Posted, request: Request, with_code: bool) -> str:
    """ "" when the form's password (and code) are the viewer's own, else why not (counted)."""
    fields = posted_form.fields
    name = posted_form.viewer.name
    now = now_ms()
    code = fields.get("code", "") if with_code else None
    with database(request).write() as conn:  # a failure is counted: caught inside
        try:
            totp_codes.check(conn, name, fields.get("password", ""), code, now_ms=now)
        except staff.LoginRefused as refused:
            staff.audit(conn, name, f"recheck_{refused.reason}", client=client(request), now_ms=now)
            return REFUSED.get(refused.reason, REFUSED["bad"])
    return ""


@route(router, "POST", f"{ACCOUNT}/password", Permission.READ)
def password(request: Request, form: Annotated[Posted, posted(Permission.READ)]) -> Response:
    viewer = form.viewer
    new, again = form.fields.get("new", ""), form.fields.get("again", "")
    if new != again:
        return _page(request, viewer, 400, message="两次输入的新密码不一样。")
    if problems := passphrase_problems(new, (viewer.name,)):
        words = "、".join(WEAK.get(p, p.value) for p in problems)
        return _page(request, viewer, 400, message=f"新密码太容易被猜到：{words}。")
    if why := _identity(form, request, with_code=False):
        return _page(request, viewer, 400, message=why)
    now = now_ms()
    try:
        with database(request).write() as conn:
            staff.set_password(conn, viewer.name, new, now_ms=now)  # every session ends ...
            cookie, session = sessions.start(conn, viewer.name, sessions.OK, now_ms=now)
            staff.audit(conn, viewer.name, "password_changed", client=client(request), now_ms=now)
    except SyncRefused:
        return _page(request, viewer, 400, message="新密码太容易被猜到。")
    fresh = Viewer(viewer.name, viewer.role, session)  # ... but this browser's goes on
    answer = _page(request, fresh, notice="密码已修改；其他电脑上的登录已失效。")
    sessions.give(answer, request, cookie)
    return answer


@route(router, "POST", f"{ACCOUNT}/totp", Permission.READ)
def reset_own(request: Request, form: Annotated[Posted, posted(Permission.READ)]) -> Response:
    """Forget one's own second factor and set up a new one at once."""
    if why := _identity(form, request, with_code=True):
        return _page(request, form.viewer, 400, message=why)
    name = form.viewer.name
    now = now_ms()
    with database(request).write() as conn:
        totp_codes.reset(conn, name, now_ms=now)  # every session ends ...
        cookie, _ = sessions.start(conn, name, sessions.ENROL, now_ms=now)
        staff.audit(conn, name, "totp_reset", f"name={name}", client=client(request), now_ms=now)
    answer = to(ENROL)  # ... and this browser sets the new one up
    sessions.give(answer, request, cookie)
    return answer


@route(router, "POST", f"{ACCOUNT}/recovery", Permission.READ)
def renew_recovery(request: Request, form: Annotated[Posted, posted(Permission.READ)]) -> Response:
    viewer = form.viewer
    with database(request).read() as conn:
        has_totp = next(
            r["totp_set"] for r in staff.listing(conn, now_ms=now_ms()) if r["name"] == viewer.name
        )
    if not has_totp:
        return _page(request, viewer, 400, message="请先设置动态验证码。")
    if why := _identity(form, request, with_code=True):
        return _page(request, viewer, 400, message=why)
    now = now_ms()
    with database(request).write() as conn:
        codes = totp_codes.new_recovery(conn, viewer.name, now_ms=now)
        staff.audit(conn, viewer.name, "recovery_renewed", client=client(request), now_ms=now)
    return recovery_page(request, codes, viewer.session, viewer.role, first=False)


@route(router, "POST", "/console/staff/totp-reset", Permission.ADMINISTER)
def reset_other(
    request: Request, form: Annotated[Posted, posted(Permission.ADMINISTER)]
) -> Response:
    """An administrator resets another's second factor: they set a new one up at their
    next login (their sessions end now)."""
    name = form.fields.get("name", "")
    if name == form.viewer.name:
        return _page(request, form.viewer, 400, message="重置自己的动态验证码请用上面的表单。")
    now = now_ms()
    try:
        with database(request).write() as conn:
            totp_codes.reset(conn, name, now_ms=now)
            detail = f"name={name}"
            staff.audit(
                conn,
                form.viewer.name,
                "staff_totp_reset",
                detail,
                client=client(request),
                now_ms=now,
            )
    except SyncRefused:
        return _page(request, form.viewer, 404, message="没有这个工作人员账号。")
    notice = f"已重置 {name} 的动态验证码：其登录已失效，下次登录时须重新设置。"
    return _page(request, form.viewer, notice=notice)
