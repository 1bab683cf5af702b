"""The county console counts every kind of work (issue 18), not only what a child's facts
make due: real laptops sync real records (a problem past its date, clues, a report's
stage late, quarterly checks missed and made, pairings with and without a contact, a
dropout, school notices, service plans; the county's spot-check finding) through the
real server, and the dashboard, a
township's page and a village's count each kind, due and overdue, as the laptops' own
worklists do. A county-viewer, who may not see the mandatory reports, sees no row of
clues nor of reports' stages; the figures kept from before are counted again."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import update

from childcare_desktop.core.quarters import bounds, previous, quarter_of
from childcare_desktop.core.worklist import WorkKind
from childcare_desktop.services import (
    assessments,
    children,
    clues,
    dropouts,
    incidents,
    pairing,
    plan_defaults,
    problems,
    quarterly_checks,
    school_notices,
    service_plans,
    worklist,
)
from sync.server import app as server_app
from sync.server import oversight_kept, spot_checks
from sync.server import schema as s
from sync.server.days import county_day
from tests.factories import make_child
from tests.sync.conftest import TOWNSHIP, VILLAGE_A
from tests.sync.console import Console, add_staff
from tests.sync.test_console_oversight import _cell
from tests.sync.township import VILLAGE_C, World

TODAY = date.today()
NOW = datetime.now()
SECRET = (WorkKind.CLUE, WorkKind.REPORT_STAGE)
# What the records below make due on the laptops: each must show on the console too.
EXPECTED = {
    WorkKind.PROBLEM_DUE,
    WorkKind.CLUE,
    WorkKind.REPORT_STAGE,
    WorkKind.QUARTERLY_CHECK,
    WorkKind.PAIRING_CONTACT,
    WorkKind.DROPOUT_PERSUASION,
    WorkKind.SCHOOL_NOTICE,
    WorkKind.SERVICE_PLAN_MISSING,
    WorkKind.SPOT_FINDING,
}


def _report(s: Any, child_id: str) -> None:
    """A report ten days ago, the township told the next day: 评估帮扶 is late."""
    when = datetime.combine(TODAY - timedelta(days=10), datetime.min.time()).replace(hour=10)
    report = incidents.file_report(
        s,
        child_id=child_id,
        discovered_at=when,
        situations=["living_alone"],
        description="独自在家居住",
        reported_to="青石镇派出所",
        reported_at=when,
        emergency_measures="联系外出务工的母亲",
        reporter_name="李主任",
    )
    incidents.add_followup(
        s,
        incident_id=report.id,
        stage="notified",
        on_date=when.date() + timedelta(days=1),
        action="书面通报镇政府",
    )


def _checks(s: Any, child_id: str) -> None:
    """This quarter's and the last quarter's 季度核实: nothing due for this child."""
    last_end = bounds(previous(quarter_of(TODAY)))[1]
    for on in (last_end, TODAY):
        quarterly_checks.record_quarterly_check(
            s,
            child_id=child_id,
            checked_on=on,
            changes=["无变化"],
            benefits_ok="yes",
            checked_by="李主任",
        )


def _village_a(s: Any) -> str:
    """Village A's records; the id of 陈小雨 (a report late and a problem overdue)."""
    chen = make_child(s, name="陈小雨", registered_on=TODAY - timedelta(days=200))
    _report(s, chen.id)
    problems.record_problem(
        s,
        child_id=chen.id,
        kind="证件",
        description="未办理户口登记",
        found_on=TODAY - timedelta(days=20),
        handled_by="村委会",
        target_on=TODAY - timedelta(days=3),
    )
    sun = make_child(s, name="孙小花", sex="female")
    clues.register_clue(
        s,
        source="hotline_12355",
        received_at=NOW - timedelta(minutes=5),
        content="来电反映孩子夜里独自在家",
        safety=True,
        child_id=sun.id,
    )
    clues.register_clue(  # a child described only: counted in its village all the same
        s,
        source="neighbour",
        received_at=NOW - timedelta(days=3),
        content="邻居反映",
        about="约10岁男孩，姓陈",
    )
    old = TODAY - timedelta(days=300)
    make_child(s, name="周小军", categories=["orphan"], registered_on=old)  # checks missed
    _checks(s, make_child(s, name="吴小兰", categories=["orphan"], registered_on=old).id)
    paired = make_child(s, name="郑小东")
    pairing.add_pairing(
        s,
        child_id=paired.id,
        helper_name="陈干部",
        helper_role="干部",
        since=TODAY - timedelta(days=60),
    )
    left = make_child(s, name="冯小北", school_stage="junior")
    dropouts.record_dropout(
        s,
        child_id=left.id,
        left_on=TODAY - timedelta(days=30),
        reason="外出务工",
    )
    _schools(s)
    _plans(s)
    return chen.id


