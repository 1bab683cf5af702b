"""问题跟进 through the real window (issue 18): a problem recorded from a visit (记为问题),
a step (记一步) and the closing (结案) through the file's own buttons and dialogs, each bad
date or missing solution refused beside its field, and the overdue problem on the
child's 应办 until it is closed."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication

from childcare_desktop.core.vocab import ProblemKind, ProblemState
from childcare_desktop.core.worklist import WorkKind
from childcare_desktop.services import problems, visits
from childcare_desktop.ui.models.worklist_table_model import OVERDUE_ROLE
from tests.factories import make_child, years_ago
from tests.ui.conftest import run
from tests.ui.dialog_world import opened, pick_section, show_child
from tests.ui.test_app import fill

TODAY = date.today()
VISITED = TODAY - timedelta(days=10)


def _child_with_a_visit(session: Any) -> tuple[str, str]:
    child = make_child(session, name="柳小溪", birth_date=years_ago(9))
    visit = visits.log_visit(
        session,
        child_id=child.id,
        visited_on=VISITED,
        mode="home",
        findings="孩子未办理户口登记",
    )
    return child.id, visit.id


def _save(qtbot: Any, dialog: Any) -> None:
    with qtbot.waitSignal(dialog.saved, timeout=10_000):
        dialog.save_button.click()


def test_record_a_problem_from_a_visit_step_it_and_close_it(qtbot: Any, main: Any) -> None:
    child_id, visit_id = run(qtbot, main, _child_with_a_visit)
    show_child(qtbot, main, child_id)
    file = main.file
    pick_section(qtbot, main, "走访记录")
    qtbot.waitUntil(lambda: file.visits.model.rowCount() == 1, timeout=10_000)
    file.visits.table.selectRow(0)
    dialog = opened(qtbot, main, file.visits.buttons["记为问题"].click)
    form = dialog.form
    assert form.value("source") == f"visit:{visit_id}"  # offered from the visit
    assert form.editors["description"].toPlainText() == "孩子未办理户口登记"
    assert form.editors["found_on"].text() == VISITED.isoformat()
    fill(
        dialog,
        kind="documents",
        handled_by="村委会",
        target_on=(VISITED - timedelta(days=1)).isoformat(),
    )
    dialog.save_button.click()
    qtbot.waitUntil(lambda: "早于发现问题的日期" in form.error_of("target_on"), timeout=10_000)
    fill(dialog, target_on=(TODAY - timedelta(days=2)).isoformat())
    _save(qtbot, dialog)

    box = file.problems
    qtbot.waitUntil(lambda: box.problems.model.rowCount() == 1, timeout=10_000)
    # past its target: on the child's own 应办, in red words
    qtbot.waitUntil(lambda: "问题跟进（逾期2天）" in file.details.text(), timeout=10_000)
    pick_section(qtbot, main, "问题跟进")
    box.problems.table.selectRow(0)
    dialog = opened(qtbot, main, box.problems.buttons["记一步"].click)
    fill(dialog, on_date=(VISITED - timedelta(days=3)).isoformat(), action="陪同家长到派出所")
    dialog.save_button.click()
    qtbot.waitUntil(lambda: "早于发现问题的日期" in dialog.form.error_of("on_date"), timeout=10_000)
    fill(dialog, on_date=(TODAY - timedelta(days=1)).isoformat(), result="材料不全")
    _save(qtbot, dialog)
    qtbot.waitUntil(lambda: box.steps.model.rowCount() == 1, timeout=10_000)

    box.problems.table.selectRow(0)
    dialog = opened(qtbot, main, box.problems.buttons["修改"].click)
    assert dialog.form.editors["handled_by"].text() == "村委会"
    assert "found_on" not in dialog.form.editors  # the steps are dated against it
    owner = dialog.form.editors["handled_by"]
    owner.setFocus()
    owner.selectAll()
    typed = QInputMethodEvent()  # Chinese is typed through the input method
    typed.setCommitString("镇派出所")
    QApplication.sendEvent(owner, typed)  # an edit saves only what the user touched
    _save(qtbot, dialog)

    qtbot.waitUntil(lambda: box.problems.model.record(0).handled_by == "镇派出所", timeout=10_000)
    box.problems.table.selectRow(0)
    dialog = opened(qtbot, main, box.problems.buttons["结案"].click)
    dialog.save_button.click()
    qtbot.waitUntil(lambda: "必须填写" in dialog.form.error_of("solution"), timeout=10_000)
    fill(dialog, solution="已办理户口登记")
    _save(qtbot, dialog)
    qtbot.waitUntil(lambda: not box.problems.buttons["结案"].isEnabled(), timeout=10_000)
    assert "问题跟进" not in file.details.text()

    (got,) = run(qtbot, main, lambda s: problems.list_problems(s, child_id=child_id))
    assert (got.kind, got.visit_id, got.handled_by, got.state, got.solution) == (
        ProblemKind.DOCUMENTS,
        visit_id,
        "镇派出所",
        ProblemState.CLOSED,
        "已办理户口登记",
    )
    assert [(s.action, s.result) for s in got.steps] == [("陪同家长到派出所", "材料不全")]


def test_the_worklist_opens_the_problem_tab(qtbot: Any, main: Any) -> None:
    def world(s: Any) -> str:
        child = make_child(s, name="柳小河", birth_date=years_ago(11))
        problems.record_problem(
            s,
            child_id=child.id,
            kind="safety",
            description="住房漏雨",
            found_on=TODAY - timedelta(days=9),
            target_on=TODAY - timedelta(days=1),
        )
        return child.id

    child_id = run(qtbot, main, world)
    bench = main.workbench
    with qtbot.waitSignal(bench.loaded, timeout=10_000):
        bench.refresh()
    model = bench.model
    (row,) = [r for r in range(model.rowCount()) if model.record(r).kind is WorkKind.PROBLEM_DUE]
    assert model.record(row).detail == "住房漏雨"
    assert model.index(row, 0).data(OVERDUE_ROLE) is True  # shown red
    index = model.index(row, 0)
    bench.table.scrollTo(index)
    viewport, at = bench.table.viewport(), bench.table.visualRect(index).center()
    with qtbot.waitSignal(main.file.loaded, timeout=10_000):
        qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=at)
        qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=at)
    assert main.file.file.child.id == child_id
    assert main.file.sections.current() == "problems"
