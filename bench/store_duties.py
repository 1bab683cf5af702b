"""A year of the records issue 18 added, for ``bench/store_bench.py``: service plans,
problems and their steps, dropouts and 劝返, quarterly checks, pairings with monthly
contacts, school notices, clues, the work log, and left-behind women and elders with
their visits. Seeded: every store built gets the same records."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session

from childcare_desktop.core.quarters import quarter_of
from childcare_desktop.core.vocab import (
    AdultContactMode,
    BenefitsRight,
    Category,
    ClueHandling,
    ClueOutcome,
    ClueSource,
    ClueState,
    DropoutReason,
    DropoutState,
    HelperRole,
    LeftBehindAdultKind,
    NoticeMode,
    PairingContactMode,
    PersuasionOutcome,
    ProblemKind,
    ProblemState,
    RiskColour,
    Sex,
    WorkLogKind,
)
from childcare_desktop.storage.models import (
    CategoryMembership,
    Clue,
    Dropout,
    LeftBehindAdult,
    LeftBehindAdultVisit,
    Pairing,
    PairingContact,
    Persuasion,
    Problem,
    ProblemStep,
    QuarterlyCheck,
    SchoolNotice,
    ServicePlan,
    WorkLog,
    WorkLogChild,
)


def add_child_duties(
    session: Session, rng: random.Random, child: Any, colour: RiskColour, today: date, village: str
) -> None:
    """One child's year: each kind of record at the rate a busy village would have."""
    at = {"child_id": child.id, "region_code": village}
    ago = lambda days: today - timedelta(days=days)  # noqa: E731
    if colour is not RiskColour.GREEN:
        for written in (ago(rng.randint(200, 360)), ago(rng.randint(1, 150))):
            session.add(
                ServicePlan(
                    **at, colour=colour, measures="每月联系\n每季度入户", responsible="儿童主任",
                    frequency="每月", written_on=written,
                )
            )  # fmt: skip
    if rng.random() < 0.3:
        problem = Problem(
            **at, kind=rng.choice(list(ProblemKind)), description="作业无人辅导",
            found_on=ago(200), target_on=ago(rng.randint(-30, 150)),
        )  # fmt: skip
        if rng.random() < 0.5:
            problem.state, problem.closed_on, problem.solution = (
                ProblemState.CLOSED, ago(20), "已联系学校"
            )  # fmt: skip
        session.add(problem)
        session.flush()
        for days in (150, 60):
            session.add(
                ProblemStep(
                    problem_id=problem.id, region_code=village, on_date=ago(days), action="走访"
                )
            )
    if rng.random() < 0.02:
        dropout = Dropout(
            **at, left_on=ago(120), reason=DropoutReason.DISLIKE, state=DropoutState.OPEN
        )
        session.add(dropout)
        session.flush()
        for days in (110, 80, 40):
            session.add(
                Persuasion(
                    dropout_id=dropout.id, region_code=village, on_date=ago(days),
                    outcome=PersuasionOutcome.NOT_RETURNED,
                )
            )  # fmt: skip
    if rng.random() < 0.2:  # also a child in difficulty: checked each quarter
        session.add(
            CategoryMembership(**at, category=Category.POVERTY, recognized_on=child.registered_on)
        )
        for days in (30, 120, 210, 300):
            day = ago(days)
            if day >= child.registered_on:
                session.add(
                    QuarterlyCheck(
                        **at, quarter=quarter_of(day), checked_on=day, changes=["none"],
                        benefits_ok=BenefitsRight.YES, checked_by="儿童主任",
                    )
                )  # fmt: skip
    if rng.random() < 0.3:
        pairing = Pairing(
            **at, helper_name="帮扶人", helper_role=HelperRole.VOLUNTEER, since=ago(365)
        )
        session.add(pairing)
        session.flush()
        for month in range(12):
            session.add(
                PairingContact(
                    pairing_id=pairing.id, region_code=village, contacted_on=ago(30 * month + 3),
                    mode=PairingContactMode.PHONE,
                )
            )  # fmt: skip
    if rng.random() < 0.9:
        session.add(
            SchoolNotice(
                **at, school_name="青石镇小学", told_on=ago(rng.randint(1, 300)),
                mode=NoticeMode.IN_PERSON, contents=["situation", "parents_work"],
            )
        )  # fmt: skip
    if rng.random() < 0.05:
        session.add(
            Clue(
                region_code=village, child_id=child.id, source=rng.choice(list(ClueSource)),
                source_detail="其他来源", received_at=datetime.combine(ago(90), datetime.min.time()),
                content="反映孩子常独自在家", state=ClueState.CLOSED, handling=ClueHandling.NOTE,
                handled_on=ago(89), outcome=ClueOutcome.UNFOUNDED, closed_on=ago(80),
            )
        )  # fmt: skip


def add_village_duties(
    session: Session, rng: random.Random, child_ids: list[str], today: date, village: str
) -> None:
    """The village's own year: a work log of 250 entries (each naming three children) and
    300 left-behind women and elders visited monthly."""
    for n in range(250):
        entry = WorkLog(
            region_code=village, logged_on=today - timedelta(days=n * 365 // 250),
            kind=rng.choice(list(WorkLogKind)), title="儿童之家活动",
        )  # fmt: skip
        session.add(entry)
        session.flush()
        for child_id in rng.sample(child_ids, 3):
            session.add(WorkLogChild(work_log_id=entry.id, region_code=village, child_id=child_id))
    for n in range(300):
        woman = n % 2 == 0
        person = LeftBehindAdult(
            region_code=village, kind=LeftBehindAdultKind.WOMAN if woman else LeftBehindAdultKind.ELDER,
            name=f"村民{n}", sex=Sex.FEMALE if woman else Sex.MALE,
            birth_date=today - timedelta(days=365 * (40 if woman else 70)),
            registered_on=today - timedelta(days=400),
        )  # fmt: skip
        session.add(person)
        session.flush()
        for month in range(12):
            session.add(
                LeftBehindAdultVisit(
                    person_id=person.id, region_code=village,
                    visited_on=today - timedelta(days=30 * month + 5), mode=AdultContactMode.HOME,
                )
            )  # fmt: skip
