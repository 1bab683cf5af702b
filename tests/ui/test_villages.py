"""A supervisor's store through the real window, village by village: the roster's and the
worklist's 村 column (the village as services.places names it, its code in the tooltip),
the village filter (narrows, counts, remembered when the view is made again), the
工作台's table of villages (right counts; a double click or Enter opens the roster on the
village). A director's store shows no column, no filter and no table."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from childcare_desktop.services import places, worklist
from childcare_desktop.ui.models.roster_table_model import VILLAGE_COLUMN as ROSTER_VILLAGE
from childcare_desktop.ui.models.worklist_table_model import VILLAGE_COLUMN as WORK_VILLAGE
from childcare_desktop.ui.views.roster_view import RosterView
from tests.township_villages import CHILDREN, VILLAGE_A, VILLAGE_B, township_store
from tests.ui.conftest import run, unlock
from tests.ui.dialog_world import set_large_text
from tests.ui.test_large_text import cut_cells


@pytest.fixture
def supervisor(qtbot: Any, controller: Any, store_path: Path) -> Any:
    """The main window on a supervisor's store with children in two villages."""
    township_store(store_path)
    controller.start(store_path, demo=False)
    unlock(qtbot, controller, store_path)
    window = controller.main
    qtbot.waitUntil(lambda: not window.workbench.stale, timeout=10_000)
    return window


def labels(qtbot: Any, main: Any) -> dict[str, str]:
    """How services.places names each village (its code while the store knows no name)."""
    return run(
        qtbot,
        main,
        lambda s: {code: places.place_label(s, code) for code in (VILLAGE_A, VILLAGE_B)},
    )


def show_roster(qtbot: Any, main: Any) -> Any:
    with qtbot.waitSignal(main.roster.loaded, timeout=10_000):
        main.show_page("roster")
    main.roster.status.setCurrentIndex(main.roster.status.findData("all"))
    return main.roster


def shown_names(view: Any) -> set[str]:
    return {view.model.record(r).name for r in range(view.model.rowCount())}


def test_the_roster_shows_each_childs_village_and_filters_by_it(
    qtbot: Any, supervisor: Any
) -> None:
    named = labels(qtbot, supervisor)
    roster = show_roster(qtbot, supervisor)
    model = roster.model
    assert not roster.table.isColumnHidden(ROSTER_VILLAGE)
    assert model.headerData(ROSTER_VILLAGE, Qt.Orientation.Horizontal) == "村"
    for row in range(model.rowCount()):
        child = model.record(row)
        cell = model.index(row, ROSTER_VILLAGE)
        assert model.data(cell) == named[CHILDREN[child.name][0]]
        assert model.data(cell, Qt.ItemDataRole.ToolTipRole) == child.region_code
    village = roster.village
    assert village.isVisible()
    texts = [village.itemText(i) for i in range(village.count())]
    assert texts == ["全部村（4）", f"{named[VILLAGE_A]}（3）", f"{named[VILLAGE_B]}（1）"]

    village.setCurrentIndex(village.findData(VILLAGE_B))
    assert shown_names(roster) == {"赵蓝"}
    assert "显示 1 / 共 4 名" in roster.count.text()

    # Made again (as after a restart): the village chosen is chosen again once it loads.
    again = RosterView(supervisor.tasks)
    qtbot.addWidget(again)
    with qtbot.waitSignal(again.loaded, timeout=10_000):
        again.refresh()
    assert again.village.code() == VILLAGE_B
    assert {again.model.record(r).name for r in range(again.model.rowCount())} == {"赵蓝"}
    again.village.setCurrentIndex(0)
    assert again.model.rowCount() == 4  # 全部村


def test_the_worklist_shows_and_filters_by_village(qtbot: Any, supervisor: Any) -> None:
    named = labels(qtbot, supervisor)
    bench = supervisor.workbench
    model = bench.model
    assert not bench.table.isColumnHidden(WORK_VILLAGE)
    by_village = Counter(model.record(r).region_code for r in range(model.rowCount()))
    assert set(by_village) == {VILLAGE_A, VILLAGE_B}
    for row in range(model.rowCount()):
        item = model.record(row)
        cell = model.index(row, WORK_VILLAGE)
        assert model.data(cell) == named[item.region_code]
        assert model.data(cell, Qt.ItemDataRole.ToolTipRole) == item.region_code
    village = bench.village
    assert village.itemText(2) == f"{named[VILLAGE_B]}（{by_village[VILLAGE_B]}）"
    village.setCurrentIndex(village.findData(VILLAGE_A))
    shown = {model.record(r).child_name for r in range(model.rowCount())}
    assert shown == {"张红", "李黄", "王新"}
    assert model.rowCount() == by_village[VILLAGE_A]
    with qtbot.waitSignal(bench.loaded, timeout=10_000):
        bench.refresh()  # reloaded: the village stays chosen
    assert village.code() == VILLAGE_A and model.rowCount() == by_village[VILLAGE_A]


