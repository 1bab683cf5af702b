"""The demo village's quarterly verifications (季度核实) of its children in difficulty:
most checked last quarter, a few this quarter already, some missed (overdue on the
worklist, as in a real village)."""

from __future__ import annotations

import random
from datetime import date, timedelta

from sqlalchemy.orm import Session

from ..core.quarters import bounds, previous, quarter_of
from .quarterly_checks import in_difficulty, record_quarterly_check

CHANGES = (
    (["监护人变化"], "祖母年老体弱，改由伯父照料"),
    (["经济状况变化"], "父亲外出务工收入减少"),
    (["健康变化"], "近期住院治疗，已出院"),
    (["就学变化"], "升入镇中学，住校"),
)
DONE_LAST_QUARTER, DONE_THIS_QUARTER = 0.85, 0.3


def add_checks(
    session: Session, child_id: str, days: tuple[date, date, date], director: str, seed: str
) -> int:
    """The checks of the last quarter and this one for a child in difficulty (``days``:
    registered, followed until, today); how many. A generator of its own, from ``seed``:
    the rest of the demo stays as it was (called after the child's categories end by age)."""
    registered, until, as_of = days
    rng = random.Random(seed)
    made = 0
    current = quarter_of(as_of)
    for quarter, share in ((previous(current), DONE_LAST_QUARTER), (current, DONE_THIS_QUARTER)):
        first, last = bounds(quarter)
        start, end = max(first, registered), min(last, until, as_of)
        if start > end or rng.random() >= share:
            continue
        on = start + timedelta(days=rng.randint(0, (end - start).days))
        if not in_difficulty(session, child_id, on):
            continue
        changes, note = (["无变化"], None) if rng.random() < 0.7 else rng.choice(CHANGES)
        benefits_ok = note is None or rng.random() < 0.6  # a change may call for a review
        record_quarterly_check(
            session,
            child_id=child_id,
            quarter=quarter,
            checked_on=on,
            changes=changes,
            change_note=note,
            benefits_ok="yes" if benefits_ok else "no",
            benefits_note=None if benefits_ok else "家庭收入变化，建议复核低保待遇",
            checked_by=director,
        )
        made += 1
    return made
