"""Every table model passes Qt's model tester, on records from a real demo store."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPersistentModelIndex, Qt

from childcare_desktop.services import demo, files, worklist
from childcare_desktop.services.roster import RosterFilter, search_roster
from childcare_desktop.storage.store import Store, open_store
from childcare_desktop.ui.models.record_table_model import RecordTableModel
from childcare_desktop.ui.models.roster_table_model import RosterQuery, RosterTableModel
from childcare_desktop.ui.models.worklist_table_model import WorklistTableModel
from childcare_desktop.ui.views import child_tabs
from tests.conftest import PASSPHRASE


@pytest.fixture(scope="module")
def village(tmp_path_factory: pytest.TempPathFactory, template_store: Path) -> Iterator[Store]:
    path = tmp_path_factory.mktemp("village") / "v.db"
    path.write_bytes(template_store.read_bytes())
    store = open_store(path, PASSPHRASE)
    with store.session() as session:
        demo.build_demo_village(session, children=25, seed=4)
    yield store
    store.close()


def test_worklist_model(qtmodeltester: Any, village: Store) -> None:
    with village.session() as session:
        items = worklist.get_worklist(session).items
    model = WorklistTableModel()
    model.set_records(items)
    assert model.rowCount() == len(items) > 0
    qtmodeltester.check(model)


def test_roster_model_filtered_and_sorted(qtmodeltester: Any, village: Store) -> None:
    with village.session() as session:
        children = search_roster(session, filters=RosterFilter(status="all"))
    model = RosterTableModel()
    model.set_children(children)
    qtmodeltester.check(model)
    model.apply(RosterQuery(text="l"))
    qtmodeltester.check(model)
    model.sort(2, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(model)


@pytest.mark.parametrize(
    ("columns", "part"),
    [
        (child_tabs.VISIT_COLUMNS, "visits"),
        (child_tabs.FAMILY_COLUMNS, "family"),
        (child_tabs.CATEGORY_COLUMNS, "categories"),
        (child_tabs.AGREEMENT_COLUMNS, "agreements"),
        (child_tabs.ASSESSMENT_COLUMNS, "assessments"),
        (child_tabs.HISTORY_COLUMNS, "history"),
    ],
)
def test_file_tab_models(qtmodeltester: Any, village: Store, columns: Any, part: str) -> None:
    with village.session() as session:
        child = search_roster(session)[0]
        file = files.get_child_file(session, child_id=child.id)
    model = RecordTableModel(columns)
    model.set_records(getattr(file, part))
    qtmodeltester.check(model)


def test_sorting_keeps_selections_on_their_record(village: Store) -> None:
    with village.session() as session:
        children = search_roster(session)
    model = RosterTableModel()
    model.set_children(children)
    chosen = model.record(0)
    persistent = QPersistentModelIndex(model.index(0, 0))
    model.sort(0, Qt.SortOrder.DescendingOrder)
    assert model.record(persistent.row()) is chosen


@pytest.mark.parametrize("query", ["", "l", "w", "zh", "晓", "3499", "2015", "x", "lx", "%", "张"])
def test_the_roster_filters_in_memory_as_the_store_searches(village: Store, query: str) -> None:
    with village.session() as session:
        every = search_roster(session, filters=RosterFilter(status="all"))
        by_sql = {
            c.id for c in search_roster(session, filters=RosterFilter(query=query, status="all"))
        }
    model = RosterTableModel()
    model.set_children(every)
    model.apply(RosterQuery(text=query, status="all"))
    assert {c.id for c in model.records} == by_sql
