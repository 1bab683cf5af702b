"""``childcare demo`` without ``--store`` builds the invented village in a file of its own,
the one the desktop app's demo opens, never in the real store."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from childcare_desktop.cli import main
from childcare_desktop.logging_setup import default_store_path
from childcare_desktop.paths import default_demo_path


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="XDG folders are Linux's")
def test_demo_without_a_store_writes_demo_db_beside_the_real_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    monkeypatch.setenv("CHILDCARE_PASSPHRASE", "demo-passphrase")
    real, demo = default_store_path(), default_demo_path()
    assert demo == tmp_path / "childcare" / "demo.db" and real.parent == demo.parent

    assert main(["demo", "--children", "3"]) == 0
    out, _ = capsys.readouterr()
    assert str(demo) in out
    assert demo.exists() and not real.exists()
    # Again with --replace: still only the demo's file.
    assert main(["demo", "--children", "3", "--replace"]) == 0
    assert not real.exists()
