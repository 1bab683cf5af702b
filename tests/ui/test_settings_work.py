"""设置 takes who works the store, changes the passphrase and restores a backup; a new
store leads there first. All through the real widgets and the real dialogs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog, QInputDialog, QMessageBox

from childcare_desktop.core.errors import DomainError, Kind
from childcare_desktop.services import preferences, roster
from childcare_desktop.storage.store import open_store
from childcare_desktop.ui.views.settings_store import PassphraseDialog
from tests.conftest import PASSPHRASE, VILLAGE
from tests.factories import make_child
from tests.ui.conftest import fill_first_run, run, unlock

NEW_PASSPHRASE = "lantern-river-cabbage-2031"


def modal(qtbot: Any, kind: type) -> Any:
    """The dialog of ``kind`` the app has just opened (window-modal, shown)."""
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), kind), timeout=10_000)
    return QApplication.activeModalWidget()


def fill_work(view: Any, **values: str) -> None:
    box = view.work
    box.name.setText(values.get("name", "林晓燕"))
    box.role.setCurrentIndex(box.role.findData(values.get("role", "director")))
    box.region.setText(values.get("region", VILLAGE))
    box.village.setText(values.get("village", "桃源村"))
    box.township.setText(values.get("township", "河口镇"))
    box.county.setText(values.get("county", "示例县"))


def test_the_name_typed_in_settings_is_the_visitor_and_the_witness(qtbot: Any, main: Any) -> None:
    child = run(qtbot, main, lambda s: make_child(s, name="王小明"))
    main.show_page("settings")
    view = main.settings
    fill_work(view)
    with qtbot.waitSignal(view.work.saved, timeout=10_000):
        view.work.save_button.click()
    assert view.work.message.text() == "已保存。"
    work = run(qtbot, main, preferences.work_settings)
    assert (work.director, work.village, work.home_region) == ("林晓燕", "桃源村", VILLAGE)
    with qtbot.waitSignal(main.file.loaded, timeout=10_000):
        main.open_child(child.id, "visits")
    opened: list[Any] = []
    main.dialog_opened.connect(opened.append)
    main.log_visit()
    assert opened and opened[-1].form.value("visitor") == "林晓燕"
    assert main.file.witness == "桃源村村民委员会"


def test_a_code_that_does_not_fit_the_role_is_explained(qtbot: Any, main: Any) -> None:
    main.show_page("settings")
    view = main.settings
    fill_work(view, role="supervisor", region=VILLAGE)
    assert not view.work.village.isEnabled()  # a supervisor works a whole township
    view.work.save_button.click()
    qtbot.waitUntil(lambda: "与角色不符" in view.work.message.text(), timeout=10_000)
    fill_work(view, role="supervisor", region=VILLAGE[:9])
    with qtbot.waitSignal(view.work.saved, timeout=10_000):
        view.work.region.returnPressed.emit()  # Enter saves too
    work = run(qtbot, main, preferences.work_settings)
    assert (work.role, work.home_region, work.village) == ("supervisor", VILLAGE[:9], "")


def test_a_new_store_opens_settings_and_asks_who_works_it(
    qtbot: Any, controller: Any, tmp_path: Path
) -> None:
    path = tmp_path / "new.db"
    view = fill_first_run(controller, path, VILLAGE[:9])  # a township's code: a supervisor
    with qtbot.waitSignal(controller.main_shown, timeout=20_000):
        view.create_button.click()
    main = controller.main
    qtbot.waitUntil(lambda: main.current_page() == "settings", timeout=10_000)
    qtbot.waitUntil(lambda: main.settings.work.note.isVisible(), timeout=10_000)
    assert "姓名" in main.settings.work.note.text()
    qtbot.waitUntil(lambda: main.settings.work.region.text() == VILLAGE[:9], timeout=10_000)
    assert main.settings.work.role.currentData() == "supervisor"


def test_a_village_code_of_the_wrong_length_is_refused_on_the_first_page(
    qtbot: Any, controller: Any, tmp_path: Path
) -> None:
    path = tmp_path / "new.db"
    view = fill_first_run(controller, path, "349901")  # a county
    view.create_button.click()
    qtbot.waitUntil(lambda: "与角色不符" in view.error.text(), timeout=10_000)
    assert not path.exists()


def test_change_the_passphrase_in_settings(
    qtbot: Any, controller: Any, main: Any, store_path: Path
) -> None:
    main.show_page("settings")
    view = main.settings
    view.passphrase_button.click()
    dialog = modal(qtbot, PassphraseDialog)
    dialog.old.setText("not-the-passphrase")
    dialog.new.setText(NEW_PASSPHRASE)
    dialog.again.setText(NEW_PASSPHRASE)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: "口令不正确" in view.message.text(), timeout=20_000)
    view.passphrase_button.click()
    dialog = modal(qtbot, PassphraseDialog)
    dialog.old.setText(PASSPHRASE)
    dialog.new.setText(NEW_PASSPHRASE)
    dialog.again.setText(NEW_PASSPHRASE)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: "口令已更换" in view.message.text(), timeout=20_000)
    child = run(qtbot, main, lambda s: make_child(s, name="改口令后"))  # the store still works
    with qtbot.waitSignal(controller.session.locked, timeout=10_000):
        controller.lock()
    with pytest.raises(DomainError) as caught:
        open_store(store_path, PASSPHRASE).close()
    assert caught.value.kind is Kind.WRONG_PASSPHRASE
    unlock(qtbot, controller, store_path, NEW_PASSPHRASE)
    names = run(qtbot, main, lambda s: [c.id for c in roster.search_roster(s)])
    assert child.id in names


def test_restore_a_backup_in_settings(
    qtbot: Any, controller: Any, main: Any, store_path: Path, tmp_path: Path
) -> None:
    kept_child = run(qtbot, main, lambda s: make_child(s, name="备份里有"))
    main.show_page("settings")
    view = main.settings
    backup = tmp_path / "backup.db"
    view.backup_to(backup)
    qtbot.waitUntil(lambda: "已备份" in view.message.text(), timeout=20_000)
    later = run(qtbot, main, lambda s: make_child(s, name="备份后才录入"))
    view.restore_button.click()
    chooser = modal(qtbot, QFileDialog)
    chooser.selectFile(str(backup))
    chooser.accept()
    ask = modal(qtbot, QInputDialog)
    ask.setTextValue(PASSPHRASE)
    ask.accept()
    box = modal(qtbot, QMessageBox)
    assert "1 名儿童" in box.text()
    with qtbot.waitSignal(view.file_actions.replaced, timeout=30_000) as replaced:
        box.button(QMessageBox.StandardButton.Yes).click()
    kept = Path(replaced.args[0])
    assert kept.name.startswith("store.db.before-restore") and kept.exists()
    ids = run(qtbot, main, lambda s: [c.id for c in roster.search_roster(s)])
    assert kept_child.id in ids and later.id not in ids  # the backup's data, now open
    assert "已从备份恢复" in view.message.text()
    old = open_store(kept, PASSPHRASE)  # the replaced store, kept aside, still opens
    old.close()
