"""Which automatic backups to keep, and when the next one is due (pure: dates in, dates out).

The rule is the one of borg and restic, applied to the times the backups were taken:

- **daily**: the newest backup of each of the 7 most recent days that have a backup;
- **weekly**: the newest backup of each of the 4 most recent ISO weeks (Monday to Sunday)
  that have a backup;
- **monthly**: the newest backup of each of the 6 most recent calendar months that have one.

A backup kept by one rule may also be the one another rule keeps (today's backup is also
this week's and this month's), so at most 7 + 4 + 6 = 17 files are kept, usually fewer.

Periods are counted among the backups there are, never back from today: a laptop left in a
drawer for a year still has its last backups when it is switched on again, and a clock set
years wrong cannot make the rule delete everything. The backup just written is always kept
(``keep_also``), whatever the clock said when it was named.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

DAILY, WEEKLY, MONTHLY = 7, 4, 6
DUE_AFTER = timedelta(days=1)  # at most daily while the app stays open
STALE_AFTER = timedelta(days=7)  # the 工作台 warns when the second place's is older


@dataclass(frozen=True, slots=True)
class Retention:
    daily: int = DAILY
    weekly: int = WEEKLY
    monthly: int = MONTHLY


def _day(t: datetime) -> Hashable:
    return t.date()


def _week(t: datetime) -> Hashable:
    year, week, _ = t.isocalendar()
    return (year, week)


def _month(t: datetime) -> Hashable:
    return (t.year, t.month)


def _newest_per_period(
    times: list[datetime], period: Callable[[datetime], Hashable], count: int
) -> set[datetime]:
    """The newest time of each of the ``count`` most recent periods (``times`` newest first)."""
    kept: dict[Hashable, datetime] = {}
    for taken in times:
        key = period(taken)
        if key not in kept:
            if len(kept) == count:
                break
            kept[key] = taken
    return set(kept.values())


def backups_to_keep(
    taken: Iterable[datetime],
    rule: Retention = Retention(),
    *,
    keep_also: Iterable[datetime] = (),
) -> set[datetime]:
    """The times (of ``taken``) whose backups are kept: the newest of each of the
    ``rule.daily`` latest days, ``rule.weekly`` latest ISO weeks and ``rule.monthly``
    latest months that have a backup, plus ``keep_also``. Every other one may be deleted."""
    times = sorted(set(taken), reverse=True)
    kept = set(keep_also) & set(times)
    for period, count in ((_day, rule.daily), (_week, rule.weekly), (_month, rule.monthly)):
        kept |= _newest_per_period(times, period, count)
    return kept


def backup_due(last: datetime | None, now: datetime) -> bool:
    """Whether a daily backup is due: none yet, a day has passed, or the clock has gone
    back past the last one (a wrong clock must not stop backups for years)."""
    return last is None or now - last >= DUE_AFTER or now < last


def second_place_stale(last: datetime | None, now: datetime) -> bool:
    """Whether the 工作台 warns: no backup on a second place yet, or the last one is
    older than a week."""
    return last is None or now - last > STALE_AFTER
