"""The demo village's other records (issue 18), so that every screen shows something: a
work log, problems found (one being followed up, one solved), clues (one not yet
handled, one closed), a dropout being persuaded, and the village's 三留守 (left-behind
women and elders, with their contacts). Drawn after the children, from a generator of
their own: the rest of the demo stays as it was.

Everything is invented: the adults' identity numbers use the county code 349901, as the
children's. Every record goes through the use cases, so it obeys every rule a user meets.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy.orm import Session

from ..core.dates import add_months
from ..core.identity import check_digit
from ..core.vocab import SchoolStage
from ..storage.models import Child
from . import clues, dropouts, problems, three_left, work_log, worklist
from .children import update_child
from .roster import search_roster

# (kind, name, age, sex, who is away, where, health): 留守妇女 and 留守老年人.
ADULTS = (
    ("woman", "林秀英", 38, "female", "丈夫", "广东省东莞市", "healthy"),
    ("woman", "黄丽萍", 31, "female", "丈夫", "浙江省义乌市", "healthy"),
    ("elder", "王桂兰", 72, "female", "儿子、儿媳", "福建省厦门市", "chronic"),
    ("elder", "李德福", 68, "male", "儿子", "江苏省苏州市", "weak"),
    ("elder", "陈玉珍", 81, "female", "女儿、女婿", "上海市", "chronic"),
)
ADULT_TALKS = (
    "询问身体和生活情况，叮嘱用电用气安全",
    "了解子女联系情况，告知村里的互助活动",
    "帮助预约乡镇卫生院体检",
    "电话问候，提醒天冷注意保暖",
)
LOG = (
    ("meeting", "参加镇儿童督导员例会", "学习季度核实和强制报告要求", "青石镇政府", 20),
    ("children_home", "儿童之家安全教育活动", "防溺水、防拐骗，12名儿童参加", "柳溪村儿童之家", 9),
    ("publicity", "张贴未成年人保护宣传海报", "村委会和村小门口各一张", "柳溪村", 4),
    ("phone", "电话联系外出务工家长", "通报孩子近况，提醒常与孩子视频", "", 0),
)


def add_duties(session: Session, as_of: date, county: str, *, switch_on: bool) -> None:
    """Add the records; ``switch_on``: switch 三留守 on in the county policy the store
    holds, as the county would (not for a village that syncs: its county sets it)."""
    rng = random.Random("demo-duties")
    children = [c.id for c in search_roster(session, as_of=as_of)]
    if len(children) >= 6:
        _problems(session, children[:2], as_of)
        _clues(session, children[2], as_of)
        _work_log(session, children[3:6], as_of)
        _dropout(session, children, as_of)
    _adults(session, rng, county, as_of)
    if switch_on:
        # Effective from today at the earliest: a policy is never set for the past.
        worklist.set_county_policy(
            session,
            county_code=county,
            overrides={"three_left_behind": {"enabled": True}},
            effective_from=max(as_of, date.today()),
        )


def _problems(session: Session, ids: list[str], as_of: date) -> None:
    """One problem being followed up (due within days), one solved."""
    today = date.today()  # a target date is never set in the past
    open_one = problems.record_problem(
        session,
        child_id=ids[0],
        kind="guardianship",
        description="祖父母年老体弱，孩子晚上常无人照看",
        found_on=as_of - timedelta(days=12),
        handled_by="周丽华",
        target_on=max(as_of + timedelta(days=5), today),
    )
    problems.add_step(
        session,
        problem_id=open_one.id,
        on_date=as_of - timedelta(days=5),
        action="联系镇妇联，安排志愿者每周两次上门陪伴",
        result="已安排",
    )
    solved = problems.record_problem(
        session,
        child_id=ids[1],
        kind="school",
        description="上学路远，冬季常迟到",
        found_on=as_of - timedelta(days=60),
        target_on=max(as_of - timedelta(days=20), today),
    )
    problems.close_problem(
        session,
        problem_id=solved.id,
        closed_on=as_of - timedelta(days=25),
        solution="与学校协调，孩子住校，周末由伯父接送",
    )


def _clues(session: Session, child_id: str, as_of: date) -> None:
    """A neighbour's clue about a child on file, received last night and not yet
    handled; a hotline's clue about a child only described, handled and closed."""
    clues.register_clue(
        session,
        source="neighbour",
        received_at=datetime.combine(as_of - timedelta(days=1), time(19, 30)),
        content="邻居反映孩子这几天晚上独自在家，家里没有大人",
        child_id=child_id,
    )
    closed = clues.register_clue(
        session,
        source="hotline_12349",
        received_at=datetime.combine(as_of - timedelta(days=40), time(10, 15)),
        content="来电反映村口小卖部附近有孩子上学时间在外游荡",
        about="约十岁男孩，穿蓝色校服",
    )
    clues.note_clue(
        session,
        clue_id=closed.id,
        handling_note="当天到小卖部附近查看，询问店主和村民",
        handled_on=as_of - timedelta(days=40),
    )
    clues.close_clue(
        session,
        clue_id=closed.id,
        outcome="unfounded",
        closed_on=as_of - timedelta(days=39),
        outcome_note="系邻村孩子周末来走亲戚，非上学时间",
    )


