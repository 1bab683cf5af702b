"""工作台: overdue stands apart from due-soon by more than colour, the rows filter by kind of
task, and Enter, the row's button and its right-click menu open the visit dialog."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QIcon

from childcare_desktop.core.worklist import WorkKind
from childcare_desktop.ui.models.worklist_table_model import KIND_GROUPS, OVERDUE_ROLE
from childcare_desktop.ui.views.workbench_view import _counts_text
from tests.factories import make_child
from tests.ui.conftest import run


def two_children(qtbot: Any, main: Any) -> tuple[Any, Any]:
    """李四's first visit is overdue (registered 20 days ago); 王五's is due soon (today)."""
    late = run(
        qtbot,
        main,
        lambda s: make_child(
            s, name="李四", categories=["poverty"], registered_on=date.today() - timedelta(days=20)
        ),
    )
    soon = run(
        qtbot,
        main,
        lambda s: make_child(s, name="王五", categories=["poverty"], registered_on=date.today()),
    )
    with qtbot.waitSignal(main.workbench.loaded, timeout=10_000):
        main.workbench.refresh()
    return late, soon


def row_of(main: Any, child_id: str, kind: WorkKind = WorkKind.FIRST_VISIT) -> int:
    records = main.workbench.model.records
    return next(n for n, i in enumerate(records) if i.child_id == child_id and i.kind is kind)


def test_overdue_rows_read_apart_from_due_soon_without_colour(qtbot: Any, main: Any) -> None:
    late, soon = two_children(qtbot, main)
    model = main.workbench.model
    overdue = model.index(row_of(main, late.id), 0)
    due = model.index(row_of(main, soon.id), 0)
    assert model.data(overdue, OVERDUE_ROLE) is True
    assert model.data(due, OVERDUE_ROLE) is False
    assert model.data(overdue).startswith("逾期") and model.data(due) == "即将到期"
    # a mark of its own shape and bold text: readable without telling the colours apart
    late_font, soon_font = (model.data(i, Qt.ItemDataRole.FontRole) for i in (overdue, due))
    assert isinstance(late_font, QFont) and late_font.bold()
    assert soon_font is None or not soon_font.bold()
    late_icon, soon_icon = (model.data(i, Qt.ItemDataRole.DecorationRole) for i in (overdue, due))
    assert isinstance(late_icon, QIcon) and isinstance(soon_icon, QIcon)
    assert late_icon.pixmap(16).toImage() != soon_icon.pixmap(16).toImage()
    late_ink, soon_ink = (model.data(i, Qt.ItemDataRole.ForegroundRole) for i in (overdue, due))
    assert late_ink != soon_ink


def test_the_kind_filter_and_overdue_only_narrow_the_rows(qtbot: Any, main: Any) -> None:
    two_children(qtbot, main)
    view = main.workbench
    total = view.model.rowCount()
    kinds = {i.kind for i in view.model.records}
    assert WorkKind.FIRST_VISIT in kinds and len(kinds) > 1  # something to filter out
    view.kind.setCurrentIndex(view.kind.findData("visits"))
    shown = view.model.records
    assert 0 < len(shown) < total
    assert all(i.kind in KIND_GROUPS["visits"][1] for i in shown)
    assert f"显示 {len(shown)} / 共 {total} 项" in view.count.text()
    view.overdue_only.setChecked(True)
    assert view.model.records and all(i.overdue for i in view.model.records)
    assert [i.child_name for i in view.model.records] == ["李四"]
    view.kind.setCurrentIndex(view.kind.findData("ageing_out"))
    assert view.model.rowCount() == 0
    assert view.empty.is_showing() and "没有符合筛选条件" in view.empty.label.text()
    view.kind.setCurrentIndex(0)
    view.overdue_only.setChecked(False)
    assert view.model.rowCount() == total


def opened_dialog(qtbot: Any, main: Any, act: Any) -> Any:
    opened: list[Any] = []
    main.dialog_opened.connect(opened.append)
    act()
    qtbot.waitUntil(lambda: bool(opened), timeout=10_000)
    return opened[-1]


def test_enter_on_a_visit_row_opens_the_visit_dialog_for_that_child(qtbot: Any, main: Any) -> None:
    _late, soon = two_children(qtbot, main)
    table = main.workbench.table
    main.activateWindow()
    table.setFocus()
    qtbot.waitUntil(table.hasFocus, timeout=5_000)
    table.setCurrentIndex(main.workbench.model.index(row_of(main, soon.id), 2))
    dialog = opened_dialog(qtbot, main, lambda: qtbot.keyClick(table, Qt.Key.Key_Return))
    assert "王五" in dialog.windowTitle() and "记录走访" in dialog.windowTitle()
    assert main.file.file.child.id == soon.id
    assert dialog.isVisible()
    dialog.reject()


def test_the_row_button_and_the_right_click_menu_open_the_visit_dialog(
    qtbot: Any, main: Any
) -> None:
    late, soon = two_children(qtbot, main)
    view = main.workbench
    view.table.selectRow(row_of(main, late.id))
    dialog = opened_dialog(qtbot, main, view.visit_button.click)
    assert "李四" in dialog.windowTitle() and main.file.file.child.id == late.id
    dialog.reject()
    main.show_page("workbench")
    view.table.selectRow(row_of(main, soon.id))
    menu = {a.objectName(): a for a in view.table.actions()}
    assert view.table.contextMenuPolicy() == Qt.ContextMenuPolicy.ActionsContextMenu
    assert menu["visit"].text() == "记录走访" and menu["visit"].isEnabled()
    dialog = opened_dialog(qtbot, main, menu["visit"].trigger)
    assert "王五" in dialog.windowTitle() and main.file.file.child.id == soon.id
    dialog.reject()


def test_enter_on_an_agreement_row_opens_the_file_at_its_agreements(qtbot: Any, main: Any) -> None:
    two_children(qtbot, main)
    view = main.workbench
    missing = [n for n, i in enumerate(view.model.records) if i.kind is WorkKind.AGREEMENT_MISSING]
    if not missing:  # the default policy asks no agreement of these categories
        child = run(qtbot, main, lambda s: make_child(s, name="赵六"))
        with qtbot.waitSignal(view.loaded, timeout=10_000):
            view.refresh()
        missing = [
            n
            for n, i in enumerate(view.model.records)
            if i.kind is WorkKind.AGREEMENT_MISSING and i.child_id == child.id
        ]
    assert missing
    record = view.model.record(missing[0])
    view.table.selectRow(missing[0])
    with qtbot.waitSignal(main.file.loaded, timeout=10_000):
        view.do_action.trigger()
    assert main.current_page() == "file" and main.file.file.child.id == record.child_id
    assert main.file.sections.current() == "care"


def test_the_counts_above_the_work_are_the_stores_and_follow_its_changes(
    qtbot: Any, main: Any
) -> None:
    """在册 N 名 (by category, by colour) comes with the worklist, from its facts (issue 19:
    the store was counted again at every refresh); it says what ``childcare stats``
    says, and a change shows at the next refresh, which recounts only what changed."""
    from childcare_desktop.services import assessments, enrollment, stats

    def refreshed() -> str:
        with qtbot.waitSignal(main.workbench.loaded, timeout=10_000):
            main.workbench.refresh()
        return str(main.workbench.counts.text())

    def expected() -> str:
        figures = run(qtbot, main, lambda s: stats.store_stats(s))
        roll = stats.Roll(figures["active"], figures["by_category"], figures["by_colour"])
        return _counts_text(roll)

    two_children(qtbot, main)
    poor = run(
        qtbot,
        main,
        lambda s: make_child(s, name="赵六", categories=["poverty", "severe_disability"]),
    )
    gone = run(qtbot, main, lambda s: make_child(s, name="钱七"))

    def assess(level: str, colour: str) -> None:
        run(
            qtbot,
            main,
            lambda s: assessments.assess_guardianship(
                s, child_id=poor.id, assessed_on=date.today(), level=level, colour=colour
            ),
        )

    assess("poor", "red")
    first = refreshed()
    assert first == expected()
    assert "在册 4 名" in first and "红 1" in first and "未评估 3" in first
    run(
        qtbot,
        main,
        lambda s: enrollment.exit_child(s, child_id=gone.id, on_date=date.today(), reason="moved"),
    )
    assess("fair", "yellow")
    second = refreshed()
    assert second == expected() and second != first
    assert "在册 3 名" in second and "黄 1" in second and "红" not in second
