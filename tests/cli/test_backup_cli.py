"""``childcare backup --auto`` does what closing the app does; ``--list`` shows the
backups with their checks (a damaged one says so)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from childcare_desktop.cli import main
from childcare_desktop.services import backups
from childcare_desktop.storage.store import open_store
from tests.conftest import PASSPHRASE


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(list(args))
    return code, capsys.readouterr().out


def test_auto_backup_and_list(
    store_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("CHILDCARE_PASSPHRASE", PASSPHRASE)
    stick = tmp_path / "stick"
    store = open_store(store_path, PASSPHRASE)
    with store.session() as session:
        backups.set_backup_place(session, folder=stick)  # not plugged in yet
    store.close()
    code, out = run(capsys, "backup", "--store", str(store_path), "--auto")
    assert code == 0 and "已备份并验证" in out and "已跳过" in out
    stick.mkdir()
    code, out = run(capsys, "backup", "--store", str(store_path), "--auto")
    assert code == 0 and out.count("已备份并验证") == 2
    code, out = run(capsys, "backup", "--store", str(store_path), "--list", "--json")
    listed = json.loads(out)
    assert code == 0 and {e["place"] for e in listed} == {"store", "second"}
    assert all(e["state"] == "good" for e in listed)  # (the older of a day is rotated out)
    damaged = Path(next(e["path"] for e in listed if e["place"] == "second"))
    data = bytearray(damaged.read_bytes())
    data[5000:5010] = b"\0" * 10
    damaged.write_bytes(bytes(data))
    code, out = run(capsys, "backup", "--store", str(store_path), "--list")
    assert code == 0 and "已损坏" in out and out.count("完好") == len(listed) - 1
