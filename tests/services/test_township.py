"""services.township: a supervisor's store's villages and their table, counted in one pass;
a director's store has neither."""

from __future__ import annotations

from datetime import date, timedelta

from childcare_desktop.services import township
from childcare_desktop.services.enrollment import exit_child
from childcare_desktop.storage.store import Store
from tests.township_villages import VILLAGE_A, VILLAGE_B, make_township


def test_the_table_counts_each_village(store: Store) -> None:
    ids = make_township(store)
    with store.session() as s:
        exit_child(
            s, child_id=ids["赵蓝"], on_date=date.today() - timedelta(days=1), reason="moved"
        )
    with store.session() as s:
        rows = {r.code: r for r in township.village_table(s)}
        villages = township.township_villages(s)
    a, b = rows[VILLAGE_A], rows[VILLAGE_B]
    assert (a.children, a.red, a.yellow) == (3, 1, 1) and a.overdue > 0
    # 赵蓝 has left: village B stays in the table, with nothing to count
    assert (b.children, b.red, b.yellow, b.overdue) == (0, 0, 0, 0)
    assert villages is not None and villages.township == VILLAGE_A[:9]
    assert [(v.code, v.children) for v in villages.villages] == [(VILLAGE_A, 3), (VILLAGE_B, 1)]


def test_a_directors_store_has_no_village_table(store: Store) -> None:
    with store.session() as s:
        assert township.village_table(s) == []
        assert township.township_villages(s) is None
