"""A shared township PC (issue 16): several users' stores, each behind its own passphrase;
the unlock screen lists them, 切换用户 closes one for another, all offline."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from childcare_desktop.services import known_stores, stores
from childcare_desktop.ui.app import Controller
from tests.factories import make_child
from tests.ui.test_unsaved import answer, open_file, question, type_into

PASS_A, PASS_B = "liuxi-village-passphrase-2026", "taoyuan-village-passphrase-2026"


def make_store(path: Path, passphrase: str, who: str, code: str, village: str, child: str) -> Path:
    """A director's store made as 新建档案库 makes it, with one child in it."""
    store = stores.create(
        path,
        passphrase,
        actor=who,
        region_code=code,
        name=who,
        village=village,
        township="青山镇",
        county="示范县",
    )
    with store.session() as session:
        make_child(session, name=child)
    store.close()
    return path


@pytest.fixture
def two(tmp_path: Path) -> tuple[Path, Path]:
    """王芳's store (柳溪村, child 赵小雨) and 李强's (桃源村, child 钱小山), both known here."""
    a = make_store(tmp_path / "wangfang.db", PASS_A, "王芳", "349901101201", "柳溪村", "赵小雨")
    b = make_store(tmp_path / "liqiang.db", PASS_B, "李强", "349901101202", "桃源村", "钱小山")
    known_stores.save([known_stores.KnownStore(path=a), known_stores.KnownStore(path=b)])
    return a, b


def rows(controller: Controller) -> list[str]:
    view = controller.unlock.store_list.view
    return [view.item(i).text() for i in range(view.count())]


def pick(controller: Controller, path: Path) -> None:
    listed = controller.unlock.store_list
    row = [known_stores.same_path(s.path, path) for s in listed.stores].index(True)
    listed.view.setCurrentRow(row)


def unlock_as(qtbot: Any, controller: Controller, path: Path, passphrase: str) -> Any:
    pick(controller, path)
    view = controller.unlock
    view.passphrase.setText(passphrase)
    with qtbot.waitSignal(controller.main_shown, timeout=20_000):
        view.unlock_button.click()
    main = controller.main
    assert main is not None
    main.show_page("roster")
    qtbot.waitUntil(lambda: not main.roster.stale and main.roster.model.total >= 1, timeout=10_000)
    return main


def names_on_roster(main: Any) -> list[str]:
    return [c.name for c in main.roster.model.records]


def switch_user(qtbot: Any, controller: Controller) -> None:
    """文件 > 切换用户, and wait for the list of stores."""
    assert controller.main is not None
    controller.main.menus.actions["switch_user"].trigger()
    wait_for_list(qtbot, controller)


def wait_for_list(qtbot: Any, controller: Controller) -> None:
    qtbot.waitUntil(
        lambda: controller.main is None and controller.unlock.store_list.isVisible(),
        timeout=20_000,
    )


def test_each_user_opens_only_their_own_store_and_switches_to_the_other(
    qtbot: Any, controller: Controller, two: tuple[Path, Path]
) -> None:
    a, b = two
    controller.start(None, demo=False)
    view = controller.unlock
    assert view.store_list.isVisible() and len(rows(controller)) == 2
    assert all("尚未打开过" in row for row in rows(controller))  # nobody's name before unlock
    pick(controller, a)
    view.passphrase.setText(PASS_B)  # 李强's passphrase does not open 王芳's store
    view.unlock_button.click()
    qtbot.waitUntil(lambda: "口令不正确" in view.error.text(), timeout=10_000)
    assert controller.main is None and "钱小山" not in view.error.text()
    main = unlock_as(qtbot, controller, a, PASS_A)
    assert names_on_roster(main) == ["赵小雨"]
    old = main
    main.menus.actions["switch_user"].trigger()
    assert "正在关闭" in view.error.text()  # until the store is closed nothing else opens
    assert not any(b.isEnabled() for b in view.store_buttons)
    wait_for_list(qtbot, controller)
    qtbot.waitUntil(lambda: not shiboken6.isValid(old), timeout=10_000)  # no model left
    assert not controller.session.is_open
    assert not any(w.isVisible() for w in QApplication.topLevelWidgets() if w is not view)
    assert "王芳 · 儿童主任 · 柳溪村" in rows(controller)[0]  # learnt when it was opened
    assert view.store_list.current().path == a  # the last one opened is picked
    main = unlock_as(qtbot, controller, b, PASS_B)
    assert names_on_roster(main) == ["钱小山"]
    qtbot.waitUntil(lambda: known_stores.load()[1].place == "桃源村", timeout=5_000)
    assert [(s.name, s.role) for s in known_stores.load()] == [
        ("王芳", "director"),
        ("李强", "director"),
    ]


