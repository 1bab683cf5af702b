"""The demo store says what it is everywhere, never goes to a county server, and does not
idle-lock (its passphrase was never typed by anyone, and its children are invented)."""

from __future__ import annotations

import io
import shutil
from pathlib import Path
from typing import Any

from pypdf import PdfReader
from PySide6.QtWidgets import QPushButton

from childcare_desktop.services import demo, printing, roster
from childcare_desktop.storage.store import open_store
from tests.conftest import PASSPHRASE
from tests.ui.conftest import run, unlock


def demo_copy(template_store: Path, tmp_path: Path) -> Path:
    path = tmp_path / "demo-copy.db"
    shutil.copyfile(template_store, path)
    store = open_store(path, PASSPHRASE)
    with store.session() as session:
        demo.build_demo_village(session, children=4)
    store.close()
    return path


def test_the_demo_button_opens_a_marked_store_that_does_not_lock(
    qtbot: Any, controller: Any
) -> None:
    controller.start(None, demo=False)
    button = controller.unlock.findChild(QPushButton, "demo")
    with qtbot.waitSignal(controller.main_shown, timeout=120_000):
        button.click()
    main = controller.main
    qtbot.waitUntil(main.demo_banner.isVisible, timeout=10_000)
    assert "不是真实儿童信息" in main.demo_banner.text()
    assert "演示数据" in main.windowTitle()
    assert not controller.idle._timer.isActive()  # no lock asking for a passphrase
    main.show_page("settings")
    qtbot.waitUntil(lambda: not main.settings.idle.isEnabled(), timeout=10_000)


def test_a_real_store_has_no_banner_and_locks(qtbot: Any, controller: Any, main: Any) -> None:
    qtbot.waitUntil(lambda: controller.idle._timer.isActive(), timeout=10_000)
    assert not main.demo_banner.isVisible() and "演示" not in main.windowTitle()


def test_the_sync_page_refuses_to_enroll_the_demo_and_says_why(
    qtbot: Any, controller: Any, template_store: Path, tmp_path: Path
) -> None:
    path = demo_copy(template_store, tmp_path)
    controller.start(path, demo=False)
    unlock(qtbot, controller, path)
    main = controller.main
    main.show_page("sync")
    view = main.sync
    qtbot.waitUntil(lambda: view.status is not None, timeout=10_000)
    assert not view.enroll_button.isEnabled()
    assert "示范档案库" in view.enroll_message.text() and view.enroll_message.isVisible()
    view.enroll_url.setText("https://127.0.0.1:9")
    view.enroll_user.setText("zhou")
    view.enroll_code.setText("ABCD-EFGH-JKLM")
    said: list[str] = []
    view.enroll_failed.connect(said.append)
    view.enroll_code.returnPressed.emit()  # Enter in the code field tries anyway
    assert view._enrolling
    qtbot.waitUntil(lambda: not view._enrolling, timeout=10_000)
    assert said and "不能登记" in said[-1] and "连不上" not in said[-1]  # never dialled
    ids = run(qtbot, main, lambda s: [c.id for c in roster.search_roster(s)])
    pdf = run(qtbot, main, lambda s: printing.dossier(s, child_id=ids[0]))
    footer = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "演示数据" in footer.replace(" ", "")
