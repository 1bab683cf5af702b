"""The county's deadlines of a director's other records (policy ``duty_deadlines``): the
defaults give today's due dates (a clue by the next day, a safety clue the same day, 劝返
weekly, 季度核实 in the quarter's last 15 days, 告知学校 within 30 days, a paired contact
every month, a service plan within 7 days); a county's own values move them; values out
of bounds are refused at their path, as the rest of the policy."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from childcare_desktop.core.duty_deadlines import DutyDeadlines
from childcare_desktop.core.errors import Kind, ValidationError
from childcare_desktop.core.pairing_work import NoticeFacts, PairingFacts
from childcare_desktop.core.policy import DEFAULT_POLICY, DEFAULTS, Policy, load_policy
from childcare_desktop.core.vocab import Category, RiskColour
from childcare_desktop.core.worklist import (
    CategoryFacts,
    ChildFacts,
    ClueFacts,
    DropoutFacts,
    Records,
    WorkKind,
    build_worklist,
)

AS_OF = date(2026, 12, 10)
POOR = CategoryFacts(Category.POVERTY, date(2025, 1, 1), None)
LEFT = CategoryFacts(Category.LEFT_BEHIND, date(2026, 11, 20), None)
CHILD = ChildFacts(
    id="c1",
    name="张三",
    birth_date=date(2016, 1, 1),
    registered_on=date(2025, 1, 1),
    colour=RiskColour.BLUE,
    last_assessed_on=date(2026, 12, 1),
    in_full_time_school=True,
    categories=(POOR, LEFT),
)
RECORDS = Records(
    clues=(
        ClueFacts("k1", "", "c1", "张三", date(2026, 12, 8), False, "hotline"),
        ClueFacts("k2", "", "c1", "张三", date(2026, 12, 8), True, "hotline"),
    ),
    dropouts=(DropoutFacts("d1", "c1", date(2026, 11, 1), date(2026, 12, 1)),),
    plans={},
    quarter_checks=(("c1", "2026Q3"),),
    pairings=(PairingFacts("p1", "c1", "刘芳", date(2026, 1, 5), date(2026, 10, 20)),),
    notices=(NoticeFacts("c1", "青石镇中心小学", None),),
)


def due_dates(policy: Policy, as_of: date = AS_OF) -> dict[str, list[date]]:
    found: dict[str, list[date]] = {}
    for item in build_worklist([CHILD], as_of, policy, RECORDS):
        found.setdefault(item.kind.value, []).append(item.due_on)
    return {k: sorted(v) for k, v in found.items()}


def test_the_defaults_keep_todays_rules() -> None:
    assert DEFAULTS["duty_deadlines"] == {
        "clue_days": 1,
        "clue_safety_days": 0,
        "persuasion": "P7D",
        "quarter_check_days": 15,
        "school_notice_days": 30,
        "pairing_contact_months": 1,
        "plan_days": 7,
    }
    assert DEFAULT_POLICY.duty_deadlines == DutyDeadlines()  # the fields' own defaults agree
    due = due_dates(DEFAULT_POLICY)
    assert due[WorkKind.CLUE.value] == [date(2026, 12, 8), date(2026, 12, 9)]  # safety: same day
    assert due[WorkKind.DROPOUT_PERSUASION.value] == [date(2026, 12, 8)]  # a week after
    assert due[WorkKind.SERVICE_PLAN_MISSING.value] == [date(2026, 12, 8)]  # 7 days
    assert due[WorkKind.PAIRING_CONTACT.value] == [date(2026, 11, 30)]  # November lapsed
    assert due[WorkKind.SCHOOL_NOTICE.value] == [date(2026, 12, 20)]  # 30 days
    # 季度核实: not shown on 10 December (21 days left), shown from the 17th (15 days left).
    assert WorkKind.QUARTERLY_CHECK.value not in due
    later = due_dates(DEFAULT_POLICY, date(2026, 12, 17))
    assert later[WorkKind.QUARTERLY_CHECK.value] == [date(2026, 12, 31)]
    assert WorkKind.QUARTERLY_CHECK.value not in due_dates(DEFAULT_POLICY, date(2026, 12, 16))


def test_a_countys_deadlines_move_the_due_dates() -> None:
    policy = load_policy(
        {
            "duty_deadlines": {
                "clue_days": 3,
                "clue_safety_days": 1,
                "persuasion": "P14D",
                "quarter_check_days": 30,
                "school_notice_days": 10,
                "pairing_contact_months": 2,
                "plan_days": 14,
            }
        }
    )
    due = due_dates(policy)
    assert due[WorkKind.CLUE.value] == [date(2026, 12, 9), date(2026, 12, 11)]
    assert WorkKind.DROPOUT_PERSUASION.value not in due  # due 15 December now
    assert due_dates(policy, date(2026, 12, 15))[WorkKind.DROPOUT_PERSUASION.value] == [
        date(2026, 12, 15)
    ]
    assert WorkKind.SERVICE_PLAN_MISSING.value in due  # due the 15th: within the horizon
    assert due[WorkKind.SERVICE_PLAN_MISSING.value] == [date(2026, 12, 15)]
    # A contact every two months: October's covers November and December.
    assert due[WorkKind.PAIRING_CONTACT.value] == [date(2026, 12, 31)]
    assert due[WorkKind.SCHOOL_NOTICE.value] == [date(2026, 11, 30)]
    assert due[WorkKind.QUARTERLY_CHECK.value] == [date(2026, 12, 31)]  # the last 30 days


def test_a_contact_every_two_months_is_not_owed_in_the_month_after_one() -> None:
    policy = load_policy({"duty_deadlines": {"pairing_contact_months": 2}})
    due = due_dates(policy, date(2026, 11, 15))
    assert WorkKind.PAIRING_CONTACT.value not in due


@pytest.mark.parametrize(
    ("key", "value", "problem"),
    [
        ("clue_days", -1, "whole_number"),
        ("clue_days", "1", "whole_number"),
        ("clue_safety_days", 3651, "too_large"),
        ("school_notice_days", 1.5, "whole_number"),
        ("quarter_check_days", True, "whole_number"),
        ("plan_days", 99_999_999, "too_large"),
        ("pairing_contact_months", 0, "at_least_one"),
        ("pairing_contact_months", 3651, "too_large"),
        ("persuasion", "weekly", "interval"),
        ("persuasion", "P0D", "interval"),
        ("persuasion", "P11Y", "interval"),
        ("whenever", 1, "unknown_key"),
    ],
)
def test_bad_values_are_refused_at_their_path(key: str, value: Any, problem: str) -> None:
    with pytest.raises(ValidationError) as bad:
        load_policy({"duty_deadlines": {key: value}})
    assert bad.value.kind is Kind.POLICY_INVALID
    assert bad.value.field == f"duty_deadlines.{key}"
    assert bad.value.params["problem"] == problem


def test_not_an_object_is_refused() -> None:
    with pytest.raises(ValidationError) as bad:
        load_policy({"duty_deadlines": 7})
    assert bad.value.field == "duty_deadlines"
    assert bad.value.params["problem"] == "shape"


def test_the_largest_values_still_give_dates() -> None:
    most = {
        "clue_days": 3650,
        "clue_safety_days": 3650,
        "persuasion": "P10Y",
        "quarter_check_days": 3650,
        "school_notice_days": 3650,
        "pairing_contact_months": 3650,
        "plan_days": 3650,
    }
    items = build_worklist([CHILD], AS_OF, load_policy({"duty_deadlines": most}), RECORDS)
    assert {i.kind for i in items} >= {WorkKind.CLUE, WorkKind.QUARTERLY_CHECK}
