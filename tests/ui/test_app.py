"""The desktop app end to end, headless: unlock, create, search, visit, lock."""

from __future__ import annotations

import hashlib
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit

from childcare_desktop.core.worklist import WorkKind
from childcare_desktop.services import worklist
from childcare_desktop.services.roster import search_roster
from childcare_desktop.storage.store import open_store
from tests.conftest import PASSPHRASE
from tests.factories import make_child, make_id
from tests.ui.conftest import run, unlock


def fill(dialog: Any, **values: Any) -> None:
    """Type into a dialog's fields as a user would (leaving each field afterwards)."""
    for name, value in values.items():
        editor = dialog.form.editors[name]
        if isinstance(editor, QLineEdit):
            editor.setText(value)
            editor.editingFinished.emit()
        elif isinstance(editor, QComboBox):
            editor.setCurrentIndex(editor.findData(value))
        else:
            editor.setPlainText(value)


def tick(dialog: Any, field: str, *codes: str) -> None:
    for check in dialog.form.editors[field].findChildren(QCheckBox):
        check.setChecked(check.property("code") in codes)


def test_create_a_child_and_find_it_by_pinyin_initials(qtbot: Any, main: Any) -> None:
    dialog = main.new_child()
    fill(dialog, name="张小明", id_number=make_id(date(2016, 5, 3)))
    tick(dialog, "categories", "left_behind")
    assert "2016-05-03" in dialog.form.notes["id_number"].text()  # derived as the user types
    with qtbot.waitSignal(dialog.saved, timeout=10_000) as saved:
        dialog.save_button.click()
    assert saved.args[0].name == "张小明"
    qtbot.waitUntil(lambda: main.current_page() == "file" and main.file.file is not None)
    main.search_roster()
    qtbot.waitUntil(lambda: main.roster.model.total == 1, timeout=10_000)
    qtbot.keyClicks(main.roster.search, "zxm")
    assert [c.name for c in main.roster.model.records] == ["张小明"]
    main.roster.search.setText("zsm")
    assert main.roster.model.records == []


def test_an_invalid_id_number_shows_its_reason_beside_the_field_and_saves_nothing(
    qtbot: Any, main: Any
) -> None:
    dialog = main.new_child()
    fill(dialog, name="王五", id_number="360426199101010072")
    assert "校验位" in dialog.form.error_of("id_number")  # as soon as the field is left
    dialog.save_button.click()
    qtbot.waitUntil(lambda: dialog.save_button.isEnabled(), timeout=10_000)
    assert "校验位" in dialog.form.error_of("id_number")
    assert dialog.isVisible()  # still open, with what was typed
    assert dialog.form.value("name") == "王五"
    assert run(qtbot, main, lambda s: search_roster(s)) == []


def test_logging_a_visit_takes_the_item_off_the_worklist(
    qtbot: Any, main: Any, store_path: Path
) -> None:
    child = run(
        qtbot,
        main,
        lambda s: make_child(
            s, name="李四", categories=["poverty"], registered_on=date.today() - timedelta(days=20)
        ),
    )
    with qtbot.waitSignal(main.workbench.loaded, timeout=10_000):
        main.workbench.refresh()  # the child was added behind the window's back
    qtbot.waitUntil(
        lambda: any(i.child_id == child.id for i in main.workbench.model.records), timeout=10_000
    )
    first = next(
        i
        for i in main.workbench.model.records
        if i.child_id == child.id and i.kind is WorkKind.FIRST_VISIT
    )
    assert first.overdue
    row = main.workbench.model.records.index(first)
    with qtbot.waitSignal(main.file.loaded, timeout=10_000):
        main.workbench.table.doubleClicked.emit(main.workbench.model.index(row, 0))
    assert main.file.sections.current() == "visits"
    opened: list[Any] = []
    main.dialog_opened.connect(opened.append)
    main.log_visit()
    dialog = opened[-1]
    assert dialog.form.value("mode") == "home"  # a home visit is what is due
    with qtbot.waitSignal(dialog.saved, timeout=10_000):
        dialog.save_button.click()
    main.show_page("workbench")
    qtbot.waitUntil(lambda: not main.workbench.stale, timeout=10_000)
    qtbot.waitUntil(
        lambda: (
            not any(
                i.child_id == child.id and i.kind is WorkKind.FIRST_VISIT
                for i in main.workbench.model.records
            )
        ),
        timeout=10_000,
    )
    left = run(qtbot, main, lambda s: worklist.get_worklist(s).items)
    assert not any(i.child_id == child.id and i.kind is WorkKind.FIRST_VISIT for i in left)


def test_a_wrong_passphrase_says_so_and_leaves_the_store_untouched(
    qtbot: Any, controller: Any, store_path: Path
) -> None:
    before = hashlib.sha256(store_path.read_bytes()).hexdigest()
    controller.start(store_path, demo=False)
    view = controller.unlock
    view.passphrase.setText("not-the-passphrase")
    view.unlock_button.click()
    qtbot.waitUntil(lambda: "口令不正确" in view.error.text(), timeout=10_000)
    assert view.passphrase.isEnabled()  # the user can retry at once
    assert hashlib.sha256(store_path.read_bytes()).hexdigest() == before
    assert controller.main is None
    unlock(qtbot, controller, store_path)
    assert controller.main.isVisible()


def test_idle_lock_hides_everything_and_unlocking_brings_it_back(
    qtbot: Any, controller: Any, main: Any, store_path: Path
) -> None:
    main.show_page("roster")
    dialog = main.new_child()
    fill(dialog, name="未保存的名字")
    with qtbot.waitSignal(controller.session.locked, timeout=10_000):
        controller.idle.set_minutes(0.002)  # about a tenth of a second without input
    assert not main.isVisible() and not dialog.isVisible()
    assert controller.unlock.isVisible()
    assert "自动锁定" in controller.unlock.error.text()
    unlock(qtbot, controller, store_path)
    assert main.isVisible() and dialog.isVisible()
    assert dialog.form.value("name") == "未保存的名字"  # nothing typed was lost
    assert main.current_page() == "roster"
    controller.idle.set_minutes(0)


def test_the_store_is_closed_while_locked(
    qtbot: Any, controller: Any, main: Any, store_path: Path
) -> None:
    with qtbot.waitSignal(controller.session.locked, timeout=10_000):
        controller.lock()
    # With the app's store closed, the file can be opened by anyone with the passphrase
    # (and by no one without it): nothing is held open or half written.
    other = open_store(store_path, PASSPHRASE)
    other.close()


def test_first_run_creates_a_store_with_a_strength_hint(
    qtbot: Any, controller: Any, tmp_path: Path
) -> None:
    path = tmp_path / "new.db"
    controller.start(path, demo=False)
    view = controller.unlock
    view.first.setText("1234")
    assert "太弱" in view.strength.text()
    view.first.setText("a-good-long-passphrase-2026")
    view.second.setText("a-different-one")
    view.create_button.click()
    assert "不一致" in view.error.text()
    view.second.setText("a-good-long-passphrase-2026")
    view.village.setText("349901101201")
    with qtbot.waitSignal(controller.main_shown, timeout=20_000):
        view.create_button.click()
    assert path.exists() and not path.read_bytes().startswith(b"SQLite format 3")
