"""More of the county console's walls, over HTTP against the real server on loopback.

The route tests enumerate the app's own routes under /console (GET and POST), so a page
added later is covered without touching this file: the anonymous are sent to the login
page, a viewer is refused what only an administrator may do, every POST without its
CSRF token is refused, and no region parameter reaches another county. Then the
per-address limit on failed logins, the second factor set up in the browser, the
recovery codes (each works once), and 我的账户.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pyotp
import pytest
import requests
from sqlalchemy import func, select
from starlette.routing import Mount

from childcare_desktop.core.roles import Permission, Role
from sync.server import app as server_app
from sync.server import oversight, regions
from sync.server import schema as s
from sync.server.console import auth, throttle
from sync.server.db import Database, sqlite_url
from tests.sync.conftest import TOWNSHIP, VILLAGE_A, LiveServer, serve
from tests.sync.console import PASSWORD, Console, add_staff, token

OWN = {6: "349901", 9: TOWNSHIP, 12: VILLAGE_A}
FOREIGN = {6: "349902", 9: "349902101", 12: "349902101201"}  # a county not this server's
PARAM = re.compile(r"\{([^}:]+)(?::[^}]*)?\}")
REGION_FIELDS = ("region", "code", "scope", "township", "village", "county", "area", "place")
FOREIGN_CHILD = "赵外县"  # a child of the other county (as if misfiled on this server)
OWN_CHILD = "孙本县"
NEW_PASSWORD = "copper-kettle-mild-42-harbour"


# ---------------------------------------------------------------------------------------
# The routes, as the app has them


def _routes(server: LiveServer) -> list[tuple[str, str]]:
    found = []
    for r in server.app.routes:
        path = getattr(r, "path", "")
        if not path.startswith("/console"):
            continue
        methods = ["GET"] if isinstance(r, Mount) else sorted(r.methods - {"HEAD"})  # type: ignore[attr-defined]
        found += [(m, path) for m in methods]
    return found


def _guarded(server: LiveServer) -> list[tuple[str, str]]:
    return [(m, p) for m, p in _routes(server) if f"{m} {p}" in auth.REQUIRED]


def _filled(path: str, codes: dict[int, str], digits: int = 9) -> str:
    """``path`` with each parameter given a region code (of ``digits`` digits)."""
    return PARAM.sub(lambda _: codes[digits], path)


def _call(console: Console, method: str, path: str, data: dict[str, str]) -> requests.Response:
    if method == "GET":
        return console.get(path, params=data)
    return console.post(path, data)


def _place_names() -> dict[str, str]:
    return {"349901": "本县", TOWNSHIP: "本镇", VILLAGE_A: "本村"}


def test_every_console_route_sends_the_anonymous_to_the_login_page(
    sqlite_server: LiveServer,
) -> None:
    server = sqlite_server
    routes = _routes(server)
    assert ("GET", "/console/account") in routes and ("POST", "/console/staff/totp-reset") in routes
    for method, path in routes:  # none forgot its guard: public by name, or declared
        assert f"{method} {path}" in auth.PUBLIC | set(auth.REQUIRED), (method, path)
    add_staff(server.db, "admin", "county-admin")
    anonymous = Console(server.url)
    for method, path in _guarded(server):
        answer = _call(anonymous, method, _filled(path, OWN), {"csrf": "x", "name": "admin"})
        assert answer.status_code == 303, (method, path, answer.status_code)
        assert answer.headers["location"] == "/console/login"
    # The half-way pages open nothing without a half-way session.
    for path in ("/console/login/totp", "/console/login/enrol"):
        assert anonymous.get(path).headers["location"] == "/console/login"
    assert (
        anonymous.post("/console/login/enrol", {"csrf": "x", "code": "123456"}).status_code == 401
    )
    with server.db.read() as conn:  # the admin's second factor was not reset by anyone
        assert conn.execute(select(s.staff.c.totp_required)).scalar() is False


def test_a_viewer_is_refused_every_route_only_an_administrator_may_use(
    sqlite_server: LiveServer,
) -> None:
    server = sqlite_server
    add_staff(server.db, "viewer", "county-viewer")
    add_staff(server.db, "admin", "county-admin")
    console = Console(server.url)
    console.login("viewer")
    csrf = console.csrf()
    admin_only = [
        (m, p) for m, p in _guarded(server) if not Role.COUNTY_VIEWER.may(auth.REQUIRED[f"{m} {p}"])
    ]
    assert ("POST", "/console/staff/totp-reset") in admin_only
    for method, path in admin_only:
        answer = _call(console, method, _filled(path, OWN), {"csrf": csrf, "name": "admin"})
        assert answer.status_code == 403, (method, path, answer.status_code)
        assert "您的角色不能使用此页面" in answer.text
    # What a viewer may do, they may: their own account.
    assert auth.REQUIRED["GET /console/account"] is Permission.READ
    page = console.get("/console/account")
    assert page.status_code == 200 and 'id="staff"' not in page.text  # no one else's reset
    with server.db.read() as conn:
        assert conn.execute(select(s.staff.c.totp_required)).scalars().all() == [False, False]


def test_every_post_without_its_csrf_token_is_refused(sqlite_server: LiveServer) -> None:
    server = sqlite_server
    add_staff(server.db, "admin", "county-admin")
    add_staff(server.db, "other", "county-viewer")
    console = Console(server.url)
    console.login("admin")
    posts = [p for m, p in _guarded(server) if m == "POST"]
    assert "/console/account/password" in posts and "/console/logout" in posts
    fields = {"name": "other", "password": PASSWORD, "new": NEW_PASSWORD, "again": NEW_PASSWORD}
    for path in posts:
        for csrf in (None, "", "forged-" + "x" * 30):
            form = fields | ({"csrf": csrf} if csrf is not None else {})
            answer = console.post(_filled(path, OWN), form)
            assert answer.status_code == 403, (path, csrf, answer.status_code)
            assert "表单已过期" in answer.text
    assert console.get("/console/").status_code == 200  # still logged in: logout refused too
    with server.db.read() as conn:
        hashes = conn.execute(select(s.staff.c.password_hash)).scalars().all()
        actions = conn.execute(select(s.staff_audit.c.action)).scalars().all()
    assert set(actions) == {"login"}  # nothing was done
    assert Console(server.url).password("admin").status_code == 303  # password unchanged
    assert len(hashes) == 2
    # The half-way forms check theirs too.
    add_staff(server.db, "newbie", "county-viewer")
    with server.db.write() as conn:
        conn.execute(s.staff.update().values(totp_required=True).where(s.staff.c.name == "newbie"))
    enrolling = Console(server.url)
    assert enrolling.password("newbie").headers["location"] == "/console/login/enrol"
    secret = _secret(enrolling.get("/console/login/enrol").text)
    code = pyotp.TOTP(secret).now()
    assert enrolling.post("/console/login/enrol", {"code": code}).status_code == 403
    assert (
        enrolling.post("/console/login/enrol", {"csrf": "x" * 40, "code": code}).status_code == 403
    )
    with server.db.read() as conn:
        found = conn.execute(select(s.staff.c.totp_secret).where(s.staff.c.name == "newbie"))
        assert found.scalar() is None


# ---------------------------------------------------------------------------------------
# Across counties


def _plant(db: Database, region: str, name: str) -> None:
    """A child filed under ``region`` in the server's own tables, as a push files one."""
    row_id = f"child-{region}"
    fields = {"name": name, "birth_date": "2015-03-01", "registered_on": "2024-01-05"}
    with db.write() as conn:
        conn.execute(s.row.insert().values(tbl="child", row_id=row_id, region=region))
        for field, value in fields.items():
            conn.execute(
                s.field.insert().values(
                    tbl="child", row_id=row_id, field=field, value=json.dumps(value), version=1
                )
            )


