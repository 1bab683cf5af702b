"""Faults the long runs of the state machine found (second round), as plain tests on its
world: the machine's own rules, called in the order the failing run called them
(shortened)."""

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
