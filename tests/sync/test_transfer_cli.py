"""``childcare transfer``: ask, list, accept and refuse from the command line, then sync."""

from __future__ import annotations

import json

import pytest

from childcare_desktop.cli import main
from tests.conftest import PASSPHRASE
from tests.factories import make_child
from tests.sync.conftest import VILLAGE_B
from tests.sync.township import World


@pytest.fixture(autouse=True)
def _passphrase(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHILDCARE_PASSPHRASE", PASSPHRASE)


def _json(capsys: pytest.CaptureFixture[str], argv: list[str]) -> object:
    assert main(argv) == 0
    return json.loads(capsys.readouterr().out)


def test_a_transfer_asked_and_accepted_from_the_command_line(
    sqlite_world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    world = sqlite_world
    dir_a, dir_b, sup = world.laptop("dir_a"), world.laptop("dir_b"), world.laptop("sup_1")
    with dir_a.store.session() as session:
        child = make_child(session, name="刘小红")
        other = make_child(session, name="陈小刚")
    a, s = ["--store", str(dir_a.store.path)], ["--store", str(sup.store.path)]
    asked = _json(
        capsys,
        [
            "transfer",
            "request",
            child.id,
            "--to",
            VILLAGE_B,
            "--reason",
            "随父母搬迁",
            *a,
            "--json",
        ],
    )
    assert isinstance(asked, dict) and asked["state"] == "requested"
    # Villages by their names (another village's once the county's names have synced).
    assert asked["from_label"] == "青石镇柳溪村"
    assert asked["to_label"] in ("青石镇桃园村", VILLAGE_B)
    # Bad input: exit code 2 and the reason in both languages.
    assert main(["transfer", "request", other.id, "--to", "4400", "--reason", "x", *a]) == 2
    assert "区划代码" in capsys.readouterr().err
    assert main(["transfer", "accept", asked["id"], *a]) == 2  # a director cannot accept
    assert "不能进行此操作" in capsys.readouterr().err
    second = _json(
        capsys,
        ["transfer", "request", other.id, "--to", VILLAGE_B, "--reason", "借读", *a, "--json"],
    )
    assert dir_a.run().ok and sup.run().ok
    listed = _json(capsys, ["transfer", "list", *s, "--json"])
    assert isinstance(listed, list)
    assert {r["id"]: r["state"] for r in listed} == {
        asked["id"]: "requested",
        second["id"]: "requested",
    }
    assert main(["transfer", "accept", asked["id"], *s]) == 0
    assert "已接收" in capsys.readouterr().out
    assert main(["transfer", "refuse", second["id"], "--reason", "手续不全", *s]) == 0
    assert sup.run().ok and dir_b.run().ok and dir_a.run().ok
    assert main(["transfer", "list", *a]) == 0
    text = capsys.readouterr().out
    assert "已接收  刘小红  青石镇柳溪村 → " in text
    assert "已拒绝  陈小刚" in text
    with dir_b.store.session() as session:
        from childcare_desktop.storage.models import Child

        assert {c.name for c in session.query(Child)} == {"刘小红"}
