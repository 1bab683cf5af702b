"""强制报告 that escalate: each follow-up stage has a deadline set by the county policy.

Seeds 002 and 003 (国发〔2016〕13号 and its county opinions): after a report to the police
the township must be told (通报乡镇), 应急处置 comes first (第一时间), then the township's
评估帮扶, 监护干预 where the guardian is at fault, and the reporter is told the outcome
(受理反馈). The policy says in how many days each stage is due, and whether those are
calendar or working days; this module says, for one report and its follow-ups, when each
stage was due, whether it was met, and which stage is due next. A pure function of plain
facts: the laptop's worklist, the file view and the dossier all ask it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import NamedTuple

from .dates import add_working_days
from .vocab import FollowupStage

# The stages that have a deadline, in the order they are shown.
STAGES = (
    FollowupStage.NOTIFIED,
    FollowupStage.EMERGENCY,
    FollowupStage.ASSESSMENT,
    FollowupStage.INTERVENTION,
    FollowupStage.FEEDBACK,
)
# What each stage's days are counted from: None is the report itself; otherwise the day
# the earlier stage was done (or, while it is not, the day it was due: a late step does
# not push the next one's deadline into the future). The township assesses once it is
# told (乡镇接到通报后…调查评估); intervention follows the assessment.
COUNTED_FROM: Mapping[FollowupStage, FollowupStage | None] = {
    FollowupStage.NOTIFIED: None,
    FollowupStage.EMERGENCY: None,
    FollowupStage.ASSESSMENT: FollowupStage.NOTIFIED,
    FollowupStage.INTERVENTION: FollowupStage.ASSESSMENT,
    FollowupStage.FEEDBACK: None,
}


@dataclass(frozen=True, slots=True)
class ReportDeadlines:
    """Days allowed for each stage; ``working_days``: count Monday to Friday only, skipping
    the policy's public holidays. 0 days: the same day."""

    days: Mapping[FollowupStage, int]
    working_days: bool = False


class StageState(StrEnum):
    MET = "met"  # done by its deadline
    DONE_LATE = "done_late"
    LATE = "late"  # not done, its deadline passed
    DUE = "due"  # not done, its deadline today or later
    NOT_NEEDED = "not_needed"  # the report was closed before it was done


class StageStatus(NamedTuple):
    stage: FollowupStage
    due_on: date
    done_on: date | None
    state: StageState
    late_days: int  # days past the deadline (done late, or still open); 0 otherwise

    @property
    def open(self) -> bool:
        return self.state in (StageState.DUE, StageState.LATE)


class ReportFacts(NamedTuple):
    """One mandatory report, for the worklist: no content, only the dates."""

    id: str
    child_id: str
    reported_on: date
    steps: tuple[tuple[FollowupStage, date], ...]  # every follow-up: stage and date
    emergency_on: date | None = None  # 已采取的紧急措施 written on the report itself


def stage_deadlines(
    report: ReportFacts,
    deadlines: ReportDeadlines,
    as_of: date,
    holidays: frozenset[date] = frozenset(),
) -> tuple[StageStatus, ...]:
    """Each stage of ``report`` with its deadline, the day it was done (its first
    follow-up of that stage) and whether it was met, as of ``as_of``. Once the report is
    closed (结案) a stage never done is no longer due."""
    done = _first_done(report)
    closed = done.get(FollowupStage.CLOSED)
    due: dict[FollowupStage, date] = {}
    found: list[StageStatus] = []
    for stage in STAGES:
        earlier = COUNTED_FROM[stage]
        start = report.reported_on if earlier is None else done.get(earlier, due[earlier])
        due[stage] = _after(start, deadlines.days[stage], deadlines.working_days, holidays)
        found.append(_status(stage, due[stage], done.get(stage), closed, as_of))
    return tuple(found)


def next_stage_due(
    report: ReportFacts,
    deadlines: ReportDeadlines,
    as_of: date,
    holidays: frozenset[date] = frozenset(),
) -> StageStatus | None:
    """The open stage whose deadline comes first (the latest-late first), or None when
    every stage is done or the report is closed."""
    open_ = [s for s in stage_deadlines(report, deadlines, as_of, holidays) if s.open]
    return min(open_, key=lambda s: (s.due_on, STAGES.index(s.stage)), default=None)


def open_stages(
    reports: Iterable[ReportFacts],
    deadlines: ReportDeadlines,
    as_of: date,
    horizon: date,
    holidays: frozenset[date] = frozenset(),
) -> list[tuple[ReportFacts, StageStatus]]:
    """Every stage not done whose deadline falls by ``horizon``: late ones and those due
    soon, for the worklist."""
    return [
        (report, status)
        for report in reports
        for status in stage_deadlines(report, deadlines, as_of, holidays)
        if status.open and status.due_on <= horizon
    ]


def _first_done(report: ReportFacts) -> dict[FollowupStage, date]:
    done: dict[FollowupStage, date] = {}
    if report.emergency_on is not None:
        done[FollowupStage.EMERGENCY] = report.emergency_on
    for stage, on in report.steps:
        if stage not in done or on < done[stage]:
            done[stage] = on
    return done


def _after(start: date, days: int, working: bool, holidays: frozenset[date]) -> date:
    if working:
        return add_working_days(start, days, holidays)
    return start + timedelta(days=days)


def _status(
    stage: FollowupStage, due: date, done: date | None, closed: date | None, as_of: date
) -> StageStatus:
    if done is not None:
        late = max((done - due).days, 0)
        return StageStatus(stage, due, done, StageState.DONE_LATE if late else StageState.MET, late)
    if closed is not None:
        return StageStatus(stage, due, None, StageState.NOT_NEEDED, 0)
    late = max((as_of - due).days, 0)
    return StageStatus(stage, due, None, StageState.LATE if late else StageState.DUE, late)
