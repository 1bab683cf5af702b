"""The worklist's items from the records a director keeps beside a child's own facts:
the county's spot-check findings, dropouts (辍学劝返), problems (发现问题), service plans,
clues (线索), the stages of mandatory reports, quarterly checks (季度核实), pairings
(结对帮扶) and school notices (告知学校).

The caller gathers them into :class:`Records`; :func:`duty_items` turns those of the
children on the roll into :class:`~.work_items.WorkItem`, each by its own rule, with
the county policy's ``duty_deadlines`` (:mod:`.duty_deadlines`): an open dropout is
persuaded (劝返) at least weekly until the child is back or the failure is reported in
writing; a child in difficulty is verified (季度核实) each quarter, due by its end and
shown in its last days, a quarter that ended unchecked overdue until a check is made; a
clue is acted on by the next day, one about a child's safety the same day.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import NamedTuple

from .pairing_work import NoticeFacts, PairingFacts, contact_due, notice_due
from .policy import Policy
from .quarters import bounds, previous, quarter_of
from .report_deadlines import ReportFacts, open_stages
from .service_plans import WRITE, PlanFacts, plan_due
from .vocab import RiskColour
from .work_items import ChildFacts, WorkItem, WorkKind, in_difficulty


class FindingFacts(NamedTuple):
    """A problem the county's spot check (抽查) found in a child's file, to fix."""

    id: str
    child_id: str
    label: str  # the checklist item: 走访按时 ...
    note: str
    drawn_on: date


class DropoutFacts(NamedTuple):
    """An open dropout (辍学, 劝返中) and its latest persuasion attempt, if any."""

    id: str
    child_id: str
    left_on: date
    last_persuaded_on: date | None


class ProblemFacts(NamedTuple):
    """An open problem (发现问题, 跟进中) and the date it should be solved by."""

    id: str
    child_id: str
    target_on: date
    description: str


class ClueFacts(NamedTuple):
    """A clue (线索) not yet handled, with the child it names (on file or described)."""

    id: str
    region_code: str
    child_id: str  # "" when the child is only described
    child_name: str  # the child's name on file, or the description
    received_on: date
    safety: bool  # about the child's safety: acted on at once
    source: str  # the source's code, for the screen


@dataclass(frozen=True, slots=True)
class Records:
    """What the caller gathered beside the children's facts; a kind left empty adds
    nothing. ``plans`` or ``quarter_checks`` None leaves that duty out altogether (a
    caller that does not gather them: the roster's overdue flag, the tallies, the
    county server), where empty would make every child due."""

    findings: Iterable[FindingFacts] = ()
    dropouts: Iterable[DropoutFacts] = ()
    problems: Iterable[ProblemFacts] = ()
    plans: Mapping[str, PlanFacts] | None = None  # each child's current service plan
    clues: Iterable[ClueFacts] = ()
    reports: Iterable[ReportFacts] = ()
    quarter_checks: Iterable[tuple[str, str]] | None = None  # (child id, quarter) done
    pairings: Iterable[PairingFacts] = ()
    notices: Iterable[NoticeFacts] = ()


NO_RECORDS = Records()


def duty_items(
    records: Records, on_roll: Mapping[str, ChildFacts], as_of: date, policy: Policy
) -> list[WorkItem]:
    """Each spot-check finding of a child on the roll, due since its draw; each open
    dropout not persuaded in the last week; each open problem due by its target date;
    each service plan to write or review; each clue not yet handled; each stage of a
    mandatory report late or due within the horizon; each child in difficulty whose
    quarterly verification is due; each pairing without a contact this month; and each
    留守 child in school whose school was not told."""
    run = _Duties(as_of, policy)
    if records.plans is not None:
        for child in on_roll.values():
            run.add_plan(child, records.plans.get(child.id))
    for finding in records.findings:
        if finding.child_id in on_roll:
            run.add_finding(on_roll[finding.child_id], finding)
    for dropout in records.dropouts:
        if dropout.child_id in on_roll:
            run.add_dropout(on_roll[dropout.child_id], dropout)
    for problem in records.problems:
        if problem.child_id in on_roll:
            run.add_problem(on_roll[problem.child_id], problem)
    for clue in records.clues:
        run.add_clue(on_roll.get(clue.child_id), clue)
    run.add_reports([r for r in records.reports if r.child_id in on_roll], on_roll)
    if records.quarter_checks is not None:
        checked = set(records.quarter_checks)
        for child in on_roll.values():
            run.add_quarterly(child, checked)
    run.add_pairing_work(records, on_roll)
    return run.items


class _Duties:
    """The items of one worklist's records: what is the same for all is worked out once."""

    def __init__(self, as_of: date, policy: Policy) -> None:
        self.as_of, self.policy = as_of, policy
        self.soon = as_of + timedelta(days=policy.due_soon_days)
        self.deadlines = policy.duty_deadlines
        self.items: list[WorkItem] = []
        # this quarter, its last day, and the last quarter and its last day (季度核实)
        self.quarter = quarter_of(as_of)
        first, self.quarter_end = bounds(self.quarter)
        self.last_quarter, self.last_quarter_end = previous(self.quarter), first - timedelta(days=1)

    def add_pairing_work(self, records: Records, on_roll: Mapping[str, ChildFacts]) -> None:
        as_of, months = self.as_of, self.deadlines.pairing_contact_months
        notice_days = self.deadlines.school_notice_days
        for pairing in records.pairings:
            if pairing.child_id in on_roll:
                due = contact_due(pairing, as_of, months)
                if due is not None:
                    self.add_due(on_roll[pairing.child_id], WorkKind.PAIRING_CONTACT, due, pairing)
        for notice in records.notices:
            pupil = on_roll.get(notice.child_id)
            if pupil is not None and pupil.in_full_time_school:
                due = notice_due(pupil.categories, notice, pupil.registered_on, as_of, notice_days)
                if due is not None:
                    self.add_due(pupil, WorkKind.SCHOOL_NOTICE, due, notice)

    def add_finding(self, child: ChildFacts, finding: FindingFacts) -> None:
        colour = child.colour or self.policy.unassessed_colour
        days = max((self.as_of - finding.drawn_on).days, 0)
        detail = f"{finding.label}：{finding.note}" if finding.note else finding.label
        self.items.append(
            WorkItem(
                child.id,
                child.name,
                WorkKind.SPOT_FINDING,
                finding.drawn_on,
                days,
                colour,
                detail,
                child.region_code,
                finding.id,
            )
        )

    def add_dropout(self, child: ChildFacts, dropout: DropoutFacts) -> None:
        # Due at once when no attempt was made yet; a week (the policy's) after the
        # latest one otherwise.
        last = dropout.last_persuaded_on
        due = self.deadlines.persuasion.after(last) if last else dropout.left_on
        if due > self.as_of:
            return
        colour = child.colour or self.policy.unassessed_colour
        self.items.append(
            WorkItem(
                child.id,
                child.name,
                WorkKind.DROPOUT_PERSUASION,
                due,
                (self.as_of - due).days,
                colour,
                "",
                child.region_code,
                dropout.id,
            )
        )

    def add_problem(self, child: ChildFacts, problem: ProblemFacts) -> None:
        # Shown from the policy's horizon before the target date; red once it has passed.
        if problem.target_on > self.soon:
            return
        self.items.append(
            WorkItem(
                child.id,
                child.name,
                WorkKind.PROBLEM_DUE,
                problem.target_on,
                max((self.as_of - problem.target_on).days, 0),
                child.colour or self.policy.unassessed_colour,
                problem.description,
                child.region_code,
                problem.id,
            )
        )

    def add_plan(self, child: ChildFacts, plan: PlanFacts | None) -> None:
        last = child.last_assessed_on
        # the next assessment counts only against a plan's own review date: worked out
        # for those alone (plan_due reads it nowhere else)
        reviewed = plan is not None and plan.review_due is not None
        assess = self.policy.assessment_interval.after(last) if last and reviewed else None
        found = plan_due(child.colour, last, plan, assess, self.deadlines.plan_days)
        if found is None or found[1] > self.soon:
            return
        why, due = found
        missing = why == WRITE
        self.items.append(
            WorkItem(
                child.id,
                child.name,
                WorkKind.SERVICE_PLAN_MISSING if missing else WorkKind.SERVICE_PLAN_REVIEW,
                due,
                max((self.as_of - due).days, 0),
                child.colour or self.policy.unassessed_colour,
                why,
                child.region_code,
                "" if plan is None else plan.id,
            )
        )

    def add_clue(self, child: ChildFacts | None, clue: ClueFacts) -> None:
        # Every clue not yet handled is listed from its receipt: it is never "not yet due".
        limits = self.deadlines
        days = limits.clue_safety_days if clue.safety else limits.clue_days
        due = clue.received_on + timedelta(days=days)
        if clue.safety:
            colour = RiskColour.RED
        else:
            colour = (child.colour if child else None) or self.policy.unassessed_colour
        self.items.append(
            WorkItem(
                clue.child_id,
                clue.child_name,
                WorkKind.CLUE,
                due,
                max((self.as_of - due).days, 0),
                colour,
                clue.source,
                clue.region_code,
                clue.id,
            )
        )

    def add_reports(self, reports: list[ReportFacts], on_roll: Mapping[str, ChildFacts]) -> None:
        policy = self.policy
        for report, stage in open_stages(
            reports, policy.report_deadlines, self.as_of, self.soon, policy.public_holidays
        ):
            child = on_roll[report.child_id]
            self.items.append(
                WorkItem(
                    child.id,
                    child.name,
                    WorkKind.REPORT_STAGE,
                    stage.due_on,
                    stage.late_days,
                    child.colour or policy.unassessed_colour,
                    stage.stage.value,
                    child.region_code,
                    report.id,
                )
            )

    def add_quarterly(self, child: ChildFacts, checked: set[tuple[str, str]]) -> None:
        """季度核实 of a child in difficulty today: the last quarter's when it ended
        unchecked (overdue), else this quarter's in its last days."""
        as_of, quarter, last = self.as_of, self.quarter, self.quarter_end
        if (child.id, quarter) in checked or not in_difficulty(child, as_of):
            return
        last_quarter_end = self.last_quarter_end
        missed = (
            child.registered_on <= last_quarter_end
            and in_difficulty(child, last_quarter_end)
            and (child.id, self.last_quarter) not in checked
        )
        if missed:
            due, detail = last_quarter_end, self.last_quarter
        elif (last - as_of).days < self.deadlines.quarter_check_days:
            due, detail = last, quarter
        else:
            return
        colour = child.colour or self.policy.unassessed_colour
        overdue = max((as_of - due).days, 0)
        kind = WorkKind.QUARTERLY_CHECK
        self.items.append(
            WorkItem(child.id, child.name, kind, due, overdue, colour, detail, child.region_code)
        )

    def add_due(
        self, child: ChildFacts, kind: WorkKind, due: date, about: PairingFacts | NoticeFacts
    ) -> None:
        # Shown as soon as it is owed (not only within the horizon): each is one short task.
        if isinstance(about, PairingFacts):
            detail, ref = about.helper_name, about.id
        else:
            detail, ref = about.school_name, ""
        colour = child.colour or self.policy.unassessed_colour
        overdue = max((self.as_of - due).days, 0)
        self.items.append(
            WorkItem(
                child.id, child.name, kind, due, overdue, colour, detail, child.region_code, ref
            )
        )
