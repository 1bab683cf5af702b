"""The console's 疑似重复 page (issue 17) on the real server: two villages' laptops push
the same child (same ID number) and a pair across townships (same name, sex and birth);
the page lists both with why, names masked for a viewer; an administrator marks the
cross-township pair 不是同一人 (audited; CSRF and role checked)."""

from __future__ import annotations

from sqlalchemy import select

from sync.server import schema as s
from tests.factories import make_child, make_id, years_ago
from tests.sync.console import Console, add_staff
from tests.sync.township import World

BIRTH = years_ago(8, 1)


def _fill(world: World) -> None:
    same = make_id(BIRTH)
    for user in ("dir_a", "dir_b"):
        laptop = world.laptop(user)
        with laptop.store.session() as session:
            make_child(session, name="陈明亮", id_number=same)
        assert laptop.run().ok
    for user in ("dir_a", "dir_c"):  # village C is in another township
        laptop = world.laptop(user)
        with laptop.store.session() as session:
            make_child(session, name="林小雪", id_number=None, sex="female", birth_date=BIRTH)
        assert laptop.run().ok


def _rows(html: str) -> dict[str, str]:
    """Each case's row by its state and first words."""
    body = html.split('id="cases"', 1)[1].split("</table>", 1)[0]
    return {part.split('"', 1)[0]: part for part in body.split('data-case="')[1:]}


def test_the_county_sees_the_pairs_and_marks_one_distinct(world: World) -> None:
    _fill(world)
    add_staff(world.server.db, "admin", "county-admin")
    console = Console(world.server.url)
    console.login("admin")
    html = console.get("/console/duplicates").text
    rows = _rows(html)
    assert len(rows) == 2
    by_id = next(r for r in rows.values() if "身份证号相同" in r)
    across = next(r for r in rows.values() if "姓名、性别、出生日期相同" in r)
    assert by_id.count("陈明亮") == 2 and "跨乡镇" not in by_id
    assert across.count("林小雪") == 2 and "跨乡镇" in across
    assert all('data-state="open"' in r for r in rows.values())
    case = next(k for k, r in rows.items() if r is across)
    page = console.post("/console/duplicates/distinct", {"case": case, "csrf": console.csrf()})
    assert page.status_code == 200 and 'id="notice"' in page.text
    assert 'data-state="distinct"' in _rows(page.text)[case]
    assert "admin" in _rows(page.text)[case]  # who decided
    again = console.post("/console/duplicates/distinct", {"case": case, "csrf": console.csrf()})
    assert again.status_code == 409  # decided already: nothing changes
    with world.server.db.read() as conn:
        d = s.duplicate_case.c
        assert conn.execute(select(d.state).where(d.id == case)).scalar() == "distinct"
        a = s.staff_audit.c
        actions = conn.execute(select(a.action, a.detail)).all()
    assert ("duplicate_distinct", f"case={case}") in [(r.action, r.detail) for r in actions]


def test_a_viewer_sees_masked_names_and_cannot_decide(sqlite_world: World) -> None:
    world = sqlite_world
    _fill(world)
    add_staff(world.server.db, "viewer", "county-viewer")
    console = Console(world.server.url)
    console.login("viewer")
    html = console.get("/console/duplicates").text
    assert "陈明亮" not in html and "林小雪" not in html
    assert "陈*亮" in html and "林*雪" in html and 'id="masked"' in html
    assert "不是同一人</button>" not in html
    case = next(iter(_rows(html)))
    refused = console.post("/console/duplicates/distinct", {"case": case, "csrf": console.csrf()})
    assert refused.status_code == 403
    # Without the form's token, even an administrator is refused.
    add_staff(world.server.db, "admin", "county-admin")
    admin = Console(world.server.url)
    admin.login("admin")
    bare = admin.post("/console/duplicates/distinct", {"case": case, "csrf": "x"})
    assert bare.status_code == 403
    with world.server.db.read() as conn:
        states = conn.execute(select(s.duplicate_case.c.state)).scalars().all()
    assert set(states) == {"open"}
