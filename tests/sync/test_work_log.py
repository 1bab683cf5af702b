"""工作日志 (issue 18) on the real server: a director's log reaches the township's laptop;
a link to a child of another village is held, never applied nor passed on."""

from __future__ import annotations

import uuid
from datetime import date

from childcare_desktop.services import transfers, work_log
from childcare_desktop.storage.models import Child, WorkLog
from sync.protocol import Hold, Refusal, Status
from tests.factories import make_child
from tests.sync.conftest import VILLAGE_A, VILLAGE_B
from tests.sync.hostile import Forger
from tests.sync.township import World

TODAY = date.today()


def test_a_directors_log_reaches_the_township_and_not_the_next_village(world: World) -> None:
    a, sup, b = world.laptop("dir_a"), world.laptop("sup_1"), world.laptop("dir_b")
    with a.store.session() as s:
        child = make_child(s, name="柳溪孩子")
        made = work_log.add_entry(
            s,
            logged_on=TODAY,
            kind="children_home",
            title="儿童之家读书会",
            content="共12名儿童参加 <&>",
            place="村儿童之家",
            children=[child.id],
        )
    assert a.run().ok
    assert sup.run().ok and b.run().ok
    with sup.store.session() as s:
        (seen,) = work_log.entries(s, TODAY.year, TODAY.month)
    assert (seen.id, seen.title, seen.content) == (made.id, "儿童之家读书会", "共12名儿童参加 <&>")
    assert (seen.region_code, seen.children) == (VILLAGE_A, ((child.id, "柳溪孩子"),))
    with b.store.session() as s:
        assert s.get(WorkLog, made.id) is None
    with a.store.session() as s:  # the deletion syncs too
        work_log.delete_entry(s, made.id)
    assert a.run().ok and sup.run().ok
    with sup.store.session() as s:
        assert work_log.entries(s, TODAY.year, TODAY.month) == []


def test_a_link_to_a_child_of_another_village_is_held(world: World) -> None:
    b = world.laptop("dir_b")
    with b.store.session() as s:
        other = make_child(s, name="桃园孩子").id
    assert b.run().ok
    forger = Forger.enrolled(world.server, "dir_a")
    entry = str(uuid.uuid4())
    row = {"logged_on": TODAY.isoformat(), "kind": "meeting", "title": "会议"}
    results = forger.push(
        forger.insert("work_log", VILLAGE_A, entry, content=None, place=None, **row),
        forger.insert("work_log_child", VILLAGE_A, work_log_id=entry, child_id=other),
        forger.insert("work_log_child", VILLAGE_B, work_log_id=entry, child_id=other),
    )
    assert [r[1] for r in results] == [Status.APPLIED, Status.QUARANTINED, Status.QUARANTINED]
    assert Hold.decode(results[1][3]) == Hold(Refusal.MISSING_PARENT, "child_id")
    assert Hold.decode(results[2][3]).refusal is Refusal.OUT_OF_SCOPE
    sup = world.laptop("sup_1")
    assert sup.run().ok
    with sup.store.session() as s:
        (seen,) = work_log.entries(s, TODAY.year, TODAY.month)
    assert seen.children == ()


def test_a_linked_child_transferred_away_leaves_the_log_whole(world: World) -> None:
    """The child's file leaves village A's laptop; the log keeps naming the child (no
    foreign key stops the file's removal, and an edit keeps the link)."""
    a, sup = world.laptop("dir_a"), world.laptop("sup_1")
    with a.store.session() as s:
        child = make_child(s, name="搬走的孩子")
        made = work_log.add_entry(
            s, logged_on=TODAY, kind="phone", title="电话联系家长", children=[child.id]
        )
        asked = transfers.request_transfer(
            s, child_id=child.id, to_region=VILLAGE_B, reason="随父母搬迁"
        )
    assert a.run().ok and sup.run().ok
    with sup.store.session() as s:
        transfers.decide_transfer(s, transfer_id=asked.id, accept=True)
    assert sup.run().ok and a.run().ok and a.run().ok
    with a.store.session() as s:
        assert s.get(Child, child.id) is None  # the file has left the village's laptop
        assert work_log.entry(s, made.id).children == ((child.id, ""),)
        kept = work_log.edit_entry(s, made.id, title="电话联系外出家长", children=[])
        assert kept.children == ((child.id, ""),)
    assert a.run().ok
