"""转出… and 转移 through the real window (issue 15): a director asks to move a child to
another village from the child's file; a supervisor accepts one and refuses another
(a reason required) from 编辑 › 转移…."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QApplication, QLabel

from childcare_desktop.core.roles import Role
from childcare_desktop.services import preferences, transfers
from childcare_desktop.ui.views.transfer_list import TransferList
from tests.conftest import VILLAGE
from tests.factories import make_child
from tests.ui.conftest import run
from tests.ui.dialog_world import opened, show_child
from tests.ui.test_form_input import focus, type_into

OTHER_VILLAGE = VILLAGE[:9] + "202"


def _ask(qtbot: Any, main: Any, child_id: str, reason: str) -> None:
    show_child(qtbot, main, child_id)
    qtbot.waitUntil(lambda: main.file.file.child.id == child_id, timeout=10_000)
    dialog = opened(qtbot, main, main.file.action_buttons["transfer"].click)
    name = main.file.file.child.name
    assert any(f"{name}一家搬到" in label.text() for label in dialog.findChildren(QLabel))
    village = dialog.form.editors["to_region"]
    focus(qtbot, village.lineEdit())
    type_into(qtbot, village.lineEdit(), OTHER_VILLAGE)
    note = dialog.form.editors["reason"]
    focus(qtbot, note)
    type_into(qtbot, note, reason)
    with qtbot.waitSignal(dialog.saved, timeout=10_000):
        dialog.save_button.click()


def test_a_director_asks_and_a_supervisor_decides(qtbot: Any, main: Any) -> None:
    first = run(qtbot, main, lambda s: make_child(s, name="刘小红").id)
    second = run(qtbot, main, lambda s: make_child(s, name="陈小刚").id)
    _ask(qtbot, main, first, "随父母搬迁")
    _ask(qtbot, main, second, "借读")
    asked = run(qtbot, main, transfers.list_transfers)
    assert {(r.child_name, r.to_region, r.reason, r.state) for r in asked} == {
        ("刘小红", OTHER_VILLAGE, "随父母搬迁", "requested"),
        ("陈小刚", OTHER_VILLAGE, "借读", "requested"),
    }
    # The same store worked by the township's supervisor (设置 › 本机使用人).
    run(
        qtbot,
        main,
        lambda s: preferences.set_work_settings(
            s, name="周督导", role=Role.SUPERVISOR, region_code=VILLAGE[:9], township="青石镇"
        ),
    )
    main.menus.actions["transfers"].trigger()
    qtbot.waitUntil(lambda: main.findChild(TransferList) is not None, timeout=5_000)
    listed = main.findChild(TransferList)
    qtbot.waitUntil(lambda: listed.table.rowCount() == 2, timeout=10_000)
    assert not listed.accept_button.isEnabled()  # nothing chosen yet
    names = [listed.table.item(i, 0).text() for i in range(2)]
    listed.table.selectRow(names.index("陈小刚"))
    listed.refuse_button.click()
    assert listed.status.text() == "请填写拒绝原因。"  # refused without a reason: asked for one
    type_into(qtbot, listed.note, "手续不全")
    listed.refuse_button.click()
    qtbot.waitUntil(lambda: "已拒绝陈小刚" in listed.status.text(), timeout=10_000)
    qtbot.waitUntil(lambda: listed.table.item(1, 6).text() == "已拒绝", timeout=10_000)
    # The rows are in a new order: nothing is chosen until the user chooses again.
    assert listed.current() is None and not listed.accept_button.isEnabled()
    names = [listed.table.item(i, 0).text() for i in range(2)]
    listed.table.selectRow(names.index("刘小红"))
    assert listed.accept_button.isEnabled()
    listed.accept_button.click()
    qtbot.waitUntil(lambda: "已接收" in listed.status.text(), timeout=10_000)
    decided = {r.child_name: r for r in run(qtbot, main, transfers.list_transfers)}
    assert decided["刘小红"].state == "accepted" and decided["刘小红"].decided_by == "周督导"
    assert (decided["陈小刚"].state, decided["陈小刚"].decision_note) == ("refused", "手续不全")
    listed.reject()
    assert QApplication.activeModalWidget() is None
