"""辍学 through the real server: a director's dropout and its persuasion attempts reach
the township's supervisor, and stay out of another township's."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import text

from childcare_desktop.core.vocab import DropoutState, PersuasionOutcome
from childcare_desktop.services import dropouts, files
from tests.factories import make_child, years_ago
from tests.sync.township import World

TODAY = date.today()


def test_the_supervisor_receives_the_dropout_its_attempts_and_the_report(world: World) -> None:
    a = world.laptop("dir_a")
    with a.store.session() as s:
        child = make_child(s, name="柳小河", birth_date=years_ago(13))
        d = dropouts.record_dropout(
            s,
            child_id=child.id,
            left_on=TODAY - timedelta(days=30),
            reason="外出务工",
            school="青石镇中学",
            grade="初一",
        )
        for days, outcome in ((20, "未返校"), (5, "拒绝")):
            dropouts.add_persuasion(
                s,
                dropout_id=d.id,
                on_date=TODAY - timedelta(days=days),
                outcome=outcome,
                done_by="李主任",
                method="入户劝返",
            )
        dropouts.mark_reported(s, dropout_id=d.id)
    assert a.run().ok
    sup = world.laptop("sup_1")
    assert sup.run().ok
    with sup.store.session() as s:
        (got,) = files.get_child_file(s, child_id=child.id).dropouts
    assert (got.school, got.grade, got.state, got.reported_on) == (
        "青石镇中学",
        "初一",
        DropoutState.REPORTED,
        TODAY,
    )
    assert [p.outcome for p in got.attempts] == [
        PersuasionOutcome.NOT_RETURNED,
        PersuasionOutcome.REFUSED,
    ]
    other = world.laptop("sup_2")
    assert other.run().ok
    with other.store.session() as s:
        assert dropouts.open_dropouts(s) == []
        assert s.execute(text("SELECT count(*) FROM persuasion")).scalar() == 0
