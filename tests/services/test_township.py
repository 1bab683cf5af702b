"""services.township: a supervisor's store's villages and their table, counted in one pass;
a director's store has neither."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime, timedelta

from childcare_desktop.core.vocab import VisitMode
from childcare_desktop.core.worklist import WorkKind
from childcare_desktop.services import township, worklist
from childcare_desktop.services.enrollment import exit_child
from childcare_desktop.services.visits import log_visit
from childcare_desktop.storage.store import Store
from childcare_desktop.storage.syncstore import StoreSync
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


def test_the_table_shows_each_village_s_last_sync_as_the_county_reported_it(
    store: Store,
) -> None:
    make_township(store)
    at = datetime(2026, 11, 2, 8, 30, tzinfo=UTC)
    ms = int(at.timestamp() * 1000)
    devices = [  # two laptops of village A (the later counts), none of village B
        {"region": VILLAGE_A, "reported_ms": ms - 86_400_000},
        {"region": VILLAGE_A, "reported_ms": ms},
    ]
    StoreSync(store).receive_health(devices, at_ms=ms)
    with store.session() as s:
        rows = {r.code: r for r in township.village_table(s)}
    assert rows[VILLAGE_A].last_sync == at
    assert rows[VILLAGE_B].last_sync is None


def test_a_village_past_the_county_s_limit_without_a_sync_is_late(store: Store) -> None:
    make_township(store)
    with store.session() as s:  # before any report from the county: nothing is late
        assert not any(r.sync_late for r in township.village_table(s))
    now_ms = int(datetime.now(UTC).timestamp() * 1000)
    day = 86_400_000
    devices = [
        {"region": VILLAGE_A, "reported_ms": now_ms - 2 * day},
        {"region": VILLAGE_B, "reported_ms": now_ms - 15 * day},  # the default limit is 14
    ]
    StoreSync(store).receive_health(devices, at_ms=now_ms)
    with store.session() as s:
        rows = {r.code: r for r in township.village_table(s)}
    assert (rows[VILLAGE_A].sync_late, rows[VILLAGE_B].sync_late) == (False, True)


def test_a_villages_overdue_is_what_its_worklist_shows_overdue(store: Store) -> None:
    """The table counts from the store's worklist (kept): each village's 逾期 is the number
    of overdue items the 工作台 filtered to that village shows, duties included, and it
    follows a visit logged."""
    make_township(store)

    def table_and_work() -> tuple[dict[str, int], Counter[str]]:
        with store.session() as s:
            work = worklist.get_worklist(s)
            rows = {r.code: r.overdue for r in township.village_table(s)}
        return rows, Counter(i.region_code for i in work.items if i.overdue)

    rows, overdue = table_and_work()
    assert rows[VILLAGE_A] == overdue[VILLAGE_A] > 0 and rows[VILLAGE_B] == overdue[VILLAGE_B]
    with store.session() as s:
        work = worklist.get_worklist(s)
        late = next(
            i
            for i in work.items
            if i.overdue and i.kind in (WorkKind.FIRST_VISIT, WorkKind.HOME_VISIT)
        )
        log_visit(s, child_id=late.child_id, visited_on=date.today(), mode=VisitMode.HOME)
    after, overdue = table_and_work()
    village = late.region_code
    assert after[village] == overdue[village] < rows[village]
