"""A workload that stays level: due visits planned into weeks under a weekly cap.

A director cannot make 40 visits in one week. Given the visits due (one per child: its
earliest and latest sensible date), a weekly cap and today, :func:`plan_visits` gives each
a planned week (Monday) and a suggested day in it:

- never before today, never after the child's deadline (an overdue visit: this week);
- a visit not yet due may be pulled earlier, at most the policy's due-soon window;
- as late as the cap allows: a visit made early resets the child's rhythm sooner, so a
  visit stays in its due week unless that week is full;
- red and 重点 children claim the weeks first, then by deadline; of two visits that could
  trade weeks, the more urgent is the earlier;
- the cap is kept whenever any plan could keep it; when none can, the deadline wins, the
  visits beyond it are planned in their deadline week and that week shows over the cap.

Placing each visit in priority order, and re-arranging the ones already placed along an
augmenting path when its weeks are full, is the greedy algorithm of a transversal
matroid: it keeps the largest set of visits under the cap, the most urgent first.
(A well-known flash-card app levels its daily reviews the same way, with a fuzz range in
place of the deadline window.)
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from typing import NamedTuple

from .vocab import RiskColour
from .worklist import WorkItem, WorkKind

# The worklist's visits: a home visit counts as a contact, so a child due both is one visit.
VISIT_KINDS = frozenset(
    {WorkKind.FIRST_VISIT, WorkKind.HOME_VISIT, WorkKind.CONTACT, WorkKind.HOLIDAY_VISIT}
)
MAX_WEEKLY_CAP = 200
Urgency = tuple[int, int, date, str]  # red or 重点 first, the colour, the deadline, the id


class DueVisit(NamedTuple):
    child_id: str
    colour: RiskColour
    priority: bool  # 重点儿童
    earliest: date  # not planned before this (nor before today)
    deadline: date  # due on; past it the visit is overdue
    region_code: str = ""  # each village's director has the cap to themself


class PlannedVisit(NamedTuple):
    week: date  # the Monday of the planned week
    on: date  # the suggested day: as near the deadline as the week allows
    over_cap: bool  # planned beyond the cap because its deadline wins
    region_code: str = ""


class WeekLoad(NamedTuple):
    start: date  # Monday
    planned: int
    cap: int

    @property
    def over(self) -> int:
        return max(self.planned - self.cap, 0)


class Plan(NamedTuple):
    today: date
    cap: int
    visits: Mapping[str, PlannedVisit]  # by child id

    def weeks(self, region_code: str | None = None, *, count: int = 4) -> list[WeekLoad]:
        """The first ``count`` weeks from this one, with the visits planned in each; one
        village's, or all (each village's director has the cap: the caps add up)."""
        chosen = [v for v in self.visits.values() if region_code in (None, v.region_code)]
        cap = self.cap * (1 if region_code else len({v.region_code for v in chosen}) or 1)
        per_week: defaultdict[date, int] = defaultdict(int)
        for visit in chosen:
            per_week[visit.week] += 1
        first = week_start(self.today)
        starts = [first + timedelta(weeks=n) for n in range(count)]
        return [WeekLoad(start, per_week[start], cap) for start in starts]


def week_start(day: date) -> date:
    """The Monday of ``day``'s week."""
    return day - timedelta(days=day.weekday())


def due_visits(
    items: Iterable[WorkItem], *, priority: Mapping[str, bool], soon_days: int
) -> list[DueVisit]:
    """One visit per child from the worklist's visit items: due by the earliest of them,
    and not to be made more than ``soon_days`` before it."""
    first: dict[str, WorkItem] = {}
    for item in items:
        if item.kind in VISIT_KINDS:
            held = first.get(item.child_id)
            if held is None or item.due_on < held.due_on:
                first[item.child_id] = item
    return [
        DueVisit(
            child_id,
            item.colour,
            priority.get(child_id, False),
            item.due_on - timedelta(days=soon_days),
            item.due_on,
            item.region_code,
        )
        for child_id, item in first.items()
    ]


def plan_visits(visits: Iterable[DueVisit], *, cap: int, today: date) -> Plan:
    """Each visit's planned week under ``cap`` visits a week (see the module's text)."""
    if cap < 1:
        raise ValueError("a weekly cap is at least 1")
    by_region: defaultdict[str, list[DueVisit]] = defaultdict(list)
    for visit in visits:
        by_region[visit.region_code].append(visit)
    planned: dict[str, PlannedVisit] = {}
    for region in sorted(by_region):
        planned.update(_plan_region(by_region[region], cap, today))
    return Plan(today, cap, planned)


