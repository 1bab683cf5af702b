"""What a child director must do, as of a date: a pure function over plain facts.

The store gathers one :class:`ChildFacts` per child in 在册 status; :func:`build_worklist`
applies the county :class:`Policy` and returns what is due within the policy's horizon
or overdue, overdue first and the highest risk colour first.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date, timedelta
from enum import StrEnum
from typing import NamedTuple

from .dates import add_working_days
from .eligibility import active_on, category_end_date
from .policy import Policy, holiday_window_containing
from .vocab import (
    AgreementState,
    Category,
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


# An open dropout is persuaded (劝返) at least weekly until the child is back or the
# failure is reported in writing.
PERSUADE_EVERY_DAYS = 7


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
) -> list[WorkItem]:
    """Every item due by ``as_of`` + the policy's horizon, or overdue, sorted for the
    screen; each spot-check finding of a child on the roll, due since its draw; and each
    open dropout not persuaded in the last week."""
    run = _Run(as_of, policy)
    on_roll: dict[str, ChildFacts] = {}
    for child in children:
        run.add_child(child)
        on_roll[child.id] = child
    for finding in findings:
        if finding.child_id in on_roll:
            run.add_finding(on_roll[finding.child_id], finding)
    for dropout in dropouts:
        if dropout.child_id in on_roll:
            run.add_dropout(on_roll[dropout.child_id], dropout)
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
