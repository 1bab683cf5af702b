"""Console sessions: a random cookie, stored only as its SHA-256 in ``staff_session``.

A session ends :data:`LIFETIME_MS` after its login whatever it did, after
:data:`IDLE_MS` without a request, at logout, or when an administrator disables the
account or resets its password. One half-way through its login (password given, the
TOTP code awaited) lives :data:`PENDING_MS` and opens nothing but the code's page; one
setting its second factor up (:data:`ENROL`) lives :data:`ENROL_MS` and opens nothing
but the enrolment page.

The cookie is HTTP-only, ``SameSite=Strict``, scoped to ``/console`` (it never travels
to the devices' ``/v1`` endpoints), and ``Secure`` whenever the console is reached over
HTTPS. Plain HTTP is allowed only from the server's own machine (loopback): see
:func:`transport_ok`.
"""

from __future__ import annotations

import hashlib
import ipaddress
import secrets
from dataclasses import dataclass

from fastapi import Request, Response
from sqlalchemy import select, update
from sqlalchemy.engine import Connection

from .. import schema as s

COOKIE = "county_console"
PATH = "/console"
LIFETIME_MS = 8 * 3600_000  # a working day
IDLE_MS = 30 * 60_000
PENDING_MS = 5 * 60_000
ENROL_MS = 15 * 60_000  # time to install an authenticator app on a phone
TOUCH_MS = 60_000  # "seen" is written at most once a minute per session
OK = "ok"
PENDING = "totp"
ENROL = "enrol"  # password given, the second factor being set up (totp_codes)


@dataclass(frozen=True, slots=True)
class Session:
    id_hash: str
    staff: str
    stage: str
    csrf: str


def _digest(cookie: str) -> str:
    return hashlib.sha256(cookie.encode()).hexdigest()


def start(conn: Connection, staff: str, stage: str, *, now_ms: int) -> tuple[str, Session]:
    """A new session; returns the cookie (given once to the browser) and the session."""
    cookie = secrets.token_urlsafe(32)
    csrf = secrets.token_urlsafe(32)
    lifetime = {PENDING: PENDING_MS, ENROL: ENROL_MS}.get(stage, LIFETIME_MS)
    conn.execute(
        s.staff_session.insert().values(
            id_hash=_digest(cookie),
            staff=staff,
            stage=stage,
            csrf=csrf,
            created_ms=now_ms,
            seen_ms=now_ms,
            expires_ms=now_ms + lifetime,
        )
    )
    return cookie, Session(_digest(cookie), staff, stage, csrf)


def find(conn: Connection, cookie: str | None, *, now_ms: int) -> Session | None:
    """The live session of a cookie (None: none, ended, expired or idle too long)."""
    if not cookie or len(cookie) > 100:
        return None
    c = s.staff_session.c
    found = conn.execute(select(s.staff_session).where(c.id_hash == _digest(cookie))).first()
    if found is None or found.ended_ms is not None or found.expires_ms <= now_ms:
        return None
    if found.seen_ms + IDLE_MS <= now_ms:
        return None
    return Session(found.id_hash, found.staff, found.stage, found.csrf)


def needs_touch(conn: Connection, session: Session, *, now_ms: int) -> bool:
    c = s.staff_session.c
    seen = conn.execute(select(c.seen_ms).where(c.id_hash == session.id_hash)).scalar()
    return seen is not None and now_ms - int(seen) >= TOUCH_MS


def touch(conn: Connection, session: Session, *, now_ms: int) -> None:
    c = s.staff_session.c
    conn.execute(update(s.staff_session).where(c.id_hash == session.id_hash).values(seen_ms=now_ms))


def end(conn: Connection, session: Session, *, now_ms: int) -> None:
    c = s.staff_session.c
    conn.execute(
        update(s.staff_session).where(c.id_hash == session.id_hash).values(ended_ms=now_ms)
    )


def secure(request: Request) -> bool:
    """Whether the browser reached us over HTTPS (directly, or through a trusted proxy:
    uvicorn believes its X-Forwarded-Proto only then, see :mod:`sync.server.serving`)."""
    return request.url.scheme == "https"


def loopback(request: Request) -> bool:
    host = request.client.host if request.client else ""
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def transport_ok(request: Request) -> bool:
    """HTTPS, or plain HTTP from the server's own machine (an administrator's browser on
    the server, an SSH tunnel): a password never crosses the network in clear."""
    return secure(request) or loopback(request)


def set_cookie(response: Response, request: Request, name: str, value: str, max_age: int) -> None:
    response.set_cookie(
        name,
        value,
        max_age=max_age,
        path=PATH,
        secure=secure(request),
        httponly=True,
        samesite="strict",
    )


def give(response: Response, request: Request, cookie: str) -> None:
    set_cookie(response, request, COOKIE, cookie, LIFETIME_MS // 1000)


def clear(response: Response, request: Request) -> None:
    response.delete_cookie(
        COOKIE, path=PATH, secure=secure(request), httponly=True, samesite="strict"
    )
