"""``childcare stores list``: the stores known on this PC, for scripts (shared PCs)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from childcare_desktop.cli.main import main
from childcare_desktop.services import known_stores
from childcare_desktop.services.preferences import WorkSettings

WORK = WorkSettings("王芳", "柳溪村", "青山镇", "示范县", "349901101201", 15, "director")


def test_the_command_lists_this_pcs_stores(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))  # this test's own app data folder
    assert main(["stores", "list"]) == 0
    assert "尚无已知的档案库" in capsys.readouterr().out
    known_stores.remember(tmp_path / "gone.db", WORK)
    assert known_stores.list_file().parent.parent == tmp_path
    assert main(["stores", "list", "--json"]) == 0
    (row,) = json.loads(capsys.readouterr().out)
    assert (row["name"], row["place"], row["missing"]) == ("王芳", "柳溪村", True)
    assert main(["stores", "list"]) == 0
    assert "王芳 · 儿童主任 · 柳溪村\t找不到文件 MISSING" in capsys.readouterr().out
