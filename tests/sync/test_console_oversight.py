"""The console's oversight pages (issue 17) over HTTP, on the real server, with real
laptops pushing real children: the dashboard counts what they pushed (by category,
colour and township), overdue (every kind) as the laptop's own worklist says, a quiet village red,
names masked for a viewer, nothing across counties, never who made a report."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from sqlalchemy import update

from childcare_desktop.core.worklist import WorkKind
from childcare_desktop.services import assessments, incidents, visits, worklist
from sync.server import app as server_app
from sync.server import regions
from sync.server import schema as s
from tests.factories import make_child
from tests.sync.conftest import TOWNSHIP, VILLAGE_A, VILLAGE_B
from tests.sync.console import Console, add_staff
from tests.sync.township import PLACES, TOWNSHIP_2, VILLAGE_C, World

REPORTER = "钱报告"  # who made the mandatory report: no page may show it
DAY_MS = 86_400_000


def _cell(html: str, table: str, key: str) -> int:
    """The number in row ``data-key=key`` of table ``#table``."""
    body = html.split(f'id="{table}"', 1)[1].split("</table>", 1)[0]
    found = re.search(rf'data-key="{key}">.*?<td class="n">(\d+)</td>', body, re.S)
    return int(found.group(1)) if found else 0


def _headline(html: str, key: str) -> int:
    found = re.search(rf'id="fig-{key}"><span class="n">(\d+)<', html)
    assert found, key
    return int(found.group(1))


def _part(html: str, code: str, column: str) -> int:
    row = html.split(f'data-code="{code}"', 1)[1].split("</tr>", 1)[0]
    found = re.search(rf'class="n {column}">(\d+)<', row)
    assert found, (code, column)
    return int(found.group(1))


def _fill(world: World) -> dict[str, str]:
    """Village A: 张小明 (留守, assessed 红, visited a year ago) and 李小红 (留守, visited
    today, assessed 绿, a mandatory report open); village C: 王小刚 (孤儿, never visited
    nor assessed). Each laptop pushes them; region names imported."""
    today = date.today()
    a, c = world.laptop("dir_a"), world.laptop("dir_c")
    with a.store.session() as session:
        old = make_child(session, name="张小明", registered_on=today - timedelta(days=400))
        visits.log_visit(
            session, child_id=old.id, visited_on=today - timedelta(days=365), mode="home"
        )
        assessments.assess_guardianship(
            session, child_id=old.id, assessed_on=today - timedelta(days=365), level="poor"
        )
        new = make_child(session, name="李小红", sex="female")
        visits.log_visit(session, child_id=new.id, visited_on=today, mode="home")
        assessments.assess_guardianship(
            session, child_id=new.id, assessed_on=today, level="good", colour="green"
        )
        found = datetime.now() - timedelta(days=2)
        incidents.file_report(
            session,
            child_id=new.id,
            discovered_at=found,
            situations=["living_alone"],
            description="独自在家",
            reported_to="派出所",
            reported_at=found + timedelta(hours=1),
            reporter_name=REPORTER,
        )
    with c.store.session() as session:
        make_child(session, name="王小刚", categories=["orphan"])
    for laptop in (a, c):
        report = laptop.run()
        assert report.ok, report
    with world.server.db.write() as conn:
        regions.import_names(conn, PLACES, now_ms=server_app.now_ms())
    return {"old": old.id, "new": new.id}


def _laptop_overdue(world: World) -> dict[str, int]:
    """Overdue items per kind, as each director's laptop's worklist counts them."""
    total: dict[str, int] = {}
    for user in ("dir_a", "dir_c"):
        with world.laptop(user).store.session() as session:
            counts = worklist.get_worklist(session).counts["overdue"]
        for kind, n in counts.items():
            total[kind] = total.get(kind, 0) + n
    return total


