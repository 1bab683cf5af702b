"""``childcare enroll`` and ``childcare sync`` against a real server on loopback."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest

from childcare_desktop.cli import main
from tests.conftest import PASSPHRASE
from tests.factories import make_child
from tests.sync.conftest import VILLAGE_A, LiveServer


@pytest.fixture(autouse=True)
def _passphrase(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHILDCARE_PASSPHRASE", PASSPHRASE)


def test_enroll_then_sync_with_json_and_a_log(
    sqlite_server: LiveServer, make_laptop, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sqlite_server.user("zhang", "director", VILLAGE_A)
    laptop = make_laptop("office")
    path = str(laptop.store.path)
    with laptop.store.session() as session:
        make_child(session, name="王小明")
    wrong = main(
        [
            "enroll",
            "--store",
            path,
            "--server",
            sqlite_server.url,
            "--user",
            "zhang",
            "--code",
            "AAAA-BBBB-CCCC",
        ]
    )
    assert wrong == 2
    assert "登记码错误" in capsys.readouterr().err
    code = sqlite_server.code("zhang")
    assert (
        main(
            [
                "enroll",
                "--store",
                path,
                "--server",
                sqlite_server.url,
                "--user",
                "zhang",
                "--code",
                code,
            ]
        )
        == 0
    )
    assert "已登记" in capsys.readouterr().out
    log = tmp_path / "sync.log"
    assert main(["sync", "--store", path, "--json", "--log", str(log)]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] and report["pushed"] > 0 and report["error"] is None
    assert (
        json.loads(log.read_text(encoding="utf-8").splitlines()[-1])["pushed"] == report["pushed"]
    )
    # A second run has nothing to do.
    assert main(["sync", "--store", path]) == 0
    assert "上传 0 条" in capsys.readouterr().out


def test_sync_without_a_server_keeps_the_changes_and_says_so(
    sqlite_server: LiveServer, make_laptop, capsys: pytest.CaptureFixture[str]
) -> None:
    sqlite_server.user("li", "director", VILLAGE_A)
    laptop = make_laptop("away", sqlite_server, user="li")
    with laptop.store.session() as session:
        make_child(session, name="赵小红")
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{sock.getsockname()[1]}"
    path = str(laptop.store.path)
    assert main(["sync", "--store", path, "--server", dead, "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["error"] == "offline" and not report["ok"]
    assert laptop.sync.pending_count() > 0  # nothing lost, nothing marked sent
    assert main(["sync", "--store", path, "--server", sqlite_server.url]) == 0
    assert laptop.sync.pending_count() == 0


def test_sync_of_a_store_never_enrolled_is_bad_input(make_laptop, capsys) -> None:
    laptop = make_laptop("new")
    assert main(["sync", "--store", str(laptop.store.path)]) == 2
    assert "尚未在县服务器登记" in capsys.readouterr().err
