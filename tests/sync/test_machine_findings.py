"""Faults the long runs of the state machine found, as plain tests on its world: the
machine's own rules, called in the order the failing run called them (shortened)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.sync.test_state_machine import SyncMachine, world

A1, A2, B, SUP = 0, 1, 2, 3


@pytest.fixture
def machine(tmp_path: Path, template_store: Path) -> Iterator[SyncMachine]:
    with world(tmp_path, template_store) as w:
        m = type("Machine", (SyncMachine,), {"world": w})()
        yield m
        m.teardown()  # quiesce: every laptop converges on the server (I3, I5, I12)


def _name(m: SyncMachine, i: int, child_id: str) -> str:
    return str(m.sites[i].q("SELECT name FROM child WHERE id = ?", child_id)[0][0])


def _server_name(m: SyncMachine, child_id: str) -> object:
    return m._server_rows()[("child", child_id)][1]["name"]


def test_own_edit_survives_pulling_again_after_a_restore(machine: SyncMachine) -> None:
    """A laptop edited a child another laptop registered; the county restores a backup
    that holds the edit. The laptop pulls again from zero: the child's record comes
    whole with its first name, and the laptop's own later name must follow it (the
    server left it out as the laptop's own: the laptop showed the first name again)."""
    m = machine
    m.add_child(A1, 0, "张三")
    m.sync(A1)
    m.sync(A2)
    (child_id,) = m.sites[A2].children()
    m.edit_child(A2, 0, "name", 1)  # 李四
    m.sync(A2)
    m.back_up_server()
    m.restore_server(0)
    m.sync(A2)
    assert _server_name(m, child_id) == "李四"
    assert _name(m, A2, child_id) == "李四"


def test_supervisor_edit_of_a_moved_file_survives_a_restore(machine: SyncMachine) -> None:
    """The supervisor's laptop holds both villages. A child moved from A to B before the
    backup; after the restore the supervisor edits it and syncs: its pull from zero
    files the child under A again (its first insert), then under B, and its name must
    stay the one the supervisor just sent (the bases of that change were dropped with
    the move back to A, and the first insert's name showed)."""
    m = machine
    m.add_child(A1, 0, "张三")
    m.sync(A1)
    m.sync(SUP)
    (child_id,) = m.sites[SUP].children()
    m.transfer(0)
    m.quiesce()
    assert m.sites[SUP].q("SELECT region_code FROM child")[0][0] == m.sites[2].writes[0]
    m.back_up_server()
    m.restore_server(0)
    m.supervisor_edits(0, "name", 1)  # 李四
    m.sync(SUP)
    assert _server_name(m, child_id) == "李四"
    assert _name(m, SUP, child_id) == "李四"


def test_supervisor_delete_of_a_file_it_moved_stays(machine: SyncMachine) -> None:
    """The supervisor moves a child of village B to village A and deletes it before
    syncing. The server moves the file, then applies the deletion in A. The supervisor's
    pull takes the file's whole insert in A (not deleted) and files it anew, its bases
    dropped; its own deletion, left out as its own, must come with it (the supervisor's
    laptop showed the child as not deleted, the server and everyone else as deleted)."""
    m = machine
    m.add_child(B, 0, "张三")
    m.sync(B)
    m.sync(SUP)
    (child_id,) = m.sites[SUP].children()
    m.transfer(0)  # to village A
    m.delete_child(SUP, 0)
    m.sync(SUP)
    assert m._server_rows()[("child", child_id)][1]["deleted"] == 1
    assert m.sites[SUP].q("SELECT region_code, deleted FROM child")[0] == (
        m.sites[A1].writes[0],
        1,
    )
