"""Spot checks (抽查, issue 17) over HTTP on the real server, with real laptops pushing
real children: the draw is redone from what the check recorded (the seed, the sorted
ids' digest), sizes out of range are refused, a viewer may not draw and sees names
masked, and a finding reaches a director's laptop by sync, whose fixed mark comes back."""

from __future__ import annotations

import json
import re
import shutil
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import select

from childcare_desktop.core.worklist import WorkItem, WorkKind
from childcare_desktop.services import spot_findings, worklist
from sync.client import SyncEngine, Transport
from sync.server import app as server_app
from sync.server import cli, regions, restore, spot_checks
from sync.server import schema as s
from sync.server.db import Database, sqlite_url
from tests.factories import make_child
from tests.sync.conftest import Laptop
from tests.sync.console import Console, add_staff
from tests.sync.link import link
from tests.sync.test_bundles import _cut_off, _read, _relay, _stick
from tests.sync.township import COUNTY, PLACES, VILLAGE_A, VILLAGE_C, World

NAMES_A = ["张小明", "李小红", "王小刚", "赵小丽", "陈小东"]
CHECK = re.compile(r'<tr data-check="([0-9a-f]{32})"')


def fill(world: World) -> dict[str, str]:
    """Five children in village A and one in village C, pushed; one of A's has left."""
    a, c = world.laptop("dir_a"), world.laptop("dir_c")
    old = date.today() - timedelta(days=200)
    ids: dict[str, str] = {}
    with a.store.session() as session:
        for name in NAMES_A:
            ids[name] = make_child(session, name=name, registered_on=old).id
    with c.store.session() as session:
        ids["孙小芳"] = make_child(session, name="孙小芳", registered_on=old).id
    for laptop in (a, c):
        assert laptop.run().ok
    with world.server.db.write() as conn:
        regions.import_names(conn, PLACES, now_ms=server_app.now_ms())
    return ids


def draw(console: Console, scope: str, size: str, seed: str) -> object:
    return console.post(
        "/console/spot-checks/draw",
        {"csrf": console.csrf(), "scope": scope, "size": size, "seed": seed},
    )


def checklist(console: Console, check: str, child: str, verdicts: dict[str, str]) -> object:
    form = {"csrf": console.csrf()}
    for key, _ in spot_checks.ITEMS:
        verdict, _, note = verdicts.get(key, "pass").partition(":")
        form[f"verdict_{key}"] = verdict
        form[f"note_{key}"] = note
    return console.post(f"/console/spot-checks/{check}/file/{child}", form)


def stored(world: World, check: str) -> dict[str, object]:
    with world.server.db.read() as conn:
        found = spot_checks.check(conn, check)
    assert found is not None
    return found


def test_the_draw_is_redone_from_what_the_check_recorded(world: World) -> None:
    ids = fill(world)
    add_staff(world.server.db, "admin", "county-admin")
    console = Console(world.server.url)
    console.login("admin")
    form = console.get("/console/spot-checks").text
    assert re.search(r'id="seed"[^>]*value="\d{8}"', form)  # a seed drawn for the form
    answer = draw(console, COUNTY, "4", "2026-抽查")
    assert answer.status_code == 303, answer.text
    check = answer.headers["location"].rsplit("/", 1)[1]
    found = stored(world, check)
    assert found["population"] == 6 and found["size"] == 4 and found["seed"] == "2026-抽查"
    # Anyone with the roll and the seed redoes it: the digest proves the roll was this one.
    roll = sorted(ids.values())
    assert found["digest"] == spot_checks.digest(roll)
    redone = spot_checks.redraw(roll, "2026-抽查", 4)
    assert json.loads(str(found["sample"])) == redone
    assert [f["child_id"] for f in found["files"]] == redone  # type: ignore[attr-defined]
    page = console.get(f"/console/spot-checks/{check}").text
    assert "random.Random(种子).sample" in page and found["digest"] in page
    assert "2026-抽查" in page
    # The same seed again: the same files; a village's draw holds only its files.
    again = draw(console, COUNTY, "4", "2026-抽查").headers["location"].rsplit("/", 1)[1]
    assert json.loads(str(stored(world, again)["sample"])) == redone
    village = draw(console, VILLAGE_C, "1", "x").headers["location"].rsplit("/", 1)[1]
    assert json.loads(str(stored(world, village)["sample"])) == [ids["孙小芳"]]
    with world.server.db.read() as conn:
        actions = conn.execute(select(s.staff_audit.c.action)).scalars().all()
    assert actions.count("spot_check_drawn") == 3


