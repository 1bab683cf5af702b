"""Administering the county server with ``childcare-server``: users disabled and enabled,
codes cancelled, code lifetimes bounded, device labels that cannot reach the terminal
as escapes, private database files, and one clear line instead of a traceback."""

from __future__ import annotations

import json
import socket
import stat
import subprocess
import sys
from pathlib import Path

import pytest
import requests
from sqlalchemy import update

from sync.server import schema
from sync.server.cli import main
from sync.server.db import Database, sqlite_url
from tests.sync.conftest import VILLAGE_A, Laptop, LiveServer

EVIL = "\x1b]0;evil\x07lap\x1b[31mtop\u202e\x9b2J 王"


@pytest.fixture
def laptop(server: LiveServer, make_laptop) -> Laptop:
    server.user("a_dir", "director", VILLAGE_A)
    laptop = make_laptop("a", server, user="a_dir")
    assert laptop.run().ok
    return laptop


def _cli(server: LiveServer, *argv: str) -> int:
    return main(["--db", server.db.url, *argv])


def test_a_disabled_user_is_refused_at_once(server: LiveServer, laptop: Laptop, capsys) -> None:
    assert _cli(server, "disable-user", "a_dir") == 0
    assert "a_dir disabled" in capsys.readouterr().out
    report = laptop.run()
    assert not report.ok and report.error == "user_disabled"
    assert _cli(server, "enable-user", "a_dir") == 0
    assert laptop.run().ok
    assert _cli(server, "disable-user", "nobody") == 2
    assert "no user nobody" in capsys.readouterr().err


def test_cancelled_codes_cannot_enroll(server: LiveServer, laptop: Laptop, capsys) -> None:
    codes = [server.code("a_dir"), server.code("a_dir")]
    assert _cli(server, "cancel-code", "a_dir") == 0
    assert "2 code(s) of a_dir cancelled" in capsys.readouterr().out
    for code in codes:
        answer = requests.post(
            f"{server.url}/v1/enroll", json={"user": "a_dir", "code": code}, timeout=10
        )
        assert answer.status_code == 401 and answer.json()["error"] == "bad_code"
    assert laptop.run().ok  # enrolled devices are not affected
    fresh = server.code("a_dir")  # ... and a new code works
    answer = requests.post(
        f"{server.url}/v1/enroll", json={"user": "a_dir", "code": fresh}, timeout=10
    )
    assert answer.status_code == 200


@pytest.mark.parametrize("server", ["sqlite"], indirect=True)
@pytest.mark.parametrize("days", ["0", "-1", "31", "100000"])
def test_a_code_lasts_one_to_thirty_days(server: LiveServer, days: str, capsys) -> None:
    server.user("a_dir", "director", VILLAGE_A)
    assert _cli(server, "issue-code", "a_dir", "--days", days) == 2
    assert "a code lasts 1 to 30 days" in capsys.readouterr().err
    assert _cli(server, "issue-code", "a_dir", "--days", "30") == 0
    assert len(capsys.readouterr().out.strip()) == 14  # XXXX-XXXX-XXXX


def test_device_labels_never_reach_the_terminal_as_escapes(server: LiveServer, capsys) -> None:
    server.user("a_dir", "director", VILLAGE_A)
    answer = requests.post(
        f"{server.url}/v1/enroll",
        json={"user": "a_dir", "code": server.code("a_dir"), "label": EVIL},
        timeout=10,
    )
    assert answer.status_code == 200
    assert _cli(server, "devices") == 0
    assert "label=laptop 王  " in capsys.readouterr().out  # cleaned on enroll
    # A label stored before the cleaning is shown escaped, as text and as JSON.
    with server.db.write() as conn:
        conn.execute(update(schema.device).values(label=EVIL))
    assert _cli(server, "devices") == 0
    out = capsys.readouterr().out
    assert "\\x1b]0;evil\\x07lap\\x1b[31mtop\\u202e\\x9b2J 王" in out
    assert _cli(server, "devices", "--json") == 0
    out = capsys.readouterr().out
    assert json.loads(out)[0]["label"] == EVIL  # still the same JSON
    for raw in ("\x1b", "\x07", "\x9b", "\u202e"):
        assert raw not in out


def test_the_server_database_is_private(tmp_path: Path, capsys) -> None:
    path = tmp_path / "county" / "server.db"
    assert main(["--db", sqlite_url(path), "init-db"]) == 0
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    db = Database(sqlite_url(path))
    try:
        with db.write() as conn:  # while it is open, its -wal and -shm are there too
            conn.execute(schema.meta.insert().values(key="probe", value="x"))
            files = [path, *path.parent.glob("server.db-*")]
            modes = {f.name: stat.S_IMODE(f.stat().st_mode) for f in files}
    finally:
        db.dispose()
    assert modes == {"server.db": 0o600, "server.db-wal": 0o600, "server.db-shm": 0o600}
    # A database made world-readable before is made private when opened.
    path.chmod(0o644)
    assert main(["--db", sqlite_url(path), "users"]) == 0
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_an_app_only_install_gets_one_clear_line() -> None:
    code = (
        "import sys; sys.modules['fastapi'] = None\n"
        "from sync.server.cli import main\n"
        "sys.exit(main(['serve']))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        "childcare-server: the server's packages are not installed: "
        "pip install 'childcare-desktop[server]'"
    ]


def test_an_unreachable_database_gets_one_clear_line(capsys) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # closed once the probe is
    url = f"postgresql+psycopg://county:secret@127.0.0.1:{port}/county"
    assert main(["--db", url, "users"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert err[0].startswith(
        f"childcare-server: cannot reach the database postgresql+psycopg://county:***@127.0.0.1:{port}/county"
    )
    assert "secret" not in err[0] and "Traceback" not in err[0]
