"""In large text at 1366x728 the roster keeps 风险 and 逾期 in sight: a child with many
categories no longer widens 类别 until they scroll off to the right (the columns after them
may scroll)."""

from __future__ import annotations

from typing import Any

from tests.factories import make_child
from tests.ui.conftest import run
from tests.ui.dialog_world import set_large_text


def test_overdue_and_status_stay_in_sight_with_many_categories(qtbot: Any, main: Any) -> None:
    many = ["poverty", "left_behind", "serious_illness", "guardianship_deficit"]
    run(qtbot, main, lambda s: make_child(s, name="欧阳娜", categories=many))
    main.resize(1366, 728)
    set_large_text(qtbot, main, True)
    main.show_page("roster")
    table, model = main.roster.table, main.roster.model
    qtbot.waitUntil(lambda: model.rowCount() == 1, timeout=10_000)
    header = table.horizontalHeader()
    titles = [model.headerData(c, header.orientation()) for c in range(model.columnCount())]

    def right_edge(title: str) -> int:
        column = titles.index(title)
        return header.sectionViewportPosition(column) + header.sectionSize(column)

    qtbot.waitUntil(
        lambda: max(right_edge(t) for t in ("风险", "逾期")) <= table.viewport().width(),
        timeout=5_000,
    )
    categories = titles.index("类别")
    index = model.index(0, categories)
    assert "监护缺失" in model.data(index, 3)  # ToolTipRole: the whole list on hover
