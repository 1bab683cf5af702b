"""The hybrid logical clock, packed into one 64-bit integer.

``hlc = wall_ms << 16 | counter``. A new local stamp is ``max(last + 1, now_ms << 16)``:
it follows the wall clock when the clock moves forward, and when the clock is wrong or
goes backwards it keeps counting up from the last stamp, so it never decreases and never
refuses to work. The store computes the same formula in SQL inside its triggers
(``storage.capture``); the two must agree, and a test checks that they do.

Stamps order a site's own changes and break display ties; they never decide a conflict.
"""

from __future__ import annotations

from datetime import UTC, datetime

COUNTER_BITS = 16


def pack(wall_ms: int, counter: int = 0) -> int:
    return (wall_ms << COUNTER_BITS) | counter


def unpack(hlc: int) -> tuple[int, int]:
    return hlc >> COUNTER_BITS, hlc & ((1 << COUNTER_BITS) - 1)


def tick(last: int, now_ms: int) -> int:
    """The stamp for a local event after ``last`` when the wall clock reads ``now_ms``."""
    return max(last + 1, pack(now_ms))


def receive(last: int, remote: int, now_ms: int) -> int:
    """The stamp after seeing a remote stamp (a pulled change or the server's time)."""
    return max(last + 1, remote + 1, pack(now_ms))


def to_datetime(hlc: int) -> datetime:
    """The wall-clock part as an aware UTC datetime (for display)."""
    return datetime.fromtimestamp(unpack(hlc)[0] / 1000, tz=UTC)
