"""The township desk's CLI attacked by a confused user (issue 15): a batch print of a
roll with no child."""

from __future__ import annotations

from pathlib import Path

import pytest

from childcare_desktop.cli import main
from tests.conftest import PASSPHRASE


@pytest.mark.parametrize("doc", ["dossier", "agreement", "visit-sheet"])
def test_printing_everyone_of_an_empty_roll_says_there_is_no_child(
    doc: str,
    store_path: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("CHILDCARE_PASSPHRASE", PASSPHRASE)
    out = tmp_path / "out.pdf"
    code = main(["print", "--store", str(store_path), "--doc", doc, "--all", "--out", str(out)])
    _stdout, err = capsys.readouterr()
    assert code == 2 and not out.exists()
    assert "child is required" not in err and "必须填写" not in err
    assert "没有可打印的儿童" in err
