"""The console's 搁置的修改 over HTTP, against the real server and real laptops.

Village B's laptop edits a child of village A (a copy of the file it should not hold):
the server holds the edit as outside the user's region. An administrator releases it
once the cause is gone (the county corrects the user's village) and B's next sync says
it was applied; or sends it back with a reason, and B's 同步 data shows 县里退回 and the
reason, its own value kept. A viewer sees the page with the child's name masked and can
decide nothing; a form without its CSRF token does nothing; the command line does the same.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import requests
from sqlalchemy import select, text, update

from childcare_desktop.services import syncing
from childcare_desktop.storage.models import Child
from sync.client import Transport, bundles
from sync.protocol import PROTOCOL_VERSION, Refusal
from sync.server import schema as s
from sync.server.cli import main as server_cli
from sync.server.console.quarantine_words import REFUSALS
from tests.factories import make_child
from tests.sync.conftest import LiveServer
from tests.sync.console import Console, add_staff
from tests.sync.township import VILLAGE_A, World

NAME = "甲村孩子"
EDIT = "越权修改的备注"
REASON = "该儿童不属于本村，请勿修改其档案"


def held_edit(world: World) -> str:
    """B's laptop edits A's child; the server holds it. The child's id."""
    a, b = world.laptop("dir_a"), world.laptop("dir_b")
    with a.store.session() as session:
        child_id = make_child(session, name=NAME).id
    assert a.run().ok
    with b.store.connection() as conn:  # a copy of A's file, put in as if pulled
        conn.exec_driver_sql("UPDATE sync_site SET applying = 1 WHERE id = 1")
        conn.exec_driver_sql(
            "INSERT INTO child (id, region_code, name, registered_on) VALUES (?, ?, ?, ?)",
            (child_id, VILLAGE_A, NAME, "2026-01-01"),
        )
        conn.exec_driver_sql("UPDATE sync_site SET applying = 0 WHERE id = 1")
    with b.store.session() as session:
        session.get(Child, child_id).notes = EDIT
    report = b.run()
    assert report.ok and report.quarantined == 1, report
    return child_id


def fix_cause(server: LiveServer) -> None:
    """The county corrects the user's village: B's director works in village A."""
    with server.db.write() as conn:
        conn.execute(update(s.user).where(s.user.c.name == "dir_b").values(region=VILLAGE_A))


def held_ids(server: LiveServer) -> list[int]:
    with server.db.read() as conn:
        return list(conn.execute(select(s.quarantine.c.id).order_by(s.quarantine.c.id)).scalars())


def notes_on_server(server: LiveServer, child_id: str) -> object:
    f = s.field.c
    with server.db.read() as conn:
        raw = conn.execute(
            select(f.value).where(f.tbl == "child", f.row_id == child_id, f.field == "notes")
        ).scalar()
    return json.loads(raw) if raw else None


def outbox_state(world: World, child_id: str) -> tuple[str, str | None]:
    with world.laptop("dir_b").store.connection() as conn:
        row = conn.execute(
            text(
                "SELECT state, note FROM outbox WHERE tbl = 'child' AND row_id = :r "
                "AND field = 'notes' ORDER BY ctr DESC"
            ),
            {"r": child_id},
        ).first()
    return row.state, row.note


def staff_console(server: LiveServer, name: str, role: str) -> Console:
    add_staff(server.db, name, role)
    console = Console(server.url)
    console.login(name)
    return console


def audit_actions(server: LiveServer) -> list[tuple[str, str]]:
    a = s.staff_audit.c
    with server.db.read() as conn:
        rows = conn.execute(select(a.staff, a.action).order_by(a.at_ms))
        return [(r.staff, r.action) for r in rows if r.action.startswith("quarantine")]


