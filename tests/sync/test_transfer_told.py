"""A late edit's site told of the move (issue 15, ``merge.told``): once a pull answer took
a device of the old village past the exit, its edits of the moved file are set aside
(reason ``moved``), whatever its hello then says of its cursors; an honest laptop whose
link cuts its answers still loses none of the changes it had made before."""

from __future__ import annotations

import json
import random
from typing import Any

import pytest
from sqlalchemy import select

from childcare_desktop.services.children import update_child
from childcare_desktop.storage.models import Child
from sync.client import SyncEngine, SyncReport, Transport
from sync.protocol import PROTOCOL_VERSION, EntryKind, Hold, Refusal
from sync.server import schema as s
from tests.sync.conftest import VILLAGE_A, VILLAGE_B, Laptop
from tests.sync.hostile import Forger, child_row, visit_row
from tests.sync.link import Link, LinkModel, link
from tests.sync.test_transfer_late_chain import _accept, _ask, _child
from tests.sync.township import World

APPLIED, HELD = "a", "q"
MOVED = Hold(Refusal.MOVED).encode()


def _hello(forger: Forger, cursors: dict[str, int]) -> None:
    """A hello that says what the forger likes of its cursors."""
    body = {"site": forger.site, "protocol": PROTOCOL_VERSION, "cursors": cursors}
    forger.ctr = int(forger.transport.post("/hello", body)["hwm"])


def _pull(forger: Forger, cursors: dict[str, int]) -> list[Any]:
    answer = forger.transport.post("/pull", {"site": forger.site, "cursors": cursors})
    return [e for page in answer["pages"] for e in page["e"]]


def _moved_file(world: World) -> tuple[Laptop, str]:
    """dir_a's child, moved to village B by the supervisor; dir_a's laptop not told."""
    a = world.laptop("dir_a")
    child_id = _child(a)
    transfer_id = _ask(a, child_id, VILLAGE_B)
    assert a.run().ok
    _accept(world, "sup_1", transfer_id)
    return a, child_id


def _held(world: World) -> list[str]:
    with world.server.db.read() as conn:
        return list(conn.execute(select(s.quarantine.c.reason)).scalars())


def test_a_device_told_of_the_exit_cannot_write_the_moved_file(world: World) -> None:
    liar = Forger.enrolled(world.server, "dir_a")  # a device of village A before the move
    dodger = Forger.enrolled(world.server, "dir_a")
    _, child_id = _moved_file(world)
    # Not told yet: a late edit (by its word, made before it knew) is taken.
    first = liar.push(liar.set("child", child_id, "school_name", "柳溪小学"))
    assert [r[1] for r in first] in ([APPLIED], ["c"])  # (no base: over an older value)
    exits = [e for e in _pull(liar, {}) if e[2] == EntryKind.EXIT]  # the exit is served: told
    assert [e[4] for e in exits] == [child_id]
    _hello(liar, {})  # ... and says it pulled nothing
    visit = liar.insert("visit", VILLAGE_A, **visit_row(child_id, findings="迁出后伪造"))
    late = liar.push(liar.set("child", child_id, "name", "被改的名字"), visit)
    assert [r[1] for r in late] == [HELD, HELD]
    assert [r[3] for r in late] == [MOVED, MOVED]
    # Another asks its pull from past the exit (so is never served it), then says at
    # its hello that it has nothing: a device that says it has the exit was told.
    with world.server.db.read() as conn:
        head = conn.execute(
            select(s.village.c.seq).where(s.village.c.region == VILLAGE_A)
        ).scalar_one()
    assert not [e for e in _pull(dodger, {VILLAGE_A: head}) if e[2] == EntryKind.EXIT]
    _hello(dodger, {})
    (result,) = dodger.push(dodger.set("child", child_id, "name", "又被改的名字"))
    assert (result[1], result[3]) == (HELD, MOVED)
    with world.server.db.read() as conn:
        name = conn.execute(
            select(s.field.c.value).where(
                s.field.c.tbl == "child", s.field.c.row_id == child_id, s.field.c.field == "name"
            )
        ).scalar_one()
    assert json.loads(name) == "张小明"
    assert sorted(_held(world)) == [MOVED, MOVED, MOVED]


