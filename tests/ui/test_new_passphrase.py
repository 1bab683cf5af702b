"""First run: a weak passphrase is refused beside the field, and nothing is created."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest


@pytest.mark.parametrize("weak", ["12345678", "password"])
def test_a_weak_passphrase_shows_the_hint_and_creates_nothing(
    qtbot: Any, controller: Any, tmp_path: Path, weak: str
) -> None:
    path = tmp_path / "new.db"
    controller.start(path, demo=False)
    view = controller.unlock
    view.first.setText(weak)
    view.second.setText(weak)
    hint = view.strength.text()
    assert hint.startswith("口令太弱：是常见口令或常用词") and "三四个互不相关的词" in hint
    with qtbot.assertNotEmitted(view.create_requested):
        view.create_button.click()
    assert view.strength.text() == hint and view.strength.isVisible()
    assert view.create_button.isEnabled()
    assert not path.exists()


def test_a_strong_passphrase_creates_the_store(qtbot: Any, controller: Any, tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    controller.start(path, demo=False)
    view = controller.unlock
    view.first.setText("hetang-yueguang-maobi-qiezi")
    view.second.setText("hetang-yueguang-maobi-qiezi")
    assert view.strength.text() == "强"
    with qtbot.waitSignal(controller.main_shown, timeout=20_000):
        view.create_button.click()
    assert path.exists()