def _schools(s: Any) -> None:
    """A pupil whose school was never told; one told; one told, whose school then changed
    (the laptop knows it from its audit, the server from its log)."""
    long_ago = TODAY - timedelta(days=60)
    school = {"school_stage": "primary", "school_name": "柳溪小学", "registered_on": long_ago}
    make_child(s, name="蒋小南", **school)
    for name, moved in (("韩小西", False), ("杨小中", True)):
        pupil = make_child(s, name=name, **school)
        school_notices.record_notice(
            s,
            child_id=pupil.id,
            told_on=TODAY - timedelta(days=10),
            mode="电话",
            contents=["situation", "parents_contact"],
            told_whom="王老师",
        )
        if moved:
            children.update_child(s, child_id=pupil.id, school_name="青石镇中心小学")


def _plans(s: Any) -> None:
    """Two children assessed 红: one with a service plan, one without."""
    for name, planned in (("秦小春", True), ("许小夏", False)):
        child = make_child(s, name=name)
        assessments.assess_guardianship(
            s,
            child_id=child.id,
            assessed_on=TODAY - timedelta(days=5),
            level="poor",
            colour="red",
        )
        if planned:
            plan = plan_defaults.plan_template(s, child_id=child.id)
            service_plans.write_plan(s, child_id=child.id, **{**plan, "written_on": TODAY})


def _fill(world: World) -> str:
    a, c = world.laptop("dir_a"), world.laptop("dir_c")
    with a.store.session() as s:
        chen = _village_a(s)
    with c.store.session() as s:
        child = make_child(s, name="王小刚", categories=["orphan"])
        pairing.add_pairing(
            s,
            child_id=child.id,
            helper_name="褚老师",
            helper_role="教师",
            since=TODAY - timedelta(days=40),
        )
    for laptop in (a, c):
        assert laptop.run().ok
    _spot_check(world, child.id)
    assert c.run().ok  # the finding reaches village C's laptop
    return chen


def _spot_check(world: World, child_id: str) -> None:
    """The county draws village C's one file and finds its visits late: a finding."""
    answers = {item: ("pass", "") for item, _label in spot_checks.ITEMS}
    answers["visits"] = ("fail", "走访记录缺失")
    now = server_app.now_ms()
    with world.server.db.write() as conn:
        check = spot_checks.draw(conn, VILLAGE_C, "1", "x", who="admin", today=TODAY, now_ms=now)
        assert spot_checks.record(conn, check, child_id, answers, who="admin", now_ms=now)


def _laptops(world: World, *users: str) -> dict[str, dict[str, int]]:
    """Due and overdue items per kind, as the directors' own worklists count them on the
    county's day (a laptop's in China; this machine's UTC date is behind from 16:00)."""
    total: dict[str, dict[str, int]] = {"due": {}, "overdue": {}}
    day = county_day(server_app.now_ms())
    for user in users:
        with world.laptop(user).store.session() as session:
            counts = worklist.get_worklist(session, as_of=day).counts
        for which in total:
            for kind, n in counts[which].items():
                total[which][kind] = total[which].get(kind, 0) + n
    return total