def test_switching_asks_about_unsaved_edits_first(
    qtbot: Any, controller: Controller, two: tuple[Path, Path]
) -> None:
    a, _b = two
    controller.start(a, demo=False)
    main = unlock_as(qtbot, controller, a, PASS_A)
    open_file(qtbot, main, name="孙小梅")
    type_into(qtbot, main, "name", "孙小美")
    main.menus.actions["switch_user"].trigger()
    answer(question(qtbot, main), "取消")
    assert controller.main is main and main.isVisible() and controller.session.is_open
    assert main.file.basic.form.value("name") == "孙小美"  # still typed, still there
    main.menus.actions["switch_user"].trigger()
    answer(question(qtbot, main), "保存")
    wait_for_list(qtbot, controller)
    main = unlock_as(qtbot, controller, a, PASS_A)
    assert "孙小美" in names_on_roster(main)  # saved before the store was closed


def test_the_lock_screen_switches_user_only_after_agreeing_to_drop_kept_edits(
    qtbot: Any, controller: Controller, two: tuple[Path, Path]
) -> None:
    a, b = two
    controller.start(a, demo=False)
    main = unlock_as(qtbot, controller, a, PASS_A)
    open_file(qtbot, main, name="孙小梅")
    type_into(qtbot, main, "name", "孙小美")
    with qtbot.waitSignal(controller.session.locked, timeout=10_000):
        main.menus.actions["lock"].trigger()
    view = controller.unlock
    assert not view.store_list.isVisible() and view.switch_button.isVisible()
    view.switch_button.click()
    box = view.findChild(QMessageBox, "discard_question")
    assert box is not None and box.isVisible()
    answer(box, "取消")
    assert controller.main is main and not view.store_list.isVisible()
    view.switch_button.click()
    answer(view.findChild(QMessageBox, "discard_question"), "丢弃修改并切换")
    wait_for_list(qtbot, controller)
    main = unlock_as(qtbot, controller, b, PASS_B)
    assert names_on_roster(main) == ["钱小山"]


def test_a_missing_store_is_shown_so_and_can_be_taken_off_the_list(
    qtbot: Any, controller: Controller, two: tuple[Path, Path], tmp_path: Path
) -> None:
    gone = tmp_path / "moved-away.db"
    known_stores.save([*known_stores.load(), known_stores.KnownStore(path=gone, name="张伟")])
    controller.start(None, demo=False)
    view = controller.unlock
    assert "找不到档案库文件" in rows(controller)[2]
    pick(controller, gone)
    assert not view.passphrase.isEnabled() and not view.unlock_button.isEnabled()
    assert "找不到这个档案库文件" in view.error.text()
    view.store_list.forget.click()
    assert [s.path for s in known_stores.load()] == list(two)
    assert len(rows(controller)) == 2 and view.passphrase.isEnabled()


def test_an_existing_store_is_added_with_its_file_dialog(
    qtbot: Any, controller: Controller, two: tuple[Path, Path], tmp_path: Path
) -> None:
    third = make_store(tmp_path / "third.db", PASS_A, "周敏", "349901102201", "白石村", "吴小兰")
    controller.start(None, demo=False)
    view = controller.unlock
    other = view.store_buttons[0]
    assert other.text() == "添加已有档案库…"
    other.click()
    qtbot.waitUntil(lambda: view.findChild(QFileDialog) is not None, timeout=5_000)
    dialog = view.findChild(QFileDialog)
    dialog.selectFile(str(third))
    dialog.accept()
    assert len(rows(controller)) == 3 and view.store_list.current().path == third
    assert len(known_stores.load()) == 2  # on this PC's list once its passphrase opened it
    main = unlock_as(qtbot, controller, third, PASS_A)
    assert names_on_roster(main) == ["吴小兰"]
    assert [s.name for s in known_stores.load()] == ["", "", "周敏"]


def test_the_list_is_there_again_after_a_restart(
    qtbot: Any, controller: Controller, two: tuple[Path, Path], qapp: QApplication
) -> None:
    a, _b = two
    controller.start(None, demo=False)
    unlock_as(qtbot, controller, a, PASS_A)
    assert controller.main is not None
    controller.main.close()
    controller.tasks.shutdown()
    again = Controller(qapp, None)
    try:
        again.start(None, demo=False)
        titles = [again.unlock.store_list.view.item(i).text() for i in range(2)]
        assert again.unlock.store_list.isVisible()
        assert "王芳 · 儿童主任 · 柳溪村" in titles[0] and "尚未打开过" in titles[1]
        assert again.unlock.store_list.current().path == a
    finally:
        sys.excepthook = sys.__excepthook__
        again.tasks.shutdown()
        again.unlock.close()
        again.unlock.deleteLater()
        again.deleteLater()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_a_pc_of_one_user_looks_as_before(
    qtbot: Any, controller: Controller, store_path: Path
) -> None:
    controller.start(store_path, demo=False)
    view = controller.unlock
    assert not view.store_list.isVisible() and not view.switch_button.isVisible()
    assert view.store_buttons[0].text() == "打开其他档案库…"
    assert view.store_label.isVisible() and view.store_label.text() == str(store_path)