def test_the_workbench_table_counts_each_village(qtbot: Any, supervisor: Any) -> None:
    named = labels(qtbot, supervisor)
    table = supervisor.workbench.villages
    assert table.isVisible()
    rows = {r.code: r for r in table.model.records}
    assert set(rows) == {VILLAGE_A, VILLAGE_B}
    overdue = run(
        qtbot,
        supervisor,
        lambda s: {
            code: sum(i.overdue for i in worklist.get_worklist(s, region_prefix=code).items)
            for code in (VILLAGE_A, VILLAGE_B)
        },
    )
    a, b = rows[VILLAGE_A], rows[VILLAGE_B]
    assert (a.label, a.children, a.red, a.yellow, a.overdue) == (
        named[VILLAGE_A],
        3,
        1,
        1,
        overdue[VILLAGE_A],
    )
    assert (b.label, b.children, b.red, b.yellow, b.overdue) == (
        named[VILLAGE_B],
        1,
        0,
        0,
        overdue[VILLAGE_B],
    )
    assert a.overdue > 0 and b.overdue > 0
    assert (a.last_sync, a.waiting_review) == (None, 0)  # nothing synced, nothing for review
    model = table.model
    row_a = table.model.records.index(a)
    assert model.data(model.index(row_a, 0)) == named[VILLAGE_A]
    assert model.data(model.index(row_a, 0), Qt.ItemDataRole.ToolTipRole) == VILLAGE_A
    assert model.data(model.index(row_a, 3)) == "1"
    assert model.data(model.index(row_a, 3), Qt.ItemDataRole.BackgroundRole) is not None
    assert "2 个村" in table.heading.text() and "在册儿童 4 名" in table.heading.text()


def test_a_double_click_on_a_village_opens_its_roster(qtbot: Any, supervisor: Any) -> None:
    table = supervisor.workbench.villages.table
    row_b = next(
        r for r in range(table.model().rowCount()) if table.model().record(r).code == VILLAGE_B
    )
    rect = table.visualRect(table.model().index(row_b, 0))
    viewport = table.viewport()
    with qtbot.waitSignal(supervisor.roster.loaded, timeout=10_000):
        qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
    assert supervisor.current_page() == "roster"
    assert supervisor.roster.village.code() == VILLAGE_B
    assert shown_names(supervisor.roster) == {"赵蓝"}


def test_enter_on_a_village_opens_its_roster(qtbot: Any, supervisor: Any) -> None:
    show_roster(qtbot, supervisor)  # loaded already: the filter changes in place
    supervisor.show_page("workbench")
    table = supervisor.workbench.villages.table
    row_a = next(
        r for r in range(table.model().rowCount()) if table.model().record(r).code == VILLAGE_A
    )
    table.setFocus()
    table.selectRow(row_a)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is table, timeout=5_000)
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert supervisor.current_page() == "roster"
    assert supervisor.roster.village.code() == VILLAGE_A
    assert shown_names(supervisor.roster) == {"张红", "李黄", "王新"}


def test_a_directors_store_shows_no_village(qtbot: Any, main: Any) -> None:
    assert main.isVisible() and main.workbench.villages.isHidden()
    assert main.workbench.table.isColumnHidden(WORK_VILLAGE)
    assert main.workbench.village.isHidden()
    with qtbot.waitSignal(main.roster.loaded, timeout=10_000):
        main.show_page("roster")
    assert main.roster.table.isColumnHidden(ROSTER_VILLAGE)
    assert main.roster.village.isHidden() and main.roster.village.code() is None


def test_in_large_text_nothing_of_the_villages_is_cut(qtbot: Any, supervisor: Any) -> None:
    set_large_text(qtbot, supervisor, True)
    supervisor.show_page("workbench")
    for table in (supervisor.workbench.villages.table, supervisor.workbench.table):
        qtbot.waitUntil(lambda table=table: cut_cells(table) == [], timeout=5_000)
    roster = show_roster(qtbot, supervisor)
    assert cut_cells(roster.table) == []  # at once: the 村 column was fitted when shown


def test_the_village_table_shows_a_late_sync_in_red(qtbot: Any) -> None:
    from childcare_desktop.core.vocab import RiskColour
    from childcare_desktop.services.township import VillageRow
    from childcare_desktop.ui.models.record_table_model import COLOUR_BRUSHES
    from childcare_desktop.ui.models.village_table_model import SYNCED, VillageTableModel

    model = VillageTableModel()
    model.set_records(
        [
            VillageRow("349901101201", "柳溪村", 3, 0, 0, 0, sync_late=False),
            VillageRow("349901101202", "桃园村", 2, 0, 0, 0, sync_late=True),
        ]
    )
    background = Qt.ItemDataRole.BackgroundRole
    assert model.data(model.index(0, SYNCED), background) is None
    late = model.data(model.index(1, SYNCED), background)
    assert late.color() == COLOUR_BRUSHES[RiskColour.RED]
