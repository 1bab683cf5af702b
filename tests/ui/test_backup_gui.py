"""Automatic backups in the app: the 工作台 warns until a second place has a recent backup,
its button opens 设置; the list shows a damaged backup as damaged and restores a good one
after a confirmation; closing the app backs up first (or skips, when asked). All through
the real window, the real dialogs and real files."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QInputDialog,
    QMessageBox,
    QProgressDialog,
    QPushButton,
)

from childcare_desktop.services import backups, roster
from childcare_desktop.ui.dialogs.backup_list_dialog import BackupListDialog
from tests.conftest import PASSPHRASE
from tests.factories import make_child
from tests.services.test_backup_rotation import full_disk  # noqa: F401 - a fixture
from tests.ui.conftest import run


def modal(qtbot: Any, kind: type) -> Any:
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), kind), timeout=10_000)
    return QApplication.activeModalWidget()


def backed_up(qtbot: Any, main: Any) -> Any:
    """Click 立即自动备份 on 设置 and wait for the report."""
    main.show_page("settings")
    box = main.settings.backup_box
    qtbot.waitUntil(box.now_button.isEnabled, timeout=10_000)
    with qtbot.waitSignal(main.backups.finished, timeout=30_000) as done:
        box.now_button.click()
    return done.args[0]


def choose_second_place(qtbot: Any, main: Any, folder: Path) -> None:
    box = main.settings.backup_box
    box.choose_button.click()
    chooser = modal(qtbot, QFileDialog)
    chooser.selectFile(str(folder))
    with qtbot.waitSignal(box.place_changed, timeout=10_000):
        chooser.accept()
    qtbot.waitUntil(lambda: box.place.text() == str(folder), timeout=10_000)


def test_the_workbench_warns_until_a_second_place_has_a_backup(
    qtbot: Any, main: Any, tmp_path: Path
) -> None:
    warning = main.workbench.backup_warning
    qtbot.waitUntil(warning.isVisible, timeout=10_000)
    assert "还没有设置第二备份位置" in warning.text.text()
    warning.act.click()  # the line the user acts on: 设置 › 自动备份
    assert main.current_page() == "settings"
    stick = tmp_path / "stick"
    stick.mkdir()
    choose_second_place(qtbot, main, stick)
    main.show_page("workbench")
    qtbot.waitUntil(lambda: "还没有备份" in warning.text.text(), timeout=10_000)
    report = backed_up(qtbot, main)
    assert [p.outcome for p in report.places] == [backups.Outcome.WRITTEN] * 2
    assert "已备份并验证" in main.settings.backup_box.note.text()
    qtbot.waitUntil(lambda: "今天" in main.settings.backup_box.last.text(), timeout=10_000)
    main.show_page("workbench")
    qtbot.waitUntil(lambda: not warning.isVisible(), timeout=10_000)
    assert list((stick / "childcare-backups").rglob("backup-*.db"))


def test_an_unplugged_second_place_is_skipped_with_a_note(
    qtbot: Any, main: Any, tmp_path: Path
) -> None:
    stick = tmp_path / "stick"
    stick.mkdir()
    main.show_page("settings")
    choose_second_place(qtbot, main, stick)
    stick.rmdir()  # the stick is pulled out
    report = backed_up(qtbot, main)
    assert [p.outcome for p in report.places] == [backups.Outcome.WRITTEN, backups.Outcome.ABSENT]
    assert "未连接" in main.settings.backup_box.note.text()
    assert not stick.exists()  # nothing made in its place


def test_restore_a_backup_from_the_list(
    qtbot: Any, main: Any, store_path: Path, tmp_path: Path
) -> None:
    kept = run(qtbot, main, lambda s: make_child(s, name="备份里有"))
    stick = tmp_path / "stick"
    stick.mkdir()
    main.show_page("settings")
    choose_second_place(qtbot, main, stick)
    report = backed_up(qtbot, main)
    damaged = report.places[1].written
    data = bytearray(damaged.read_bytes())
    data[len(data) // 2 : len(data) // 2 + 32] = b"\xff" * 32
    damaged.write_bytes(bytes(data))
    later = run(qtbot, main, lambda s: make_child(s, name="备份后才录入"))

    main.settings.backup_box.list_button.click()
    listing = modal(qtbot, BackupListDialog)
    qtbot.waitUntil(lambda: listing.table.rowCount() == 2, timeout=30_000)
    states = {listing.table.item(r, 1).text(): listing.table.item(r, 3).text() for r in range(2)}
    assert states == {"档案库所在文件夹": "完好", "第二备份位置": "已损坏，不能用于恢复"}
    assert "1 个已损坏" in listing.note.text()
    rows = {listing.table.item(r, 1).text(): r for r in range(2)}
    listing.select_row(rows["第二备份位置"])
    assert not listing.restore_button.isEnabled()  # a damaged backup is never offered
    listing.select_row(rows["档案库所在文件夹"])
    assert listing.restore_button.isEnabled()
    assert listing.table.item(rows["档案库所在文件夹"], 0).text()[:4].isdigit()
    listing.restore_button.click()

    ask = modal(qtbot, QInputDialog)
    ask.setTextValue(PASSPHRASE)
    ask.accept()
    box = modal(qtbot, QMessageBox)
    assert "1 名儿童" in box.text() and "当前档案库不会删除" in box.text()
    actions = main.settings.file_actions
    with qtbot.waitSignal(actions.replaced, timeout=30_000) as replaced:
        box.button(QMessageBox.StandardButton.Yes).click()
    aside = Path(replaced.args[0])
    assert aside.name.startswith("store.db.before-restore") and aside.exists()
    ids = run(qtbot, main, lambda s: [c.id for c in roster.search_roster(s)])
    assert kept.id in ids and later.id not in ids


def test_closing_the_app_backs_up_first(qtbot: Any, main: Any, store_path: Path) -> None:
    folder = store_path.parent / "childcare-backups"
    assert not folder.exists()
    main.close()
    qtbot.waitUntil(lambda: not main.isVisible(), timeout=30_000)
    written = list(folder.rglob("backup-*.db"))
    assert len(written) == 1 and not list(folder.rglob("*.partial"))


def test_closing_during_a_long_wait_may_skip_the_backup(
    qtbot: Any, main: Any, store_path: Path
) -> None:
    release = threading.Event()
    main.tasks.run_beside(lambda _job: release.wait(20))  # the backup queues behind it
    main.close()
    dialog = modal(qtbot, QProgressDialog)
    assert main.isVisible() and "正在自动备份" in dialog.labelText()
    dialog.findChild(QPushButton).click()  # 跳过
    qtbot.waitUntil(lambda: "正在停止" in dialog.labelText(), timeout=5_000)
    release.set()
    qtbot.waitUntil(lambda: not main.isVisible(), timeout=30_000)
    assert not list((store_path.parent / "childcare-backups").rglob("backup-*.db"))


def test_a_daily_backup_while_the_app_stays_open(qtbot: Any, main: Any, store_path: Path) -> None:
    with qtbot.waitSignal(main.backups.finished, timeout=30_000):
        main.backups.check_now()  # what the hourly timer does: none yet, so one is due
    folder = store_path.parent / "childcare-backups"
    assert len(list(folder.rglob("backup-*.db"))) == 1
    checked: list[bool] = []
    main.tasks.run(lambda s: backups.backup_status(s).due, checked.append)
    qtbot.waitUntil(lambda: bool(checked), timeout=10_000)
    assert checked == [False]  # not again the same day
    assert main.backups.timer.isActive()


def test_a_full_stick_says_so_and_the_store_works_on(
    qtbot: Any,
    main: Any,
    full_disk: Path,  # noqa: F811 - the fixture imported above
) -> None:
    main.show_page("settings")
    choose_second_place(qtbot, main, full_disk)
    report = backed_up(qtbot, main)
    assert report.places[1].outcome is backups.Outcome.FAILED
    note = main.settings.backup_box.note.text()
    assert "第二备份位置：备份失败（磁盘已满，或 U 盘已被拔出），档案库未受影响" in note
    child = run(qtbot, main, lambda s: make_child(s, name="满盘之后"))  # the store works on
    assert child.id in run(qtbot, main, lambda s: [c.id for c in roster.search_roster(s)])
    main.show_page("workbench")
    qtbot.waitUntil(main.workbench.backup_warning.isVisible, timeout=10_000)
