"""The dashboard's figures kept between looks (issue 17), on the real server with real
laptops: a restart reads them back without counting; the first look of a new day answers
at once with the last counts, marked, while they are counted again in the background; a
village's push is counted at the next look."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select, update

from sync.server import oversight_kept
from sync.server import schema as s
from tests.factories import make_child
from tests.sync.console import Console, add_staff
from tests.sync.test_console_oversight import _fill, _headline
from tests.sync.township import World

COUNTY = "349901"


def _counted(world: World) -> dict[str, tuple[str, int]]:
    """Each village's stored count: (its day, when it was counted)."""
    f = s.oversight_figures.c
    with world.server.db.read() as conn:
        rows = conn.execute(select(f.region, f.day, f.counted_ms)).all()
    return {r.region: (r.day, r.counted_ms) for r in rows}


def test_counts_are_kept_across_a_restart_and_a_new_day(world: World) -> None:
    _fill(world)
    db, today = world.server.db, date.today()
    first = oversight_kept.kept_figures(db, COUNTY, today, now_ms=1_000)
    assert first.figures.total.children == 3 and first.stale_since is None
    stored = _counted(world)
    assert {day for day, _ in stored.values()} == {today.isoformat()}
    # A restart: what this process kept is gone, the database's counts are read back.
    oversight_kept.forget(db)
    again = oversight_kept.kept_figures(db, COUNTY, today, now_ms=2_000)
    assert again.figures.total == first.figures.total and again.stale_since is None
    assert _counted(world) == stored  # nothing counted again
    # The next day: the last counts at once, marked; the count runs in the background.
    tomorrow = today + timedelta(days=1)
    look = oversight_kept.kept_figures(db, COUNTY, tomorrow, now_ms=3_000, inline=0)
    assert look.stale_since == 1_000 and look.figures.total == first.figures.total
    assert oversight_kept.settle(db)
    assert {day for day, _ in _counted(world).values()} == {tomorrow.isoformat()}
    fresh = oversight_kept.kept_figures(db, COUNTY, tomorrow, now_ms=4_000, inline=0)
    assert fresh.stale_since is None and fresh.figures.total.children == 3
    # A push moves one village's feed: counted at the next look, which waits for it.
    a = world.laptop("dir_a")
    with a.store.session() as session:
        make_child(session, name="赵小雨")
    assert a.run().ok
    after = oversight_kept.kept_figures(db, COUNTY, tomorrow, now_ms=5_000)
    assert after.figures.total.children == 4 and after.stale_since is None


def test_the_dashboard_says_when_its_figures_are_from_an_earlier_count(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    _fill(world)
    add_staff(world.server.db, "admin", "county-admin")
    console = Console(world.server.url)
    console.login("admin")
    assert 'id="stale"' not in console.get("/console/").text
    # As if the counts were made yesterday and the server restarted since.
    yesterday = (date.today() - timedelta(days=1)).isoformat()
    with world.server.db.write() as conn:
        conn.execute(update(s.oversight_figures).values(day=yesterday))
    oversight_kept.forget(world.server.db)
    monkeypatch.setattr(oversight_kept, "INLINE", 0)
    html = console.get("/console/").text
    assert 'id="stale"' in html and "正在后台重新统计" in html
    assert _headline(html, "children") == 3  # the last counts, shown meanwhile
    assert oversight_kept.settle(world.server.db)
    html = console.get("/console/").text
    assert 'id="stale"' not in html and _headline(html, "children") == 3


def test_the_very_first_look_answers_at_once_and_counts_in_the_background(
    sqlite_world: World,
) -> None:
    world = sqlite_world
    _fill(world)
    db, today = world.server.db, date.today()
    first = oversight_kept.kept_figures(db, COUNTY, today, now_ms=1_000, inline=0)
    assert first.missing >= 2 and first.figures.total.children == 0  # A and C: counting
    assert oversight_kept.settle(db)
    after = oversight_kept.kept_figures(db, COUNTY, today, now_ms=2_000, inline=0)
    assert after.missing == 0 and after.stale_since is None
    assert after.figures.total.children == 3
