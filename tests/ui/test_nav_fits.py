"""The list of pages on the left keeps every label whole in 大字体 ("留守妇女/老人" was cut
to "留守妇女/…" in a list of fixed width), and narrows back when the text does."""

from __future__ import annotations

from typing import Any

from tests.ui.dialog_world import set_large_text


def _cut(main: Any) -> list[str]:
    """The labels that do not fit their row, hidden pages too (疑似重复 and 审核 show for a
    supervisor, 留守妇女/老人 once the county asks): every row is as wide as the first."""
    nav = main.nav
    metrics = nav.fontMetrics()
    room = nav.visualItemRect(nav.item(0)).width() - nav.iconSize().width()
    labels = [nav.item(row).text() for row in range(nav.count())]
    return [text for text in labels if metrics.horizontalAdvance(text) > room]


def test_every_page_label_is_whole_in_normal_and_large_text(qtbot: Any, main: Any) -> None:
    normal = main.nav.width()
    assert _cut(main) == []
    set_large_text(qtbot, main, True)
    qtbot.waitUntil(lambda: main.nav.width() > normal, timeout=5_000)
    assert _cut(main) == []
    assert main.nav.width() <= 260  # the pages keep the rest of a 1366-pixel screen
    set_large_text(qtbot, main, False)
    qtbot.waitUntil(lambda: main.nav.width() == normal, timeout=5_000)
