"""The app's 打开示范档案库 builds and opens the invented village in the demo's own file
(the one ``childcare demo`` uses), never in the real store."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QPushButton

from childcare_desktop.logging_setup import default_store_path
from childcare_desktop.paths import default_demo_path
from childcare_desktop.ui.app import Controller


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="XDG folders are Linux's")
def test_the_demo_button_opens_demo_db_not_the_real_store(
    qtbot: Any, controller: Controller, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    controller.start(None, demo=False)  # first run: the real store does not exist yet
    button = controller.unlock.findChild(QPushButton, "demo")
    with qtbot.waitSignal(controller.main_shown, timeout=120_000):
        button.click()
    assert controller.session.path == default_demo_path() == tmp_path / "childcare" / "demo.db"
    assert controller.session.path.exists()
    assert not default_store_path().exists()