def test_sizes_out_of_range_and_other_scopes_are_refused(world: World) -> None:
    fill(world)
    add_staff(world.server.db, "admin", "county-admin")
    console = Console(world.server.url)
    console.login("admin")
    for size in ("0", "7", "-1", "两", ""):
        answer = draw(console, COUNTY, size, "s")
        assert answer.status_code == 400, size
        assert "抽查份数须为1到6之间的整数" in answer.text
    answer = draw(console, "349902", "1", "s")  # another county
    assert answer.status_code == 400 and "请选择本县" in answer.text
    answer = draw(console, VILLAGE_C, "2", "s")
    assert "1到1之间" in answer.text
    with world.server.db.read() as conn:
        assert conn.execute(select(s.spot_check)).first() is None


def test_a_viewer_may_not_draw_and_sees_names_masked(world: World) -> None:
    fill(world)
    add_staff(world.server.db, "admin", "county-admin")
    add_staff(world.server.db, "viewer", "county-viewer")
    admin, viewer = Console(world.server.url), Console(world.server.url)
    admin.login("admin")
    viewer.login("viewer")
    check = draw(admin, COUNTY, "6", "7").headers["location"].rsplit("/", 1)[1]
    assert draw(viewer, COUNTY, "2", "7").status_code == 403
    form = viewer.get("/console/spot-checks").text
    assert 'id="draw"' not in form and check in form
    child = stored(world, check)["files"][0]["child_id"]  # type: ignore[index]
    assert viewer.get(f"/console/spot-checks/{check}/file/{child}").status_code == 403
    assert checklist(viewer, check, child, {}).status_code == 403
    shown = viewer.get(f"/console/spot-checks/{check}").text
    full = admin.get(f"/console/spot-checks/{check}").text
    for name in NAMES_A:
        assert name not in shown and name in full
        assert f"{name[0]}*{name[-1]}" in shown
    pdf = viewer.get(f"/console/spot-checks/{check}/pdf")
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
    text = _pdf_text(pdf.content)
    assert "档案管理抽查结果表" in text and "7" in text
    assert "张小明" not in text and "张*明" in text
    assert "张小明" in _pdf_text(admin.get(f"/console/spot-checks/{check}/pdf").content)


def _pdf_text(data: bytes) -> str:
    import io

    from pypdf import PdfReader

    return "".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)


def test_every_item_needs_a_verdict_and_failures_are_findings(world: World) -> None:
    fill(world)
    add_staff(world.server.db, "admin", "county-admin")
    console = Console(world.server.url)
    console.login("admin")
    check = draw(console, COUNTY, "2", "9").headers["location"].rsplit("/", 1)[1]
    files = stored(world, check)["files"]
    first, second = (f["child_id"] for f in files)  # type: ignore[attr-defined]
    form = console.get(f"/console/spot-checks/{check}/file/{first}")
    assert form.status_code == 200 and "按工作台规则" in form.text  # the server's hints
    answer = checklist(console, check, first, {"other": ""})
    assert answer.status_code == 400 and "请为每一项选择" in answer.text and "其他" in answer.text
    answer = checklist(console, check, first, {"visits": "fail:半年未入户", "other": "na"})
    assert answer.status_code == 303
    page = console.get(f"/console/spot-checks/{check}").text
    assert "半年未入户" in page and "进行中" in page
    assert checklist(console, check, second, {}).status_code == 303
    found = stored(world, check)
    assert found["done"] is True
    assert [(x["item"], x["note"]) for x in found["findings"]] == [("visits", "半年未入户")]  # type: ignore[attr-defined]
    # Recorded again as 合格: no finding any more.
    checklist(console, check, first, {})
    assert stored(world, check)["findings"] == []


