"""What a child director must do, as of a date: a pure function over plain facts.

The store gathers one :class:`ChildFacts` per child in 在册 status; :func:`build_worklist`
applies the county :class:`Policy` and returns what is due within the policy's horizon
or overdue, overdue first and the highest risk colour first. The items of the records
kept beside the facts (a dropout, a problem, a plan ...) come from :mod:`.duty_work`; the
vocabulary (kinds, items, facts) is in :mod:`.work_items`, imported from here as well.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from datetime import date, timedelta

from .dates import Interval, add_working_days, reaches_age_on
from .duty_work import NO_RECORDS as NO_RECORDS
from .duty_work import ClueFacts as ClueFacts
from .duty_work import DropoutFacts as DropoutFacts
from .duty_work import FindingFacts as FindingFacts
from .duty_work import ProblemFacts as ProblemFacts
from .duty_work import Records as Records
from .duty_work import duty_items
from .eligibility import active_on
from .policy import Policy, holiday_window_containing
from .report_deadlines import STAGES
from .vocab import AgreementState, Category, RiskColour
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
    *,
    ordered: bool = True,
) -> list[WorkItem]:
    """Every item due by ``as_of`` + the policy's horizon, or overdue, sorted for the
    screen (unless not ``ordered``): from each child's facts, and from the ``records``
    gathered beside them (:func:`~.duty_work.duty_items`)."""
    run = _Run(as_of, policy)
    on_roll: dict[str, ChildFacts] = {}
    for child in children:
        run.add_child(child)
        on_roll[child.id] = child
    items = run.items + duty_items(records, on_roll, as_of, policy)
    if ordered:
        items.sort(key=screen_order)
    return items


def screen_order(item: WorkItem) -> tuple[bool, int, date, str, str, str, int, str, str]:
    """The worklist's order: overdue first, then the highest risk, the earliest due; then
    the child and what the item is about (a report's stages in their own order), so that
    items equal so far never tie (the worklist kept in memory and a full one are the
    same list, item for item)."""
    return (
        item.overdue_days == 0,
        _RANK[item.colour],
        item.due_on,
        item.kind,
        item.child_name,
        item.child_id,
        _STAGE_RANK.get(item.detail, len(STAGES)),
        item.detail,
        item.ref,
    )


_RANK = {colour: colour.rank for colour in RiskColour}  # a dict, not the enum's property
_STAGE_RANK = {str(stage.value): n for n, stage in enumerate(STAGES)}


def summarise(items: Iterable[WorkItem]) -> dict[str, dict[str, int]]:
    """Counts of due and overdue items per kind, for the worklist header."""
    due: Counter[WorkKind] = Counter()
    overdue: Counter[WorkKind] = Counter()
    for item in items:
        (overdue if item.overdue_days > 0 else due)[item.kind] += 1
    # the kinds' values read once each (an enum's value is slow to read), in the same order
    return {
        "due": {k.value: n for k, n in due.items()},
        "overdue": {k.value: n for k, n in overdue.items()},
    }


class _Run:
    """One worklist: what is the same for every child is worked out once, here (the
    rhythm of each colour, each category's age limit, each registration day's first
    due date), so that a child costs only the comparisons of its own dates."""

    def __init__(self, as_of: date, policy: Policy) -> None:
        self.as_of, self.policy = as_of, policy
        self.soon = as_of + timedelta(days=policy.due_soon_days)
        self.agreement_soon = as_of + timedelta(days=policy.agreement_warning_days)
        self.ageing_soon = as_of + timedelta(days=policy.ageing_out_warning_days)
        self.window = holiday_window_containing(policy, as_of)
        self.items: list[WorkItem] = []
        self.rhythm = {colour: (r.home_visit, r.contact) for colour, r in policy.rhythm.items()}
        self.first_due: dict[date, date] = {}  # by registration day
        # (limit in years, or None when it continues in full-time school) per category
        self.limits = {c: (c.age_limit, c.continues_in_school) for c in Category}
        self.missing = policy.due_soon_days  # an agreement missing: its horizon

    def add_child(self, child: ChildFacts) -> None:
        policy, as_of, soon = self.policy, self.as_of, self.soon
        colour = child.colour or policy.unassessed_colour
        found: list[tuple[WorkKind, date, str]] = []  # (kind, due, detail), in this order
        add = found.append
        last_home, registered = child.last_home_visit_on, child.registered_on
        if last_home is None or child.last_assessed_on is None:
            first_due = self._first_due(registered)
        if last_home is None:
            if first_due <= soon:
                add((WorkKind.FIRST_VISIT, first_due, ""))
        else:
            home, contact = self.rhythm[colour]
            due = self._after(child, home, policy.priority_rhythm.home_visit, last_home)
            if due <= soon:
                add((WorkKind.HOME_VISIT, due, ""))
            if child.last_contact_on is not None:
                last = child.last_contact_on
                due = self._after(child, contact, policy.priority_rhythm.contact, last)
                if due <= soon:
                    add((WorkKind.CONTACT, due, ""))
        if child.last_assessed_on is None:
            if first_due <= soon:
                add((WorkKind.ASSESSMENT, first_due, ""))
        else:
            due = policy.assessment_interval.after(child.last_assessed_on)
            if due <= soon:
                add((WorkKind.ASSESSMENT, due, ""))
        for membership in child.categories:
            if active_on(membership.recognized_on, membership.ended_on, as_of):
                self._membership(child, membership, add)
        window = self.window
        if window and (last_home is None or last_home < window[1]):
            add((WorkKind.HOLIDAY_VISIT, window[2], window[0]))
        items, ident, name, region = self.items, child.id, child.name, child.region_code
        for kind, due, detail in found:
            items.append(
                WorkItem(ident, name, kind, due, max((as_of - due).days, 0), colour, detail, region)
            )

    def _first_due(self, registered: date) -> date:
        due = self.first_due.get(registered)
        if due is None:
            policy = self.policy
            due = add_working_days(
                registered, policy.first_visit_working_days, policy.public_holidays
            )
            self.first_due[registered] = due
        return due

    @staticmethod
    def _after(child: ChildFacts, rhythm: Interval, priority: Interval, last: date) -> date:
        """As :func:`next_due`, with the colour's interval looked up once per run."""
        due = rhythm.after(last)
        return min(due, priority.after(last)) if child.priority else due

    def _membership(
        self,
        child: ChildFacts,
        membership: CategoryFacts,
        add: Callable[[tuple[WorkKind, date, str]], None],
    ) -> None:
        category, as_of = membership.category, self.as_of
        if category is Category.LEFT_BEHIND:
            since = max(child.registered_on, membership.recognized_on or child.registered_on)
            agreement: tuple[WorkKind, date, str, int] | None
            if not child.agreements:  # the common case: as _agreement_item, its due cached
                agreement = (WorkKind.AGREEMENT_MISSING, self._first_due(since), "", self.missing)
            else:
                agreement = _agreement_item(child, as_of, self.policy, since)
            if agreement:
                kind, due, detail, horizon = agreement
                if due <= as_of + timedelta(days=horizon):
                    add((kind, due, detail))
        if child.birth_date is not None:
            limit, continues = self.limits[category]
            if not (continues and child.in_full_time_school):  # as category_end_date
                ends = reaches_age_on(child.birth_date, limit)
                if ends <= self.ageing_soon:
                    add((WorkKind.AGEING_OUT, ends, category.value))


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
