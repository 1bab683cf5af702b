"""A child with one row of everything, and every dialog of the app opened from the window."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from childcare_desktop.services import (
    agreements,
    assessments,
    assistance,
    enrollment,
    family,
    incidents,
    visits,
)
from childcare_desktop.ui.views.child_file_parts import LABELS
from tests.factories import make_child
from tests.ui.conftest import run

LARGE_POINTS = 13  # ui/app.py's large text


def full_child(session: Any) -> tuple[str, str]:
    """A child at 黄 with a family member, a carer, a draft agreement, a visit, a report,
    an assistance item; and a second child who has left (for 重新纳入)."""
    child = make_child(session, name="王小明", phone="13800138000")
    cid = child.id
    family.add_family_member(session, child_id=cid, relation="mother", name="李芳")
    carer = family.add_carer(session, child_id=cid, name="王大爷", relation="paternal_grandfather")
    today = date.today()
    agreements.draft_agreement(
        session,
        child_id=cid,
        carer_id=carer.id,
        start_date=today,
        end_date=today + timedelta(days=300),
    )
    visits.log_visit(session, child_id=cid, visited_on=today - timedelta(days=3), mode="home")
    assessments.assess_guardianship(
        session, child_id=cid, assessed_on=today - timedelta(days=2), level="fair", colour="yellow"
    )
    moment = datetime.now().replace(second=0, microsecond=0) - timedelta(hours=2)
    incidents.file_report(
        session,
        child_id=cid,
        discovered_at=moment,
        situations=["private_parts_injury"],
        description="独自在家",
        reported_to="城关派出所",
        reported_at=moment,
    )
    assistance.record_assistance(session, child_id=cid, kind="dibao", amount_yuan=300)
    gone = make_child(session, name="赵小红")
    enrollment.exit_child(session, child_id=gone.id, on_date=today, reason="moved")
    return cid, gone.id


def opened(qtbot: Any, main: Any, click: Callable[[], Any]) -> Any:
    """The dialog that ``click`` opens (the window announces every dialog)."""
    with qtbot.waitSignal(main.dialog_opened, timeout=10_000) as shown:
        click()
    dialog = shown.args[0]
    qtbot.waitUntil(dialog.isVisible, timeout=5_000)
    return dialog


def close(dialog: Any) -> None:
    if hasattr(dialog, "form"):
        dialog.form.mark_clean()
    dialog.reject()


def show_child(qtbot: Any, main: Any, child_id: str) -> None:
    with qtbot.waitSignal(main.file.loaded, timeout=10_000):
        main.open_child(child_id, "basic")


def pick_section(qtbot: Any, main: Any, name: str) -> Any:
    """Click the part of the child's file called ``name`` (基本信息, 问题跟进…) in the
    file's list of parts, as a user does; the part's page, now shown."""
    sections = main.file.sections
    key = next(key for key, label in LABELS.items() if label == name)
    item = sections.item(key)
    sections.list.scrollToItem(item)
    at = sections.list.visualItemRect(item).center()
    qtbot.mouseClick(sections.list.viewport(), Qt.MouseButton.LeftButton, pos=at)
    page = sections.page(key)
    assert sections.current() == key and sections.stack.currentWidget() is page, name
    return page


def _row_button(qtbot: Any, main: Any, tab: Any, label: str, tab_key: str) -> Any:
    pick_section(qtbot, main, LABELS[tab_key])
    qtbot.waitUntil(lambda: tab.model.rowCount() > 0, timeout=10_000)
    tab.table.selectRow(0)
    return opened(qtbot, main, tab.buttons[label].click)


def every_dialog(qtbot: Any, main: Any) -> Iterator[tuple[str, Any]]:
    """Each dialog of the app, opened the way a user opens it; closed after the caller looks."""
    child_id, gone_id = run(qtbot, main, full_child)
    yield "new_child", opened(qtbot, main, main.new_child)
    show_child(qtbot, main, child_id)
    f = main.file
    for key in ("visit", "assess", "report", "exit"):
        yield key, opened(qtbot, main, f.action_buttons[key].click)
    button_rows = [
        (f.basic.categories, "认定类别", "basic", False),
        (f.basic.categories, "类别退出", "basic", True),
        (f.family, "添加家庭成员", "family", False),
        (f.family, "修改", "family", True),
        (f.carers, "添加照护人", "care", False),
        (f.carers, "修改", "care", True),
        (f.agreements, "起草协议", "care", False),
        (f.agreements, "签订", "care", True),
        (f.agreements, "终止", "care", True),
        (f.visits, "更正", "visits", True),
        (f.assessments, "新评估", "assessments", False),
        (f.incidents, "后续跟进", "incidents", True),
        (f.assistance, "添加", "assistance", False),
        (f.assistance, "修改", "assistance", True),
    ]
    for tab, label, key, needs_row in button_rows:
        if needs_row:
            yield f"{key}:{label}", _row_button(qtbot, main, tab, label, key)
        else:
            pick_section(qtbot, main, LABELS[key])
            yield f"{key}:{label}", opened(qtbot, main, tab.buttons[label].click)
    show_child(qtbot, main, gone_id)
    yield "reenter", opened(qtbot, main, f.action_buttons["exit"].click)
    yield "import", opened(qtbot, main, main.import_ledger)


def set_large_text(qtbot: Any, main: Any, on: bool) -> None:
    """Tick 大字模式 in 设置, as a user does; the whole app's text grows."""
    main.show_page("settings")
    box = main.settings.large_font
    if box.isChecked() != on:
        box.click()
    want = LARGE_POINTS if on else 10
    qtbot.waitUntil(lambda: QApplication.font().pointSize() == want, timeout=5_000)