def _finding_items(laptop: Laptop) -> list[WorkItem]:
    with laptop.store.session() as session:
        items = worklist.get_worklist(session).items
    return [i for i in items if i.kind is WorkKind.SPOT_FINDING]


def test_findings_reach_the_laptops_and_the_fixed_mark_comes_back(world: World) -> None:
    """A finding of a file of village A reaches A's director and the township's
    supervisor (not village C's); A marks it fixed; the hello carrying the mark is
    answered but the answer is cut: the mark is kept, sent again, and the console shows
    已整改 with who and when."""
    ids = fill(world)
    add_staff(world.server.db, "admin", "county-admin")
    console = Console(world.server.url)
    console.login("admin")
    check = draw(console, COUNTY, "6", "1").headers["location"].rsplit("/", 1)[1]
    child = ids["张小明"]
    for other in ids.values():
        marks = {"visits": "fail:半年未入户", "other": "na"} if other == child else {}
        assert checklist(console, check, other, marks).status_code == 303
    a, sup, c = world.laptop("dir_a"), world.laptop("sup_1"), world.laptop("dir_c")
    for laptop in (a, sup, c):
        assert laptop.run().ok
    for laptop in (a, sup):
        (item,) = _finding_items(laptop)
        assert item.child_id == child and item.detail == "走访按时：半年未入户"
    assert _finding_items(c) == []
    with a.store.session() as session:
        spot_findings.mark_fixed(session, item.ref)
    assert _finding_items(a) == []
    with link(world.server.url) as proxy:
        proxy.cut_status("/hello", 1000)  # the server takes each hello; no answer arrives
        transport = Transport(proxy.url, backoff_s=0.0, attempts=2, timeout=20)
        report = SyncEngine(a.sync, transport=transport).run()
        transport.session.close()
    assert not report.ok
    assert list(a.sync.findings_fixed()) == [item.ref]  # kept: no answer said it arrived
    with world.server.db.read() as conn:
        fixed = conn.execute(select(s.spot_finding.c.fixed_ms, s.spot_finding.c.fixed_by))
        ((fixed_ms, fixed_by),) = fixed.all()
    assert fixed_ms and fixed_by == "dir_a"  # recorded by the first hello that came through
    assert a.run().ok
    assert a.sync.findings_fixed() == {}  # acknowledged: forgotten
    assert sup.run().ok and _finding_items(sup) == []  # fixed: no longer served
    page = console.get(f"/console/spot-checks/{check}").text
    assert "已整改" in page and "dir_a" in page
    with world.server.db.read() as conn:
        (again,) = conn.execute(select(s.spot_finding.c.fixed_ms)).scalars().all()
    assert again == fixed_ms  # the mark sent again did not move it


def test_a_restored_server_keeps_its_checks_and_findings(tmp_path: Path) -> None:
    """The draws, checklists and findings are journalled: the backup put back and
    ``mark-restored`` run, they are there again as they stood (a fixed mark too)."""
    path = tmp_path / "server.db"
    assert cli.main(["--db", sqlite_url(path), "init-db"]) == 0
    db = Database(sqlite_url(path))
    with db.write() as conn:
        regions.import_names(conn, PLACES, now_ms=1)
        for n in range(3):
            conn.execute(s.row.insert().values(tbl="child", row_id=f"c{n}", region=VILLAGE_C))
            for name, value in (("name", f"孩子{n}"), ("registered_on", "2026-01-01")):
                conn.execute(
                    s.field.insert().values(
                        tbl="child", row_id=f"c{n}", field=name, value=json.dumps(value), version=1
                    )
                )
    db.dispose()
    shutil.copy(path, tmp_path / "backup.db")
    db = Database(sqlite_url(path))
    answers = {k: ("pass", "") for k, _ in spot_checks.ITEMS} | {"visits": ("fail", "未走访")}
    with db.write() as conn:
        check = spot_checks.draw(
            conn, COUNTY, "2", "s", who="admin", today=date(2026, 6, 1), now_ms=2
        )
        first = spot_checks.check(conn, check)["files"][0]["child_id"]  # type: ignore[index]
        spot_checks.record(conn, check, first, answers, who="admin", now_ms=3)
        (finding,) = [f["id"] for f in spot_checks.open_findings(conn, VILLAGE_C)]
        spot_checks.mark_fixed(conn, [(finding, 4)], scope=VILLAGE_C, who="dir_c", now_ms=4)
    with db.read() as conn:
        before = spot_checks.check(conn, check)
    db.dispose()
    shutil.copy(tmp_path / "backup.db", path)
    for extra in ("-wal", "-shm"):
        path.with_name(path.name + extra).unlink(missing_ok=True)
    db = Database(sqlite_url(path))
    with db.write() as conn:
        assert spot_checks.check(conn, check) is None  # the backup has none of it
        restore.mark_restored(db, conn, now_ms=5)
    with db.read() as conn:
        after = spot_checks.check(conn, check)
    db.dispose()
    assert after == before and after["findings"][0]["fixed_by"] == "dir_c"  # type: ignore[index]


