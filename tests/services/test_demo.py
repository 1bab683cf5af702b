"""The demo village: synthetic, deterministic by seed, and a plausible mix."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from childcare_desktop.core.worklist import WorkKind
from childcare_desktop.services import demo, stats, worklist
from childcare_desktop.services.roster import RosterFilter, search_roster
from childcare_desktop.storage.store import Store, open_store
from tests.conftest import PASSPHRASE

AS_OF = date(2026, 11, 2)


def build(template: Path, tmp: Path, name: str, seed: int, children: int) -> Store:
    path = tmp / name
    shutil.copyfile(template, path)
    store = open_store(path, PASSPHRASE)
    with store.session() as s:
        demo.build_demo_village(s, children=children, seed=seed, as_of=AS_OF)
    return store


def portrait(store: Store) -> tuple[object, ...]:
    with store.session() as s:
        roster = [
            (c.name, c.birth_date, c.categories, c.colour)
            for c in search_roster(s, filters=RosterFilter(status="all"), as_of=AS_OF)
        ]
        figures = stats.store_stats(s, as_of=AS_OF)
        work = [
            (i.child_name, i.kind, i.due_on) for i in worklist.get_worklist(s, as_of=AS_OF).items
        ]
    figures.pop("audit_entries")
    return roster, figures, work


def test_same_seed_same_village_other_seed_other_village(
    template_store: Path, tmp_path: Path
) -> None:
    first = build(template_store, tmp_path, "a.db", seed=5, children=25)
    again = build(template_store, tmp_path, "b.db", seed=5, children=25)
    other = build(template_store, tmp_path, "c.db", seed=6, children=25)
    try:
        assert portrait(first) == portrait(again)
        assert portrait(first)[0] != portrait(other)[0]
    finally:
        for store in (first, again, other):
            store.close()


def test_a_plausible_village(template_store: Path, tmp_path: Path) -> None:
    store = build(template_store, tmp_path, "v.db", seed=1, children=60)
    try:
        with store.session() as s:
            figures = stats.store_stats(s, as_of=AS_OF)
            items = worklist.get_worklist(s, as_of=AS_OF).items
    finally:
        store.close()
    assert figures["children"] == 60
    assert 1 <= figures["exited"] <= 8
    by_category = figures["by_category"]
    assert by_category["left_behind"] > figures["active"] / 2  # mostly 留守, as in practice
    assert len(by_category) >= 5  # and several 困境 sub-types
    assert set(figures["by_colour"]) >= {"red", "yellow", "blue", "green"}
    assert figures["visits"] > 60 * 6  # about a year of visits
    assert figures["reports"] >= 1
    overdue = {i.kind for i in items if i.overdue}
    assert {WorkKind.HOME_VISIT, WorkKind.CONTACT} <= overdue  # some children were not seen
    assert WorkKind.FIRST_VISIT in {i.kind for i in items}  # newcomers this week
    assert sum(i.overdue for i in items) < len(items)