def _urgency(visit: DueVisit) -> Urgency:
    red = visit.colour is RiskColour.RED or visit.priority
    return (0 if red else 1, visit.colour.rank, visit.deadline, visit.child_id)


def _window(visit: DueVisit, first: date) -> tuple[int, int]:
    """The weeks (0 = this one) the visit may be planned in."""
    last = max((week_start(visit.deadline) - first).days // 7, 0)
    earliest = max((week_start(visit.earliest) - first).days // 7, 0)
    return min(earliest, last), last


def _plan_region(visits: list[DueVisit], cap: int, today: date) -> dict[str, PlannedVisit]:
    first = week_start(today)
    weeks = _Weeks(cap)
    windows: dict[str, tuple[int, int]] = {}
    over: list[DueVisit] = []
    urgency = {v.child_id: _urgency(v) for v in visits}
    for visit in sorted(visits, key=_urgency):
        windows[visit.child_id] = _window(visit, first)
        if not weeks.place(visit.child_id, windows):
            over.append(visit)
    weeks.urgent_first(windows, urgency)
    by_id = {v.child_id: v for v in visits}
    result: dict[str, PlannedVisit] = {}
    for week, ids in weeks.members.items():
        for child_id in ids:
            result[child_id] = _planned(by_id[child_id], first, week, today, False)
    for visit in over:  # the deadline wins: its own week, over the cap
        result[visit.child_id] = _planned(visit, first, windows[visit.child_id][1], today, True)
    return result


def _planned(visit: DueVisit, first: date, week: int, today: date, over: bool) -> PlannedVisit:
    start = first + timedelta(weeks=week)
    low = max(start, today, visit.earliest)
    on = min(max(visit.deadline, low), start + timedelta(days=6))
    return PlannedVisit(start, on, over, visit.region_code)


class _Weeks:
    """The weeks' places under the cap, filled along augmenting paths."""

    def __init__(self, cap: int) -> None:
        self.cap = cap
        self.members: defaultdict[int, list[str]] = defaultdict(list)

    def _room(self, week: int) -> bool:
        return len(self.members[week]) < self.cap

    def place(self, child_id: str, windows: Mapping[str, tuple[int, int]]) -> bool:
        """Put the visit in the latest week with room, moving visits already placed to
        other weeks of their own windows if that makes room; False when nothing can."""
        low, high = windows[child_id]
        for week in range(high, low - 1, -1):
            if self._room(week):
                self.members[week].append(child_id)
                return True
        return self._augment(child_id, windows)

    def _augment(self, child_id: str, windows: Mapping[str, tuple[int, int]]) -> bool:
        # BFS over full weeks: came[week] = (the visit that would move into it, from week)
        low, high = windows[child_id]
        came: dict[int, tuple[str, int | None]] = {}
        queue: deque[int] = deque()
        for week in range(high, low - 1, -1):
            came[week] = (child_id, None)
            queue.append(week)
        while queue:
            week = queue.popleft()
            for other in sorted(self.members[week]):
                o_low, o_high = windows[other]
                for target in range(o_high, o_low - 1, -1):
                    if target in came:
                        continue
                    came[target] = (other, week)
                    if self._room(target):
                        self._shift(target, came)
                        return True
                    queue.append(target)
        return False

    def _shift(self, week: int, came: Mapping[int, tuple[str, int | None]]) -> None:
        """Move each visit of the path one step along it, ending with the new one."""
        target: int | None = week
        while target is not None:
            mover, source = came[target]
            if source is not None:
                self.members[source].remove(mover)
            self.members[target].append(mover)
            target = source

    def urgent_first(
        self, windows: Mapping[str, tuple[int, int]], urgency: Mapping[str, Urgency]
    ) -> None:
        """Trade weeks so that the more urgent of two visits that could swap goes first:
        the weeks' counts stay as they are."""
        changed = True
        while changed:
            changed = False
            for early in sorted(self.members):
                for late in sorted(w for w in self.members if w > early):
                    changed |= self._trade(early, late, windows, urgency)

    def _trade(
        self,
        early: int,
        late: int,
        windows: Mapping[str, tuple[int, int]],
        urgency: Mapping[str, Urgency],
    ) -> bool:
        ups = sorted(
            (c for c in self.members[early] if windows[c][1] >= late), key=urgency.__getitem__
        )
        downs = sorted(
            (c for c in self.members[late] if windows[c][0] <= early), key=urgency.__getitem__
        )
        traded = False
        while ups and downs and urgency[downs[0]] < urgency[ups[-1]]:
            up, down = ups.pop(), downs.pop(0)
            self.members[early].remove(up)
            self.members[late].remove(down)
            self.members[early].append(down)
            self.members[late].append(up)
            traded = True
        return traded