def test_the_dashboard_counts_what_the_laptops_pushed(world: World) -> None:
    _fill(world)
    add_staff(world.server.db, "admin", "county-admin")
    console = Console(world.server.url)
    console.login("admin")
    html = console.get("/console/").text
    assert _headline(html, "children") == 3
    assert _cell(html, "by-category", "left_behind") == 2
    assert _cell(html, "by-category", "orphan") == 1
    assert _cell(html, "by-colour", "green") == 1
    assert _cell(html, "by-colour", "unassessed") == 1
    assert (
        _cell(html, "by-colour", "green")
        + _cell(html, "by-colour", "red")
        + _cell(html, "by-colour", "yellow")
        + _cell(html, "by-colour", "blue")
        == 2
    )  # 张小明's "poor" assessment: its colour
    # By township, under the names imported.
    assert "青石镇" in html and "白沙乡" in html
    assert _part(html, TOWNSHIP, "children") == 2 and _part(html, TOWNSHIP_2, "children") == 1
    # Overdue: what the laptops' own worklists count, kind by kind.
    laptops = _laptop_overdue(world)
    assert laptops.get("home_visit") == 1  # 张小明's visit of a year ago
    for kind in WorkKind:
        # Every kind: a child's facts' and those of the records beside them (issue 18: a
        # plan to write, a report's late stage, ...; tests/sync/test_console_oversight_duties).
        assert _cell(html, "overdue", kind) == laptops.get(kind, 0), kind
    assert laptops.get("service_plan_missing")  # not only a child's facts
    visits_due = laptops.get("home_visit", 0) + laptops.get("first_visit", 0)
    assert _headline(html, "overdue-visits") == visits_due >= 2  # 王小刚: never visited
    assert _part(html, TOWNSHIP, "overdue-visits") == 1
    # The open report counted by its stage, for the admin; its reporter nowhere.
    assert _headline(html, "reports") == 1 and _cell(html, "reports", "reported") == 1
    for name in ("张小明", "李小红", "王小刚", REPORTER):
        assert name not in html  # numbers only on the dashboard
    township = console.get(f"/console/township/{TOWNSHIP}").text
    assert _part(township, VILLAGE_A, "children") == 2
    assert _part(township, VILLAGE_A, "overdue-visits") == 1
    assert VILLAGE_B not in township  # no child there: no line
    village = console.get(f"/console/village/{VILLAGE_A}").text
    assert "张小明" in village and "李小红" in village and REPORTER not in village
    line = village.split("张小明", 1)[1].split("</tr>", 1)[0]
    assert "入户走访" in line  # the child with the old visit is the one overdue


def test_a_viewer_sees_masked_names_and_no_reports(sqlite_world: World) -> None:
    world = sqlite_world
    _fill(world)
    add_staff(world.server.db, "viewer", "county-viewer")
    console = Console(world.server.url)
    console.login("viewer")
    html = console.get("/console/").text
    assert _headline(html, "children") == 3
    assert 'id="fig-reports"' not in html and 'id="reports"' not in html
    pages = [f"/console/township/{TOWNSHIP}", f"/console/village/{VILLAGE_A}", "/console/sync"]
    for path in pages:
        page = console.get(path)
        assert page.status_code == 200, path
        for name in ("张小明", "李小红", REPORTER):
            assert name not in page.text, (path, name)
    village = console.get(f"/console/village/{VILLAGE_A}").text
    assert "张*明" in village and "李*红" in village and 'id="masked"' in village


def test_a_village_gone_quiet_shows_red(sqlite_world: World) -> None:
    world = sqlite_world
    _fill(world)
    add_staff(world.server.db, "viewer", "county-viewer")
    console = Console(world.server.url)
    console.login("viewer")
    html = console.get("/console/sync").text
    assert not re.search(rf'data-code="{VILLAGE_C}" class="red', html)
    assert re.search(rf'data-code="{VILLAGE_B}" class="red never', html)  # never synced
    # Twenty days pass for village C's laptop (its last report, on the server's clock).
    with world.server.db.write() as conn:
        conn.execute(
            update(s.sync_health)
            .where(s.sync_health.c.region == VILLAGE_C)
            .values(reported_ms=server_app.now_ms() - 20 * DAY_MS)
        )
    html = console.get("/console/sync").text
    row = html.split(f'data-code="{VILLAGE_C}"', 1)[1].split("</tr>", 1)[0]
    assert row.startswith(' class="red') and '<td class="n days">20<' in row
    assert not re.search(rf'data-code="{VILLAGE_A}" class="red', html)
    village = console.get(f"/console/village/{VILLAGE_C}").text
    assert 'id="village-sync" class="red"' in village


def test_anonymous_and_other_counties_are_refused(sqlite_world: World) -> None:
    world = sqlite_world
    _fill(world)
    pages = ["/console/", "/console/sync", f"/console/township/{TOWNSHIP}"]
    pages.append(f"/console/village/{VILLAGE_A}")
    anonymous = Console(world.server.url)
    for path in pages:
        answer = anonymous.get(path)
        assert answer.status_code == 303 and answer.headers["location"] == "/console/login"
    add_staff(world.server.db, "admin", "county-admin")
    console = Console(world.server.url)
    console.login("admin")
    for path in (
        "/console/township/350101101",
        "/console/village/350101101201",
        "/console/village/x",
    ):
        answer = console.get(path)
        assert answer.status_code == 404 and "没有这个地方" in answer.text, path


def test_the_dashboard_counts_again_after_a_push(sqlite_world: World) -> None:
    world = sqlite_world
    _fill(world)
    add_staff(world.server.db, "viewer", "county-viewer")
    console = Console(world.server.url)
    console.login("viewer")
    assert _headline(console.get("/console/").text, "children") == 3
    assert _part(console.get(f"/console/township/{TOWNSHIP_2}").text, VILLAGE_C, "children") == 1
    c = world.laptop("dir_c")
    with c.store.session() as session:
        make_child(session, name="赵小雨", categories=["poverty"])
    assert c.run().ok
    html = console.get("/console/").text
    assert _headline(html, "children") == 4 and _cell(html, "by-category", "poverty") == 1
    assert _part(console.get(f"/console/township/{TOWNSHIP_2}").text, VILLAGE_C, "children") == 2
