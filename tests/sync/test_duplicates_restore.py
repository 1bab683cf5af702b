"""``childcare-server duplicates distinct`` is journalled: a restore from a backup
followed by ``mark-restored`` keeps the county's decision (issue 15)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.factories import make_child, make_id, years_ago
from tests.sync.test_county_transfers import _cli
from tests.sync.township import World


def _cases(capsys: pytest.CaptureFixture[str], world: World) -> list[dict[str, object]]:
    assert _cli(world.server, "duplicates", "list", "--json") == 0
    found: list[dict[str, object]] = json.loads(capsys.readouterr().out)
    return found


def test_a_pair_marked_distinct_stays_distinct_after_a_restore(
    world: World, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.sync.test_restore import Backup

    same = make_id(years_ago(6, 2))
    for user, phone in (("dir_a", "13900001111"), ("dir_c", "13900003333")):
        laptop = world.laptop(user)
        with laptop.store.session() as session:
            make_child(session, name="陈明", id_number=same, phone=phone)
        assert laptop.run().ok
    ((case),) = _cases(capsys, world)
    assert case["state"] == "open"
    backup = Backup(world.server, tmp_path)
    backup.take()
    assert _cli(world.server, "duplicates", "distinct", str(case["id"]), "--by", "郑科长") == 0
    capsys.readouterr()
    backup.restore()
    assert [c["state"] for c in _cases(capsys, world)] == ["open"]  # the backup's
    assert _cli(world.server, "mark-restored") == 0
    capsys.readouterr()
    for user in ("dir_a", "dir_c", "dir_a", "dir_c"):
        assert world.laptop(user).run().ok
    ((kept),) = _cases(capsys, world)
    assert (kept["id"], kept["state"], kept["decided_by"]) == (case["id"], "distinct", "郑科长")
