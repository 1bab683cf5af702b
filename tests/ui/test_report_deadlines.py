"""强制报告 that escalate, through the real window (issue 18): a report whose 评估帮扶 is
past its deadline reads red on the 工作台, naming the stage; 办理 opens the child's file
at that report, whose stages show their deadlines met or late; recording the stage
through 后续跟进 takes it off the worklist."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from PySide6.QtCore import Qt

from childcare_desktop.core.vocab import FollowupStage, RiskColour
from childcare_desktop.core.worklist import WorkKind
from childcare_desktop.services import incidents
from childcare_desktop.ui.models.record_table_model import COLOUR_BRUSHES
from childcare_desktop.ui.models.worklist_table_model import OVERDUE_COLOUR, PLAN_COLUMN
from tests.factories import make_child
from tests.ui.conftest import run
from tests.ui.dialog_world import opened
from tests.ui.test_app import fill

TODAY = date.today()
REPORTED = TODAY - timedelta(days=12)


def _reported(session: Any) -> tuple[str, str]:
    """A child reported 12 days ago; the township was told the next day (on time), the
    emergency measures written on the report; no 评估帮扶 yet: due on day 8, 4 days late."""
    child = make_child(session, name="周小禾")
    when = datetime.combine(REPORTED, datetime.min.time()).replace(hour=9)
    report = incidents.file_report(
        session,
        child_id=child.id,
        discovered_at=when,
        situations=["abandoned"],
        description="长期无人照料",
        reported_to="青石镇派出所",
        reported_at=when,
        emergency_measures="送至伯父家临时照料",
    )
    incidents.add_followup(
        session,
        incident_id=report.id,
        stage="notified",
        on_date=REPORTED + timedelta(days=1),
        action="电话通报镇政府",
    )
    # an older report, closed: nothing of it is due any more
    old = incidents.file_report(
        session,
        child_id=child.id,
        discovered_at=when - timedelta(days=200),
        situations=["abandoned"],
        description="单独居住",
        reported_to="青石镇派出所",
        reported_at=when - timedelta(days=200),
    )
    incidents.add_followup(
        session, incident_id=old.id, stage="closed", on_date=REPORTED, action="已回家"
    )
    return child.id, report.id


def _stage_rows(main: Any) -> list[Any]:
    return [i for i in main.workbench.model.records if i.kind is WorkKind.REPORT_STAGE]


def test_a_late_stage_is_red_on_the_worklist_and_opens_its_report(qtbot: Any, main: Any) -> None:
    child_id, report_id = run(qtbot, main, _reported)
    view = main.workbench
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        view.refresh()
    rows = _stage_rows(main)
    assert {(i.detail, i.overdue_days) for i in rows} == {("assessment", 4), ("feedback", 0)}
    late = next(i for i in rows if i.detail == "assessment")
    assert late.ref == report_id and late.child_id == child_id
    model = view.model
    row = model.records.index(late)
    shown = [model.data(model.index(row, c)) for c in range(model.columnCount())]
    assert "强制报告" in shown and "强制报告：评估帮扶逾期4天" in shown
    for column in range(model.columnCount()):  # the whole row reads red
        index = model.index(row, column)
        assert model.data(index, Qt.ItemDataRole.ForegroundRole) == OVERDUE_COLOUR
        brush = model.data(index, Qt.ItemDataRole.BackgroundRole)
        assert brush.color() == COLOUR_BRUSHES[RiskColour.RED]
    due = next(i for i in rows if i.detail == "feedback")
    due_row = model.records.index(due)
    assert model.data(model.index(due_row, PLAN_COLUMN + 1)).startswith("强制报告：受理反馈，")
    assert model.data(model.index(due_row, 2), Qt.ItemDataRole.ForegroundRole) != OVERDUE_COLOUR

    view.kind.setCurrentIndex(view.kind.findData("reports"))
    assert set(view.model.records) == set(rows)
    view.table.selectRow(view.model.records.index(late))
    with qtbot.waitSignal(main.file.loaded, timeout=10_000):
        view.do_button.click()
    box = main.file.incidents
    assert main.current_page() == "file" and main.file.file.child.id == child_id
    assert main.file.sections.current() == "incidents"
    assert box.selected().id == report_id  # the late report, not the older one
    assert not box.stages.empty.is_showing()  # no "还没有记录" over the stages
    stages = {s.stage: s for s in box.stages.model.records}
    assert list(stages) == [
        FollowupStage.NOTIFIED,
        FollowupStage.EMERGENCY,
        FollowupStage.ASSESSMENT,
        FollowupStage.INTERVENTION,
        FollowupStage.FEEDBACK,
    ]
    table = box.stages.model
    texts = {
        table.data(table.index(n, 0)): [table.data(table.index(n, c)) for c in range(1, 4)]
        for n in range(table.rowCount())
    }
    assert texts["通报乡镇"] == [
        (REPORTED + timedelta(days=1)).isoformat(),
        (REPORTED + timedelta(days=1)).isoformat(),
        "按时完成",
    ]
    assert texts["应急处置"][2] == "按时完成"
    assert texts["评估帮扶"] == [(REPORTED + timedelta(days=8)).isoformat(), "", "逾期4天"]
    late_row = [table.data(table.index(n, 0)) for n in range(table.rowCount())].index("评估帮扶")
    assert table.data(table.index(late_row, 3), Qt.ItemDataRole.ForegroundRole) == OVERDUE_COLOUR

    # 后续跟进: 评估帮扶 recorded today, 4 days late; it leaves the worklist
    dialog = opened(qtbot, main, box.buttons["后续跟进"].click)
    fill(dialog, stage="assessment", on_date=TODAY.isoformat(), action="镇村联合入户评估")
    with qtbot.waitSignal(main.file.loaded, timeout=10_000):
        dialog.save_button.click()
    assert box.selected().id == report_id  # still the same report
    table = box.stages.model
    texts = {table.data(table.index(n, 0)): table.data(table.index(n, 3)) for n in range(5)}
    assert texts["评估帮扶"] == "逾期4天完成"
    main.show_page("workbench")
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        view.refresh()
    assert {i.detail for i in _stage_rows(main)} == {"feedback"}
