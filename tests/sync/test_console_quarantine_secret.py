"""搁置的修改 keeps what a role may not receive on a laptop: a held mandatory report or
clue shows its table, place and reason to a county-viewer, never its values (found by
an attack pass: a viewer read a held clue's content in full)."""

from __future__ import annotations

import uuid

from tests.sync.conftest import VILLAGE_A
from tests.sync.console import Console, add_staff
from tests.sync.hostile import Forger, incident_row
from tests.sync.township import World

CLUE = "秘密线索：继父殴打"
REPORT = "秘密报告内容"


def _clue(child_id: str) -> dict[str, object]:
    return {
        "source": "hotline_12355",
        "source_detail": None,
        "received_at": "2026-01-01 10:00:00",
        "content": CLUE,
        "safety": 1,
        "child_id": child_id,
        "about": None,
        "state": "open",
        "handling": None,
        "incident_id": None,
        "visit_id": None,
        "handled_on": None,
        "handling_note": None,
        "outcome": None,
        "outcome_note": None,
        "closed_on": None,
    }


def test_a_viewer_sees_a_held_clue_and_report_but_not_what_they_say(
    sqlite_world: World,
) -> None:
    device = Forger.enrolled(sqlite_world.server, "dir_a")
    nobody = str(uuid.uuid4())  # a child the server does not have: both are held
    device.push(device.insert("clue", VILLAGE_A, None, **_clue(nobody)))
    device.push(
        device.insert("incident", VILLAGE_A, None, **incident_row(nobody, description=REPORT))
    )

    pages = {}
    for name, role in (("kan", "county-viewer"), ("admin", "county-admin")):
        add_staff(sqlite_world.server.db, name, role)
        console = Console(sqlite_world.server.url)
        console.login(name)
        pages[role] = console.get("/console/quarantine").text
    viewer, admin = pages["county-viewer"], pages["county-admin"]
    assert "线索" in viewer and "强制报告" in viewer  # the rows are there
    assert CLUE not in viewer and REPORT not in viewer  # what they say is not
    assert "仅可查看强制报告的角色可见" in viewer
    assert CLUE in admin and REPORT in admin  # the administrator decides on them
