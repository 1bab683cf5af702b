"""The real app, offscreen, on a copy of the template store; unlocked through its window."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QSettings
from PySide6.QtWidgets import QApplication

from childcare_desktop.services import known_stores
from childcare_desktop.ui.app import Controller, build_app
from tests.conftest import PASSPHRASE


@pytest.fixture
def controller(qapp: QApplication, qtbot: Any) -> Iterator[Controller]:
    QSettings().clear()
    known_stores.list_file().unlink(missing_ok=True)  # this PC's stores: none yet
    _app, made = build_app(["test"])
    yield made
    # Tear the app down completely, so nothing of this test outlives it: the database
    # thread, every window, the controller, and the excepthook that pointed at it.
    sys.excepthook = sys.__excepthook__
    made.tasks.shutdown()
    for widget in QApplication.topLevelWidgets():
        widget.close()
        widget.deleteLater()
    made.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


NEW_PASSPHRASE = "a-good-long-passphrase-2026"


def fill_first_run(controller: Controller, path: Path, code: str = "") -> Any:
    """The first-run page for a new store at ``path``, filled as a new user fills it (the
    passphrase twice, a region code); the caller clicks 创建档案库 or presses Enter."""
    controller.start(path, demo=False)
    view = controller.unlock
    view.first.setText(NEW_PASSPHRASE)
    view.second.setText(NEW_PASSPHRASE)
    view.village.setText(code)
    return view


def unlock(qtbot: Any, controller: Controller, path: Path, passphrase: str = PASSPHRASE) -> None:
    view = controller.unlock
    view.passphrase.setText(passphrase)
    with qtbot.waitSignal(controller.main_shown, timeout=20_000):
        view.unlock_button.click()


@pytest.fixture
def main(qtbot: Any, controller: Controller, store_path: Path) -> Any:
    """The main window on an unlocked copy of the template store."""
    controller.start(store_path, demo=False)
    unlock(qtbot, controller, store_path)
    window = controller.main
    assert window is not None
    qtbot.waitUntil(lambda: not window.workbench.stale, timeout=10_000)
    return window


def run(qtbot: Any, window: Any, job: Any) -> Any:
    """Run a use case on the app's database thread and return its result."""
    box: list[Any] = []
    window.tasks.run(job, box.append)
    qtbot.waitUntil(lambda: bool(box), timeout=10_000)
    return box[0]
