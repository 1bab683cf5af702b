"""The demo village's 结对帮扶 and 告知学校: most 留守 children in school have had their
school told soon after registration; some children have a paired helper in touch every
month, a few of whom let a month pass. Each child draws from its own random stream, so
the rest of the demo stays as it was."""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from sqlalchemy.orm import Session

from ..core.pairing_work import month_end
from ..core.vocab import Category
from . import pairing, school_notices

HELPERS = (
    ("陈建国", "party_member"),
    ("刘芳", "volunteer"),
    ("黄海燕", "teacher"),
    ("吴志强", "cadre"),
    ("何秀兰", "party_member"),
)
DONE = (
    "送去学习用品，辅导作业",
    "询问学习和生活情况",
    "一起参加儿童之家活动",
    "了解近况，叮嘱安全",
)


def add_pairing_work(
    session: Session, index: int, child: Any, cats: list[Category], until: date
) -> None:
    """The school notice and the pairing of one demo child seen until ``until``."""
    rng = random.Random(f"demo-pairing-{index}")
    registered: date = child.registered_on
    if Category.LEFT_BEHIND in cats and child.school_name and rng.random() < 0.95:
        told = min(registered + timedelta(days=rng.randint(3, 25)), until)
        school_notices.record_notice(
            session,
            child_id=child.id,
            school_name=child.school_name,
            told_on=told,
            mode=rng.choice(["in_person", "phone", "written"]),
            contents=["situation", "parents_work", "parents_contact"],
            told_whom="班主任",
        )
    if rng.random() < 0.3:
        _pair(session, rng, child.id, registered, until)


def _pair(session: Session, rng: random.Random, child_id: str, start: date, until: date) -> None:
    name, role = rng.choice(HELPERS)
    since = min(max(start, until - timedelta(days=300)) + timedelta(days=rng.randint(5, 30)), until)
    made = pairing.add_pairing(
        session, child_id=child_id, helper_name=name, helper_role=role, since=since
    )
    lapses = rng.random() < 0.15  # the helper let the last month or two pass
    last = until - timedelta(days=rng.randint(35, 70)) if lapses else until
    day = since + timedelta(days=rng.randint(0, 10))
    while day <= last:
        pairing.add_contact(
            session,
            pairing_id=made.id,
            contacted_on=day,
            mode=rng.choice(["home", "phone", "phone", "video", "activity"]),
            content=rng.choice(DONE),
        )
        # the next month, on a day of its own
        day = min(month_end(day) + timedelta(days=rng.randint(1, 25)), last + timedelta(days=1))
