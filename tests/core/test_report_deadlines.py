"""强制报告 that escalate: each stage's deadline under the county policy, met or late; the
stages due or late on the worklist; the policy's values refused when wrong."""

from __future__ import annotations

from datetime import date

import pytest

from childcare_desktop.core.errors import Kind, ValidationError
from childcare_desktop.core.policy import DEFAULT_POLICY, load_policy
from childcare_desktop.core.report_deadlines import (
    ReportFacts,
    StageState,
    next_stage_due,
    stage_deadlines,
)
from childcare_desktop.core.vocab import FollowupStage as S
from childcare_desktop.core.worklist import ChildFacts, Records, WorkKind, build_worklist

FRIDAY = date(2026, 11, 6)
DEFAULTS = DEFAULT_POLICY.report_deadlines


def report(*steps: tuple[S, date], emergency_on: date | None = None) -> ReportFacts:
    return ReportFacts("r1", "c1", FRIDAY, tuple(steps), emergency_on)


def by_stage(facts: ReportFacts, as_of: date, policy=DEFAULT_POLICY) -> dict[S, object]:
    found = stage_deadlines(facts, policy.report_deadlines, as_of, policy.public_holidays)
    return {s.stage: s for s in found}


def test_calendar_days_from_the_report_and_from_the_stage_before() -> None:
    stages = by_stage(report((S.NOTIFIED, date(2026, 11, 9))), date(2026, 11, 10))
    assert stages[S.NOTIFIED].due_on == date(2026, 11, 7)  # the day after the report
    assert stages[S.NOTIFIED].state is StageState.DONE_LATE
    assert stages[S.NOTIFIED].late_days == 2
    assert stages[S.EMERGENCY].state is StageState.LATE
    assert stages[S.EMERGENCY].late_days == 3
    # 评估帮扶: 7 days after the township was told, not after the report
    assert stages[S.ASSESSMENT].due_on == date(2026, 11, 16)
    assert stages[S.ASSESSMENT].state is StageState.DUE
    # 监护干预 counts from 评估帮扶's deadline while it is not done
    assert stages[S.INTERVENTION].due_on == date(2026, 12, 16)
    assert stages[S.FEEDBACK].due_on == date(2026, 11, 21)


def test_working_days_skip_the_weekend_and_the_public_holidays() -> None:
    policy = load_policy(
        {"report_deadlines": {"working_days": True}, "public_holidays": ["2026-11-09"]}
    )
    stages = by_stage(report(), FRIDAY, policy)
    # Friday + 1 working day: Saturday, Sunday and the holiday Monday are skipped
    assert stages[S.NOTIFIED].due_on == date(2026, 11, 10)
    assert by_stage(report(), FRIDAY)[S.NOTIFIED].due_on == date(2026, 11, 7)


def test_stages_met_on_time_and_the_next_one_due() -> None:
    facts = report(
        (S.NOTIFIED, FRIDAY),
        (S.EMERGENCY, FRIDAY),
        (S.ASSESSMENT, date(2026, 11, 20)),  # due the 13th: a week late
    )
    stages = by_stage(facts, date(2026, 11, 25))
    assert stages[S.NOTIFIED].state is StageState.MET
    assert stages[S.ASSESSMENT].state is StageState.DONE_LATE
    assert stages[S.ASSESSMENT].late_days == 7
    # 受理反馈 (15 days from the report: the 21st) is late by 4; intervention due 12-20
    nxt = next_stage_due(facts, DEFAULTS, date(2026, 11, 25))
    assert nxt is not None and nxt.stage is S.FEEDBACK and nxt.late_days == 4


def test_emergency_measures_written_on_the_report_count_as_done() -> None:
    stages = by_stage(report(emergency_on=FRIDAY), date(2026, 11, 20))
    assert stages[S.EMERGENCY].state is StageState.MET
    assert stages[S.EMERGENCY].done_on == FRIDAY


def test_a_closed_report_is_no_longer_due() -> None:
    facts = report((S.NOTIFIED, FRIDAY), (S.CLOSED, date(2026, 11, 8)))
    stages = by_stage(facts, date(2027, 1, 1))
    assert stages[S.NOTIFIED].state is StageState.MET
    assert {s.state for k, s in stages.items() if k is not S.NOTIFIED} == {StageState.NOT_NEEDED}
    assert next_stage_due(facts, DEFAULTS, date(2027, 1, 1)) is None


def test_late_and_due_stages_on_the_worklist() -> None:
    child = ChildFacts("c1", "陈小雨", date(2015, 3, 1), FRIDAY, region_code="349901001001")
    other = ReportFacts("r2", "gone", FRIDAY, ())  # a child not on the roll
    items = build_worklist(
        [child], date(2026, 11, 10), DEFAULT_POLICY, Records(reports=[report(), other])
    )
    stages = [(i.detail, i.overdue_days, i.ref) for i in items if i.kind is WorkKind.REPORT_STAGE]
    # late: notified and emergency (due the 7th); due soon: assessment (due the 14th,
    # counted from notified's deadline); feedback (the 21st) is past the 7-day horizon
    assert stages == [("notified", 3, "r1"), ("emergency", 3, "r1"), ("assessment", 0, "r1")]


@pytest.mark.parametrize(
    ("overrides", "path", "problem"),
    [
        ({"report_deadlines": {"assessment": -1}}, "report_deadlines.assessment", "whole_number"),
        ({"report_deadlines": {"feedback": "15天"}}, "report_deadlines.feedback", "whole_number"),
        # a year at most: 5,000,000 days would carry the deadline past the calendar's end
        (
            {"report_deadlines": {"notified": 5_000_000}},
            "report_deadlines.notified",
            "too_large",
        ),
        (
            {"report_deadlines": {"intervention": 366}},
            "report_deadlines.intervention",
            "too_large",
        ),
        ({"report_deadlines": {"working_days": "yes"}}, "report_deadlines.working_days", "yes_no"),
        ({"report_deadlines": {"township": 1}}, "report_deadlines.township", "unknown_key"),
        ({"report_deadlines": 7}, "report_deadlines", "shape"),
    ],
)
def test_bad_values_are_refused_naming_their_path(
    overrides: dict[str, object], path: str, problem: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        load_policy(overrides)
    assert caught.value.kind is Kind.POLICY_INVALID
    assert caught.value.field == path and caught.value.params["problem"] == problem


def test_a_county_sets_its_own_days() -> None:
    policy = load_policy({"report_deadlines": {"assessment": 3, "notified": 0}})
    assert policy.report_deadlines.days[S.ASSESSMENT] == 3
    stages = by_stage(report(), FRIDAY, policy)
    assert stages[S.NOTIFIED].due_on == FRIDAY  # 0: the same day
    assert stages[S.ASSESSMENT].due_on == date(2026, 11, 9)


def test_the_longest_deadlines_a_county_may_set_still_make_a_worklist() -> None:
    """365 working days for every stage: dates stay in the calendar and it is quick."""
    stages = ("notified", "emergency", "assessment", "intervention", "feedback")
    policy = load_policy({"report_deadlines": dict.fromkeys(stages, 365) | {"working_days": True}})
    child = ChildFacts("c1", "甲", date(2016, 1, 1), date(2026, 1, 1))
    on = date(2030, 1, 1)  # past every deadline: each stage is late
    items = build_worklist([child], on, policy, Records(reports=[report()]))
    late = [i for i in items if i.kind is WorkKind.REPORT_STAGE]
    assert late and all(i.overdue and i.due_on < on for i in late)