def test_a_fixed_mark_from_a_wrong_clock_is_recorded_when_it_arrived(tmp_path: Path) -> None:
    """A laptop's clock years ahead (or before the draw) does not date the fix: the
    server records the moment the mark arrived; a time that fits is kept as sent."""
    db = Database(sqlite_url(tmp_path / "server.db"))
    assert cli.main(["--db", sqlite_url(tmp_path / "server.db"), "init-db"]) == 0
    answers = {k: ("fail", "缺") for k, _ in spot_checks.ITEMS}
    with db.write() as conn:
        regions.import_names(conn, PLACES, now_ms=1)
        conn.execute(s.row.insert().values(tbl="child", row_id="c0", region=VILLAGE_C))
        for name, value in (("name", "孩子"), ("registered_on", "2026-01-01")):
            conn.execute(
                s.field.insert().values(
                    tbl="child", row_id="c0", field=name, value=json.dumps(value), version=1
                )
            )
        check = spot_checks.draw(
            conn, COUNTY, "1", "s", who="admin", today=date(2026, 6, 1), now_ms=1000
        )
        spot_checks.record(conn, check, "c0", answers, who="admin", now_ms=1000)
        ahead, before, fits = [f["id"] for f in spot_checks.open_findings(conn, VILLAGE_C)][:3]
        sent = [(ahead, 10**15), (before, 5), (fits, 1500)]
        spot_checks.mark_fixed(conn, sent, scope=VILLAGE_C, who="dir_c", now_ms=2000)
        x = s.spot_finding.c
        got = dict(conn.execute(select(x.id, x.fixed_ms).where(x.fixed_ms.is_not(None))).all())
    db.dispose()
    assert got == {ahead: 2000, before: 2000, fits: 1500}


def test_findings_and_the_fixed_mark_travel_by_stick_too(
    sqlite_world: World, tmp_path: Path
) -> None:
    """A village without network: the bundle's reply carries the findings, the next
    bundle the fixed mark, whose reply acknowledges it."""
    world = sqlite_world
    ids = fill(world)
    a = world.laptop("dir_a")
    _cut_off(a)
    add_staff(world.server.db, "admin", "county-admin")
    console = Console(world.server.url)
    console.login("admin")
    check = draw(console, VILLAGE_A, "1", "7").headers["location"].rsplit("/", 1)[1]
    (child,) = json.loads(str(stored(world, check)["sample"]))
    assert child in ids.values()
    checklist(console, check, child, {"assessment": "fail:评估超过一年"})
    first = _stick(tmp_path, a)
    assert _relay(world, first.parent)[first.name] == "replied"
    assert _read(a, first).refused is None
    (item,) = _finding_items(a)
    assert item.detail == "评估按时：评估超过一年"
    with a.store.session() as session:
        spot_findings.mark_fixed(session, item.ref)
    second = _stick(tmp_path, a)
    assert _relay(world, second.parent)[second.name] == "replied"
    with world.server.db.read() as conn:
        assert conn.execute(select(s.spot_finding.c.fixed_by)).scalar() == "dir_a"
    assert list(a.sync.findings_fixed()) == [item.ref]  # until a reply says it arrived
    assert _read(a, second).refused is None
    assert a.sync.findings_fixed() == {}  # the reply acknowledged it
