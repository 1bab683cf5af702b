"""The server holds a whole record whose grouped fields do not stand together as its
state says (core.checks.check_group), as the laptop's services never make one: a clue
已结案 without its outcome, an open one that already has one, a 留守老人 who left with no
exit date (found by an attack pass: such records were applied and reached the township)."""

from __future__ import annotations

import uuid

from sync.protocol import Hold, Refusal, Status
from tests.sync.conftest import VILLAGE_A
from tests.sync.hostile import Forger
from tests.sync.test_console_quarantine_secret import _clue
from tests.sync.township import World


def test_grouped_fields_that_do_not_stand_together_are_held(sqlite_world: World) -> None:
    device = Forger.enrolled(sqlite_world.server, "dir_a")
    closed_bare = _clue("") | {"child_id": None, "about": "村口小孩", "state": "closed"}
    open_with_outcome = _clue("") | {"child_id": None, "about": "村口小孩", "outcome": "other"}
    whole = _clue("") | {
        "child_id": None,
        "about": "村口小孩",
        "state": "closed",
        "handling": "note",
        "handled_on": "2026-01-02",
        "outcome": "unfounded",
        "closed_on": "2026-01-03",
    }
    results = device.push(
        *(
            device.insert("clue", VILLAGE_A, str(uuid.uuid4()), **row)
            for row in (closed_bare, open_with_outcome, whole)
        )
    )
    assert [r[1] for r in results[:2]] == [Status.QUARANTINED, Status.QUARANTINED]
    first, second = (Hold.decode(r[3]) for r in results[:2])
    assert first.refusal is Refusal.INVALID and first.field in (
        "handling",
        "handled_on",
        "outcome",
        "closed_on",
    )
    assert second.refusal is Refusal.INVALID and second.field == "outcome"
    assert results[2][1] is not Status.QUARANTINED  # the same record, whole: applied
