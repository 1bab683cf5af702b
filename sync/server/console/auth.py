"""Who is looking at a console page, and whether they may.

Every console route is declared with :func:`route`, which names the permission it needs
(``core.roles.Permission``) and records it in :data:`REQUIRED`; the only routes without
one are :data:`PUBLIC` (the login pages and the stylesheet). The tests enumerate the
app's routes against both, so a new page cannot forget its guard.

* no live session: 303 to the login page (a POST too: nothing is done);
* a session whose role lacks the permission: 403;
* a POST: its form's CSRF token must be its session's (403 otherwise), checked before
  the handler runs (:func:`posted`).

Device tokens (``Authorization: Bearer``) are never read here: a device opens no console
page, and the console's cookie is never read by the devices' endpoints.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from fastapi import APIRouter, Depends, Request

from childcare_desktop.core.roles import Permission, Role

from ..api.deps import database, now_ms
from . import csrf, sessions, staff

PUBLIC = frozenset(
    {
        "GET /console/login",
        "POST /console/login",
        "GET /console/login/totp",  # a half-way session only: checked by the page itself
        "POST /console/login/totp",
        "GET /console/login/enrol",  # a half-way session only, as the code's page
        "POST /console/login/enrol",
        "GET /console/static",
    }
)
REQUIRED: dict[str, Permission] = {}


class NeedLogin(Exception):
    """No live session: the browser goes to the login page."""


class Forbidden(Exception):
    """A session whose role may not, or a request over plain HTTP from afar."""

    def __init__(self, why: str) -> None:
        super().__init__(why)
        self.why = why


@dataclass(frozen=True, slots=True)
class Viewer:
    """The staff member a request comes from."""

    name: str
    role: Role
    session: sessions.Session

    def may(self, permission: Permission) -> bool:
        return self.role.may(permission)


def _viewer(request: Request, permission: Permission) -> Viewer:
    if not sessions.transport_ok(request):
        raise Forbidden("https")
    db = database(request)
    now = now_ms()
    cookie = request.cookies.get(sessions.COOKIE)
    with db.read() as conn:
        session = sessions.find(conn, cookie, now_ms=now)
        role = staff.role_of(conn, session.staff) if session is not None else None
        touch = session is not None and sessions.needs_touch(conn, session, now_ms=now)
    if session is None or session.stage != sessions.OK or role is None:
        raise NeedLogin()
    if touch:
        with db.write() as conn:
            sessions.touch(conn, session, now_ms=now)
    if not role.may(permission):
        raise Forbidden("role")
    return Viewer(session.staff, role, session)


@cache
def guard(permission: Permission) -> Callable[[Request], Viewer]:
    """The dependency of a page needing ``permission`` (run on a worker thread: it reads
    the database). One per permission: FastAPI then runs it once a request."""

    def viewer(request: Request) -> Viewer:
        return _viewer(request, permission)

    return viewer


@dataclass(frozen=True, slots=True)
class Posted:
    """A POSTed form whose CSRF token was checked, and who sent it."""

    viewer: Viewer
    fields: dict[str, str]
    files: dict[str, bytes] = field(default_factory=dict)  # of a multipart form


@cache
def _checked_form(permission: Permission) -> Callable[..., Any]:
    # The sender's dependency as a default value: an annotation naming ``permission``
    # (a closure's variable) could not be resolved by FastAPI from the module.
    sender = Depends(guard(permission))

    async def form(request: Request, viewer: Viewer = sender) -> Posted:
        fields, files = await csrf.parts(request)
        csrf.check(viewer.session.csrf, fields)
        return Posted(viewer, fields, files)

    return form


def posted(permission: Permission) -> Any:
    """The dependency giving a POSTed form, once its sender and its CSRF token are checked."""
    return Depends(_checked_form(permission))


def route(router: APIRouter, method: str, path: str, permission: Permission) -> Callable[..., Any]:
    """Declare a console route and the permission it needs (see :data:`REQUIRED`): the
    route checks it (and a POST's CSRF token) whatever its handler asks for."""
    REQUIRED[f"{method} {path}"] = permission
    checks = [Depends(guard(permission))]
    if method != "GET":
        checks.append(Depends(_checked_form(permission)))
    return router.api_route(path, methods=[method], include_in_schema=False, dependencies=checks)


def client(request: Request) -> str:
    return request.client.host if request.client else ""