def test_release_after_the_cause_is_fixed_reaches_the_laptop(world: World) -> None:
    child_id = held_edit(world)
    admin = staff_console(world.server, "admin", "county-admin")
    page = admin.get("/console/quarantine")
    assert page.status_code == 200
    (held,) = held_ids(world.server)
    row = page.text.split(f'data-held="{held}"', 1)[1].split("</tr>", 1)[0]
    assert NAME in row and "dir_b" in row and "超出本账号负责的区划" in row
    assert f"notes：{EDIT}" in row and VILLAGE_A in row

    # Before the cause is gone: still refused, said why, still held.
    early = admin.post("/console/quarantine/release", {"csrf": admin.csrf(), "id": str(held)})
    assert early.status_code == 409
    assert "仍不能并入" in early.text and "超出本账号负责的区划" in early.text
    assert held_ids(world.server) == [held]

    fix_cause(world.server)
    done = admin.post("/console/quarantine/release", {"csrf": admin.csrf(), "id": str(held)})
    assert done.status_code == 200 and "已释放" in done.text, done.text
    assert held_ids(world.server) == []
    assert notes_on_server(world.server, child_id) == EDIT
    assert audit_actions(world.server) == [
        ("admin", "quarantine_still_held"),
        ("admin", "quarantine_released"),
    ]

    report = world.laptop("dir_b").run()
    assert report.ok and report.released == 1 and report.rejected == 0, report
    assert outbox_state(world, child_id)[0] == "acked"
    assert syncing.quarantined(world.laptop("dir_b").store) == []
    # The feed moved as for a push: village A's laptop pulls the edit.
    assert world.laptop("dir_a").run().ok
    with world.laptop("dir_a").store.session() as session:
        assert session.get(Child, child_id).notes == EDIT


def test_reject_reaches_the_laptop_with_its_reason(world: World) -> None:
    child_id = held_edit(world)
    admin = staff_console(world.server, "admin", "county-admin")
    (held,) = held_ids(world.server)
    empty = admin.post(
        "/console/quarantine/reject", {"csrf": admin.csrf(), "id": str(held), "reason": "  "}
    )
    assert empty.status_code == 400 and "请填写退回原因" in empty.text
    long = admin.post(
        "/console/quarantine/reject", {"csrf": admin.csrf(), "id": str(held), "reason": "长" * 201}
    )
    assert long.status_code == 400 and held_ids(world.server) == [held]
    done = admin.post(
        "/console/quarantine/reject", {"csrf": admin.csrf(), "id": str(held), "reason": REASON}
    )
    assert done.status_code == 200 and "已退回" in done.text
    assert held_ids(world.server) == []
    assert REASON in done.text.split('id="sent-back"', 1)[1]  # listed as sent back
    assert audit_actions(world.server) == [("admin", "quarantine_rejected")]

    b = world.laptop("dir_b")
    report = b.run()
    assert report.ok and report.rejected == 1 and report.released == 0, report
    (item,) = syncing.quarantined(b.store)
    assert item.hold.refusal is Refusal.REJECTED and item.hold.rule == REASON
    assert item.row_id == child_id and item.field == "notes"
    assert outbox_state(world, child_id)[0] == "quarantined"  # not acknowledged
    with b.store.session() as session:
        assert session.get(Child, child_id).notes == EDIT  # nothing lost here
    assert notes_on_server(world.server, child_id) is None  # nor applied there

    again = b.run()  # told once, never sent again, still shown
    assert again.ok and again.rejected == 0 and again.released == 0, again
    assert [i.hold.rule for i in syncing.quarantined(b.store)] == [REASON]
    assert held_ids(world.server) == []


def test_a_viewer_sees_no_names_and_decides_nothing(world: World) -> None:
    held_edit(world)
    viewer = staff_console(world.server, "viewer", "county-viewer")
    page = viewer.get("/console/quarantine")
    assert page.status_code == 200
    (held,) = held_ids(world.server)
    assert NAME not in page.text and "甲**子" in page.text
    assert "/console/quarantine/release" not in page.text  # no buttons either
    csrf = viewer.csrf()
    for path, extra in (("release", {}), ("reject", {"reason": REASON})):
        refused = viewer.post(
            f"/console/quarantine/{path}", {"csrf": csrf, "id": str(held), **extra}
        )
        assert refused.status_code == 403, path
    assert held_ids(world.server) == [held] and audit_actions(world.server) == []


