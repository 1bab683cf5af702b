"""Every command that chooses a new passphrase refuses a weak one, exit 2, with the hint."""

from __future__ import annotations

from pathlib import Path

import pytest

from childcare_desktop.cli import main
from childcare_desktop.storage import keys
from tests.conftest import PASSPHRASE

HINT = "三四个互不相关的词"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(list(args))
    return code, capsys.readouterr().err


@pytest.mark.parametrize("weak", ["12345678", "password"])
@pytest.mark.parametrize("command", ["init", "demo"])
def test_init_and_demo_refuse_a_weak_passphrase_and_create_nothing(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    command: str,
    weak: str,
) -> None:
    monkeypatch.setenv("CHILDCARE_PASSPHRASE", weak)
    path = tmp_path / "s.db"
    code, err = run(capsys, command, "--store", str(path))
    assert code == 2
    assert "口令太弱：是常见口令或常用词" in err and HINT in err
    assert not path.exists()


def test_demo_replace_keeps_an_old_demo_made_with_a_weak_passphrase(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "demo.db"
    monkeypatch.setenv("CHILDCARE_PASSPHRASE", "password")
    with monkeypatch.context() as before_the_check:  # a demo made by an older version
        before_the_check.setattr(keys, "passphrase_problems", lambda *_a: [])
        assert run(capsys, "demo", "--store", str(path), "--children", "3")[0] == 0
    before = path.read_bytes()
    code, err = run(capsys, "demo", "--store", str(path), "--children", "3", "--replace")
    assert code == 2 and HINT in err
    assert path.read_bytes() == before


def test_change_passphrase_refuses_a_weak_one_and_takes_a_strong_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "s.db"
    monkeypatch.setenv("CHILDCARE_PASSPHRASE", PASSPHRASE)
    assert run(capsys, "init", "--store", str(path))[0] == 0
    monkeypatch.setenv("CHILDCARE_NEW_PASSPHRASE", "12345678")
    code, err = run(capsys, "change-passphrase", "--store", str(path))
    assert code == 2 and "口令太弱" in err and HINT in err
    assert run(capsys, "check", "--store", str(path))[0] == 0  # the old one still opens it
    monkeypatch.setenv("CHILDCARE_NEW_PASSPHRASE", "hetang-yueguang-maobi-qiezi")
    assert run(capsys, "change-passphrase", "--store", str(path))[0] == 0
    monkeypatch.setenv("CHILDCARE_PASSPHRASE", "hetang-yueguang-maobi-qiezi")
    assert run(capsys, "check", "--store", str(path))[0] == 0
