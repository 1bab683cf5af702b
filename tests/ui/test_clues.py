"""线索登记 through the real window (issue 18): a clue registered through 登记线索 (no
source refused beside its field as 请选择线索来源, a future time refused), on the
工作台 until handled, 办理 there opens it on its page, 转为强制报告 opens the file's own
report dialog filled from the clue, 结案 needs an outcome; a clue that only describes
its child asks for the child before 安排走访 opens the visit dialog."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from PySide6.QtWidgets import QLabel

from childcare_desktop.core.vocab import ClueHandling, ClueOutcome, ClueState
from childcare_desktop.core.worklist import WorkKind
from childcare_desktop.services import clues, incidents, visits
from tests.factories import make_child
from tests.ui.conftest import run
from tests.ui.dialog_world import opened, pick_section, show_child
from tests.ui.test_app import fill, tick

NOW = datetime.now().replace(second=0, microsecond=0)


def _page(qtbot: Any, main: Any) -> Any:
    main.nav.setCurrentRow(main.pages.indexOf(main.clues))
    page = main.clues
    qtbot.waitUntil(lambda: not page.stale and page.status.text() != "", timeout=10_000)
    return page


def _save(qtbot: Any, dialog: Any) -> Any:
    with qtbot.waitSignal(dialog.saved, timeout=10_000) as saved:
        dialog.save_button.click()
    return saved.args[0]


def _refused(qtbot: Any, dialog: Any, field: str, words: str) -> None:
    dialog.save_button.click()
    qtbot.waitUntil(lambda: words in dialog.form.error_of(field), timeout=10_000)
    assert dialog.isVisible()


def test_register_a_clue_and_turn_it_into_a_mandatory_report(qtbot: Any, main: Any) -> None:
    child = run(qtbot, main, lambda s: make_child(s, name="柳小河"))
    page = _page(qtbot, main)
    assert not page.buttons["report"].isEnabled()  # nothing chosen yet
    dialog = opened(qtbot, main, page.buttons["new"].click)
    fill(dialog, content="来电反映孩子夜里独自在家", safety="yes", child_id=child.id)
    _refused(qtbot, dialog, "source", "请选择线索来源")
    fill(dialog, source="hotline_12355")
    fill(dialog, received_at=(NOW + timedelta(days=1)).strftime("%Y-%m-%d %H:%M"))
    _refused(qtbot, dialog, "received_at", "晚于今天")
    fill(dialog, received_at=(NOW - timedelta(hours=2)).strftime("%Y-%m-%d %H:%M"))
    clue = _save(qtbot, dialog)
    assert (clue.child_id, clue.safety, clue.state) == (child.id, True, ClueState.OPEN)

    # On the 工作台 until handled; 办理 there opens it on its page, selected.
    main.nav.setCurrentRow(main.pages.indexOf(main.workbench))
    board = main.workbench
    qtbot.waitUntil(
        lambda: any(
            board.model.record(r).kind is WorkKind.CLUE for r in range(board.model.rowCount())
        ),
        timeout=10_000,
    )
    row = next(r for r in range(board.model.rowCount()) if board.model.record(r).ref == clue.id)
    assert board.model.record(row).child_name == "柳小河"
    board.table.selectRow(row)
    board.do_button.click()
    qtbot.waitUntil(lambda: page.current() is not None, timeout=10_000)
    assert main.pages.currentWidget() is page and page.current().id == clue.id

    report = opened(qtbot, main, page.buttons["report"].click)
    assert report.form.value("description") == "来电反映孩子夜里独自在家"  # from the clue
    assert "12355" in report.form.value("discovered_how")
    tick(report, "situations", "abandoned")
    fill(report, reported_to="青石派出所", report_method="110")
    filed = _save(qtbot, report)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=10_000)
    qtbot.waitUntil(lambda: page.model.record(0).state is ClueState.HANDLED, timeout=10_000)
    stored = run(qtbot, main, lambda s: clues.get_clue(s, clue_id=clue.id))
    assert (stored.handling, stored.incident_id) == (ClueHandling.REPORT, filed.id)
    reports = run(qtbot, main, lambda s: incidents.list_reports(s, child_id=child.id))
    assert [r.id for r in reports] == [filed.id]

    page.table.selectRow(0)
    assert not page.buttons["report"].isEnabled() and page.buttons["close"].isEnabled()
    closing = opened(qtbot, main, page.buttons["close"].click)
    _refused(qtbot, closing, "outcome", "请选择结果")
    fill(closing, outcome="confirmed", outcome_note="派出所已出警")
    closed = _save(qtbot, closing)
    assert (closed.state, closed.outcome) == (ClueState.CLOSED, ClueOutcome.CONFIRMED)
    qtbot.waitUntil(lambda: page.model.rowCount() == 0, timeout=10_000)  # 仅未结案

    show_child(qtbot, main, child.id)  # the child's file lists it
    pick_section(qtbot, main, "线索")
    qtbot.waitUntil(lambda: main.file.clues.model.rowCount() == 1, timeout=10_000)
    assert main.file.clues.model.record(0).outcome is ClueOutcome.CONFIRMED


def test_a_clue_about_a_child_not_named_asks_the_child_before_the_visit(
    qtbot: Any, main: Any
) -> None:
    child = run(qtbot, main, lambda s: make_child(s, name="陈小树"))
    run(
        qtbot,
        main,
        lambda s: clues.register_clue(
            s,
            source="school",
            received_at=NOW - timedelta(hours=5),
            content="学校反映孩子三天未到校",
            about="陈家男孩，约10岁",
        ),
    )
    page = _page(qtbot, main)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=10_000)
    page.table.selectRow(0)
    choosing = opened(qtbot, main, page.buttons["visit"].click)
    assert "陈家男孩，约10岁" in " ".join(label.text() for label in choosing.findChildren(QLabel))
    with qtbot.waitSignal(main.dialog_opened, timeout=10_000) as next_dialog:
        fill(choosing, child_id=child.id)
        choosing.save_button.click()
    visit = next_dialog.args[0]
    qtbot.waitUntil(visit.isVisible, timeout=5_000)
    assert any("学校反映孩子三天未到校" in label.text() for label in visit.findChildren(QLabel))
    fill(visit, findings="孩子发烧在家，已请假")
    made = _save(qtbot, visit)
    stored = run(qtbot, main, lambda s: clues.get_clue(s, clue_id=page.model.record(0).id))
    assert (stored.child_id, stored.handling, stored.visit_id) == (
        child.id,
        ClueHandling.VISIT,
        made.id,
    )
    listed = run(qtbot, main, lambda s: visits.list_visits(s, child_id=child.id))
    assert [v.id for v in listed] == [made.id]
