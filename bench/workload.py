"""The sync benches' workload: one village's laptops and the single-field edits made on them.

Imported by the scripts of this folder (``sync_bench``, ``laptop_sync_bench``, ``peer_bench``),
so that each edits the same fields the same way.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterator

__all__ = ["FIELDS", "PASSPHRASE", "VILLAGE", "edits"]

PASSPHRASE = "bench-passphrase"
VILLAGE = "349901101201"
FIELDS = (
    "phone",
    "notes",
    "current_address",
    "school_name",
    "school_grade",
    "illness",
    "hukou_address",
)

_SERIAL = itertools.count()


def edits(ids: list[str], count: int, rng: random.Random) -> Iterator[tuple[str, str, str]]:
    """``count`` single-field edits ``(child id, field, value)`` over distinct (child,
    field) pairs where possible. Each value is one never used before: an edit to the value
    a field already holds is no edit at all, and the figures count edits. Valid values: the
    server checks every edit as the forms do (a phone is a phone)."""
    pairs = [(i, f) for f in FIELDS for i in ids]
    rng.shuffle(pairs)
    for child_id, field in (pairs * (count // len(pairs) + 1))[:count]:
        serial = next(_SERIAL)
        yield (
            child_id,
            field,
            (f"139{serial:08d}" if field == "phone" else f"{field[:2]}{serial:06d}"),
        )
