"""发现问题和解决方案 through the real server: a director's problem, its steps and its
closing reach the township's supervisor, and stay out of another township's."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import text

from childcare_desktop.core.vocab import ProblemKind, ProblemState
from childcare_desktop.services import files, problems, visits
from tests.factories import make_child, years_ago
from tests.sync.township import World

TODAY = date.today()


def test_the_supervisor_receives_the_problem_its_steps_and_its_closing(world: World) -> None:
    a = world.laptop("dir_a")
    with a.store.session() as s:
        child = make_child(s, name="柳小溪", birth_date=years_ago(9))
        visit = visits.log_visit(
            s, child_id=child.id, visited_on=TODAY - timedelta(days=12), mode="home"
        )
        p = problems.record_problem(
            s,
            child_id=child.id,
            kind="证件",
            description="未办理户口登记",
            found_on=TODAY - timedelta(days=12),
            visit_id=visit.id,
            handled_by="村委会",
            target_on=TODAY + timedelta(days=30),
        )
        problems.add_step(
            s,
            problem_id=p.id,
            on_date=TODAY - timedelta(days=6),
            action="陪同家长到派出所",
            result="材料不全",
        )
    assert a.run().ok
    sup = world.laptop("sup_1")
    assert sup.run().ok
    with sup.store.session() as s:
        (got,) = files.get_child_file(s, child_id=child.id).problems
    assert (got.kind, got.description, got.visit_id, got.handled_by, got.state) == (
        ProblemKind.DOCUMENTS,
        "未办理户口登记",
        visit.id,
        "村委会",
        ProblemState.OPEN,
    )
    assert [(st.action, st.result) for st in got.steps] == [("陪同家长到派出所", "材料不全")]
    with a.store.session() as s:
        problems.close_problem(s, problem_id=p.id, closed_on=TODAY, solution="已办理户口登记")
    assert a.run().ok and sup.run().ok
    with sup.store.session() as s:
        closed = problems.get_problem(s, problem_id=p.id)
        assert problems.open_problems(s) == []
    assert (closed.state, closed.closed_on, closed.solution) == (
        ProblemState.CLOSED,
        TODAY,
        "已办理户口登记",
    )
    other = world.laptop("sup_2")
    assert other.run().ok
    with other.store.session() as s:
        assert s.execute(text("SELECT count(*) FROM problem")).scalar() == 0
        assert s.execute(text("SELECT count(*) FROM problem_step")).scalar() == 0
