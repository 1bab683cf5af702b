"""结对帮扶与学校 through the real window (issue 18): a director pairs a helper with a child,
logs a contact, ends the pairing and records that the school was told, all through the
real buttons and dialogs; bad dates are refused beside their fields, and the file's 应办
names the school notice until it is recorded."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from childcare_desktop.core.vocab import HelperRole, NoticeMode, PairingContactMode
from childcare_desktop.core.worklist import WorkKind
from childcare_desktop.services import pairing
from tests.factories import make_child, years_ago
from tests.ui.conftest import run
from tests.ui.dialog_world import opened, pick_section, show_child
from tests.ui.test_app import fill, tick
from tests.ui.test_form_input import stored_file

TODAY = date.today()
SINCE = TODAY - timedelta(days=20)


def _child(qtbot: Any, main: Any) -> str:
    child_id = run(
        qtbot,
        main,
        lambda s: (
            make_child(
                s,
                name="柳小河",
                birth_date=years_ago(10),
                school_stage="小学",
                school_name="青石镇小学",
                registered_on=TODAY - timedelta(days=40),
            ).id
        ),
    )
    show_child(qtbot, main, child_id)
    pick_section(qtbot, main, "结对帮扶与学校")
    return child_id


def _saved(qtbot: Any, dialog: Any) -> None:
    with qtbot.waitSignal(dialog.saved, timeout=10_000):
        dialog.save_button.click()


def test_pair_log_a_contact_end_and_tell_the_school(qtbot: Any, main: Any) -> None:
    child_id = _child(qtbot, main)
    box = main.file.pairing
    assert "告知学校" in main.file.details.text()  # 应办: a 留守 child in school, not told
    assert not box.pairings.buttons["记联系"].isEnabled()  # nothing to log against yet

    dialog = opened(qtbot, main, box.pairings.buttons["新增结对"].click)
    fill(dialog, helper_role="teacher", phone="13800138000", since=years_ago(11).isoformat())
    dialog.save_button.click()
    assert dialog.form.error_of("helper_name")  # the form asks for the helper's name
    fill(dialog, helper_name="李老师")
    dialog.save_button.click()
    qtbot.waitUntil(lambda: "早于儿童出生日期" in dialog.form.error_of("since"), timeout=10_000)
    fill(dialog, since=SINCE.isoformat())
    _saved(qtbot, dialog)
    qtbot.waitUntil(lambda: box.pairings.model.rowCount() == 1, timeout=10_000)

    box.pairings.table.selectRow(0)
    dialog = opened(qtbot, main, box.pairings.buttons["记联系"].click)
    fill(dialog, contacted_on=(SINCE - timedelta(days=1)).isoformat(), mode="phone")
    dialog.save_button.click()
    qtbot.waitUntil(lambda: "不在结对期间" in dialog.form.error_of("contacted_on"), timeout=10_000)
    fill(dialog, contacted_on=TODAY.isoformat(), content="电话询问学习情况")
    _saved(qtbot, dialog)
    qtbot.waitUntil(lambda: box.contacts.model.rowCount() == 1, timeout=10_000)

    box.pairings.table.selectRow(0)
    dialog = opened(qtbot, main, box.pairings.buttons["结束结对"].click)
    fill(dialog, until=(TODAY - timedelta(days=1)).isoformat(), end_reason="工作调动")
    dialog.save_button.click()
    qtbot.waitUntil(lambda: "早于最近一次联系" in dialog.form.error_of("until"), timeout=10_000)
    fill(dialog, until=TODAY.isoformat())
    _saved(qtbot, dialog)
    qtbot.waitUntil(lambda: box.pairings.model.record(0).until == TODAY, timeout=10_000)

    dialog = opened(qtbot, main, box.notices.buttons["记告知学校"].click)
    assert dialog.form.editors["school_name"].text() == "青石镇小学"  # from the file
    tick(dialog, "contents")  # nothing ticked: refused
    fill(dialog, told_on=(TODAY + timedelta(days=1)).isoformat(), mode="in_person")
    dialog.save_button.click()
    assert dialog.form.error_of("contents")
    tick(dialog, "contents", "situation", "parents_work", "parents_contact")
    dialog.save_button.click()
    qtbot.waitUntil(lambda: bool(dialog.form.error_of("told_on")), timeout=10_000)
    fill(dialog, told_on=TODAY.isoformat(), told_whom="王校长")
    _saved(qtbot, dialog)
    qtbot.waitUntil(lambda: box.notices.model.rowCount() == 1, timeout=10_000)
    qtbot.waitUntil(lambda: "告知学校" not in main.file.details.text(), timeout=10_000)

    file = stored_file(qtbot, main, child_id)
    (paired,) = file.pairings
    assert (paired.helper_name, paired.helper_role, paired.since, paired.until) == (
        "李老师",
        HelperRole.TEACHER,
        SINCE,
        TODAY,
    )
    assert [c.mode for c in paired.contacts] == [PairingContactMode.PHONE]
    (notice,) = file.school_notices
    assert (notice.mode, notice.told_whom, len(notice.contents)) == (
        NoticeMode.IN_PERSON,
        "王校长",
        3,
    )


def test_the_worklist_names_the_helper_and_opens_the_tab(qtbot: Any, main: Any) -> None:
    def job(s: Any) -> str:
        child = make_child(s, name="赵小兰", birth_date=years_ago(9))
        since = TODAY.replace(day=1) - timedelta(days=45)  # the month before last
        pairing.add_pairing(
            s, child_id=child.id, helper_name="周志愿", helper_role="volunteer", since=since
        )
        return child.id

    child_id = run(qtbot, main, job)
    with qtbot.waitSignal(main.workbench.loaded, timeout=10_000):
        main.workbench.refresh()
    model = main.workbench.model
    qtbot.waitUntil(lambda: any(i.child_id == child_id for i in model.records), timeout=10_000)
    item = next(
        i for i in model.records if i.child_id == child_id and i.kind is WorkKind.PAIRING_CONTACT
    )
    assert item.overdue  # a whole month went by without a contact
    row = model.records.index(item)
    texts = [model.index(row, c).data() for c in range(model.columnCount())]
    assert "结对帮扶：本月未联系" in texts and "帮扶人：周志愿" in texts
    with qtbot.waitSignal(main.file.loaded, timeout=10_000):
        main.workbench.table.doubleClicked.emit(model.index(row, 0))
    assert main.file.sections.current() == "pairing"
