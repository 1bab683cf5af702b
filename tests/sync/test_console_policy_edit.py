"""The 县级政策 page sets a new version of the county policy (issue 17), over HTTP on the
real server: written as the server's own record in the county's feed, a real laptop
pulls it and its worklist follows the new rhythm from the effective date on; a bad value
is refused in words beside its field, nothing written; a viewer sees but may not post;
each change is audited; a restored server writes the version again."""

from __future__ import annotations

import html
import re
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from childcare_desktop.core.dates import Interval
from childcare_desktop.core.vocab import RiskColour
from childcare_desktop.core.worklist import WorkKind
from childcare_desktop.services import assessments, visits, worklist
from sync.server import cli, county_policy
from sync.server import schema as s
from tests.factories import make_child
from tests.sync.console import Console, add_staff
from tests.sync.test_restore import Backup
from tests.sync.township import COUNTY, World

_INPUT = re.compile(
    r'<input id="f-[^"]+" name="([^"]+)"(?: type="(\w+)")?[^>]*?value="([^"]*)"([^>]*)>'
)
_TEXT = re.compile(r'<textarea id="f-[^"]+" name="([^"]+)"[^>]*>([^<]*)</textarea>', re.S)
_SELECT = re.compile(r'<select id="f-[^"]+" name="([^"]+)">(.*?)</select>', re.S)


def china_today() -> date:
    return (datetime.now(UTC) + timedelta(hours=8)).date()


def form_of(page: str) -> dict[str, str]:
    """The policy form's fields as a browser would send them untouched."""
    body = page.split('id="policy-form"', 1)[1].split("</form>", 1)[0]
    fields = {"csrf": re.search(r'name="csrf" value="([^"]+)"', body).group(1)}  # type: ignore[union-attr]
    for name, kind, value, rest in _INPUT.findall(body):
        if kind != "checkbox" or "checked" in rest:
            fields[name] = html.unescape(value)
    for name, value in _TEXT.findall(body):
        fields[name] = html.unescape(value)
    for name, options in _SELECT.findall(body):
        fields[name] = re.search(r'value="(\w+)" selected', options).group(1)  # type: ignore[union-attr]
    return fields


def admin(world_server: Any, name: str = "admin", role: str = "county-admin") -> Console:
    add_staff(world_server.db, name, role)
    console = Console(world_server.url)
    console.login(name)
    return console


def post(console: Console, **changes: str) -> Any:
    fields = form_of(console.get("/console/policy").text)
    fields.update({"note": "省厅通知：红色每月联系一次即可", **changes})
    return console.post("/console/policy/set", fields)


def _red_child(world: World) -> str:
    """A child of village A assessed 红 (guardianship good: no priority's floor) and
    visited at home today, pushed."""
    laptop = world.laptop("dir_a")
    today = date.today()
    with laptop.store.session() as session:
        child = make_child(session, name="陈小雨")
        assessments.assess_guardianship(
            session, child_id=child.id, assessed_on=today, level="good", colour="red"
        )
        visits.log_visit(session, child_id=child.id, visited_on=today, mode="home")
    assert laptop.run().ok
    return child.id


def _contact(laptop: Any, child_id: str, on: date) -> Any:
    with laptop.store.session() as session:
        items = worklist.get_worklist(session, as_of=on).items
    found = [i for i in items if i.child_id == child_id and i.kind is WorkKind.CONTACT]
    return found[0] if found else None


def _audited(server: Any) -> list[Any]:
    a = s.staff_audit.c
    with server.db.read() as conn:
        query = select(a.staff, a.detail).where(a.action == "policy_set")
        return list(conn.execute(query))


def test_a_new_version_reaches_the_laptops_and_their_worklists_from_its_day(world: World) -> None:
    child_id = _red_child(world)
    console = admin(world.server)
    page = console.get("/console/policy").text
    assert form_of(page)["rhythm.red.contact"] == "7天"  # the defaults, in words
    starts = china_today() + timedelta(days=10)
    answer = post(console, **{"rhythm.red.contact": "30天", "effective_from": starts.isoformat()})
    assert answer.status_code == 200, answer.text
    assert f"已保存第1版，{starts.isoformat()} 起生效" in answer.text

    # On the server: a record of the county's feed, as a laptop's would be.
    with world.server.db.read() as conn:
        (stored,) = county_policy.stored(conn, COUNTY)
        log = s.change_log.c
        entry = conn.execute(
            select(log.region, log.kind, log.site_id).where(log.tbl == "county_policy")
        ).one()
    assert stored["body"] == {"rhythm": {"red": {"contact": "P30D"}}}
    assert stored["version"] == 1 and stored["effective_from"] == starts.isoformat()
    assert tuple(entry) == (COUNTY, "insert", None)  # the server's own change
    assert [tuple(r) for r in _audited(world.server)] == [
        (
            "admin",
            f"county={COUNTY} version=1 effective_from={starts.isoformat()} "
            f"row={stored['id']} note=省厅通知：红色每月联系一次即可",
        )
    ]
    # The page lists the version, who set it and why.
    row = answer.text.split('data-version="1"', 1)[1].split("</tr>", 1)[0]
    assert "admin（本页面）" in row and "省厅通知" in row and "待生效" in row

    # A director's laptop and the township's pull it; the rhythm changes on its day.
    a, sup = world.laptop("dir_a"), world.laptop("sup_1")
    assert a.run().ok and sup.run().ok
    for laptop in (a, sup):
        with laptop.store.session() as session:
            before = worklist.current_policy(session, as_of=starts - timedelta(days=1))
            after = worklist.current_policy(session, as_of=starts)
        assert before[1] is None  # the defaults until the day
        assert after[1] == 1 and after[0].rhythm[RiskColour.RED].contact == Interval(days=30)
    overdue = _contact(a, child_id, starts - timedelta(days=1))
    assert overdue is not None and overdue.overdue  # 7 days, the default, have passed
    assert _contact(a, child_id, starts) is None  # 30 days from the visit: not yet due
    due = date.today() + timedelta(days=30)
    assert _contact(a, child_id, due).due_on == due


