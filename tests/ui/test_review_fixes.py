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


def test_the_guide_names_what_the_window_shows() -> None:
    """F1's guide sent directors to a 花名册 “张贴用” the print page does not offer; it
    names the documents, the first-run field and the user form as the window does."""
    from childcare_desktop.paths import resource
    from childcare_desktop.ui.views.print_view import DOCUMENTS

    guide = resource("guide", "guide_zh_CN.md").read_text(encoding="utf-8")
    shown = {key: label for key, label, _child in DOCUMENTS}
    assert f"“{shown['roster_public']}”" in guide
    assert f"“{shown['roster']}”" in guide
    assert "张贴用，不含敏感信息" not in guide and "“村区划代码”" not in guide
    assert "本机使用人" in guide
