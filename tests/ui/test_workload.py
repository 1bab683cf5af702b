"""工作台: the weekly cap set through its real dialog, and the plan it gives (本周 2/3,
the 计划周 column, 仅本周计划); switched off, the worklist is as it was."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from PySide6.QtWidgets import QDialogButtonBox

from childcare_desktop.core.worklist import WorkKind
from childcare_desktop.core.workload import week_start
from childcare_desktop.services import visits, workload
from childcare_desktop.ui.models.worklist_table_model import PLAN_COLUMN
from tests.factories import make_child
from tests.ui.conftest import run

MONDAY = week_start(date.today())


def five_due_next_thursday(session: Any) -> list[str]:
    """Unassessed (yellow: a contact every 14 days), visited the Thursday before this
    week: a contact due on Thursday next week, not on today's worklist."""
    ids = []
    for n in range(5):
        child = make_child(session, name=f"计划{n}")
        visits.log_visit(
            session, child_id=child.id, visited_on=MONDAY - timedelta(days=4), mode="home"
        )
        ids.append(child.id)
    return ids


def set_cap(qtbot: Any, main: Any, cap: int | None) -> None:
    """每周走访上限… → tick or untick the limit, the number, 保存."""
    box = main.workbench.workload
    box.button.click()
    qtbot.waitUntil(lambda: box.dialog is not None and box.dialog.isVisible(), timeout=10_000)
    dialog = box.dialog
    dialog.limited.setChecked(cap is not None)
    if cap is not None:
        dialog.cap.setValue(cap)
    with qtbot.waitSignal(main.workbench.loaded, timeout=10_000):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    qtbot.waitUntil(lambda: box.dialog is None, timeout=10_000)  # closed once saved


def contact_rows(main: Any) -> list[Any]:
    return [i for i in main.workbench.model.records if i.kind is WorkKind.CONTACT]


def test_the_weekly_cap_plans_the_visits_on_the_workbench(qtbot: Any, main: Any) -> None:
    ids = run(qtbot, main, five_due_next_thursday)
    bench = main.workbench
    with qtbot.waitSignal(bench.loaded, timeout=10_000):
        bench.refresh()
    assert "未设每周上限" in bench.workload.line.text()
    assert bench.table.isColumnHidden(PLAN_COLUMN)
    assert contact_rows(main) == []  # due in more than a week

    set_cap(qtbot, main, 3)
    assert run(qtbot, main, workload.weekly_visit_cap) == 3  # kept in the store
    line = bench.workload.line.text()
    assert "每周最多 3 次" in line and "本周 2/3" in line and "下周 3/3" in line
    assert not bench.table.isColumnHidden(PLAN_COLUMN)
    # the two the cap pulls into this week are on today's list, planned 本周
    pulled = contact_rows(main)
    assert len(pulled) == 2 and {i.child_id for i in pulled} <= set(ids)
    model = bench.model
    rows = [n for n, i in enumerate(model.records) if i.kind is WorkKind.CONTACT]
    assert {model.data(model.index(n, PLAN_COLUMN)) for n in rows} == {"本周"}

    # 仅本周计划: this week's visits only (no assessments, no agreements)
    bench.workload.this_week.setChecked(True)
    assert {i.kind for i in model.records} == {WorkKind.CONTACT}
    assert {i.child_id for i in model.records} == {i.child_id for i in pulled}
    bench.workload.this_week.setChecked(False)

    set_cap(qtbot, main, None)  # 不限: the worklist as it was
    assert run(qtbot, main, workload.weekly_visit_cap) is None
    assert "未设每周上限" in bench.workload.line.text()
    assert bench.table.isColumnHidden(PLAN_COLUMN)
    assert contact_rows(main) == []
    assert not bench.workload.this_week.isVisible()


def test_an_overdue_week_reads_over_the_cap(qtbot: Any, main: Any) -> None:
    for n in range(3):  # first visits overdue: registered 30 days ago, never visited
        run(qtbot, main, lambda s, n=n: make_child(s, name=f"逾期{n}"))
    set_cap(qtbot, main, 2)
    line = main.workbench.workload.line.text()
    assert "本周 3/2（超出 1 次）" in line and "不能推后" in line
    model = main.workbench.model
    late = [n for n, i in enumerate(model.records) if i.kind is WorkKind.FIRST_VISIT]
    texts = sorted(model.data(model.index(n, PLAN_COLUMN)) for n in late)
    assert texts == ["本周", "本周", "本周（超出上限）"]
    assert all(model.records[n].overdue for n in late)  # overdue stays overdue
