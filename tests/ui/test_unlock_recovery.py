"""The unlock screen says what a forgotten passphrase means for this store: the county
can set a new one when the store's key is sealed to its recovery key, else nobody can."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from childcare_desktop.services import recovery as county_recovery
from childcare_desktop.storage.store import open_store
from childcare_desktop.ui.app import Controller
from sync import recovery
from tests.conftest import PASSPHRASE


def test_the_unlock_screen_sends_a_forgetful_director_to_the_county(
    qtbot: Any, controller: Controller, store_path: Path
) -> None:
    controller.start(store_path, demo=False)
    view = controller.unlock
    qtbot.waitUntil(lambda: view.forgot.isVisible())
    assert "将无法打开档案库" in view.forgot.text()

    _private, public = recovery.generate("county-safe-passphrase-2026")
    store = open_store(store_path, PASSPHRASE)
    try:
        county_recovery.take_county_key(store, public)
    finally:
        store.close()
    view.ask_unlock(store_path)
    assert "带到县民政局" in view.forgot.text() and view.forgot.isVisible()
