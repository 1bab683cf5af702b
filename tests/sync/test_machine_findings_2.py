"""Faults the long runs of the state machine found (second round), as plain tests on its
world: the machine's own rules, called in the order the failing run called them
(shortened)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from childcare_desktop.services import duplicates
from tests.sync.test_state_machine import SyncMachine, world

A1, A2, B, SUP = 0, 1, 2, 3


@pytest.fixture
def machine(tmp_path: Path, template_store: Path) -> Iterator[SyncMachine]:
    with world(tmp_path, template_store) as w:
        m = type("Machine", (SyncMachine,), {"world": w})()
        yield m
        m.teardown()  # quiesce: every laptop converges on the server (I3, I5, I12)


def _field(m: SyncMachine, i: int, child_id: str, name: str) -> object:
    return m.sites[i].q(f"SELECT {name} FROM child WHERE id = ?", child_id)[0][0]


def _server_field(m: SyncMachine, child_id: str, name: str) -> object:
    return m._server_rows()[("child", child_id)][1][name]


def test_signing_chosen_over_an_end_date_never_in_conflict(machine: SyncMachine) -> None:
    """I12, not a fault: a1 ends a draft and syncs first (its end date applies, no
    rival), a2 signs it; a1 resolves a conflict of the group with a2's value, so the
    signing is chosen and the end date emptied by the server. The old check wanted the
    end date shown or offered in a conflict of its own field (and kept only one of the
    server's own changes, all keyed (None, None))."""
    m = machine
    m.add_child(A1, 0, "张三")
    m.sync(A1)
    m.sync(A2)
    m.sign_and_end_at_once(A2, A1, 0)  # a2 signs, a1 ends
    for i in (A1, A2, A1, A2):
        m.sync(i)
    m.resolve_conflict(A1, 0, 0)  # signed_by_principal: a2's, the group with it
    m.quiesce()
    ((ended_on, state),) = m.sites[A1].q("SELECT ended_on, state FROM care_agreement")
    assert (ended_on, state) == (None, "signed")


def test_merge_set_aside_then_an_edit_in_the_same_push(machine: SyncMachine) -> None:
    """The supervisor merges B's duplicate into A's child taking B's name, then renames
    the child; the county restores a backup from before B's registration, B sends its
    child again (a new case opens), then the supervisor's laptop sends all of it in one
    push: the decision is set aside (its case unknown now), the name copied with it too,
    and the rename applies. The laptop undid the copy with the name the server held
    before that push and showed it for good, over its own rename the server holds (I3;
    seen on an ID number)."""
    m = machine
    m.add_child(A1, 0, "张三")
    m.sync(A1)
    (kept,) = m.sites[A1].children()
    m.back_up_server()  # holds A's child, not B's
    m.register_duplicate(B, 0)  # B files the same ID number: a case opens
    m.sync(SUP)
    with m.sites[SUP].store.session() as session:
        (case,) = duplicates.list_cases(session)
    m.decide_duplicate(0, merge=True, keep_first=case.a.child_id == kept, take=["name"])
    assert _field(m, SUP, kept, "name") == "重复登记"
    m.supervisor_edits(m.sites[SUP].children().index(kept), "name", 1)  # 李四
    m.restore_server(0)
    m.sync(B)
    m.sync(SUP)
    assert _server_field(m, kept, "name") == "李四"
    assert _field(m, SUP, kept, "name") == "李四"
