"""What a child director must do, as of a date: a pure function over plain facts.

The store gathers one :class:`ChildFacts` per child in 在册 status; :func:`build_worklist`
applies the county :class:`Policy` and returns what is due within the policy's horizon
or overdue, overdue first and the highest risk colour first. The items of the records
kept beside the facts (a dropout, a problem, a plan ...) come from :mod:`.duty_work`; the
vocabulary (kinds, items, facts) is in :mod:`.work_items`, imported from here as well.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date, timedelta

from .dates import add_working_days
from .duty_work import NO_RECORDS as NO_RECORDS
from .duty_work import ClueFacts as ClueFacts
from .duty_work import DropoutFacts as DropoutFacts
from .duty_work import FindingFacts as FindingFacts
from .duty_work import ProblemFacts as ProblemFacts
from .duty_work import Records as Records
from .duty_work import duty_items
from .eligibility import active_on, category_end_date
from .policy import Policy, holiday_window_containing
from .vocab import AgreementState, Category
from .work_items import FACT_KINDS as FACT_KINDS
from .work_items import PRIORITY_HEALTH as PRIORITY_HEALTH
from .work_items import PRIORITY_STAGES as PRIORITY_STAGES
from .work_items import AgreementFacts as AgreementFacts
from .work_items import CategoryFacts as CategoryFacts
from .work_items import ChildFacts as ChildFacts
from .work_items import WorkItem as WorkItem
from .work_items import WorkKind as WorkKind
from .work_items import in_difficulty as in_difficulty
from .work_items import is_priority as is_priority


def build_worklist(
    children: Iterable[ChildFacts],
    as_of: date,
    policy: Policy,
    records: Records = NO_RECORDS,
) -> list[WorkItem]:
    """Every item due by ``as_of`` + the policy's horizon, or overdue, sorted for the
    screen: from each child's facts, and from the ``records`` gathered beside them
    (:func:`~.duty_work.duty_items`)."""
    run = _Run(as_of, policy)
    on_roll: dict[str, ChildFacts] = {}
    for child in children:
        run.add_child(child)
        on_roll[child.id] = child
    items = run.items + duty_items(records, on_roll, as_of, policy)
    items.sort(key=screen_order)
    return items


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
