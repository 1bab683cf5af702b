"""季度核实 through the real window (issue 18): the worklist's overdue verification opens
the dialog for its quarter, a date outside the quarter and 无变化 ticked with a change are
refused beside their fields, the saved check leaves the worklist and shows in the file's
tab; a child not in difficulty is refused; 修改 corrects a check."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from childcare_desktop.core.quarters import bounds, previous, quarter_of
from childcare_desktop.core.vocab import BenefitsRight, FamilyChange
from childcare_desktop.core.worklist import WorkKind
from tests.factories import make_child, years_ago
from tests.ui.conftest import run
from tests.ui.dialog_world import opened, pick_section, show_child
from tests.ui.test_app import fill, tick
from tests.ui.test_form_input import stored_file

TODAY = date.today()
LAST_QUARTER = previous(quarter_of(TODAY))


def _item(main: Any, child_id: str) -> Any:
    return next(
        (
            i
            for i in main.workbench.model.records
            if i.child_id == child_id and i.kind is WorkKind.QUARTERLY_CHECK
        ),
        None,
    )


def _refresh(qtbot: Any, main: Any) -> None:
    with qtbot.waitSignal(main.workbench.loaded, timeout=10_000):
        main.workbench.refresh()


def test_the_overdue_check_is_done_from_the_worklist(qtbot: Any, main: Any) -> None:
    child_id = run(
        qtbot,
        main,
        lambda s: (
            make_child(
                s,
                name="柳小河",
                birth_date=years_ago(11),
                categories=["poverty"],
                registered_on=TODAY - timedelta(days=200),
            ).id
        ),
    )
    _refresh(qtbot, main)
    item = _item(main, child_id)
    assert item is not None and item.overdue and item.detail == LAST_QUARTER
    main.workbench.table.selectRow(main.workbench.model.records.index(item))
    dialog = opened(qtbot, main, main.workbench.do_button.click)
    assert main.file.sections.current() == "quarterly"
    assert dialog.form.value("quarter") == LAST_QUARTER
    _first, last = bounds(LAST_QUARTER)
    assert dialog.form.value("checked_on") == last.isoformat()

    fill(dialog, checked_on=TODAY.isoformat(), benefits_ok="no", change_note="父亲失业")
    fill(dialog, checked_by=dialog.form.value("checked_by") or "李主任")
    tick(dialog, "changes", "none", "economy")
    dialog.save_button.click()
    qtbot.waitUntil(lambda: "不在" in dialog.form.error_of("checked_on"), timeout=10_000)
    fill(dialog, checked_on=(last - timedelta(days=2)).isoformat())
    dialog.save_button.click()
    qtbot.waitUntil(lambda: "无变化" in dialog.form.error_of("changes"), timeout=10_000)
    tick(dialog, "changes", "economy")
    with qtbot.waitSignal(dialog.saved, timeout=10_000):
        dialog.save_button.click()

    box = main.file.quarterly.checks
    qtbot.waitUntil(lambda: box.model.rowCount() == 1, timeout=10_000)
    (check,) = stored_file(qtbot, main, child_id).quarterly_checks
    assert (check.quarter, check.checked_on, check.changes, check.benefits_ok) == (
        LAST_QUARTER,
        last - timedelta(days=2),
        (FamilyChange.ECONOMY,),
        BenefitsRight.NO,
    )
    main.show_page("workbench")
    _refresh(qtbot, main)
    item = _item(main, child_id)
    assert item is None or not item.overdue  # at most this quarter's, in its last days

    # 修改: the benefits were reviewed; the quarter stays
    box.table.selectRow(0)
    main.show_page("file")
    dialog = opened(qtbot, main, box.buttons["修改"].click)
    assert not dialog.form.editors["quarter"].isEnabled()
    fill(dialog, benefits_ok="yes", benefits_note="已复核")
    with qtbot.waitSignal(dialog.saved, timeout=10_000):
        dialog.save_button.click()
    (check,) = stored_file(qtbot, main, child_id).quarterly_checks
    assert (check.quarter, check.benefits_ok, check.benefits_note) == (
        LAST_QUARTER,
        BenefitsRight.YES,
        "已复核",
    )


def test_a_child_not_in_difficulty_is_refused_in_the_dialog(qtbot: Any, main: Any) -> None:
    child_id = run(
        qtbot,
        main,
        lambda s: make_child(s, name="石小溪", categories=["left_behind"]).id,
    )
    show_child(qtbot, main, child_id)
    pick_section(qtbot, main, "季度核实")
    box = main.file.quarterly.checks
    dialog = opened(qtbot, main, box.buttons["季度核实"].click)
    assert dialog.form.value("quarter") == quarter_of(TODAY)
    assert dialog.form.value("checked_on") == TODAY.isoformat()
    tick(dialog, "changes", "none")
    fill(dialog, benefits_ok="yes", checked_by="李主任")
    dialog.save_button.click()
    qtbot.waitUntil(
        lambda: "该儿童不是困境儿童，无需季度核实" in dialog.form.error_of("checked_on"),
        timeout=10_000,
    )
    assert dialog.isVisible()
    assert stored_file(qtbot, main, child_id).quarterly_checks == ()
