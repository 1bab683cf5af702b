"""疑似重复: the two files of a pair are read whole in the list (name and file number,
the village below), not cut short while the reason and the what-to-do columns stand half
empty."""

from __future__ import annotations

from typing import Any

from childcare_desktop.storage.models import Child, DuplicateCase
from tests.factories import make_child, years_ago
from tests.ui.conftest import run


def _case(session: Any) -> None:
    birth = years_ago(9, 5)
    one = make_child(session, name="欧阳晓雨", sex="female", id_number=None, birth_date=birth)
    two = make_child(session, name="欧阳晓雨", sex="female", id_number=None, birth_date=birth)
    a, b = sorted((one.id, two.id))
    region = session.get(Child, a).region_code
    session.add(
        DuplicateCase(
            id="case1",
            child_a=a,
            child_b=b,
            region_a=region,
            region_b=region,
            reason="name_birth",
            opened_ms=1,
            decidable=True,
        )
    )


def test_the_files_of_a_pair_are_not_cut_short(qtbot: Any, main: Any) -> None:
    run(qtbot, main, _case)
    main.resize(1366, 768)
    main.show_page("duplicates")
    table = main.duplicates.table
    qtbot.waitUntil(lambda: table.rowCount() == 1, timeout=10_000)
    qtbot.waitUntil(lambda: table.viewport().width() > 900, timeout=5_000)
    metrics = table.fontMetrics()
    for column in (1, 2):
        lines = table.item(0, column).text().splitlines()
        assert len(lines) == 2  # name and file number, then the village
        for line in lines:
            assert metrics.horizontalAdvance(line) < table.columnWidth(column), line
    assert table.rowHeight(0) >= 2 * metrics.lineSpacing()  # both lines shown