def test_an_honest_laptop_on_a_cut_link_loses_nothing(world: World) -> None:
    """dir_a's laptop, with changes of the child made before it heard of the move, syncs
    over a link that cuts every few dozen KB: every change arrives, none is set aside,
    and the exit takes the file off the laptop at last."""
    a = world.laptop("dir_a")
    child_id = _child(a)
    transfer_id = _ask(a, child_id, VILLAGE_B)
    assert a.run().ok
    other = Forger.enrolled(world.server, "dir_a")  # village A's feed grows before the exit
    rows = [
        other.insert("child", VILLAGE_A, **child_row(f"甲村儿童{n}", notes=_words(n)))
        for n in range(60)
    ]
    assert {r[1] for r in other.push(*rows)} == {APPLIED}
    _accept(world, "sup_1", transfer_id)
    with a.store.session() as session:
        update_child(session, child_id=child_id, current_address="柳溪村 9 号")
        update_child(session, child_id=child_id, school_name="柳溪小学")
    model = LinkModel(cut_within=(1_000, 12_000), seed=7)
    with link(world.server.url, model) as proxy:
        for _ in range(6):
            transport = Transport(proxy.url, backoff_s=0.0, attempts=3, timeout=20)
            transport.token = a.sync.sync_state().token
            try:
                report = SyncEngine(a.sync, transport=transport).run()
            finally:
                transport.session.close()
            if report.ok and _file_of(a, child_id) is None:
                break
        cuts = proxy.snapshot().cuts
    assert cuts > 0 and report.ok, report
    assert _file_of(a, child_id) is None
    assert _held(world) == []
    b = world.laptop("dir_b")
    assert b.run().ok
    assert _file_of(b, child_id) == (VILLAGE_B, "柳溪村 9 号", "柳溪小学")


def test_a_change_not_yet_sent_when_a_cut_pull_told_of_the_exit_is_taken(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An edit the laptop had made but not sent when it pulled (here: its push sends
    nothing), and the pull answer that carried the exit is cut after its status line
    until the laptop gives up. The laptop's counter at that pull (``top``) covers the
    edit: next sync it is taken as made before the laptop knew."""
    a, child_id = _moved_file(world)
    with a.store.session() as session:
        update_child(session, child_id=child_id, current_address="柳溪村 9 号")
    with link(world.server.url, LinkModel()) as proxy, monkeypatch.context() as m:
        m.setattr(a.sync, "pending", lambda limit, after=0: [])
        proxy.cut_status("/pull", 1000)
        report = _sync(a, proxy)
    assert not report.ok and report.pushed == 0
    with world.server.db.read() as conn:  # the server did tell it
        assert conn.execute(select(s.site_exit.c.ctr)).scalars().all()
    report = a.run()
    assert report.ok and report.quarantined == 0, report
    assert _held(world) == [] and _file_of(a, child_id) is None
    b = world.laptop("dir_b")
    assert b.run().ok
    held = _file_of(b, child_id)
    assert held is not None and held[1] == "柳溪村 9 号"


def _sync(laptop: Laptop, proxy: Link) -> SyncReport:
    transport = Transport(proxy.url, backoff_s=0.0, attempts=1, timeout=20)
    transport.token = laptop.sync.sync_state().token
    try:
        return SyncEngine(laptop.sync, transport=transport).run()
    finally:
        transport.session.close()


def test_an_edit_after_a_pull_that_told_of_the_exit_is_set_aside(world: World) -> None:
    """The documented loss: a pull answer that carried the exit never arrived (the link
    dropped right after its status line, and the laptop gave up), and the director then
    edits the child. The server had told the laptop of the exit: that edit is set aside
    with its reason, never dropped; what the laptop had changed before is applied."""
    a, child_id = _moved_file(world)
    with a.store.session() as session:
        update_child(session, child_id=child_id, school_name="柳溪小学")
    with link(world.server.url, LinkModel()) as proxy:
        proxy.cut_status("/pull", 1000)
        report = _sync(a, proxy)
    assert not report.ok and report.pushed >= 1
    with a.store.session() as session:
        update_child(session, child_id=child_id, current_address="柳溪村 9 号")
    report = a.run()
    assert report.ok and report.quarantined >= 1, report
    assert set(_held(world)) == {MOVED}
    assert _file_of(a, child_id) is None
    b = world.laptop("dir_b")
    assert b.run().ok
    held = _file_of(b, child_id)
    assert held is not None and held[2] == "柳溪小学" and held[1] != "柳溪村 9 号"


def _words(seed: int) -> str:
    """Notes that gzip does not shrink to nothing (the answers must be cut)."""
    rng = random.Random(seed)
    return "".join(
        rng.choice("家访记录学校父母外出务工照护生活健康良好需要关注") for _ in range(500)
    )


def _file_of(laptop: Laptop, child_id: str) -> tuple[str, str | None, str | None] | None:
    with laptop.store.session() as session:
        child = session.get(Child, child_id)
        if child is None:
            return None
        return child.region_code, child.current_address, child.school_name
