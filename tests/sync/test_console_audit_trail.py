"""The console's 查阅记录 (issue 17) over HTTP on the real server: what real laptops
printed, viewed and exported, pushed with their audit log, and what the console's staff
did; filtered by place, kind, days and user; 100 a page; names masked for a viewer;
never who made a mandatory report."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select

from childcare_desktop.services import clues, exports, files, incidents, printing
from sync.server import regions
from sync.server import schema as s
from sync.server.app import now_ms
from sync.server.merge.write import insert_many
from tests.factories import make_child
from tests.sync.conftest import TOWNSHIP, VILLAGE_A
from tests.sync.console import Console, add_staff
from tests.sync.township import PLACES, VILLAGE_C, World

REPORTER = "钱报告"  # who made the mandatory report: no page may show it


def _rows(html: str) -> list[dict[str, str]]:
    """The trail's rows: action, who, place, what, child."""
    if 'id="trail"' not in html:
        return []
    body = html.split('id="trail"', 1)[1].split("</tbody>", 1)[0]
    found = []
    for action, cells in re.findall(r'<tr data-action="([^"]+)">(.*?)</tr>', body, re.S):
        texts = re.findall(r"<td[^>]*>(.*?)</td>", cells, re.S)
        keys = ("when", "who", "place", "what", "child", "doc", "device")
        found.append({"action": action, **dict(zip(keys, texts, strict=True))})
    return found


def _fill(world: World, tmp_path: Any) -> dict[str, str]:
    """dir_a prints 张小明's file, views it, files a report on him and exports the
    village; dir_c prints 王小刚's file. Both push; the county's names imported."""
    a, c = world.laptop("dir_a"), world.laptop("dir_c")
    with a.store.session() as session:
        child = make_child(session, name="张小明")
        printing.dossier(session, child_id=child.id)
        files.get_child_file(session, child_id=child.id)
        found = datetime.now() - timedelta(days=1)
        incidents.file_report(
            session,
            child_id=child.id,
            discovered_at=found,
            situations=["living_alone"],
            description="独自在家",
            reported_to="派出所",
            reported_at=found + timedelta(hours=1),
            reporter_name=REPORTER,
        )
        clues.register_clue(
            session, source="hotline_12355", received_at=found, content="常独自在家",
            child_id=child.id,
        )  # fmt: skip
        exports.export_json(session, tmp_path / "village.json")
    with c.store.session() as session:
        other = make_child(session, name="王小刚", categories=["orphan"])
        printing.dossier(session, child_id=other.id)
    for laptop in (a, c):
        assert laptop.run().ok
    with world.server.db.write() as conn:
        regions.import_names(conn, PLACES, now_ms=now_ms())
    return {"a": child.id, "c": other.id}


def _console(world: World, name: str, role: str) -> Console:
    add_staff(world.server.db, name, role)
    console = Console(world.server.url)
    console.login(name)
    return console


def test_who_printed_which_file_with_names_masked_for_a_viewer(world: World, tmp_path: Any) -> None:
    _fill(world, tmp_path)
    admin = _console(world, "admin", "county-admin")
    page = admin.get("/console/audit")
    assert page.status_code == 200
    rows = _rows(page.text)
    printed = {r["child"]: r for r in rows if r["action"] == "printed"}
    assert set(printed) == {"张小明", "王小刚"}
    assert printed["张小明"]["doc"] == "档案" and "dir_a（儿童主任）" in printed["张小明"]["who"]
    assert printed["王小刚"]["place"] == "白沙乡河口村"
    actions = {r["action"] for r in rows}
    assert {"child_viewed", "exported", "report_filed", "clue_registered", "login"} <= actions
    (report,) = [r for r in rows if r["action"] == "report_filed"]
    assert "为报告人保密" in report["who"] and "dir_a" not in report["who"]
    assert REPORTER not in page.text

    viewer = _console(world, "kan", "county-viewer")
    seen = viewer.get("/console/audit").text
    children = {r["child"] for r in _rows(seen) if r["action"] == "printed"}
    assert children == {"张*明", "王*刚"}
    assert "张小明" not in seen and "王小刚" not in seen and REPORTER not in seen
    assert not [r for r in _rows(seen) if r["action"].startswith("report_")]
    # a clue is confidential as a report is: a viewer sees not even that one came in
    assert not [r for r in _rows(seen) if r["action"].startswith("clue_")]


def test_the_filters(world: World, tmp_path: Any) -> None:
    _fill(world, tmp_path)
    admin = _console(world, "admin", "county-admin")

    def actions(**query: str) -> list[tuple[str, str]]:
        answer = admin.get("/console/audit", params=query)
        assert answer.status_code == 200
        return sorted((r["action"], r["child"]) for r in _rows(answer.text))

    in_c = actions(region=VILLAGE_C)  # its children's entries and its laptop's own
    assert {("child_registered", "王小刚"), ("printed", "王小刚"), ("store_created", "")} <= set(
        in_c
    )
    assert {child for _, child in in_c} == {"王小刚", ""}
    assert ("printed", "王小刚") not in actions(region=TOWNSHIP)
    assert ("printed", "张小明") in actions(region=VILLAGE_A)
    assert actions(kind="printed") == [("printed", "张小明"), ("printed", "王小刚")]
    assert actions(kind="exported") == [("exported", "1名儿童")]
    assert set(actions(kind="viewed")) == {("child_viewed", "张小明"), ("child_viewed", "王小刚")}
    assert {a for a, _ in actions(kind="console")} == {"login"}
    assert {c for _, c in actions(user="dir_c")} == {"王小刚", ""}
    assert actions(user="admin") == [("login", "")]
    today = (datetime.now(UTC) + timedelta(hours=8)).date()
    later = (today + timedelta(days=2)).isoformat()
    assert actions(start=later) == []
    assert len(actions(start=(today - timedelta(days=2)).isoformat(), end=later)) >= 6
    assert actions(region="34990110'--") == actions()  # not a code: ignored


def test_a_hundred_a_page_newest_first(sqlite_world: World) -> None:
    world = sqlite_world
    a = world.laptop("dir_a")
    assert a.run().ok
    with world.server.db.write() as conn:
        site = conn.execute(select(s.site.c.site_id)).scalar_one()
        start = datetime(2026, 1, 1, 8, 0, tzinfo=UTC)
        insert_many(conn, s.audit_entry, [_entry(site, n, start) for n in range(1, 251)])
    admin = _console(world, "admin", "county-admin")
    first = admin.get("/console/audit", params={"kind": "printed"}).text
    rows = _rows(first)
    assert len(rows) == 100 and rows[0]["when"] == "2026-01-12 02:00"  # the 250th, in Beijing time
    assert 'id="next"' in first and 'id="previous"' not in first
    last = admin.get("/console/audit", params={"kind": "printed", "page": "3"}).text
    assert len(_rows(last)) == 50 and _rows(last)[-1]["when"] == "2026-01-01 17:00"
    assert 'id="next"' not in last and "kind=printed&amp;page=2" in last


def _entry(site: str, n: int, start: datetime) -> dict[str, Any]:
    at = (start + timedelta(hours=n)).strftime("%Y-%m-%dT%H:%M:%S+00:00")
    return {
        "site_id": site,
        "segment": 9,
        "id": n,
        "at": at,
        "hlc": n,
        "actor": "dir_a",
        "action": "printed",
        "child_id": None,
        "detail": '{"doc": "summary"}',
        "prev_hash": "0" * 64,
        "hash": f"{n:064x}",
        "received_ms": now_ms(),
    }
