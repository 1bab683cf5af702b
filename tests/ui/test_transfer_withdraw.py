"""撤回 in 编辑 › 转移… (issue 15): the director who asked withdraws a transfer not yet
decided, after a confirmation; accept and refuse are offered only to who may decide."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QMessageBox

from childcare_desktop.core.roles import Role
from childcare_desktop.services import preferences, transfers
from childcare_desktop.ui.views.transfer_list import TransferList
from tests.conftest import VILLAGE
from tests.factories import make_child
from tests.ui.conftest import run
from tests.ui.test_settings_work import modal

OTHER_VILLAGE = VILLAGE[:9] + "202"


def _asked(qtbot: Any, main: Any, name: str) -> str:
    def job(session: Any) -> str:
        child = make_child(session, name=name)
        asked = transfers.request_transfer(
            session, child_id=child.id, to_region=OTHER_VILLAGE, reason="随父母搬迁"
        )
        return asked.id

    return run(qtbot, main, job)


def _listed(qtbot: Any, main: Any, rows: int) -> TransferList:
    main.menus.actions["transfers"].trigger()
    qtbot.waitUntil(lambda: main.findChild(TransferList) is not None, timeout=5_000)
    listed = main.findChild(TransferList)
    qtbot.waitUntil(lambda: listed.table.rowCount() == rows, timeout=10_000)
    return listed


def test_the_director_withdraws_a_transfer_asked_for(qtbot: Any, main: Any) -> None:
    asked = _asked(qtbot, main, "刘小红")
    listed = _listed(qtbot, main, 1)
    listed.table.selectRow(0)
    # A village director asks; only the township decides.
    assert not listed.accept_button.isEnabled() and not listed.refuse_button.isEnabled()
    assert listed.withdraw_button.isEnabled()
    listed.withdraw_button.click()
    box = modal(qtbot, QMessageBox)
    assert "刘小红" in box.text() and "重新申请" in box.text()
    box.button(QMessageBox.StandardButton.Cancel).click()  # thought better of it
    assert run(qtbot, main, transfers.list_transfers)[0].state == "requested"
    listed.table.selectRow(0)
    listed.withdraw_button.click()
    box = modal(qtbot, QMessageBox)
    box.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: "已撤回刘小红" in listed.status.text(), timeout=10_000)
    qtbot.waitUntil(lambda: listed.table.item(0, 6).text() == "已撤回", timeout=10_000)
    (done,) = run(qtbot, main, transfers.list_transfers)
    assert (done.id, done.state) == (asked, "cancelled")
    listed.table.selectRow(0)  # decided or withdrawn: nothing more to do with it
    assert not listed.withdraw_button.isEnabled() and not listed.accept_button.isEnabled()


def test_the_supervisor_of_another_township_may_not_decide(qtbot: Any, main: Any) -> None:
    _asked(qtbot, main, "陈小刚")
    run(
        qtbot,
        main,
        lambda s: preferences.set_work_settings(
            s, name="吴督导", role=Role.SUPERVISOR, region_code="349901102", township="白沙乡"
        ),
    )
    listed = _listed(qtbot, main, 1)
    listed.table.selectRow(0)
    assert not listed.accept_button.isEnabled() and not listed.withdraw_button.isEnabled()
