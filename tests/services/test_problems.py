"""发现问题和解决方案: a problem found on a visit, its steps, its closing, the dates refused
and the worklist's reminder at the target date (the real store)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from childcare_desktop.core.errors import Kind, NotFoundError, StateError, ValidationError
from childcare_desktop.core.vocab import ProblemKind, ProblemState
from childcare_desktop.core.worklist import WorkKind
from childcare_desktop.messages import describe
from childcare_desktop.services import files, problems, visits, worklist
from childcare_desktop.storage.models import AuditEntry
from childcare_desktop.storage.store import Store
from tests.factories import make_child, years_ago

TODAY = date.today()


def _problem(s, child_id: str, **values):  # type: ignore[no-untyped-def]
    values = {
        "kind": "就学",
        "description": "长期不按时到校",
        "found_on": TODAY - timedelta(days=10),
        "target_on": TODAY + timedelta(days=20),
        "handled_by": "村委会",
        **values,
    }
    return problems.record_problem(s, child_id=child_id, **values)


def test_dates_are_refused_against_the_birth_today_and_the_finding(store: Store) -> None:
    with store.session() as s:
        child = make_child(s, birth_date=years_ago(10))
        with pytest.raises(ValidationError) as born:
            _problem(s, child.id, found_on=years_ago(11))
        assert born.value.kind is Kind.DATE_BEFORE_BIRTH
        assert describe(born.value).startswith("发现日期早于儿童出生日期")
        with pytest.raises(ValidationError) as future:
            _problem(s, child.id, found_on=TODAY + timedelta(days=1))
        assert (future.value.kind, future.value.field) == (Kind.DATE_IN_FUTURE, "found_on")
        found = TODAY - timedelta(days=5)
        with pytest.raises(ValidationError) as target:
            _problem(s, child.id, found_on=found, target_on=found - timedelta(days=1))
        assert target.value.field == "target_on"
        assert describe(target.value).startswith(
            f"完成时限{(found - timedelta(days=1)).isoformat()}"
            f"早于发现问题的日期{found.isoformat()}，请检查"
        )
        p = _problem(s, child.id, found_on=found)
        with pytest.raises(ValidationError) as step:
            problems.add_step(s, problem_id=p.id, on_date=found - timedelta(days=2), action="家访")
        assert (step.value.kind, step.value.field) == (Kind.BEFORE_FOUND, "on_date")
        with pytest.raises(ValidationError) as blank:
            problems.add_step(s, problem_id=p.id, on_date=TODAY, action="  ")
        assert (blank.value.kind, blank.value.field) == (Kind.REQUIRED, "action")


def test_closing_needs_the_solution_and_ends_the_steps(store: Store) -> None:
    with store.session() as s:
        child = make_child(s, birth_date=years_ago(10))
        p = _problem(s, child.id, kind="证件")
        assert p.kind is ProblemKind.DOCUMENTS and p.state is ProblemState.OPEN
        problems.add_step(
            s,
            problem_id=p.id,
            on_date=TODAY - timedelta(days=3),
            action="陪同家长到派出所",
            result="材料不全",
        )
        problems.add_step(s, problem_id=p.id, on_date=TODAY, action="补齐出生医学证明")
        with pytest.raises(ValidationError) as bare:
            problems.close_problem(s, problem_id=p.id, closed_on=TODAY)
        assert (bare.value.kind, bare.value.field) == (Kind.REQUIRED, "solution")
        assert describe(bare.value).startswith("解决情况必须填写")
        done = problems.close_problem(s, problem_id=p.id, closed_on=TODAY, solution="已落户")
        assert (done.state, done.closed_on, done.solution) == (ProblemState.CLOSED, TODAY, "已落户")
        assert [st.action for st in done.steps] == ["陪同家长到派出所", "补齐出生医学证明"]
        with pytest.raises(StateError) as closed:
            problems.add_step(s, problem_id=p.id, on_date=TODAY, action="回访")
        assert closed.value.kind is Kind.PROBLEM_CLOSED
        actions = s.scalars(select(AuditEntry.action).order_by(AuditEntry.id)).all()
        assert [a for a in actions if a.startswith("problem")] == [
            "problem_recorded",
            "problem_step_recorded",
            "problem_step_recorded",
            "problem_closed",
        ]
        (kept,) = files.get_child_file(s, child_id=child.id).problems
        assert kept.solution == "已落户" and len(kept.steps) == 2


def test_a_problem_names_the_visit_it_came_from_only_the_childs_own(store: Store) -> None:
    with store.session() as s:
        child = make_child(s, birth_date=years_ago(10))
        other = make_child(s, name="王小石", birth_date=years_ago(9))
        visit = visits.log_visit(s, child_id=child.id, visited_on=TODAY, mode="home")
        theirs = visits.log_visit(s, child_id=other.id, visited_on=TODAY, mode="home")
        with pytest.raises(NotFoundError):
            _problem(s, child.id, found_on=TODAY, visit_id=theirs.id)
        p = _problem(s, child.id, found_on=TODAY, visit_id=visit.id)
        assert problems.get_problem(s, problem_id=p.id).visit_id == visit.id


def test_an_open_problem_is_due_at_its_target_and_overdue_after(store: Store) -> None:
    with store.session() as s:
        child = make_child(s, birth_date=years_ago(10))
        far = _problem(s, child.id, target_on=TODAY + timedelta(days=200))
        late = _problem(
            s, child.id, description="监护人长期外出无人照料", target_on=TODAY - timedelta(days=4)
        )

        def due() -> dict[str, int]:
            items = worklist.get_worklist(s).items
            return {i.ref: i.overdue_days for i in items if i.kind is WorkKind.PROBLEM_DUE}

        assert due() == {late.id: 4}  # the far one is not yet in the horizon
        work = files.get_child_file(s, child_id=child.id).work
        assert [(w.ref, w.detail) for w in work if w.kind is WorkKind.PROBLEM_DUE] == [
            (late.id, "监护人长期外出无人照料")
        ]
        problems.close_problem(s, problem_id=late.id, solution="已落实委托照护")
        assert due() == {}
        assert far.id not in due()


def test_an_open_problem_is_edited_but_not_its_finding_and_a_closed_one_not_at_all(
    store: Store,
) -> None:
    with store.session() as s:
        child = make_child(s, birth_date=years_ago(10))
        p = _problem(s, child.id)
        with pytest.raises(ValidationError) as early:
            problems.edit_problem(s, problem_id=p.id, target_on=p.found_on - timedelta(days=1))
        assert (early.value.kind, early.value.field) == (Kind.BEFORE_FOUND, "target_on")
        with pytest.raises(TypeError):
            problems.edit_problem(s, problem_id=p.id, found_on=TODAY)
        later = TODAY + timedelta(days=40)
        got = problems.edit_problem(s, problem_id=p.id, handled_by="学校 王老师", target_on=later)
        assert (got.handled_by, got.target_on, got.description) == (
            "学校 王老师",
            later,
            "长期不按时到校",
        )
        problems.close_problem(s, problem_id=p.id, solution="已按时到校")
        with pytest.raises(StateError):
            problems.edit_problem(s, problem_id=p.id, handled_by="村委会")
