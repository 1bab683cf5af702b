"""CSRF: every form of the console carries a token, and a POST without the right one is
refused (403) before it does anything.

A logged-in form carries its session's token (kept in ``staff_session``). The login form,
before there is a session, carries a random token also given to the browser in a cookie
of its own (double submit): a page of another site can neither read that cookie nor set
it. ``SameSite=Strict`` on both cookies is a second wall, not the only one.
"""

from __future__ import annotations

import secrets
from email.message import Message
from email.parser import BytesParser
from email.policy import HTTP
from urllib.parse import parse_qs

from fastapi import Request, Response

from ..errors import SyncRefused
from . import sessions

LOGIN_COOKIE = "county_console_login"
FIELD = "csrf"
MAX_FORM_BYTES = 16 * 1024
MAX_FORM_FIELDS = 100  # the 县级政策 form holds the most: about 55 fields
MAX_UPLOAD_BYTES = 5 * 1024 * 1024  # a file sent with a form (the region names' CSV: 4 MB)


class CsrfRefused(Exception):
    """A POST without its form's token (answered 403)."""


async def form(request: Request) -> dict[str, str]:
    """The POSTed form (``application/x-www-form-urlencoded``, bounded), one value a name;
    none for anything else (which then has no CSRF token either)."""
    if not request.headers.get("content-type", "").startswith("application/x-www-form-urlencoded"):
        return {}
    body = await _body(request, MAX_FORM_BYTES)
    try:
        parsed = parse_qs(body.decode(), keep_blank_values=True, max_num_fields=MAX_FORM_FIELDS)
    except (UnicodeDecodeError, ValueError) as exc:
        raise SyncRefused(400, "bad_form", "malformed form") from exc
    return {k: v[0] for k, v in parsed.items()}


async def parts(request: Request) -> tuple[dict[str, str], dict[str, bytes]]:
    """A POSTed form's fields and, of a ``multipart/form-data`` one, its files' contents
    (bounded: :data:`MAX_UPLOAD_BYTES` in all)."""
    kind = request.headers.get("content-type", "")
    if not kind.startswith("multipart/form-data"):
        return await form(request), {}
    body = await _body(request, MAX_UPLOAD_BYTES)
    # The standard library's MIME parser: a form's parts are MIME parts.
    head = f"Content-Type: {kind}\r\nMIME-Version: 1.0\r\n\r\n".encode()
    message = BytesParser(policy=HTTP).parsebytes(head + body)
    fields: dict[str, str] = {}
    files: dict[str, bytes] = {}
    for part in message.iter_parts() if message.is_multipart() else ():
        name = part.get_param("name", header="content-disposition")
        if not isinstance(name, str) or name in fields or name in files:
            continue
        data = _payload(part)
        if part.get_filename() is not None:
            files[name] = data
        else:
            fields[name] = data.decode("utf-8", "replace")
    return fields, files


def _payload(part: Message) -> bytes:
    data = part.get_payload(decode=True)
    return data if isinstance(data, bytes) else b""


async def _body(request: Request, limit: int) -> bytes:
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise SyncRefused(413, "too_large", "the form is too large")
    return body


def check(expected: str | None, fields: dict[str, str]) -> None:
    """Refuse (:class:`CsrfRefused`) unless the form's token is the expected one."""
    given = fields.get(FIELD, "")
    if not expected or not given or not secrets.compare_digest(expected, given):
        raise CsrfRefused()


def login_token(request: Request) -> str:
    """The login form's token: the browser's login cookie, or a new one."""
    found = request.cookies.get(LOGIN_COOKIE, "")
    return found if 20 <= len(found) <= 100 else secrets.token_urlsafe(32)


def give_login_token(response: Response, request: Request, token: str) -> None:
    sessions.set_cookie(response, request, LOGIN_COOKIE, token, sessions.LIFETIME_MS // 1000)


def check_login(request: Request, fields: dict[str, str]) -> None:
    check(request.cookies.get(LOGIN_COOKIE), fields)