def _same(html: str, laptops: dict[str, dict[str, int]], hidden: tuple[WorkKind, ...] = ()) -> None:
    for kind in WorkKind:
        for which in ("due", "overdue"):
            want = 0 if kind in hidden else laptops[which].get(kind.value, 0)
            assert _cell(html, which, kind.value) == want, (which, kind)


def test_the_console_counts_every_kind_as_the_laptops_do(world: World) -> None:
    chen = _fill(world)
    laptops = _laptops(world, "dir_a", "dir_c")
    seen = {k for which in laptops.values() for k, n in which.items() if n}
    assert seen >= {k.value for k in EXPECTED}, seen
    assert laptops["overdue"].get("problem_due") and laptops["overdue"].get("report_stage")
    add_staff(world.server.db, "admin", "county-admin")
    console = Console(world.server.url)
    console.login("admin")
    _same(console.get("/console/").text, laptops)
    # A township's page: only village A's laptop holds children of 青石镇.
    _same(console.get(f"/console/township/{TOWNSHIP}").text, _laptops(world, "dir_a"))
    village = console.get(f"/console/village/{VILLAGE_A}").text
    _same(village, _laptops(world, "dir_a"))
    line = village.split("陈小雨", 1)[1].split("</tr>", 1)[0]
    assert "问题跟进" in line and "强制报告跟进" in line
    # A record synced later moves the count: the problem solved.
    a = world.laptop("dir_a")
    with a.store.session() as s:
        (problem,) = problems.list_problems(s, child_id=chen)
        problems.close_problem(s, problem_id=problem.id, closed_on=TODAY, solution="已登记户口")
    assert a.run().ok
    html = console.get("/console/").text
    assert _cell(html, "overdue", "problem_due") == 0
    _same(html, _laptops(world, "dir_a", "dir_c"))


def test_a_viewer_without_the_reports_sees_no_clue_nor_report_stage(sqlite_world: World) -> None:
    world = sqlite_world
    _fill(world)
    laptops = _laptops(world, "dir_a", "dir_c")
    add_staff(world.server.db, "viewer", "county-viewer")
    console = Console(world.server.url)
    console.login("viewer")
    for path in ("/console/", f"/console/township/{TOWNSHIP}", f"/console/village/{VILLAGE_A}"):
        html = console.get(path).text
        for kind in SECRET:
            assert f'data-key="{kind.value}"' not in html, (path, kind)
            assert "线索待处理" not in html and "强制报告跟进" not in html, path
    _same(console.get("/console/").text, laptops, hidden=SECRET)
    village = console.get(f"/console/village/{VILLAGE_A}").text
    line = village.split("陈*雨", 1)[1].split("</tr>", 1)[0]
    assert "问题跟进" in line and "强制报告" not in line  # the problem, not the report


def test_a_count_kept_from_before_is_counted_again(sqlite_world: World) -> None:
    """A village's figures stored by a server that counted only a child's facts are not
    taken for current: the next look counts the village again, every kind in it."""
    world = sqlite_world
    _fill(world)
    db = world.server.db
    first = oversight_kept.kept_figures(db, "349901", TODAY, now_ms=1_000)
    assert first.figures.total.overdue["problem_due"] == 1
    with db.write() as conn:  # as the earlier server stored them: no format, no duties
        for row in conn.execute(s.oversight_figures.select()).mappings().all():
            body = json.loads(row["body"])
            body.pop("format")
            body["due"], body["overdue"] = {}, {"home_visit": 99}
            conn.execute(
                update(s.oversight_figures)
                .where(s.oversight_figures.c.region == row["region"])
                .values(body=json.dumps(body))
            )
    oversight_kept.forget(db)
    again = oversight_kept.kept_figures(db, "349901", TODAY, now_ms=2_000)
    assert again.figures.total == first.figures.total