def test_a_form_without_its_csrf_token_does_nothing(world: World) -> None:
    held_edit(world)
    fix_cause(world.server)
    admin = staff_console(world.server, "admin", "county-admin")
    (held,) = held_ids(world.server)
    for csrf in ({}, {"csrf": "forged-token"}):
        for path in ("release", "reject"):
            refused = admin.post(
                f"/console/quarantine/{path}", {**csrf, "id": str(held), "reason": REASON}
            )
            assert refused.status_code == 403, (path, csrf)
    assert held_ids(world.server) == [held]
    anonymous = Console(world.server.url)
    assert anonymous.get("/console/quarantine").status_code == 303


def test_the_command_line_releases_and_rejects(
    sqlite_world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    world = sqlite_world
    child_id = held_edit(world)
    url = str(world.server.db.engine.url)
    (held,) = held_ids(world.server)
    assert server_cli(["--db", url, "quarantine", "release", str(held)]) == 3
    assert "超出本账号负责的区划" in capsys.readouterr().out
    assert server_cli(["--db", url, "quarantine", "reject", str(held)]) == 2  # no reason
    assert server_cli(["--db", url, "quarantine", "reject", str(held), "--reason", REASON]) == 0
    assert held_ids(world.server) == []
    assert server_cli(["--db", url, "quarantine", "release", str(held)]) == 2  # gone
    assert audit_actions(world.server) == [
        ("cli", "quarantine_still_held"),
        ("cli", "quarantine_rejected"),
    ]
    report = world.laptop("dir_b").run()
    assert report.ok and report.rejected == 1
    assert outbox_state(world, child_id) == ("quarantined", f"rejected||{REASON}")


def test_the_hello_lists_a_rejected_op_as_held_too(world: World) -> None:
    """What was sent back stays in ``held`` (a laptop that does not read ``rejected``
    keeps it set aside, never sends it again) and comes in ``rejected`` with its reason."""
    held_edit(world)
    (held,) = held_ids(world.server)
    with world.server.db.read() as conn:
        site, ctr = conn.execute(select(s.quarantine.c.site_id, s.quarantine.c.ctr)).one()
    admin = staff_console(world.server, "admin", "county-admin")
    admin.post(
        "/console/quarantine/reject", {"csrf": admin.csrf(), "id": str(held), "reason": REASON}
    )
    state = world.laptop("dir_b").sync.sync_state()
    answer = requests.post(
        f"{world.server.url}/v1/hello",
        json={"site": site, "protocol": PROTOCOL_VERSION, "epoch": state.epoch},
        headers={"Authorization": f"Bearer {state.token}"},
        timeout=10,
    ).json()
    assert answer["held"] == [ctr] and answer["quarantined"] == 0
    assert answer["rejected"] == [[ctr, f"rejected||{REASON}"]]


def test_the_console_words_reasons_as_the_laptop_does() -> None:
    from childcare_desktop.ui.views.sync_text import REFUSALS as LAPTOP

    assert set(REFUSALS) == set(Refusal)
    assert {r: str(LAPTOP[r]) for r in Refusal} == REFUSALS
    assert re.search(r"\{rule\}", REFUSALS[Refusal.REJECTED])


def test_a_laptop_on_a_usb_stick_learns_of_the_rejection_too(
    sqlite_world: World, tmp_path: Path
) -> None:
    """A bundle's reply carries the hello's answer: the reason reaches a laptop that
    syncs by stick only."""
    world = sqlite_world
    child_id = held_edit(world)
    (held,) = held_ids(world.server)
    admin = staff_console(world.server, "admin", "county-admin")
    admin.post(
        "/console/quarantine/reject", {"csrf": admin.csrf(), "id": str(held), "reason": REASON}
    )
    b = world.laptop("dir_b")
    b.transport = Transport("http://127.0.0.1:9", attempts=1)  # off the network from now on
    stick = tmp_path / "stick"
    stick.mkdir()
    name, data = bundles.export(b.sync)
    bundles.write_whole(stick / name, data)
    assert dict(bundles.relay(stick, Transport(world.server.url, attempts=1))) == {name: "replied"}
    reply = (stick / name).with_suffix(bundles.REPLY_SUFFIX).read_bytes()
    assert bundles.read_reply(b.sync, reply).refused is None
    (item,) = syncing.quarantined(b.store)
    assert item.hold.refusal is Refusal.REJECTED and item.hold.rule == REASON
    assert outbox_state(world, child_id) == ("quarantined", f"rejected||{REASON}")