def _work_log(session: Session, linked: list[str], as_of: date) -> None:
    for kind, title, content, place, days_ago in LOG:
        work_log.add_entry(
            session,
            logged_on=as_of - timedelta(days=days_ago),
            kind=kind,
            title=title,
            content=content,
            place=place,
            children=linked if kind == "children_home" else (),
        )


def _dropout(session: Session, ids: list[str], as_of: date) -> None:
    """A junior-school child who left school a month ago: persuaded twice without
    success (the written report is due), the next attempt overdue."""
    child = next(
        (
            row
            for row in (session.get(Child, i) for i in ids)
            if row is not None
            and row.school_stage in (SchoolStage.JUNIOR, SchoolStage.DROPOUT)
            and row.school_name
        ),
        None,
    )
    if child is None:
        return
    left = dropouts.record_dropout(
        session, child_id=child.id, left_on=as_of - timedelta(days=30), reason="dislike"
    )
    for days_ago, method in ((25, "入户劝说家长"), (12, "与班主任一起上门")):
        dropouts.add_persuasion(
            session,
            dropout_id=left.id,
            on_date=as_of - timedelta(days=days_ago),
            done_by="周丽华",
            method=method,
            outcome="not_returned",
        )
    if child.school_stage is not SchoolStage.DROPOUT:  # the child's file says so too
        update_child(session, child_id=child.id, school_stage="dropout", school_grade=None)


def _adults(session: Session, rng: random.Random, county: str, as_of: date) -> None:
    """The left-behind women and elders, filed some months ago and contacted about
    monthly; the last of them not for six weeks (overdue)."""
    used: set[str] = set()
    for n, (kind, name, age, sex, away, where, health) in enumerate(ADULTS):
        birth = _birth(rng, as_of, age)
        registered = add_months(as_of, -rng.randint(5, 9))
        person = three_left.add_person(
            session,
            kind=kind,
            name=name,
            id_number=_id_number(rng, county, birth, sex == "male", used),
            address=f"柳溪村{rng.randint(1, 6)}组",
            work_place=where,
            away_who=away,
            health=health,
            phone=f"1{rng.choice('3589')}{rng.randint(100000000, 999999999)}",
            registered_on=registered,
        )
        last = as_of - timedelta(days=42 if n == len(ADULTS) - 1 else rng.randint(3, 25))
        _contacts(session, rng, person.id, registered, last)


def _contacts(
    session: Session, rng: random.Random, person_id: str, first: date, last: date
) -> None:
    day = first
    while day < last:
        _contact(session, rng, person_id, day)
        day = add_months(day, 1) - timedelta(days=rng.randint(0, 6))
    _contact(session, rng, person_id, last)


def _contact(session: Session, rng: random.Random, person_id: str, on: date) -> Any:
    return three_left.log_visit(
        session,
        person_id=person_id,
        visited_on=on,
        mode=rng.choice(["home", "home", "phone"]),
        notes=rng.choice(ADULT_TALKS),
    )


def _birth(rng: random.Random, as_of: date, age: int) -> date:
    return date(as_of.year - age - 1, rng.randint(1, 12), rng.randint(1, 28))


def _id_number(rng: random.Random, county: str, birth: date, male: bool, used: set[str]) -> str:
    """A GB 11643 number of the invented county: the order code odd for a man."""
    while True:
        seq = rng.randrange(101 if male else 100, 999, 2)
        first17 = f"{county}{birth:%Y%m%d}{seq:03d}"
        number = first17 + check_digit(first17)
        if number not in used:
            used.add(number)
            return number
