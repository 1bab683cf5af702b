"""The county decides a transfer across townships with ``childcare-server transfers``
(issue 15): the decision reaches the laptops by sync as a supervisor's would, the file
moves whole, and a restore from a backup followed by ``mark-restored`` keeps it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from childcare_desktop.core.errors import DomainError
from childcare_desktop.services import transfers
from childcare_desktop.storage.models import Child, Transfer
from sync.server import app as server_app
from sync.server.cli import main
from sync.server.days import county_day
from tests.sync.conftest import Laptop, LiveServer
from tests.sync.test_transfers import _file, _held
from tests.sync.township import PLACES, VILLAGE_C, World


def _cli(server: LiveServer, *argv: str) -> int:
    journal = server.db.journal
    where = ["--journal", str(journal.path)] if journal is not None else []
    return main(["--db", server.db.url, *where, *argv])


def _json(capsys: pytest.CaptureFixture[str], server: LiveServer, *argv: str) -> object:
    assert _cli(server, *argv, "--json") == 0
    return json.loads(capsys.readouterr().out)


def _asked(world: World) -> tuple[str, str]:
    """dir_a asks to move a child of village A to village C (the other township); every
    laptop of the county has synced it. The child's and the transfer's ids."""
    dir_a = world.laptop("dir_a")
    child_id = _file(dir_a)
    with dir_a.store.session() as session:
        asked = transfers.request_transfer(
            session, child_id=child_id, to_region=VILLAGE_C, reason="随母亲迁往白沙乡"
        )
    for user in ("dir_a", "sup_1", "sup_2", "dir_c"):
        assert world.laptop(user).run().ok
    return child_id, asked.id


def _transfer(laptop: Laptop, transfer_id: str) -> tuple[str, str | None, str | None]:
    with laptop.store.session() as session:
        row = session.get(Transfer, transfer_id)
        assert row is not None
        return str(row.state), row.decided_by, row.decision_note


def _children(laptop: Laptop) -> set[str]:
    with laptop.store.session() as session:
        return set(session.scalars(select(Child.id)))


def _sync_all(world: World) -> None:
    for user in ("dir_a", "dir_c", "sup_1", "sup_2"):
        assert world.laptop(user).run().ok


def test_the_county_accepts_a_transfer_across_townships(
    world: World, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    names = tmp_path / "names.csv"
    names.write_text("".join(f"{code},{name}\n" for code, name in PLACES.items()))
    assert _cli(world.server, "regions", "import", str(names)) == 0
    capsys.readouterr()
    child_id, transfer_id = _asked(world)
    sup_1 = world.laptop("sup_1")
    with sup_1.store.session() as session, pytest.raises(DomainError):
        transfers.decide_transfer(session, transfer_id=transfer_id, accept=True)
    listed = _json(capsys, world.server, "transfers", "list", "--state", "requested")
    assert isinstance(listed, list)
    ((shown),) = listed
    assert (shown["id"], shown["state"], shown["child_id"]) == (transfer_id, "requested", child_id)
    assert (shown["from_region"], shown["to_region"]) == ("349901101201", VILLAGE_C)
    assert (shown["from_label"], shown["to_label"]) == ("青石镇柳溪村", "白沙乡河口村")
    assert _cli(world.server, "transfers", "list") == 0
    assert "待处理/requested" in capsys.readouterr().out

    done = _json(capsys, world.server, "transfers", "accept", transfer_id, "--by", "郑科长")
    assert done == {
        "ok": True,
        "id": transfer_id,
        "state": "accepted",
        "decided_by": "郑科长",
        "decided_on": county_day(server_app.now_ms()).isoformat(),  # the county's day
        "decision_note": None,
    }
    _sync_all(world)
    dir_a, dir_c, sup_2 = world.laptop("dir_a"), world.laptop("dir_c"), world.laptop("sup_2")
    assert _held(dir_c, child_id) == {"child": (VILLAGE_C, None), "visits": 1, "agreements": 1}
    assert _held(sup_2, child_id) == _held(dir_c, child_id)
    assert _held(dir_a, child_id)["child"] is None and _held(sup_1, child_id)["child"] is None
    assert _transfer(dir_a, transfer_id) == ("accepted", "郑科长", None)
    assert _transfer(sup_1, transfer_id)[0] == "accepted"
    for user in ("dir_a", "dir_c", "sup_1", "sup_2"):  # a second sync changes nothing
        report = world.laptop(user).run()
        assert report.ok and report.pulled == 0 and report.pushed == 0
    assert _json(capsys, world.server, "transfers", "list", "--state", "requested") == []

    # Only a transfer still asked for is decided: exit 2, in both languages.
    assert (
        _cli(world.server, "transfers", "refuse", transfer_id, "--by", "郑科长", "--reason", "x")
        == 2
    )
    err = capsys.readouterr().err
    assert "已不是待处理" in err and "no longer asked for" in err
    assert _cli(world.server, "transfers", "accept", "nope", "--by", "郑科长") == 2
    err = capsys.readouterr().err
    assert "没有这个转移申请" in err and "no transfer" in err
    assert _transfer(dir_a, transfer_id)[0] == "accepted"


def test_a_refusal_with_its_reason_reaches_the_village(
    world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    child_id, transfer_id = _asked(world)
    done = _json(
        capsys,
        world.server,
        "transfers",
        "refuse",
        transfer_id,
        "--by",
        "郑科长",
        "--reason",
        "手续不全",
    )
    assert isinstance(done, dict)
    assert (done["state"], done["decision_note"]) == ("refused", "手续不全")
    _sync_all(world)
    dir_a, dir_c = world.laptop("dir_a"), world.laptop("dir_c")
    assert _transfer(dir_a, transfer_id) == ("refused", "郑科长", "手续不全")
    assert _held(dir_a, child_id)["child"] is not None
    assert child_id not in _children(dir_c) and child_id not in _children(world.laptop("sup_2"))
    argv = ("transfers", "accept", transfer_id, "--by", "郑科长", "--json")
    assert _cli(world.server, *argv) == 2
    refused = json.loads(capsys.readouterr().out)
    assert refused["ok"] is False and "(refused)" in refused["message"]


def test_a_decision_survives_a_restore_from_a_backup(world: World, tmp_path: Path) -> None:
    from tests.sync.test_restore import Backup

    child_id, transfer_id = _asked(world)
    backup = Backup(world.server, tmp_path)
    backup.take()  # the transfer asked for, not yet decided
    assert _cli(world.server, "transfers", "accept", transfer_id, "--by", "郑科长") == 0
    _sync_all(world)
    backup.restore()
    assert _cli(world.server, "mark-restored") == 0
    _sync_all(world)
    _sync_all(world)
    dir_a, dir_c = world.laptop("dir_a"), world.laptop("dir_c")
    assert _held(dir_c, child_id) == {"child": (VILLAGE_C, None), "visits": 1, "agreements": 1}
    assert _held(dir_a, child_id)["child"] is None
    assert _transfer(dir_a, transfer_id) == ("accepted", "郑科长", None)
    assert child_id in _children(world.laptop("sup_2"))
    assert child_id not in _children(world.laptop("sup_1"))


def test_the_county_has_no_laptop(world: World) -> None:
    with pytest.raises(ValueError, match="server"):
        world.laptop("county")


def test_a_decision_on_a_transfer_asked_after_the_backup_waits_for_it(
    world: World, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.sync.test_restore import Backup

    dir_a = world.laptop("dir_a")
    child_id = _file(dir_a)
    _sync_all(world)
    backup = Backup(world.server, tmp_path)
    backup.take()  # the child's file, no transfer yet
    with dir_a.store.session() as session:
        transfer_id = transfers.request_transfer(
            session, child_id=child_id, to_region=VILLAGE_C, reason="随母亲迁往白沙乡"
        ).id
    _sync_all(world)
    assert _cli(world.server, "transfers", "accept", transfer_id, "--by", "郑科长") == 0
    _sync_all(world)
    backup.restore()
    assert _cli(world.server, "mark-restored") == 0
    assert "1 transfer decision(s) (0 applied now)" in capsys.readouterr().out
    _sync_all(world)  # dir_a sends the transfer again: the decision is applied to it
    _sync_all(world)
    dir_c = world.laptop("dir_c")
    assert _held(dir_c, child_id) == {"child": (VILLAGE_C, None), "visits": 1, "agreements": 1}
    assert _held(dir_a, child_id)["child"] is None
    assert _transfer(dir_a, transfer_id) == ("accepted", "郑科长", None)
    assert _json(capsys, world.server, "transfers", "list", "--state", "requested") == []
