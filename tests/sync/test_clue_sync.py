"""线索 (issue 18) on the real server: a director's clue and the mandatory report filed
from it reach the township's supervisor, with the link between them; a clue about a
child not yet on file goes too; neither reaches another township. Closing it follows."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import text

from childcare_desktop.core.entities import CLUE_STATE
from childcare_desktop.core.vocab import ClueHandling, ClueOutcome, ClueSource, ClueState
from childcare_desktop.services import clues, files, worklist
from childcare_desktop.storage.models import Clue, Incident
from tests.factories import make_child
from tests.sync.conftest import VILLAGE_A
from tests.sync.township import World

NOW = datetime.now().replace(second=0, microsecond=0)


def test_a_clue_and_its_report_reach_the_township(world: World) -> None:
    a, sup, other = world.laptop("dir_a"), world.laptop("sup_1"), world.laptop("sup_2")
    with a.store.session() as s:
        child = make_child(s, name="柳小河")
        clue = clues.register_clue(
            s,
            source="hotline_12355",
            received_at=NOW - timedelta(hours=3),
            content="来电反映孩子夜里独自在家 <&>",
            safety=True,
            child_id=child.id,
        )
        filed = clues.report_clue(
            s,
            clue_id=clue.id,
            discovered_at=NOW - timedelta(hours=3),
            situations=["abandoned"],
            description="12355转来：孩子夜里独自在家",
            reported_to="青石派出所",
            reported_at=NOW - timedelta(hours=1),
        )
        unknown = clues.register_clue(
            s,
            source="其他",
            source_detail="镇卫生院",
            received_at=NOW - timedelta(hours=2),
            content="就诊儿童身上有多处淤青",
            about="约10岁男孩，姓陈",
        )
    assert a.run().ok
    assert sup.run().ok and other.run().ok
    with sup.store.session() as s:
        got = clues.get_clue(s, clue_id=clue.id)
        assert s.get(Incident, filed.id) is not None  # the linked report came too
        (in_file,) = files.get_child_file(s, child_id=child.id, include_incidents=True).clues
        waiting = [i.ref for i in worklist.get_worklist(s).items if i.ref in (clue.id, unknown.id)]
        far = clues.get_clue(s, clue_id=unknown.id)
    assert (got.source, got.content, got.safety) == (
        ClueSource.HOTLINE_12355,
        "来电反映孩子夜里独自在家 <&>",
        True,
    )
    assert (got.state, got.handling, got.incident_id) == (
        ClueState.HANDLED,
        ClueHandling.REPORT,
        filed.id,
    )
    assert in_file.id == clue.id and got.region_code == VILLAGE_A
    assert waiting == [unknown.id]  # the handled one is off the township's worklist
    assert (far.about, far.source_detail, far.child_id) == ("约10岁男孩，姓陈", "镇卫生院", None)
    with other.store.session() as s:
        assert s.query(Clue).count() == 0
    with a.store.session() as s:  # closing syncs as well
        clues.close_clue(s, clue_id=clue.id, outcome="confirmed", outcome_note="派出所已出警")
    assert a.run().ok and sup.run().ok
    with sup.store.session() as s:
        closed = clues.get_clue(s, clue_id=clue.id)
    assert (closed.state, closed.outcome, closed.outcome_note) == (
        ClueState.CLOSED,
        ClueOutcome.CONFIRMED,
        "派出所已出警",
    )


def test_a_clue_noted_and_closed_at_once_stays_whole_on_both_laptops(world: World) -> None:
    """The director notes a clue while the supervisor, not yet synced, closes it: the clue's
    state, handling and closing merge as one group, so both laptops end with the same
    whole record (never 已结案 without its outcome, nor 已处理 without its handling)."""
    a, sup = world.laptop("dir_a"), world.laptop("sup_1")
    with a.store.session() as s:
        clue = clues.register_clue(
            s, source="neighbour", received_at=NOW - timedelta(days=1), content="邻居反映"
        )
    assert a.run().ok and sup.run().ok
    with a.store.session() as s:
        clues.note_clue(s, clue_id=clue.id, handling_note="已电话核实")
    assert a.run().ok
    with sup.store.session() as s:  # not yet pulled: it has not heard of the note
        clues.close_clue(s, clue_id=clue.id, outcome="referred", outcome_note="转交派出所")
    assert sup.run().ok and a.run().ok
    group = CLUE_STATE
    seen = []
    for laptop in (a, sup):
        with laptop.store.connection() as conn:
            row = dict(
                conn.execute(text("SELECT * FROM clue WHERE id = :i"), {"i": clue.id})
                .one()
                ._mapping
            )
        assert group.faults(row) == [], row
        seen.append({k: row[k] for k in group.fields})
    assert seen[0] == seen[1]
    assert seen[0]["state"] == "handled"  # the first to reach the server; the other offered
