"""``childcare bundle export|import`` and ``childcare relay`` (issue 16): a director's
laptop off the network and the township's PC that relays, with the real server."""

from __future__ import annotations

import json
import secrets
from pathlib import Path

import pytest

from childcare_desktop.cli.main import main
from tests.conftest import PASSPHRASE
from tests.factories import make_child
from tests.services.test_backup_rotation import full_disk
from tests.sync.test_bundles import _cut_off
from tests.sync.township import World

__all__ = ["full_disk"]  # the fixture used below


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_export_relay_import_from_the_command_line(
    sqlite_world: World,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("CHILDCARE_PASSPHRASE", PASSPHRASE)
    a = sqlite_world.laptop("dir_a")
    _cut_off(a)
    sup = sqlite_world.laptop("sup_1")  # the township's PC: the relay takes its server
    with a.store.session() as session:
        make_child(session, name="柳小溪")
    stick = tmp_path / "stick"
    stick.mkdir()
    laptop = ["--store", str(a.store.path), "--user", "李主任"]

    code, out, _ = _run(capsys, "bundle", "export", *laptop, "--out", str(stick), "--json")
    assert code == 0
    bundle = Path(json.loads(out)["file"])
    assert bundle.parent == stick and bundle.suffix == ".bundle"
    code, _, err = _run(capsys, "bundle", "import", *laptop, str(bundle))
    assert code == 2 and "不是县服务器的回执" in err  # the bundle itself, not its reply

    code, out, _ = _run(capsys, "relay", "--store", str(sup.store.path), str(stick))
    assert code == 0 and "已送达" in out and "共 1 个同步包" in out
    reply = bundle.with_suffix(".reply")
    code, out, _ = _run(capsys, "bundle", "import", *laptop, str(reply), "--json")
    assert code == 0
    read = json.loads(out)
    assert read["ok"] and read["acknowledged"] >= 1 and a.sync.pending_count() == 0
    code, out, _ = _run(capsys, "bundle", "import", *laptop, str(reply))
    assert code == 0 and "没有改动" in out  # read twice: nothing changes

    code, out, _ = _run(capsys, "relay", "--server", sqlite_world.server.url, str(stick))
    assert code == 0 and "跳过" in out  # its reply is there already
    broken = stick / "x.reply"
    broken.write_bytes(reply.read_bytes()[:100])
    code, _, err = _run(capsys, "bundle", "import", *laptop, str(broken))
    assert code == 2 and "错误" in err
    code, _, err = _run(capsys, "bundle", "import", *laptop, str(stick / "missing.reply"))
    assert code == 1 and "无法读取" in err


def test_a_full_stick_says_so_and_keeps_no_half_a_bundle(
    sqlite_world: World,
    full_disk: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A real small file system filled up: the export says the stick is full (exit 1),
    leaves no file on it, and the laptop's changes wait for the next bundle."""
    monkeypatch.setenv("CHILDCARE_PASSPHRASE", PASSPHRASE)
    a = sqlite_world.laptop("dir_a")
    _cut_off(a)
    with a.store.session() as session:
        for i in range(40):
            make_child(session, name=f"柳{i}满", notes=secrets.token_hex(1000))
    (full_disk / "filler").write_bytes(bytes(48 * 1024))  # ~16 KB left; the bundle ~40 KB
    laptop = ["--store", str(a.store.path), "--user", "李主任"]
    code, _, err = _run(capsys, "bundle", "export", *laptop, "--out", str(full_disk))
    assert code == 1 and "U盘已满" in err
    assert sorted(p.name for p in full_disk.iterdir()) == ["filler"]
    assert a.sync.pending_count() > 0


def test_two_bundles_made_before_either_reply_is_read_lose_nothing(
    sqlite_world: World, tmp_path: Path
) -> None:
    """The director exports twice before going to the township; both replies come back
    on the stick and 读入回执 reads them all: the newest answers everything."""
    from childcare_desktop.services import bundles as service

    a = sqlite_world.laptop("dir_a")
    _cut_off(a)
    stick = tmp_path / "stick"
    stick.mkdir()
    with a.store.session() as session:
        make_child(session, name="柳一")
    service.export_bundle(a.store, stick)
    with a.store.session() as session:
        make_child(session, name="柳二")
    service.export_bundle(a.store, stick)
    relayed = service.relay(stick, server=sqlite_world.server.url)
    assert [outcome for _name, outcome in relayed] == ["replied", "replied"]
    done = service.import_replies(a.store, stick)
    fresh = [r for _n, r in done if isinstance(r, service.BundleReport) and not r.stale]
    assert len(done) == 2 and len(fresh) == 1 and fresh[0].n == 2
    assert a.sync.pending_count() == 0
