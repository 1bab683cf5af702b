"""发现问题和解决方案 (seed 001): a problem found on a visit or an assessment, who acts on
it by when, the steps taken, and how it was solved.

A problem stays open (跟进中) until the director closes it (结案) with the date and how it
was solved. Steps are records of fact and are never edited. Every date is checked
against the day the problem was found: nothing is done about a problem before it is
known, and nothing is found before the child was born or after today.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..core.errors import Kind, NotFoundError, StateError, ValidationError
from ..core.records import ProblemRecord, ProblemStepRecord
from ..core.row_rules import check_rules
from ..core.vocab import ProblemKind, ProblemState
from ..core.worklist import ProblemFacts
from ..storage.models import Assessment, Child, Problem, ProblemStep, Visit
from . import fields
from .common import apply_changes, load, not_before_birth, require_active, save, to_record

PROBLEM = {
    "kind": fields.choice(ProblemKind),
    "description": fields.text(2000, required=True),
    "found_on": fields.day(required=True),
    "visit_id": fields.text(36),
    "assessment_id": fields.text(36),
    "handled_by": fields.text(100),
    "target_on": fields.day(past=False, required=True),
}

STEP = {
    "on_date": fields.day(required=True),
    "action": fields.text(2000, required=True),
    "result": fields.text(200),
}

CLOSE = {
    "closed_on": fields.day(required=True),
    "solution": fields.text(2000, required=True),
}


def record_problem(session: Session, *, child_id: str, **values: Any) -> ProblemRecord:
    """Record a problem found in a child's situation; refused when found before the
    birth or in the future, when the target date comes before the finding, or when the
    visit or assessment named is not this child's."""
    child = load(session, Child, child_id)
    require_active(session, child)
    values.setdefault("kind", None)  # required: the form names it
    cleaned = fields.clean_fields(PROBLEM, values)
    not_before_birth(child, cleaned["found_on"], "found_on")
    check_rules("problem", cleaned, today=date.today())  # the target after the finding
    for name, model in (("visit_id", Visit), ("assessment_id", Assessment)):
        _own_source(session, model, cleaned.get(name), child.id, name)
    row = Problem(
        child_id=child.id, region_code=child.region_code, state=ProblemState.OPEN, **cleaned
    )
    save(session, row, "problem_recorded", child.id, kind=row.kind.value)
    return to_record(row, ProblemRecord)


EDITABLE = ("kind", "description", "handled_by", "target_on")


def edit_problem(session: Session, *, problem_id: str, **changes: Any) -> ProblemRecord:
    """Change an open problem's kind, description, who acts or its target date (not
    when it was found, nor where: the steps are dated against it)."""
    problem = _open(session, problem_id)
    cleaned = fields.clean_fields({k: PROBLEM[k] for k in EDITABLE}, changes)
    for name in ("kind", "description", "target_on"):
        if name in cleaned and cleaned[name] is None:
            raise ValidationError(Kind.REQUIRED, name)
    check_rules("problem", {"found_on": problem.found_on, **cleaned}, today=date.today())
    apply_changes(session, problem, cleaned, "problem_edited", problem.child_id)
    return get_problem(session, problem_id=problem.id)


def add_step(session: Session, *, problem_id: str, **values: Any) -> ProblemStepRecord:
    """Record one step taken on an open problem, dated no earlier than its finding."""
    problem = _open(session, problem_id)
    cleaned = fields.clean_fields(STEP, values)
    owner = {"owner.found_on": problem.found_on}
    check_rules("problem_step", cleaned | owner, today=date.today())
    row = ProblemStep(problem_id=problem.id, region_code=problem.region_code, **cleaned)
    save(session, row, "problem_step_recorded", problem.child_id, problem=problem.id)
    return to_record(row, ProblemStepRecord)


def close_problem(session: Session, *, problem_id: str, **values: Any) -> ProblemRecord:
    """结案: the problem is solved on ``closed_on``; how it was solved must be said."""
    problem = _open(session, problem_id)
    values.setdefault("solution", None)
    values.setdefault("closed_on", date.today())
    cleaned = fields.clean_fields(CLOSE, values)
    check_rules("problem", {"found_on": problem.found_on, **cleaned}, today=date.today())
    changes = {"state": ProblemState.CLOSED, **cleaned}
    apply_changes(session, problem, changes, "problem_closed", problem.child_id)
    return get_problem(session, problem_id=problem.id)


def get_problem(session: Session, *, problem_id: str) -> ProblemRecord:
    """One problem with its steps, oldest first."""
    row = load(session, Problem, problem_id)
    return to_record(row, ProblemRecord, steps=_steps(session, row.id))


def list_problems(session: Session, *, child_id: str) -> tuple[ProblemRecord, ...]:
    """A child's problems with their steps: the open ones first, then the latest found."""
    rows = session.scalars(
        select(Problem)
        .where(Problem.child_id == child_id, Problem.deleted.is_(False))
        .order_by(Problem.found_on.desc(), Problem.created_hlc.desc())
    )
    found = [to_record(r, ProblemRecord, steps=_steps(session, r.id)) for r in rows]
    return tuple(sorted(found, key=lambda p: p.state is not ProblemState.OPEN))


def open_problems(session: Session, *, child_id: str | None = None) -> list[ProblemFacts]:
    """Every open problem of the store (or of one child), for the worklist."""
    query = select(Problem.id, Problem.child_id, Problem.target_on, Problem.description).where(
        Problem.deleted.is_(False), Problem.state == ProblemState.OPEN
    )
    if child_id is not None:
        query = query.where(Problem.child_id == child_id)
    return [ProblemFacts(*r) for r in session.execute(query)]


def _open(session: Session, problem_id: str) -> Problem:
    problem = load(session, Problem, problem_id)
    if problem.state is not ProblemState.OPEN:
        raise StateError(Kind.PROBLEM_CLOSED, "problem_id")
    return problem


def _own_source(
    session: Session,
    model: type[Visit] | type[Assessment],
    row_id: str | None,
    child_id: str,
    field: str,
) -> None:
    if row_id is None:
        return
    owner = session.execute(
        select(model.child_id).where(model.id == row_id, model.deleted.is_(False))
    ).scalar()
    if owner != child_id:  # none such, or another child's
        raise NotFoundError(field, row_id)


def _steps(session: Session, problem_id: str) -> tuple[ProblemStepRecord, ...]:
    rows = session.scalars(
        select(ProblemStep)
        .where(ProblemStep.problem_id == problem_id, ProblemStep.deleted.is_(False))
        .order_by(ProblemStep.on_date, ProblemStep.created_hlc)
    )
    return tuple(to_record(r, ProblemStepRecord) for r in rows)