@pytest.mark.parametrize(
    ("field", "typed", "said"),
    [
        (
            "rhythm.red.contact",
            "7周期",
            "“红色 · 联系”：应为间隔，如“7天”“2周”“1个月”（不能为0）。",
        ),
        ("priority_rhythm.home_visit", "0天", "“重点儿童 · 入户走访”：应为间隔"),
        ("due_soon_days", "-3", "“即将到期提醒”：应为不小于0的整数。"),
        ("sync_red_days", "0", "“同步超过此天数标红”：应为不小于1的整数。"),
        ("due_soon_days", "5000000", "“即将到期提醒”：数值过大"),
        ("report_deadlines.notified", "5000000", "“强制报告：通报乡镇”：数值过大"),
        ("three_left_behind.contact", "99999年", "“三留守：联系留守妇女和老人”：应为间隔"),
        ("holiday_windows", "寒假春节 01-15 02-30", "第1行：日期应写作“月-日”"),
        ("public_holidays", "2027-02-05\n2月6日", "“法定节假日”第2行：应为日期"),
        ("effective_from", "yesterday", "生效日期不能早于今天"),
        ("note", "  ", "请填写改动说明"),
    ],
)
def test_a_bad_value_is_refused_in_words_beside_its_field(
    sqlite_world: World, field: str, typed: str, said: str
) -> None:
    console = admin(sqlite_world.server)
    if typed == "yesterday":
        typed = (china_today() - timedelta(days=1)).isoformat()
    answer = post(console, **{field: typed})
    assert answer.status_code == 400
    text = html.unescape(answer.text)
    assert said in text.split('id="message">', 1)[1].split("</p>", 1)[0]
    (marked,) = re.findall(r'id="f-([^"]+)"[^>]*aria-invalid="true"', answer.text)
    assert marked == field  # the field at fault, and only it, is marked
    assert form_of(answer.text)[field] == typed  # what was typed is kept, to be fixed
    with sqlite_world.server.db.read() as conn:
        assert county_policy.stored(conn, COUNTY) == []
    assert _audited(sqlite_world.server) == []


def test_a_viewer_sees_the_versions_but_may_not_set_one(sqlite_world: World) -> None:
    boss = admin(sqlite_world.server)
    assert post(boss, **{"due_soon_days": "5"}).status_code == 200
    viewer = admin(sqlite_world.server, "kan", "county-viewer")
    page = viewer.get("/console/policy").text
    assert 'data-version="1"' in page and "即将到期提醒" in page
    assert "policy-form" not in page and "您的角色只能查看" in page
    fields = form_of(boss.get("/console/policy").text)
    fields.update(csrf=viewer.csrf(), note="看看能否修改", due_soon_days="1")
    answer = viewer.post("/console/policy/set", fields)
    assert answer.status_code == 403
    with sqlite_world.server.db.read() as conn:
        assert [p["version"] for p in county_policy.stored(conn, COUNTY)] == [1]
    assert len(_audited(sqlite_world.server)) == 1


def test_a_restored_server_writes_the_version_again(
    sqlite_world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    server = sqlite_world.server
    assert server.db.journal is not None
    monkeypatch.setenv("CHILDCARE_SERVER_JOURNAL", str(server.db.journal.path))
    a = sqlite_world.laptop("dir_a")
    assert a.run().ok
    backup = Backup(server, tmp_path)
    backup.take()
    console = admin(server)
    starts = china_today() + timedelta(days=3)
    answer = post(console, **{"rhythm.yellow.home_visit": "2个月", "effective_from": str(starts)})
    assert answer.status_code == 200
    backup.restore()
    assert cli.main(["--db", server.db.url, "mark-restored"]) == 0
    with server.db.read() as conn:
        (stored,) = county_policy.stored(conn, COUNTY)
    assert stored["body"] == {"rhythm": {"yellow": {"home_visit": "P2M"}}}
    assert a.run().ok  # the laptop pulls again from zero, the version with it
    with a.store.session() as session:
        policy, number, _ = worklist.current_policy(session, as_of=starts + timedelta(days=1))
    assert number == 1 and policy.rhythm[RiskColour.YELLOW].home_visit == Interval(months=2)
