"""The county's day: the date in China (UTC+8, no daylight saving), whatever zone the
server's machine keeps. Every "today" of the server is this one: the day a laptop in the
county dates its records by, a policy takes effect on and the console counts as of
(the UTC date, used before in some places, is the day before from 00:00 to 08:00 Beijing
time: a visit logged that morning was flagged as dated in the future)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

CHINA = timedelta(hours=8)


def county_day(ms: int) -> date:
    """The county's date at the moment ``ms`` (milliseconds since the epoch)."""
    return (datetime.fromtimestamp(ms / 1000, tz=UTC) + CHINA).date()