def test_the_console_reads_and_writes_no_other_county(sqlite_server: LiveServer) -> None:
    server = sqlite_server
    server.user("dir_a", "director", VILLAGE_A)
    with server.db.write() as conn:
        regions.import_names(conn, _place_names(), now_ms=server_app.now_ms())
        assert regions.county_of_server(conn) == "349901"
    _plant(server.db, VILLAGE_A, OWN_CHILD)
    _plant(server.db, FOREIGN[12], FOREIGN_CHILD)
    with server.db.read() as conn:  # the planted child is there to be read, by a careless page
        found = oversight.figures(conn, FOREIGN[12], date.today(), names=True)
    assert [c["name"] for c in found.children] == [FOREIGN_CHILD]
    add_staff(server.db, "admin", "county-admin")
    console = Console(server.url)
    console.login("admin")
    own = console.get(f"/console/village/{VILLAGE_A}")
    assert own.status_code == 200 and OWN_CHILD in own.text  # planted as a push files it
    masked = FOREIGN_CHILD[0] + "*" + FOREIGN_CHILD[-1]
    for method, path in _guarded(server):
        if method != "GET":
            continue
        for digits, code in FOREIGN.items():
            query = dict.fromkeys(REGION_FIELDS, code)
            answer = console.get(_filled(path, FOREIGN, digits), params=query)
            assert FOREIGN_CHILD not in answer.text and masked not in answer.text, (path, code)
            if PARAM.search(path) and answer.status_code == 200:
                # A page named by the other county's code: refused, or (HTML) about
                # nothing of it; a download (PDF, xlsx) cannot be read here: refused.
                assert answer.headers["content-type"].startswith("text/html"), (path, code)
                assert code not in answer.text.split("<main>", 1)[-1], (path, code)
    for path in ("/console/township/349902101", "/console/village/349902101201"):
        assert console.get(path).status_code == 404
    # No form writes a region of another county, whatever its fields are called.
    before = _foreign_rows(server.db)
    for method, path in _guarded(server):
        if method != "POST" or path == "/console/logout":
            continue
        for digits, code in FOREIGN.items():
            form = dict.fromkeys(REGION_FIELDS, code) | {"csrf": console.csrf()}
            form |= {"name": f"waixian{digits}", "role": _role_of(digits), "user": "dir_a"}
            console.post(_filled(path, FOREIGN, digits), form)
    assert _foreign_rows(server.db) == before
    upload = console.http.post(  # the region names' file: another county's names refused
        server.url + "/console/regions/import",
        data={"csrf": console.csrf()},
        files={"file": ("names.csv", f"{FOREIGN[9]},外县镇\n".encode())},
        allow_redirects=False,
        timeout=10,
    )
    assert upload.status_code == 400 and "不属于本县" in upload.text
    with server.db.read() as conn:
        assert not conn.execute(select(s.region).where(s.region.c.code == FOREIGN[9])).first()
    refused = console.post(
        "/console/users/create",
        {"csrf": console.csrf(), "name": "waixian", "role": "director", "region": FOREIGN[12]},
    )
    assert refused.status_code == 400 and "不属于本县" in refused.text
    done = console.post(
        "/console/users/create",
        {"csrf": console.csrf(), "name": "benxian", "role": "director", "region": VILLAGE_A},
    )
    assert done.status_code == 200 and "已添加用户" in done.text  # the wall was the county


