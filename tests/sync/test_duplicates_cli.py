"""``childcare duplicates`` and ``childcare-server duplicates list`` (with --json) on a
supervisor's store synced with the real server (SQLite)."""

from __future__ import annotations

import json

import pytest

from childcare_desktop.cli import main
from sync.server import cli as server_cli
from tests.conftest import PASSPHRASE
from tests.factories import make_child, make_id, years_ago
from tests.sync.township import World

BIRTH = years_ago(7, 3)


@pytest.fixture(autouse=True)
def _passphrase(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHILDCARE_PASSPHRASE", PASSPHRASE)


def _json(capsys: pytest.CaptureFixture[str], argv: list[str]) -> object:
    assert main(argv) == 0
    return json.loads(capsys.readouterr().out)


def test_list_merge_and_distinct_from_the_command_line(
    sqlite_world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    world = sqlite_world
    same = make_id(BIRTH)
    made = {}
    for user, phone in (("dir_a", "13900001111"), ("dir_b", "13900002222")):
        laptop = world.laptop(user)
        with laptop.store.session() as session:
            made[user] = make_child(session, name="陈明", id_number=same, phone=phone).id
            made[user + "_twin"] = make_child(
                session, name="林" + user[-1], id_number=None, sex="female", birth_date=BIRTH
            ).id
        assert laptop.run().ok
    with world.laptop("dir_b").store.session() as session:  # same name, sex and birth
        made["twin"] = make_child(
            session, name="林a", id_number=None, sex="female", birth_date=BIRTH
        ).id
    assert world.laptop("dir_b").run().ok
    sup = world.laptop("sup_1")
    assert sup.run().ok
    store = ["--store", str(sup.store.path)]

    cases = _json(capsys, ["duplicates", "list", *store, "--json"])
    assert isinstance(cases, list) and len(cases) == 2
    by_reason = {c["reason"]: c for c in cases}
    merged, kept_apart = by_reason["id_number"], by_reason["name_birth"]
    differs = {f["field"] for f in merged["fields"] if f["differs"]}
    assert differs == {"phone"}
    other_letter = "B" if merged["a"]["child_id"] == made["dir_a"] else "A"

    assert (
        main(
            [
                "duplicates",
                "merge",
                merged["id"],
                *store,
                "--keep",
                made["dir_a"],
                "--take",
                "phone=A" if other_letter == "B" else "phone=B",
            ]
        )
        == 2
    )
    capsys.readouterr()
    done = _json(
        capsys,
        [
            "duplicates",
            "merge",
            merged["id"],
            *store,
            "--keep",
            made["dir_a"],
            "--take",
            f"phone={other_letter}",
            "--json",
        ],
    )
    assert done == {
        "case_id": merged["id"],
        "outcome": "merged",
        "kept": made["dir_a"],
        "other": made["dir_b"],
        "taken": ["phone"],
    }
    done = _json(capsys, ["duplicates", "distinct", kept_apart["id"], *store, "--json"])
    assert done["outcome"] == "distinct"
    assert _json(capsys, ["duplicates", "list", *store, "--json"]) == []
    assert main(["duplicates", "distinct", kept_apart["id"], *store]) == 2  # decided already
    assert "已处理" in capsys.readouterr().err
    assert sup.run().ok

    url = world.server.db.url
    assert server_cli.main(["--db", url, "duplicates", "list", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert sorted(c["state"] for c in listed) == ["distinct", "merged"]
    assert server_cli.main(["--db", url, "duplicates", "list", "--state", "open"]) == 0
    assert capsys.readouterr().out == ""
