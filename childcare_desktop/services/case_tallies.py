"""The month's counts of what the director follows to its end (issue 18), for the 月报:
problems found, closed and overdue; dropouts new, back at school and still persuaded;
entries of the work log. Counting only; tallies.monthly_report carries them."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..core.printing import CaseCounts
from ..core.vocab import PersuasionOutcome, ProblemState
from ..storage.models import Dropout, Persuasion, Problem, WorkLog


def case_counts(session: Session, *, first: date, last: date, region: str | None) -> CaseCounts:
    """Counts of the month ``first``..``last`` over the villages under ``region`` (all
    when None)."""

    def count(model: Any, *where: Any) -> int:
        query = select(func.count()).select_from(model).where(model.deleted.is_(False), *where)
        if region:
            query = query.where(model.region_code.startswith(region))
        return int(session.execute(query).scalar_one())

    # The month's last day, or today in the month still running: nothing is late yet
    # that falls due later this month.
    end = min(last, date.today())
    # 结案 after that day: still open on it.
    open_at_end = (Problem.state == ProblemState.OPEN) | (Problem.closed_on > end)
    returned = _returned_on(session)
    back_by_end = Dropout.id.in_(select(returned.c.dropout_id).where(returned.c.on <= end))
    return CaseCounts(
        problems_found=count(Problem, Problem.found_on.between(first, last)),
        problems_closed=count(
            Problem, Problem.state == ProblemState.CLOSED, Problem.closed_on.between(first, last)
        ),
        problems_overdue=count(
            Problem, Problem.found_on <= end, Problem.target_on < end, open_at_end
        ),
        dropouts_new=count(Dropout, Dropout.left_on.between(first, last)),
        dropouts_returned=count(
            Dropout,
            Dropout.id.in_(select(returned.c.dropout_id).where(returned.c.on.between(first, last))),
        ),
        dropouts_open=count(
            Dropout,
            Dropout.left_on <= end,
            ~back_by_end,
            Dropout.reported_on.is_(None) | (Dropout.reported_on > end),
        ),
        work_log_entries=count(WorkLog, WorkLog.logged_on.between(first, last)),
    )


def _returned_on(session: Session) -> Any:
    """The day each dropout's child came back: its first 劝返 that brought the child back."""
    return (
        select(Persuasion.dropout_id, func.min(Persuasion.on_date).label("on"))
        .where(Persuasion.deleted.is_(False), Persuasion.outcome == PersuasionOutcome.RETURNED)
        .group_by(Persuasion.dropout_id)
        .subquery()
    )
