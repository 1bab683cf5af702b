"""What the review of issue 14 found and fixed: each test drives the real window."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.ui.conftest import unlock
from tests.ui.test_demo_mark import demo_copy


def test_the_demo_cannot_be_locked_from_the_menu(
    qtbot: Any, controller: Any, template_store: Path, tmp_path: Path
) -> None:
    """文件 > 锁定 on the demo would ask for a passphrase nobody typed, with no way back
    to the window (the lock screen offers no other store): the demo is never locked."""
    path = demo_copy(template_store, tmp_path)
    controller.start(path, demo=False)
    unlock(qtbot, controller, path)
    main = controller.main
    qtbot.waitUntil(main.demo_banner.isVisible, timeout=10_000)
    lock = main.menus.actions["lock"]
    assert not lock.isEnabled()
    main.lock_requested.emit()  # what the action (and Ctrl+Shift+L) asks for
    assert main.isVisible() and not controller.unlock.isVisible()
    assert controller.session.is_open


def test_a_real_store_still_locks_from_the_menu(qtbot: Any, controller: Any, main: Any) -> None:
    lock = main.menus.actions["lock"]
    qtbot.waitUntil(lock.isEnabled, timeout=10_000)
    lock.trigger()
    qtbot.waitUntil(controller.unlock.isVisible, timeout=10_000)
    assert not main.isVisible()
