"""The console's administration pages over HTTP against the real server on loopback:
用户, 设备 and 区划名称. An administrator changes (the database really changes, and
``staff_audit`` says who did), a viewer only looks (403 on every change), and a form
without its CSRF token does nothing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import select

from sync.server import schema as s
from tests.sync.conftest import VILLAGE_A, LiveServer
from tests.sync.console import Console, add_staff

COUNTY = "349901"
NAMES = "区划代码,名称\n349901,示例县\n349901101,东岭镇\n349901101201,桃源村\n"


def _admin(server: LiveServer) -> Console:
    add_staff(server.db, "admin", "county-admin")
    console = Console(server.url)
    console.login("admin")
    return console


def _viewer(server: LiveServer) -> Console:
    add_staff(server.db, "viewer", "county-viewer")
    console = Console(server.url)
    console.login("viewer")
    return console


def _audit(server: LiveServer) -> list[tuple[str, str, str]]:
    a = s.staff_audit.c
    with server.db.read() as conn:
        rows = conn.execute(select(a.staff, a.action, a.detail).order_by(a.at_ms))
        return [
            (r.staff, r.action, r.detail)
            for r in rows
            if not r.action.startswith(("login", "password"))
        ]


def _user(server: LiveServer, name: str) -> Any:
    with server.db.read() as conn:
        return conn.execute(select(s.user).where(s.user.c.name == name)).first()


def _upload(console: Console, text: bytes, csrf: str | None = None, **fields: str) -> Any:
    data = {"csrf": console.csrf() if csrf is None else csrf, **fields}
    return console.http.post(
        console.url + "/console/regions/import",
        data=data,
        files={"file": ("names.csv", text, "text/csv")},
        allow_redirects=False,
        timeout=10,
    )


def test_users_an_admin_creates_disables_and_enables_and_each_is_audited(
    sqlite_server: LiveServer,
) -> None:
    server = sqlite_server
    console = _admin(server)
    csrf = console.csrf()
    made = console.post(
        "/console/users/create",
        {"csrf": csrf, "name": "li_director", "role": "director", "region": VILLAGE_A},
    )
    assert made.status_code == 200 and "已添加用户 li_director" in made.text
    row = _user(server, "li_director")
    assert row.role == "director" and row.region == VILLAGE_A and row.active
    # The region code is checked as the command line checks it: a director's has 12 digits.
    bad = console.post(
        "/console/users/create",
        {"csrf": csrf, "name": "wang", "role": "director", "region": "349901101"},
    )
    assert bad.status_code == 400 and "区划代码位数不对：12位数字" in bad.text
    assert 'value="wang"' in bad.text  # what was typed is kept
    twice = console.post(
        "/console/users/create",
        {"csrf": csrf, "name": "li_director", "role": "director", "region": VILLAGE_A},
    )
    assert twice.status_code == 400 and "已有名为“li_director”的用户" in twice.text
    assert _user(server, "wang") is None
    off = console.post(
        "/console/users/active", {"csrf": csrf, "user": "li_director", "active": "0"}
    )
    assert off.status_code == 200 and "已停用" in off.text
    assert not _user(server, "li_director").active
    on = console.post("/console/users/active", {"csrf": csrf, "user": "li_director", "active": "1"})
    assert on.status_code == 200 and _user(server, "li_director").active
    assert _audit(server) == [
        ("admin", "user_created", f"user=li_director role=director region={VILLAGE_A}"),
        ("admin", "user_disabled", "user=li_director"),
        ("admin", "user_enabled", "user=li_director"),
    ]


def test_the_users_list_names_each_region_once_the_names_are_imported(
    sqlite_server: LiveServer,
) -> None:
    server = sqlite_server
    server.user("dir_a", "director", VILLAGE_A)
    console = _admin(server)
    assert "桃源村" not in console.get("/console/users").text
    assert _upload(console, NAMES.encode()).status_code == 200
    page = console.get("/console/users").text
    assert "dir_a" in page and "儿童主任" in page and "桃源村" in page


def test_a_viewer_sees_the_lists_but_changes_nothing(sqlite_server: LiveServer) -> None:
    server = sqlite_server
    server.user("dir_a", "director", VILLAGE_A)
    laptop = _enrolled_device(server)
    console = _viewer(server)
    for path in ("/console/users", "/console/devices", "/console/regions"):
        page = console.get(path)
        assert page.status_code == 200, path
        assert '<form method="post" action="/console/users' not in page.text
        assert "/console/devices/confirm" not in page.text and 'id="import"' not in page.text
    assert "dir_a" in console.get("/console/users").text
    assert "laptop-a" in console.get("/console/devices").text
    csrf = console.csrf()
    for path, form in (
        ("/console/users/create", {"name": "x", "role": "director", "region": VILLAGE_A}),
        ("/console/users/active", {"user": "dir_a", "active": "0"}),
        ("/console/devices/confirm", {"device": laptop}),
        ("/console/devices/revoke", {"device": laptop, "confirmed": "yes"}),
    ):
        assert console.post(path, {"csrf": csrf, **form}).status_code == 403, path
    assert _upload(console, NAMES.encode(), csrf).status_code == 403
    assert _user(server, "x") is None and _user(server, "dir_a").active
    with server.db.read() as conn:
        assert conn.execute(select(s.device.c.revoked_ms)).scalar() is None
        assert conn.execute(select(s.region)).first() is None
    assert _audit(server) == []


def test_no_change_without_the_forms_csrf_token(sqlite_server: LiveServer) -> None:
    server = sqlite_server
    server.user("dir_a", "director", VILLAGE_A)
    laptop = _enrolled_device(server)
    console = _admin(server)
    for csrf in ({}, {"csrf": ""}, {"csrf": "forged-" + "x" * 30}):
        for path, form in (
            ("/console/users/create", {"name": "x", "role": "director", "region": VILLAGE_A}),
            ("/console/users/active", {"user": "dir_a", "active": "0"}),
            ("/console/devices/revoke", {"device": laptop, "confirmed": "yes"}),
        ):
            answer = console.post(path, {**csrf, **form})
            assert answer.status_code == 403 and "表单已过期" in answer.text, path
        assert _upload(console, NAMES.encode(), csrf.get("csrf", "")).status_code == 403
    assert _user(server, "x") is None and _user(server, "dir_a").active
    with server.db.read() as conn:
        assert conn.execute(select(s.device.c.revoked_ms)).scalar() is None
        assert conn.execute(select(s.region)).first() is None
    assert _audit(server) == []


def _enrolled_device(server: LiveServer, user: str = "dir_a") -> str:
    answer = Console(server.url).http.post(
        f"{server.url}/v1/enroll",
        json={"user": user, "code": server.code(user), "label": "laptop-a"},
        timeout=10,
    )
    assert answer.status_code == 200, answer.text
    with server.db.read() as conn:
        return str(conn.execute(select(s.device.c.id)).scalar())


def test_a_device_revoked_from_the_console_is_refused_at_its_next_sync(
    sqlite_server: LiveServer, make_laptop: Callable[..., Any]
) -> None:
    server = sqlite_server
    server.user("dir_a", "director", VILLAGE_A)
    laptop = make_laptop("laptop-a", server, user="dir_a")
    assert laptop.run().ok
    with server.db.read() as conn:
        device = str(conn.execute(select(s.device.c.id)).scalar())
    console = _admin(server)
    listed = console.get("/console/devices").text
    assert "laptop-a" in listed and "在用" in listed and "从未" not in listed  # it synced
    csrf = console.csrf()
    # The list's button only asks; nothing is revoked until the confirmation page's button.
    asked = console.post("/console/devices/confirm", {"csrf": csrf, "device": device})
    assert asked.status_code == 200 and "确定吊销" in asked.text and "confirm-revoke" in asked.text
    unconfirmed = console.post("/console/devices/revoke", {"csrf": csrf, "device": device})
    assert unconfirmed.status_code == 400
    with server.db.read() as conn:
        assert conn.execute(select(s.device.c.revoked_ms)).scalar() is None
    assert laptop.run().ok
    done = console.post(
        "/console/devices/revoke", {"csrf": csrf, "device": device, "confirmed": "yes"}
    )
    assert done.status_code == 200 and "设备已吊销" in done.text and "已吊销（" in done.text
    with server.db.read() as conn:
        assert conn.execute(select(s.device.c.revoked_ms)).scalar() is not None
    report = laptop.run()
    assert not report.ok and report.error == "device_revoked", report
    again = console.post(
        "/console/devices/revoke", {"csrf": csrf, "device": device, "confirmed": "yes"}
    )
    assert again.status_code == 404 and "没有这台未吊销的设备" in again.text
    assert _audit(server) == [("admin", "device_revoked", f"device={device}")]


def test_region_names_upload_and_list(sqlite_server: LiveServer) -> None:
    server = sqlite_server
    server.user("dir_a", "director", VILLAGE_A)
    console = _admin(server)
    assert "还没有导入区划名称" in console.get("/console/regions").text
    done = _upload(console, NAMES.encode("gbk"))  # GBK, as Excel saves it
    assert done.status_code == 200 and "已导入 3 个区划名称：新增 3" in done.text
    with server.db.read() as conn:
        stored = dict(conn.execute(select(s.region.c.code, s.region.c.name)).all())
    assert stored == {COUNTY: "示例县", "349901101": "东岭镇", VILLAGE_A: "桃源村"}
    listed = console.get("/console/regions").text
    assert "东岭镇" in listed and "乡镇" in listed
    # The box "删除文件中没有的名称": the CLI's --replace.
    renamed = "349901,示例县\n349901101,东岭乡\n".encode()
    done = _upload(console, renamed, replace="1")
    assert "更名 1，未变 1，删除 1" in done.text
    with server.db.read() as conn:
        stored = dict(conn.execute(select(s.region.c.code, s.region.c.name)).all())
    assert stored == {COUNTY: "示例县", "349901101": "东岭乡"}
    assert [a[2] for a in _audit(server)] == [
        "rows=3 added=3 renamed=0 unchanged=0 removed=0 replace=0",
        "rows=2 added=0 renamed=1 unchanged=1 removed=1 replace=1",
    ]


def test_a_wrong_file_is_refused_whole_line_by_line_in_chinese(sqlite_server: LiveServer) -> None:
    server = sqlite_server
    server.user("dir_a", "director", VILLAGE_A)
    console = _admin(server)
    bad = "代码,名称\n349901101,东岭镇\n34990110120,短了一位\n349902101,外县镇\n349901101,重复\n349901102,<b>镇\n"
    answer = _upload(console, bad.encode())
    assert answer.status_code == 400 and "文件有 4 处错误，未导入任何名称" in answer.text
    for expected in (
        "第3行：区划代码“34990110120”无效",
        "第4行：“349902101”不属于本县（349901）",
        "第5行：区划代码“349901101”在第2行已出现",
        "第6行：名称中不能含有 &lt; 或 &gt;",
    ):
        assert expected in answer.text, expected
    assert "line " not in answer.text  # the console speaks Chinese
    with server.db.read() as conn:
        assert conn.execute(select(s.region)).first() is None
    assert _audit(server) == []


@pytest.mark.parametrize("what", ["empty", "not csv"])
def test_an_empty_or_binary_file_is_refused(sqlite_server: LiveServer, what: str) -> None:
    console = _admin(sqlite_server)
    data = b"" if what == "empty" else b"\xff\xfe\x00\x81\x82\x83" * 10
    answer = _upload(console, data)
    assert answer.status_code == 400
    assert ("文件中没有区划" if what == "empty" else "不是 UTF-8 或 GBK") in answer.text


def test_the_policy_page_shows_the_version_in_force_and_the_one_to_come(
    sqlite_server: LiveServer, make_laptop: Callable[..., Any]
) -> None:
    from datetime import UTC, datetime, timedelta

    from childcare_desktop.services import worklist

    server = sqlite_server
    server.user("county", "county-admin", COUNTY)
    viewer = _viewer(server)
    first = viewer.get("/console/policy").text
    assert "默认规则" in first and "no-versions" in first
    assert (
        '<tr data-colour="red"><td><span class="colour colour-red"></span>红</td><td>7天</td>'
        in first
    )
    # The county's administrator sets a policy on a laptop; it reaches the server by sync.
    laptop = make_laptop("county", server, user="county")
    today = datetime.now(UTC).date()
    with laptop.store.session() as session:
        for overrides, starts in (
            ({"rhythm": {"red": {"contact": "P3D"}}}, today),
            ({"sync_red_days": 20}, today + timedelta(days=30)),
        ):
            worklist.set_county_policy(
                session, county_code=COUNTY, overrides=overrides, effective_from=starts
            )
    assert laptop.run().ok
    page = viewer.get("/console/policy").text
    assert f"在用：第1版，{today.isoformat()} 起生效" in page
    assert "<td>红</td><td>3天</td><td>1个月</td>" in page.replace(
        '<span class="colour colour-red"></span>', ""
    )
    assert "<td>14天</td>" in page  # the second version is not in force yet
    rows = page.split('id="versions"')[1]
    assert rows.index("待生效") < rows.index("在用") and "同步超过此天数标红" in rows
