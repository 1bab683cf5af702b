"""A group's field the server kept in place of a laptop's: the push's answer alone leaves
the record whole on that laptop (found by the state machine: invariant I13).

The supervisor ends an agreement; its director, offline, signs it. The director's push
is answered with the state the server kept (ended): the laptop showed it at once, but
the end date and reason only came with the pull, so an agreement "ended" with no end
date stayed on the laptop until a pull got through (on a rural link, maybe days).
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlalchemy import text

from childcare_desktop.core.entities import entity
from childcare_desktop.services import agreements
from sync.client import Transport
from tests.sync.conftest import Laptop
from tests.sync.faults import FaultAdapter, Plan
from tests.sync.test_regressions import _draft
from tests.sync.township import World

GROUP = entity("care_agreement").group_of("state")


def _agreement(laptop: Laptop, agreement_id: str) -> dict[str, Any]:
    with laptop.store.connection() as conn:
        row = conn.execute(
            text("SELECT * FROM care_agreement WHERE id = :i"), {"i": agreement_id}
        ).one()
    return dict(row._mapping)


def _pull_always_cut(laptop: Laptop, *, push_cut: bool) -> FaultAdapter:
    """Every pull of ``laptop`` is answered but cut before a byte of the answer arrives
    (the rural link); the hello and the push get through (the push's answer once cut
    when ``push_cut``: the server applied it, the laptop learns its results again)."""
    url = laptop.sync.sync_state().server_url
    assert url is not None
    adapter = FaultAdapter()
    if push_cut:
        adapter.plans.append(Plan("cut_response", "/push", fraction=0.0, hits=1))
    adapter.plans.append(Plan("cut_response", "/pull", fraction=0.0, hits=1000))
    laptop.transport = Transport(url, attempts=1, backoff_s=0.0, timeout=10.0)
    laptop.transport.session.mount("http://", adapter)
    return adapter


@pytest.mark.parametrize("push_cut", [False, True], ids=["push", "push-answer-cut"])
def test_an_agreement_kept_ended_is_whole_after_the_push_alone(
    world: World, push_cut: bool
) -> None:
    """The supervisor ends the agreement, the director signs it offline; the director's
    sync pushes, then gives up on its pulls. Its agreement is ended with the end date
    and reason the supervisor gave (its own signing gone), after the push alone."""
    a, sup = world.laptop("dir_a"), world.laptop("sup_1")
    agreement_id = _draft(a)
    assert a.run().ok and sup.run().ok
    with sup.store.session() as session:
        agreements.end_agreement(
            session, agreement_id=agreement_id, ended_on=date.today(), reason="父亲返乡"
        )
    assert sup.run().ok
    with a.store.session() as session:  # offline: it has not heard of the end
        agreements.sign_agreement(
            session,
            agreement_id=agreement_id,
            signed_on=date.today(),
            signed_by_principal="陈父",
            signed_by_carer="李奶奶",
            witness="村儿童主任",
        )
    adapter = _pull_always_cut(a, push_cut=push_cut)
    report = a.run()
    assert not report.ok and report.error == "offline"  # it gave up on the pull
    assert report.pushed > 0 and report.kept > 0 and adapter.spoiled > 1
    assert report.pulled == 0
    record = _agreement(a, agreement_id)
    assert record["state"] == "ended", record  # the server's kept state, shown at once
    assert GROUP is not None and GROUP.faults(record) == [], record
    assert str(record["ended_on"]) == str(date.today()), record
    assert record["end_reason"] == "父亲返乡" and record["signed_on"] is None, record
    assert a.sync.pending_count() == 0
    # The link heals: the pull changes nothing of the record, and the two laptops agree.
    a.transport = None
    assert a.run().ok and sup.run().ok
    healed = _agreement(a, agreement_id)
    assert _fields(healed) == _fields(record) == _fields(_agreement(sup, agreement_id))


def _fields(record: dict[str, Any]) -> dict[str, Any]:
    """A record's values without the clock stamps (each laptop's own)."""
    return {k: v for k, v in record.items() if k not in ("created_hlc", "updated_hlc")}
