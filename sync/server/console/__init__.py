"""The county console: web pages served by the county server for the county's staff
(DESIGN.md §10). Server-rendered (Jinja2), no script, nothing loaded from elsewhere.

* :mod:`.staff` the staff accounts (argon2id passwords, TOTP, lockout, audit);
* :mod:`.sessions` the session cookie; :mod:`.csrf` the forms' tokens;
* :mod:`.auth` who is asking and whether they may (every route declares its permission);
* :mod:`.login` logging in and out; :mod:`.enrol` setting up the second factor;
  :mod:`.account` 我的账户; :mod:`.throttle` the per-address login limit; :mod:`.pages` the pages; :mod:`.render` the templates.
"""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import RedirectResponse, Response
from fastapi.staticfiles import StaticFiles

from . import (
    account,
    admin,
    audit_page,
    csrf,
    duplicates_page,
    enrol,
    login,
    oversight,
    pages,
    policy_page,
    quarantine,
    regions_page,
    reports,
    spot_check_print,
    spot_checks,
)
from .auth import Forbidden, NeedLogin
from .render import HERE, page

REASONS = {
    "role": "您的角色不能使用此页面。",
    "https": "请通过 HTTPS 访问县级管理页面（明文 HTTP 只允许在服务器本机使用）。",
    "csrf": "表单已过期或不是从本站提交的，请返回页面重新操作。",
}


def install(app: FastAPI) -> None:
    """Add the console's routes, its stylesheet and its error pages to the server."""
    for router in (
        login.router,
        pages.router,
        oversight.router,
        admin.router,
        regions_page.router,
        policy_page.router,
        duplicates_page.router,
        enrol.router,
        account.router,
        quarantine.router,
        reports.router,
        audit_page.router,
        spot_checks.router,
        spot_check_print.router,
    ):
        app.router.routes.extend(router.routes)
    app.mount("/console/static", StaticFiles(directory=HERE / "static"), name="console-static")
    app.add_exception_handler(NeedLogin, _need_login)
    app.add_exception_handler(Forbidden, _forbidden)  # type: ignore[arg-type]
    app.add_exception_handler(csrf.CsrfRefused, _csrf)


async def _need_login(_request: Request, _exc: Exception) -> Response:
    return RedirectResponse(login.LOGIN, status_code=303, headers={"Cache-Control": "no-store"})


async def _forbidden(request: Request, exc: Forbidden) -> Response:
    return await run_in_threadpool(page, request, "refused.html", 403, message=REASONS[exc.why])


async def _csrf(request: Request, _exc: Exception) -> Response:
    return await run_in_threadpool(page, request, "refused.html", 403, message=REASONS["csrf"])
