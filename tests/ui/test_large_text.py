"""大字模式 at 1366x768: switched on while the app runs, every column grows to its header and
rows in the new font ("逾期20天", not "逾期2…"), and the roster's filters wrap instead of
being squeezed."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QAbstractButton, QApplication, QComboBox, QTableView, QWidget
from pytestqt.exceptions import TimeoutError

from childcare_desktop.ui.widgets.tables import widest
from tests.factories import make_child
from tests.ui.conftest import run

ICON_AND_MARGINS = 16 + 4  # a decoration's width and the gap after it


def cut_cells(table: QTableView) -> list[str]:
    """Header and cell texts wider than their column, measured in the font they show in;
    a text longer than the widest a column is made (sixteen characters: several categories)
    may be cut if its tooltip shows it whole."""
    model, header = table.model(), table.horizontalHeader()
    cut = []
    for column in range(model.columnCount()):
        if header.isSectionHidden(column):  # 村 on a director's store: nothing shown, nothing cut
            continue
        room = header.sectionSize(column)
        title = model.headerData(column, Qt.Orientation.Horizontal)
        if header.fontMetrics().horizontalAdvance(title) + 8 > room:
            cut.append(f"header {title}: {room}px")
        for row in range(min(model.rowCount(), 40)):
            index = model.index(row, column)
            text = model.data(index) or ""
            font = model.data(index, Qt.ItemDataRole.FontRole)
            metrics = QFontMetrics(QFont(font) if font is not None else table.font())
            needed = metrics.horizontalAdvance(text) + 6
            if model.data(index, Qt.ItemDataRole.DecorationRole) is not None:
                needed += ICON_AND_MARGINS
            whole = model.data(index, Qt.ItemDataRole.ToolTipRole) == text
            if needed > room and not (room >= widest(table) and whole):
                cut.append(f"{title} «{text}»: {needed}px > {room}px")
    return cut


def squeezed(bar: QWidget) -> list[str]:
    """Fields and buttons narrower than they ask, or out of the bar's sight."""
    out = []
    for widget in [*bar.findChildren(QComboBox), *bar.findChildren(QAbstractButton)]:
        inside_table = isinstance(widget.parent(), QTableView) or isinstance(
            widget.parent().parent(), QTableView
        )
        if inside_table or not widget.isVisibleTo(bar):
            continue
        if widget.width() < widget.sizeHint().width():
            out.append(f"{widget.objectName() or widget.metaObject().className()} squeezed")
        right = widget.mapTo(bar, widget.rect().topRight()).x()
        if right > bar.width():
            out.append(f"{widget.objectName()} beyond the edge")
    return out


def three_tasks_due(qtbot: Any, main: Any) -> None:
    """Three children with two categories each, registered 200, 20 and 0 days ago: the
    worklist holds overdue ("逾期200天"), due and new tasks, the roster long category lists."""
    for n, days in enumerate((200, 20, 0)):
        run(
            qtbot,
            main,
            lambda s, n=n, days=days: make_child(
                s,
                name=f"欧阳{'一二三'[n]}",
                categories=["poverty", "left_behind"],
                registered_on=date.today() - timedelta(days=days),
            ),
        )


def test_large_text_refits_the_worklist_and_the_roster(qtbot: Any, main: Any) -> None:
    three_tasks_due(qtbot, main)
    main.resize(1366, 728)
    with qtbot.waitSignal(main.workbench.loaded, timeout=10_000):
        main.workbench.refresh()
    main.show_page("roster")
    qtbot.waitUntil(lambda: main.roster.model.rowCount() == 3, timeout=10_000)
    for table in (main.workbench.table, main.roster.table):  # fitted once the rows are in
        qtbot.waitUntil(lambda table=table: cut_cells(table) == [], timeout=5_000)
    main.show_page("settings")
    main.settings.large_font.click()  # the user's way to large text
    qtbot.waitUntil(lambda: main.workbench.table.font().pointSize() == 13, timeout=5_000)
    assert QApplication.font().pointSize() == 13
    for page in ("workbench", "roster"):
        main.show_page(page)
        table = main.workbench.table if page == "workbench" else main.roster.table
        try:
            qtbot.waitUntil(lambda table=table: cut_cells(table) == [], timeout=5_000)
        except TimeoutError as timeout:
            raise AssertionError(cut_cells(table)) from timeout
        rows = table.verticalHeader()
        assert rows.defaultSectionSize() >= table.fontMetrics().height()
    main.show_page("roster")
    qtbot.waitUntil(lambda: squeezed(main.roster) == [], timeout=5_000)
    assert main.roster.search.width() >= main.roster.search.minimumWidth() > 0
    main.show_page("workbench")
    qtbot.waitUntil(lambda: squeezed(main.workbench) == [], timeout=5_000)
