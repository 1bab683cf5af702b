"""The county console's staff and an HTTP client that logs in as a browser does (the
login page's CSRF cookie and token, the session cookie), for tests/sync/test_console_*."""

from __future__ import annotations

import re

import pyotp
import requests
from sqlalchemy import select

from sync.server import schema as s
from sync.server.app import now_ms
from sync.server.console import staff
from sync.server.db import Database

PASSWORD = "lantern-river-sleepy-7"  # zxcvbn finds it hard enough
TOKEN = re.compile(r'name="csrf" value="([^"]+)"')


def add_staff(db: Database, name: str, role: str, *, totp: bool = False) -> str | None:
    """A staff account with :data:`PASSWORD`; its TOTP secret when ``totp``."""
    with db.write() as conn:
        staff.create(conn, name, role, PASSWORD, require_totp=totp, now_ms=now_ms())
        if not totp:
            return None
        staff.new_totp(conn, name, now_ms=now_ms())
        return str(
            conn.execute(select(s.staff.c.totp_secret).where(s.staff.c.name == name)).scalar()
        )


def token(html: str) -> str:
    found = TOKEN.search(html)
    assert found, html[:500]
    return found.group(1)


class Console:
    """A browser's cookies and forms, over HTTP."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.http = requests.Session()

    def get(self, path: str, **kwargs: object) -> requests.Response:
        return self.http.get(self.url + path, allow_redirects=False, timeout=10, **kwargs)  # type: ignore[arg-type]

    def post(self, path: str, data: dict[str, str], **kwargs: object) -> requests.Response:
        return self.http.post(
            self.url + path, data=data, allow_redirects=False, timeout=10, **kwargs
        )  # type: ignore[arg-type]

    def password(self, name: str, password: str = PASSWORD) -> requests.Response:
        form = self.get("/console/login")
        assert form.status_code == 200
        return self.post(
            "/console/login", {"csrf": token(form.text), "name": name, "password": password}
        )

    def code(self, code: str) -> requests.Response:
        form = self.get("/console/login/totp")
        assert form.status_code == 200, form.status_code
        return self.post("/console/login/totp", {"csrf": token(form.text), "code": code})

    def login(self, name: str, secret: str | None = None) -> None:
        answer = self.password(name)
        if secret is not None:
            assert answer.headers["location"] == "/console/login/totp"
            answer = self.code(pyotp.TOTP(secret).now())
        assert answer.status_code == 303 and answer.headers["location"] == "/console/", answer.text

    def csrf(self) -> str:
        """The session's CSRF token, as its pages carry it."""
        return token(self.get("/console/").text)
