"""The worklist's vocabulary: the kinds of work, an item of it, and the plain facts of one
child that the rules read (gathered by the store, by the county server alike).

:mod:`.worklist` applies the policy to a child's facts; :mod:`.duty_work` adds the
items of the records a director keeps beside them. Both build :class:`WorkItem`.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import NamedTuple

from .eligibility import active_on
from .vocab import (
    AgreementState,
    Category,
    CategoryFamily,
    GuardianshipLevel,
    Health,
    RiskColour,
    SchoolStage,
    YesNo,
)


class WorkKind(StrEnum):
    FIRST_VISIT = "first_visit"  # new child: first home visit within N working days
    HOME_VISIT = "home_visit"
    CONTACT = "contact"
    ASSESSMENT = "assessment"
    AGREEMENT_MISSING = "agreement_missing"
    AGREEMENT_EXPIRING = "agreement_expiring"
    AGREEMENT_EXPIRED = "agreement_expired"
    AGEING_OUT = "ageing_out"
    HOLIDAY_VISIT = "holiday_visit"
    SPOT_FINDING = "spot_finding"  # the county's spot check found a problem: fix it
    DROPOUT_PERSUASION = "dropout_persuasion"  # 辍学: no 劝返 in the last week
    PROBLEM_DUE = "problem_due"  # 发现问题: an open problem's target date is near or past
    SERVICE_PLAN_MISSING = "service_plan_missing"  # 红/黄/蓝 with no service plan
    SERVICE_PLAN_REVIEW = "service_plan_review"  # a newer assessment, another colour
    CLUE = "clue"  # 线索: a clue received and not yet handled
    REPORT_STAGE = "report_stage"  # 强制报告: a follow-up stage due or late (detail: the stage)
    QUARTERLY_CHECK = "quarterly_check"  # 困境: the quarter's verification (季度核实)
    PAIRING_CONTACT = "pairing_contact"  # 结对帮扶: no contact this month
    SCHOOL_NOTICE = "school_notice"  # 留守 in school: the school not told yet


# The kinds built from a child's own facts alone; the others need records their caller
# gathers (a finding, a dropout, a problem, a plan, a clue, a report, a check, a
# pairing): the laptop from its store, the county server from its fields (both count all).
FACT_KINDS = frozenset(
    {
        WorkKind.FIRST_VISIT,
        WorkKind.HOME_VISIT,
        WorkKind.CONTACT,
        WorkKind.ASSESSMENT,
        WorkKind.AGREEMENT_MISSING,
        WorkKind.AGREEMENT_EXPIRING,
        WorkKind.AGREEMENT_EXPIRED,
        WorkKind.AGEING_OUT,
        WorkKind.HOLIDAY_VISIT,
    }
)


# The records below are NamedTuples: immutable like frozen dataclasses, and built at
# C speed - a 5,000-child worklist makes some 20,000 of them.


class CategoryFacts(NamedTuple):
    category: Category
    recognized_on: date | None
    ended_on: date | None


class AgreementFacts(NamedTuple):
    id: str
    state: AgreementState
    start: date | None
    end: date | None


# 重点儿童, followed more often (the policy's priority rhythm): 辍学, 无户籍, 重病 or 残疾,
# or 监护情况差 by the latest assessment. The laptop asks it in SQL (services.facts), the
# county server of the values it holds (sync.server.oversight): both from these.
PRIORITY_STAGES = frozenset({SchoolStage.DROPOUT})
PRIORITY_HEALTH = frozenset({Health.SERIOUS_ILLNESS, Health.DISABLED})


def is_priority(
    stage: SchoolStage | None,
    hukou_registered: YesNo | None,
    health: Health | None,
    level: GuardianshipLevel | None,
) -> bool:
    """Whether a child is a 重点儿童 (see :data:`PRIORITY_HEALTH`)."""
    return (
        stage in PRIORITY_STAGES
        or hukou_registered is YesNo.NO
        or health in PRIORITY_HEALTH
        or level is GuardianshipLevel.POOR
    )


class ChildFacts(NamedTuple):
    id: str
    name: str
    birth_date: date | None
    registered_on: date
    colour: RiskColour | None = None  # from the latest assessment
    last_assessed_on: date | None = None
    last_contact_on: date | None = None  # any kind of contact, home visits included
    last_home_visit_on: date | None = None
    priority: bool = False  # 监护情况差, 辍学, 无户籍, 重病 or 残疾
    in_full_time_school: bool = False
    categories: tuple[CategoryFacts, ...] = ()
    agreements: tuple[AgreementFacts, ...] = ()
    region_code: str = ""  # the village: a township's store shows and filters by it


class WorkItem(NamedTuple):
    child_id: str
    child_name: str
    kind: WorkKind
    due_on: date
    overdue_days: int  # 0 when not yet overdue
    colour: RiskColour
    detail: str = ""  # the category or agreement concerned, if any
    region_code: str = ""  # the child's village
    ref: str = ""  # a spot-check finding's id

    @property
    def overdue(self) -> bool:
        return self.overdue_days > 0


def in_difficulty(child: ChildFacts, on: date) -> bool:
    """Whether the child holds a 困境 category (not 留守 alone) on ``on``."""
    return any(
        c.category.family is CategoryFamily.DIFFICULTY
        and active_on(c.recognized_on, c.ended_on, on)
        for c in child.categories
    )
