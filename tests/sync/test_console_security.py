"""The county console's walls, over HTTP against the real server on loopback: no page
for the anonymous or the wrong role, no form without its CSRF token, lockout after
failed logins, the second factor, the cookie's flags, and no crossing between the
console's sessions and the devices' tokens."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pyotp
import pytest
from sqlalchemy import func, select
from starlette.routing import Mount

from childcare_desktop.core.roles import Role
from sync.server import app as server_app
from sync.server import schema as s
from sync.server.console import auth, staff
from sync.server.db import Database, sqlite_url
from tests.sync.conftest import VILLAGE_A, LiveServer, serve
from tests.sync.console import PASSWORD, Console, add_staff, token


def _console_routes(server: LiveServer) -> list[tuple[str, str]]:
    found = []
    for r in server.app.routes:
        if not r.path.startswith("/console"):  # type: ignore[attr-defined]
            continue
        methods = ["GET"] if isinstance(r, Mount) else sorted(r.methods - {"HEAD"})  # type: ignore[attr-defined]
        found += [(m, r.path) for m in methods]  # type: ignore[attr-defined]
    return found


def _guarded(server: LiveServer) -> list[tuple[str, str]]:
    return [(m, p) for m, p in _console_routes(server) if f"{m} {p}" in auth.REQUIRED]


def _call(
    console: Console, method: str, path: str, data: dict[str, str] | None = None, **kw: object
):  # type: ignore[no-untyped-def]
    if method == "GET":
        return console.get(path, **kw)
    return console.post(path, data or {}, **kw)


def _device_token(server: LiveServer) -> str:
    server.user("dir_a", "director", VILLAGE_A)
    code = server.code("dir_a")
    answer = Console(server.url).http.post(
        f"{server.url}/v1/enroll",
        json={"user": "dir_a", "code": code, "label": "laptop"},
        timeout=10,
    )
    assert answer.status_code == 200, answer.text
    return str(answer.json()["token"])


def test_every_console_route_is_public_or_guarded_and_refuses_the_anonymous(
    server: LiveServer,
) -> None:
    routes = _console_routes(server)
    assert ("GET", "/console/codes") in routes and ("POST", "/console/codes/issue") in routes
    for method, path in routes:
        assert f"{method} {path}" in auth.PUBLIC | set(auth.REQUIRED), (method, path)
    device = _device_token(server)
    anonymous = Console(server.url)
    for method, path in _guarded(server):
        for headers in ({}, {"Authorization": f"Bearer {device}"}):
            answer = _call(anonymous, method, path, {"csrf": "x", "user": "dir_a"}, headers=headers)
            assert answer.status_code == 303, (method, path, answer.status_code)
            assert answer.headers["location"] == "/console/login"
    # The half-way page too: no pending session, back to the password.
    assert anonymous.get("/console/login/totp").headers["location"] == "/console/login"
    with server.db.read() as conn:
        assert conn.execute(select(func.count()).select_from(s.enroll_code)).scalar() == 1


def test_a_viewer_is_refused_every_page_its_role_may_not_use(sqlite_server: LiveServer) -> None:
    server = sqlite_server
    add_staff(server.db, "viewer", "county-viewer")
    server.user("dir_a", "director", VILLAGE_A)
    console = Console(server.url)
    console.login("viewer")
    home = console.get("/console/")
    assert home.status_code == 200 and "viewer" in home.text and "/console/codes" not in home.text
    csrf = token(home.text)
    refused = [
        (m, p) for m, p in _guarded(server) if not Role.COUNTY_VIEWER.may(auth.REQUIRED[f"{m} {p}"])
    ]
    assert ("POST", "/console/codes/issue") in refused
    for method, path in refused:
        answer = _call(console, method, path, {"csrf": csrf, "user": "dir_a", "days": "3"})
        assert answer.status_code == 403, (method, path, answer.status_code)
    with server.db.read() as conn:
        assert conn.execute(select(func.count()).select_from(s.enroll_code)).scalar() == 0


def test_a_form_without_its_csrf_token_is_refused(sqlite_server: LiveServer) -> None:
    server = sqlite_server
    add_staff(server.db, "admin", "county-admin")
    server.user("dir_a", "director", VILLAGE_A)
    console = Console(server.url)
    console.login("admin")
    for csrf in (None, "", "forged-" + "x" * 30):
        form = {"user": "dir_a", "days": "3"} | ({"csrf": csrf} if csrf is not None else {})
        answer = console.post("/console/codes/issue", form)
        assert answer.status_code == 403 and "表单已过期" in answer.text
    assert console.post("/console/logout", {}).status_code == 403
    with server.db.read() as conn:
        assert conn.execute(select(func.count()).select_from(s.enroll_code)).scalar() == 0
    good = console.post(
        "/console/codes/issue", {"csrf": console.csrf(), "user": "dir_a", "days": "3"}
    )
    assert good.status_code == 200 and "issued-code" in good.text  # the token was the wall
    # The login form's token: without the login cookie's twin, no login is tried.
    stranger = Console(server.url)
    answer = stranger.post(
        "/console/login", {"csrf": "x" * 40, "name": "admin", "password": PASSWORD}
    )
    assert answer.status_code == 403


def test_five_wrong_passwords_lock_the_account_even_against_the_right_one(
    sqlite_server: LiveServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    server = sqlite_server
    add_staff(server.db, "admin", "county-admin")
    console = Console(server.url)
    for attempt in range(staff.MAX_FAILED):
        answer = console.password("admin", "wrong-password-1")
        assert answer.status_code == 401
        expected = "已锁定" if attempt == staff.MAX_FAILED - 1 else "用户名或密码不对"
        assert expected in answer.text, attempt
    answer = console.password("admin")
    assert answer.status_code == 401 and "已锁定" in answer.text
    assert "county_console=" not in answer.headers.get("set-cookie", "")
    start = server_app.now_ms()
    later = start + staff.LOCK_MINUTES * staff.MINUTE_MS + 1000
    monkeypatch.setattr(server_app, "now_ms", lambda: later)
    console.login("admin")  # the lock lifted by itself
    with server.db.read() as conn:
        actions = [
            r.action
            for r in conn.execute(select(s.staff_audit.c.action).order_by(s.staff_audit.c.at_ms))
        ]
    assert actions.count("login_bad") == staff.MAX_FAILED - 1
    assert actions.count("login_locked") == 2 and actions[-1] == "login"


def test_a_required_second_factor_is_asked_and_checked_once(sqlite_server: LiveServer) -> None:
    server = sqlite_server
    secret = add_staff(server.db, "admin", "county-admin", totp=True)
    assert secret
    console = Console(server.url)
    answer = console.password("admin")
    assert answer.status_code == 303 and answer.headers["location"] == "/console/login/totp"
    assert console.get("/console/").headers["location"] == "/console/login"  # not yet in
    totp = pyotp.TOTP(secret)
    wrong = f"{(int(totp.now()) + 1) % 1_000_000:06d}"
    assert console.code(wrong).status_code == 401
    right = totp.now()
    answer = console.code(right)
    assert answer.status_code == 303 and answer.headers["location"] == "/console/"
    assert console.get("/console/").status_code == 200
    # The same code again, on another login: refused (a code seen over a shoulder is spent).
    again = Console(server.url)
    assert again.password("admin").status_code == 303
    assert again.code(right).status_code == 401
    assert again.get("/console/").status_code == 303


def test_the_session_cookie_is_http_only_strict_and_scoped_to_the_console(
    sqlite_server: LiveServer,
) -> None:
    add_staff(sqlite_server.db, "admin", "county-admin")
    console = Console(sqlite_server.url)
    answer = console.password("admin")
    cookie = answer.headers["set-cookie"]
    assert "county_console=" in cookie and "HttpOnly" in cookie
    assert "SameSite=strict" in cookie and "Path=/console" in cookie
    assert "Secure" not in cookie  # plain HTTP from this machine: the loopback exception
    # Logout ends it on the server, not only in the browser.
    kept = dict(console.http.cookies)
    assert console.post("/console/logout", {"csrf": console.csrf()}).status_code == 303
    console.http.cookies.update(kept)
    assert console.get("/console/").status_code == 303


@pytest.fixture
def proxied(tmp_path: Path) -> Iterator[LiveServer]:
    """The server behind a TLS-terminating proxy on this machine (whose forwarded headers
    it believes)."""
    yield from serve(Database(sqlite_url(tmp_path / "server.db")), trusted_proxies=["127.0.0.1"])


def test_over_https_the_cookie_is_secure_and_plain_http_from_afar_is_refused(
    proxied: LiveServer,
) -> None:
    add_staff(proxied.db, "admin", "county-admin")
    afar = {"X-Forwarded-For": "192.0.2.7", "X-Forwarded-Proto": "http"}
    console = Console(proxied.url)
    answer = console.get("/console/login", headers=afar)
    assert answer.status_code == 403 and "HTTPS" in answer.text
    # Through the proxy, over HTTPS: requests keeps Secure cookies for https URLs only,
    # so this "browser" hands them back by hand.
    https = {"X-Forwarded-For": "192.0.2.7", "X-Forwarded-Proto": "https"}
    form = console.get("/console/login", headers=https)
    assert form.status_code == 200 and "Secure" in form.headers["set-cookie"]
    login = console.http.cookies["county_console_login"]
    answer = console.post(
        "/console/login",
        {"csrf": token(form.text), "name": "admin", "password": PASSWORD},
        headers={**https, "Cookie": f"county_console_login={login}"},
    )
    assert answer.status_code == 303
    assert re.search(r"county_console=[^;]+;.*Secure", answer.headers["set-cookie"])


def test_a_session_opens_no_device_endpoint_and_a_device_token_no_console_page(
    sqlite_server: LiveServer,
) -> None:
    server = sqlite_server
    add_staff(server.db, "admin", "county-admin")
    device = _device_token(server)
    console = Console(server.url)
    console.login("admin")
    session = console.http.cookies["county_console"]
    for header in ({"Cookie": f"county_console={session}"}, {"Authorization": f"Bearer {session}"}):
        answer = console.http.get(f"{server.url}/v1/regions", headers=header, timeout=10)
        assert answer.status_code == 401, header
    answer = Console(server.url).get("/console/", headers={"Authorization": f"Bearer {device}"})
    assert answer.status_code == 303 and answer.headers["location"] == "/console/login"


def test_an_idle_session_ends(sqlite_server: LiveServer, monkeypatch: pytest.MonkeyPatch) -> None:
    add_staff(sqlite_server.db, "admin", "county-admin")
    console = Console(sqlite_server.url)
    console.login("admin")
    assert console.get("/console/").status_code == 200
    later = server_app.now_ms() + 31 * 60_000
    monkeypatch.setattr(server_app, "now_ms", lambda: later)
    assert console.get("/console/").headers["location"] == "/console/login"


def test_the_api_docs_load_nothing_from_elsewhere(sqlite_server: LiveServer) -> None:
    console = Console(sqlite_server.url)
    for page in ("/docs", "/redoc"):
        html = console.get(page).text
        urls = re.findall(r'(?:src|href)=["\']?([^"\' >]+)|url:\s*["\']([^"\']+)', html)
        found = [u for pair in urls for u in pair if u]
        assert found and not [u for u in found if "//" in u], found
        for url in found:
            assert console.get(url).status_code == 200, url


def test_disabling_an_account_or_resetting_its_password_ends_its_sessions(
    sqlite_server: LiveServer,
) -> None:
    server = sqlite_server
    add_staff(server.db, "admin", "county-admin")
    add_staff(server.db, "viewer", "county-viewer")
    admin, viewer = Console(server.url), Console(server.url)
    admin.login("admin")
    viewer.login("viewer")
    with server.db.write() as conn:
        staff.set_active(conn, "admin", False, now_ms=server_app.now_ms())
        staff.set_password(conn, "viewer", "another-lantern-9-river", now_ms=server_app.now_ms())
    assert admin.get("/console/").headers["location"] == "/console/login"
    assert viewer.get("/console/").headers["location"] == "/console/login"
    assert admin.password("admin").status_code == 401  # disabled: as a wrong password
    with server.db.write() as conn:
        staff.set_active(conn, "admin", True, now_ms=server_app.now_ms())
    admin.login("admin")