def _role_of(digits: int) -> str:
    return {6: "county-admin", 9: "supervisor", 12: "director"}[digits]


def _foreign_rows(db: Database) -> dict[str, int]:
    """How many rows of each table with a region column name the other county."""
    counts = {}
    with db.read() as conn:
        for table in s.metadata.sorted_tables:
            for column in table.c:
                if column.name in ("region", "region_code", "scope", "township", "village"):
                    query = select(func.count()).where(column.startswith("349902"))
                    counts[f"{table.name}.{column.name}"] = int(conn.execute(query).scalar() or 0)
    return counts


# ---------------------------------------------------------------------------------------
# The per-address limit


def _fail(console: Console, name: str, **kw: object) -> requests.Response:
    form = console.get("/console/login", **kw)
    return console.post(
        "/console/login",
        {"csrf": token(form.text), "name": name, "password": "not-the-password-1"},
        **kw,
    )


def test_one_address_may_fail_only_so_often_across_all_names(
    sqlite_server: LiveServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    server = sqlite_server
    add_staff(server.db, "admin", "county-admin")
    console = Console(server.url)
    for n in range(throttle.MAX_FAILURES):  # a few tries on each of many names
        answer = _fail(console, f"guess{n // 2}")
        assert answer.status_code == 401 and "用户名或密码不对" in answer.text, n
    # The next try, even of the right password of a real, unlocked account: refused.
    answer = console.password("admin")
    assert answer.status_code == 429 and "登录失败已达" in answer.text
    assert "county_console=" not in answer.headers.get("set-cookie", "")
    # A forged X-Forwarded-For from an untrusted peer changes nothing.
    spoofed = Console(server.url)
    form = spoofed.get("/console/login")
    answer = spoofed.post(
        "/console/login",
        {"csrf": token(form.text), "name": "admin", "password": PASSWORD},
        headers={"X-Forwarded-For": "198.51.100.9"},
    )
    assert answer.status_code == 429
    with server.db.read() as conn:
        assert conn.execute(select(s.staff.c.failed)).scalar() == 0  # not the account's
        actions = conn.execute(select(s.staff_audit.c.action)).scalars().all()
    assert actions.count("login_throttled") == 2
    later = server_app.now_ms() + throttle.WINDOW_MS + 1000
    monkeypatch.setattr(server_app, "now_ms", lambda: later)
    console.login("admin")  # the window passed


@pytest.fixture
def proxied(tmp_path: Path) -> Iterator[LiveServer]:
    """Behind a TLS-terminating proxy on this machine, whose X-Forwarded-For it believes."""
    yield from serve(Database(sqlite_url(tmp_path / "server.db")), trusted_proxies=["127.0.0.1"])


def _via_proxy(console: Console, address: str, name: str, password: str) -> requests.Response:
    headers = {"X-Forwarded-For": address, "X-Forwarded-Proto": "https"}
    form = console.get("/console/login", headers=headers)
    cookie = f"county_console_login={console.http.cookies['county_console_login']}"
    return console.post(
        "/console/login",
        {"csrf": token(form.text), "name": name, "password": password},
        headers={**headers, "Cookie": cookie},
    )


def test_behind_a_trusted_proxy_each_browser_address_has_its_own_count(
    proxied: LiveServer,
) -> None:
    add_staff(proxied.db, "admin", "county-admin")
    console = Console(proxied.url)
    for n in range(throttle.MAX_FAILURES):
        assert _via_proxy(console, "192.0.2.7", f"guess{n}", "wrong-1").status_code == 401
    assert _via_proxy(console, "192.0.2.7", "admin", PASSWORD).status_code == 429
    assert _via_proxy(console, "192.0.2.8", "admin", PASSWORD).status_code == 303
    with proxied.db.read() as conn:
        clients = set(conn.execute(select(s.login_failure.c.client)).scalars())
    assert clients == {"192.0.2.7"}


# ---------------------------------------------------------------------------------------
# The second factor set up in the browser, and the recovery codes


def _secret(html: str) -> str:
    found = re.search(r'id="secret">([A-Z2-7 ]+)<', html)
    assert found, html[:800]
    return found.group(1).replace(" ", "")


def _codes(html: str) -> list[str]:
    return re.findall(r'<li class="code">([A-Z0-9-]+)</li>', html)


def _enrol(server: LiveServer, name: str) -> tuple[Console, str, list[str]]:
    """``name`` logs in for the first time and sets the second factor up: the browser,
    the secret the page showed, the recovery codes it showed."""
    console = Console(server.url)
    answer = console.password(name)
    assert answer.status_code == 303 and answer.headers["location"] == "/console/login/enrol"
    assert console.get("/console/").headers["location"] == "/console/login"  # not in yet
    page = console.get("/console/login/enrol")
    assert page.status_code == 200 and "设置动态验证码" in page.text
    assert "<svg" in page.text and "<script" not in page.text
    secret = _secret(page.text)
    assert _secret(console.get("/console/login/enrol").text) == secret  # a reload: the same
    totp = pyotp.TOTP(secret)
    wrong = f"{(int(totp.now()) + 1) % 1_000_000:06d}"
    refused = console.post("/console/login/enrol", {"csrf": token(page.text), "code": wrong})
    assert refused.status_code == 400 and "验证码不对" in refused.text
    done = console.post("/console/login/enrol", {"csrf": token(page.text), "code": totp.now()})
    assert done.status_code == 200 and "恢复码" in done.text
    codes = _codes(done.text)
    assert console.get("/console/").status_code == 200  # logged in
    return console, secret, codes


def test_a_first_login_sets_the_second_factor_up_and_a_recovery_code_works_once(
    sqlite_server: LiveServer,
) -> None:
    server = sqlite_server
    add_staff(server.db, "admin", "county-admin")
    with server.db.write() as conn:  # required by an administrator, not set yet
        conn.execute(s.staff.update().values(totp_required=True))
    console, secret, codes = _enrol(server, "admin")
    assert len(codes) == 10 and len(set(codes)) == 10
    with server.db.read() as conn:
        row = conn.execute(select(s.staff)).mappings().one()
        stored = conn.execute(select(s.staff_recovery.c.code_hash)).scalars().all()
    assert row["totp_secret"] == secret and row["totp_pending"] is None
    assert len(stored) == 10 and not {c.replace("-", "") for c in codes} & set(stored)
    assert console.post("/console/logout", {"csrf": console.csrf()}).status_code == 303
    # The phone is lost: a recovery code instead of the TOTP code.
    again = Console(server.url)
    assert again.password("admin").headers["location"] == "/console/login/totp"
    answer = again.code(codes[3].lower())  # as typed, in lower case
    assert (
        answer.status_code == 303 and answer.headers["location"] == "/console/account?recovered=1"
    )
    account = again.get(answer.headers["location"])
    assert "还剩 9 个" in account.text and 'id="recovery-left"' in account.text
    # The same code again: refused, as a wrong code.
    third = Console(server.url)
    assert third.password("admin").status_code == 303
    refused = third.code(codes[3])
    assert refused.status_code == 401 and third.get("/console/").status_code == 303
    assert third.code(codes[4]).status_code == 303  # another one works
    with server.db.read() as conn:
        audit = conn.execute(
            select(s.staff_audit.c.action, s.staff_audit.c.detail).order_by(s.staff_audit.c.at_ms)
        ).all()
    actions = [a for a, _ in audit]
    assert "totp_enrolled" in actions and actions.count("recovery_code_used") == 2
    assert ("recovery_code_used", "left=8") in audit and "totp_bad" in actions


def test_my_account_changes_the_password_and_resets_the_second_factor(
    sqlite_server: LiveServer,
) -> None:
    server = sqlite_server
    add_staff(server.db, "admin", "county-admin")
    add_staff(server.db, "viewer", "county-viewer")
    with server.db.write() as conn:  # both: required by an administrator, not set yet
        conn.execute(s.staff.update().values(totp_required=True))
    console, secret, codes = _enrol(server, "admin")
    elsewhere = Console(server.url)
    elsewhere.password("admin")
    elsewhere.code(codes[0])
    assert elsewhere.get("/console/").status_code == 200
    csrf = console.csrf()
    form = {"csrf": csrf, "password": "wrong-one-1", "new": NEW_PASSWORD, "again": NEW_PASSWORD}
    assert "密码或验证码不对" in console.post("/console/account/password", form).text
    weak = form | {"password": PASSWORD, "new": "admin123", "again": "admin123"}
    assert "太容易被猜到" in console.post("/console/account/password", weak).text
    good = form | {"password": PASSWORD}
    answer = console.post("/console/account/password", good)
    assert answer.status_code == 200 and "密码已修改" in answer.text
    assert console.get("/console/account").status_code == 200  # this browser goes on
    assert elsewhere.get("/console/").status_code == 303  # the other one's session ended
    assert Console(server.url).password("admin", NEW_PASSWORD).status_code == 303
    # Resetting one's own second factor needs the current code.
    csrf = console.csrf()
    refused = console.post(
        "/console/account/totp", {"csrf": csrf, "password": NEW_PASSWORD, "code": "000000"}
    )
    assert "密码或验证码不对" in refused.text
    answer = console.post(
        "/console/account/totp", {"csrf": csrf, "password": NEW_PASSWORD, "code": codes[1]}
    )
    assert answer.status_code == 303 and answer.headers["location"] == "/console/login/enrol"
    page = console.get("/console/login/enrol").text
    fresh = _secret(page)
    assert fresh != secret
    done = console.post(
        "/console/login/enrol", {"csrf": token(page), "code": pyotp.TOTP(fresh).now()}
    )
    assert len(_codes(done.text)) == 10 and console.get("/console/").status_code == 200
    with server.db.read() as conn:  # the old codes went with the old secret
        assert conn.execute(select(func.count()).select_from(s.staff_recovery)).scalar() == 10
    # An administrator resets another's: they set it up again at their next login.
    viewer, _, _ = _enrol(server, "viewer")
    answer = console.post("/console/staff/totp-reset", {"csrf": console.csrf(), "name": "viewer"})
    assert answer.status_code == 200 and "已重置 viewer 的动态验证码" in answer.text
    assert viewer.get("/console/").headers["location"] == "/console/login"
    assert Console(server.url).password("viewer").headers["location"] == "/console/login/enrol"
    with server.db.read() as conn:
        left = conn.execute(
            select(func.count()).where(s.staff_recovery.c.staff == "viewer")
        ).scalar()
        audit = conn.execute(select(s.staff_audit.c.action)).scalars().all()
    assert left == 0
    assert {"password_changed", "totp_reset", "staff_totp_reset", "recheck_bad"} <= set(audit)
