"""What a child director must do, as of a date: a pure function over plain facts.

The store gathers one :class:`ChildFacts` per child in 在册 status; :func:`build_worklist`
applies the county :class:`Policy` and returns what is due within the policy's horizon
or overdue, overdue first and the highest risk colour first.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from enum import StrEnum
from typing import NamedTuple

from .dates import add_working_days
from .eligibility import active_on, category_end_date
from .pairing_work import NoticeFacts, PairingFacts, contact_due, notice_due
from .policy import Policy, holiday_window_containing
from .quarters import bounds, previous, quarter_of
from .report_deadlines import ReportFacts, open_stages
from .service_plans import WRITE, PlanFacts, plan_due
from .vocab import (
    AgreementState,
    Category,
    CategoryFamily,
    GuardianshipLevel,
    Health,
    RiskColour,
    SchoolStage,
    YesNo,
)


class WorkKind(StrEnum):
    FIRST_VISIT = "first_visit"  # new child: first home visit within N working days
    HOME_VISIT = "home_visit"
    CONTACT = "contact"
    ASSESSMENT = "assessment"
    AGREEMENT_MISSING = "agreement_missing"
    AGREEMENT_EXPIRING = "agreement_expiring"
    AGREEMENT_EXPIRED = "agreement_expired"
    AGEING_OUT = "ageing_out"
    HOLIDAY_VISIT = "holiday_visit"
    SPOT_FINDING = "spot_finding"  # the county's spot check found a problem: fix it
    DROPOUT_PERSUASION = "dropout_persuasion"  # 辍学: no 劝返 in the last week
    PROBLEM_DUE = "problem_due"  # 发现问题: an open problem's target date is near or past
    SERVICE_PLAN_MISSING = "service_plan_missing"  # 红/黄/蓝 with no service plan
    SERVICE_PLAN_REVIEW = "service_plan_review"  # a newer assessment, another colour
    CLUE = "clue"  # 线索: a clue received and not yet handled
    REPORT_STAGE = "report_stage"  # 强制报告: a follow-up stage due or late (detail: the stage)
    QUARTERLY_CHECK = "quarterly_check"  # 困境: the quarter's verification (季度核实)
    PAIRING_CONTACT = "pairing_contact"  # 结对帮扶: no contact this month
    SCHOOL_NOTICE = "school_notice"  # 留守 in school: the school not told yet


# The kinds built from a child's own facts alone, which the county server's dashboard
# counts too; the others need records their caller gathers (a finding, a dropout, a
# problem, a plan, a clue, a report, a check, a pairing), and the laptops count them.
FACT_KINDS = frozenset(
    {
        WorkKind.FIRST_VISIT,
        WorkKind.HOME_VISIT,
        WorkKind.CONTACT,
        WorkKind.ASSESSMENT,
        WorkKind.AGREEMENT_MISSING,
        WorkKind.AGREEMENT_EXPIRING,
        WorkKind.AGREEMENT_EXPIRED,
        WorkKind.AGEING_OUT,
        WorkKind.HOLIDAY_VISIT,
    }
)


# The records below are NamedTuples: immutable like frozen dataclasses, and built at
# C speed - a 5,000-child worklist makes some 20,000 of them.


class CategoryFacts(NamedTuple):
    category: Category
    recognized_on: date | None
    ended_on: date | None


class AgreementFacts(NamedTuple):
    id: str
    state: AgreementState
    start: date | None
    end: date | None


# 重点儿童, followed more often (the policy's priority rhythm): 辍学, 无户籍, 重病 or 残疾,
# or 监护情况差 by the latest assessment. The laptop asks it in SQL (services.facts), the
# county server of the values it holds (sync.server.oversight): both from these.
PRIORITY_STAGES = frozenset({SchoolStage.DROPOUT})
PRIORITY_HEALTH = frozenset({Health.SERIOUS_ILLNESS, Health.DISABLED})


def is_priority(
    stage: SchoolStage | None,
    hukou_registered: YesNo | None,
    health: Health | None,
    level: GuardianshipLevel | None,
) -> bool:
    """Whether a child is a 重点儿童 (see :data:`PRIORITY_HEALTH`)."""
    return (
        stage in PRIORITY_STAGES
        or hukou_registered is YesNo.NO
        or health in PRIORITY_HEALTH
        or level is GuardianshipLevel.POOR
    )


class ChildFacts(NamedTuple):
    id: str
    name: str
    birth_date: date | None
    registered_on: date
    colour: RiskColour | None = None  # from the latest assessment
    last_assessed_on: date | None = None
    last_contact_on: date | None = None  # any kind of contact, home visits included
    last_home_visit_on: date | None = None
    priority: bool = False  # 监护情况差, 辍学, 无户籍, 重病 or 残疾
    in_full_time_school: bool = False
    categories: tuple[CategoryFacts, ...] = ()
    agreements: tuple[AgreementFacts, ...] = ()
    region_code: str = ""  # the village: a township's store shows and filters by it


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


# An open dropout is persuaded (劝返) at least weekly until the child is back or the
# failure is reported in writing.
PERSUADE_EVERY_DAYS = 7

# 季度核实: a child in difficulty is verified each quarter, due by the quarter's end and
# shown in its last days; a quarter that ended unchecked is overdue until a check is made.
QUARTER_DUE_SOON_DAYS = 15


class ClueFacts(NamedTuple):
    """A clue (线索) not yet handled, with the child it names (on file or described)."""

    id: str
    region_code: str
    child_id: str  # "" when the child is only described
    child_name: str  # the child's name on file, or the description
    received_on: date
    safety: bool  # about the child's safety: acted on at once
    source: str  # the source's code, for the screen


# A clue is acted on within a day of its receipt; one about a child's safety at once.
CLUE_DAYS = 1


class WorkItem(NamedTuple):
    child_id: str
    child_name: str
    kind: WorkKind
    due_on: date
    overdue_days: int  # 0 when not yet overdue
    colour: RiskColour
    detail: str = ""  # the category or agreement concerned, if any
    region_code: str = ""  # the child's village
    ref: str = ""  # a spot-check finding's id

    @property
    def overdue(self) -> bool:
        return self.overdue_days > 0


def build_worklist(
    children: Iterable[ChildFacts],
    as_of: date,
    policy: Policy,
    findings: Iterable[FindingFacts] = (),
    dropouts: Iterable[DropoutFacts] = (),
    problems: Iterable[ProblemFacts] = (),
    plans: Mapping[str, PlanFacts] | None = None,
    clues: Iterable[ClueFacts] = (),
    reports: Iterable[ReportFacts] = (),
    quarter_checks: Iterable[tuple[str, str]] | None = None,
    pairings: Iterable[PairingFacts] = (),
    notices: Iterable[NoticeFacts] = (),
) -> list[WorkItem]:
    """Every item due by ``as_of`` + the policy's horizon, or overdue, sorted for the
    screen; each spot-check finding of a child on the roll, due since its draw; each
    open dropout not persuaded in the last week; each open problem due by its target
    date; when ``plans`` (each child's current service plan) are given, each plan to
    write or review; each clue not yet handled; each stage of a mandatory report late
    or due within the horizon; and each child in difficulty whose quarterly
    verification is due (``quarter_checks``: the (child id, quarter) done; None leaves
    the verification out, for callers that do not gather the checks); each pairing
    without a contact this month and each 留守 child in school whose school was not told."""
    run = _Run(as_of, policy)
    on_roll: dict[str, ChildFacts] = {}
    for child in children:
        run.add_child(child)
        on_roll[child.id] = child
        if plans is not None:
            run.add_plan(child, plans.get(child.id))
    for finding in findings:
        if finding.child_id in on_roll:
            run.add_finding(on_roll[finding.child_id], finding)
    for dropout in dropouts:
        if dropout.child_id in on_roll:
            run.add_dropout(on_roll[dropout.child_id], dropout)
    for problem in problems:
        if problem.child_id in on_roll:
            run.add_problem(on_roll[problem.child_id], problem)
    for clue in clues:
        run.add_clue(on_roll.get(clue.child_id), clue)
    run.add_reports([r for r in reports if r.child_id in on_roll], on_roll)
    if quarter_checks is not None:
        checked = set(quarter_checks)
        for child in on_roll.values():
            run.add_quarterly(child, checked)
    for pairing in pairings:
        if pairing.child_id in on_roll:
            due = contact_due(pairing, as_of)
            if due is not None:
                run.add_due(on_roll[pairing.child_id], WorkKind.PAIRING_CONTACT, due, pairing)
    for notice in notices:
        pupil = on_roll.get(notice.child_id)
        if pupil is not None and pupil.in_full_time_school:
            due = notice_due(pupil.categories, notice, pupil.registered_on, as_of)
            if due is not None:
                run.add_due(pupil, WorkKind.SCHOOL_NOTICE, due, notice)
    run.items.sort(key=screen_order)
    return run.items


def screen_order(item: WorkItem) -> tuple[bool, int, date, str, str]:
    """The worklist's order: overdue first, then the highest risk, the earliest due."""
    return (item.overdue_days == 0, item.colour.rank, item.due_on, item.kind, item.child_name)


def summarise(items: Iterable[WorkItem]) -> dict[str, dict[str, int]]:
    """Counts of due and overdue items per kind, for the worklist header."""
    due: Counter[str] = Counter()
    overdue: Counter[str] = Counter()
    for item in items:
        (overdue if item.overdue else due)[item.kind.value] += 1
    return {"due": dict(due), "overdue": dict(overdue)}


class _Run:
    """One worklist: what is the same for every child is worked out once, here."""

    def __init__(self, as_of: date, policy: Policy) -> None:
        self.as_of, self.policy = as_of, policy
        self.soon = as_of + timedelta(days=policy.due_soon_days)
        self.agreement_soon = as_of + timedelta(days=policy.agreement_warning_days)
        self.ageing_soon = as_of + timedelta(days=policy.ageing_out_warning_days)
        self.window = holiday_window_containing(policy, as_of)
        self.items: list[WorkItem] = []

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
        # Due at once when no attempt was made yet; a week after the latest one otherwise.
        last = dropout.last_persuaded_on
        due = last + timedelta(days=PERSUADE_EVERY_DAYS) if last else dropout.left_on
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
        assess = self.policy.assessment_interval.after(last) if last else None
        found = plan_due(child.colour, last, plan, assess)
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
        due = clue.received_on + timedelta(days=0 if clue.safety else CLUE_DAYS)
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

    def add_reports(self, reports: list[ReportFacts], on_roll: dict[str, ChildFacts]) -> None:
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
        as_of = self.as_of
        quarter = quarter_of(as_of)
        if (child.id, quarter) in checked or not in_difficulty(child, as_of):
            return
        first, last = bounds(quarter)
        last_quarter_end = first - timedelta(days=1)
        missed = (
            child.registered_on <= last_quarter_end
            and in_difficulty(child, last_quarter_end)
            and (child.id, previous(quarter)) not in checked
        )
        if missed:
            due, detail = last_quarter_end, previous(quarter)
        elif (last - as_of).days < QUARTER_DUE_SOON_DAYS:
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

    def add_child(self, child: ChildFacts) -> None:
        policy, as_of = self.policy, self.as_of
        colour = child.colour or policy.unassessed_colour

        def add(kind: WorkKind, due: date, limit: date, detail: str = "") -> None:
            if due <= limit:
                overdue = (as_of - due).days
                self.items.append(
                    WorkItem(
                        child.id,
                        child.name,
                        kind,
                        due,
                        max(overdue, 0),
                        colour,
                        detail,
                        child.region_code,
                    )
                )

        first_due = add_working_days(
            child.registered_on, policy.first_visit_working_days, policy.public_holidays
        )
        if child.last_home_visit_on is None:
            add(WorkKind.FIRST_VISIT, first_due, self.soon)
        else:
            due = next_due(child, child.last_home_visit_on, "home_visit", policy)
            add(WorkKind.HOME_VISIT, due, self.soon)
            if child.last_contact_on is not None:
                add(
                    WorkKind.CONTACT,
                    next_due(child, child.last_contact_on, "contact", policy),
                    self.soon,
                )
        if child.last_assessed_on is None:
            add(WorkKind.ASSESSMENT, first_due, self.soon)
        else:
            due = policy.assessment_interval.after(child.last_assessed_on)
            add(WorkKind.ASSESSMENT, due, self.soon)
        active = [c for c in child.categories if active_on(c.recognized_on, c.ended_on, as_of)]
        for membership in active:
            if membership.category is Category.LEFT_BEHIND:
                since = max(child.registered_on, membership.recognized_on or child.registered_on)
                agreement = _agreement_item(child, as_of, policy, since)
                if agreement:
                    kind, due, detail, horizon = agreement
                    add(kind, due, as_of + timedelta(days=horizon), detail)
            if child.birth_date is not None:
                ends = category_end_date(
                    membership.category,
                    child.birth_date,
                    in_full_time_school=child.in_full_time_school,
                )
                if ends is not None:
                    add(WorkKind.AGEING_OUT, ends, self.ageing_soon, membership.category.value)
        window = self.window
        if window and (child.last_home_visit_on is None or child.last_home_visit_on < window[1]):
            add(WorkKind.HOLIDAY_VISIT, window[2], window[2], window[0])


def in_difficulty(child: ChildFacts, on: date) -> bool:
    """Whether the child holds a 困境 category (not 留守 alone) on ``on``."""
    return any(
        c.category.family is CategoryFamily.DIFFICULTY
        and active_on(c.recognized_on, c.ended_on, on)
        for c in child.categories
    )


def next_due(child: ChildFacts, last: date, which: str, policy: Policy) -> date:
    """The next due date after ``last``: the colour's rhythm, or the priority one if sooner."""
    colour = child.colour or policy.unassessed_colour
    due: date = getattr(policy.rhythm[colour], which).after(last)
    if child.priority:
        due = min(due, getattr(policy.priority_rhythm, which).after(last))
    return due


def _agreement_item(
    child: ChildFacts, as_of: date, policy: Policy, since: date
) -> tuple[WorkKind, date, str, int] | None:
    """A 留守 child needs a signed 委托照护协议 in force; warn before it runs out."""
    signed = [a for a in child.agreements if a.state is AgreementState.SIGNED]
    current = [a for a in signed if a.end is None or a.end >= as_of]
    if any(a.end is None for a in current):
        return None
    if current:
        longest = max(current, key=lambda a: a.end or as_of)
        assert longest.end is not None
        return (WorkKind.AGREEMENT_EXPIRING, longest.end, longest.id, policy.agreement_warning_days)
    expired = [a for a in signed if a.end is not None]
    if expired:
        last = max(expired, key=lambda a: a.end or as_of)
        return WorkKind.AGREEMENT_EXPIRED, last.end or as_of, last.id, policy.due_soon_days
    due = add_working_days(since, policy.first_visit_working_days, policy.public_holidays)
    return WorkKind.AGREEMENT_MISSING, due, "", policy.due_soon_days
