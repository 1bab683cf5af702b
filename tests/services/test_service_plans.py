"""四级分类服务 on the real store: a child's service plan written from the county's default
of the child's colour, its refusals, its history, and the worklist's 制定服务计划 /
复核服务计划 (no plan, a newer assessment, another colour, the plan's review date)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy import select

from childcare_desktop.core.errors import Kind, ValidationError
from childcare_desktop.core.policy import DEFAULT_POLICY
from childcare_desktop.core.service_plans import PLAN_WITHIN_DAYS
from childcare_desktop.core.vocab import RiskColour
from childcare_desktop.core.worklist import WorkKind
from childcare_desktop.messages import describe
from childcare_desktop.services import assessments, files, plan_defaults, service_plans, worklist
from childcare_desktop.storage.models import AuditEntry
from childcare_desktop.storage.store import Store
from tests.factories import make_child, years_ago

TODAY = date.today()
PLAN_KINDS = (WorkKind.SERVICE_PLAN_MISSING, WorkKind.SERVICE_PLAN_REVIEW)


def _assessed(s: Any, colour: str, days_ago: int, name: str = "石小兰") -> str:
    child = make_child(s, name=name, birth_date=years_ago(10))
    _assess(s, child.id, colour, days_ago)
    return child.id


def _assess(s: Any, child_id: str, colour: str, days_ago: int) -> None:
    assessments.assess_guardianship(
        s,
        child_id=child_id,
        assessed_on=TODAY - timedelta(days=days_ago),
        level="fair",
        colour=colour,
    )


def _write(s: Any, child_id: str, days_ago: int = 0, **values: Any) -> Any:
    plan = {**plan_defaults.plan_template(s, child_id=child_id), **values}
    plan["written_on"] = TODAY - timedelta(days=days_ago)
    return service_plans.write_plan(s, child_id=child_id, **plan)


def _plan_items(s: Any, child_id: str) -> list[Any]:
    items = worklist.get_worklist(s).items
    return [i for i in items if i.child_id == child_id and i.kind in PLAN_KINDS]


def test_a_plan_starts_from_the_county_default_of_the_childs_colour(store: Store) -> None:
    with store.session() as s:
        child_id = _assessed(s, "yellow", 3)
        values = plan_defaults.plan_template(s, child_id=child_id)
        yellow = DEFAULT_POLICY.service_plans[RiskColour.YELLOW]
        assert values["colour"] is RiskColour.YELLOW
        assert values["measures"].splitlines() == list(yellow.measures)
        assert (values["responsible"], values["frequency"]) == (
            yellow.responsible,
            yellow.frequency,
        )
        assert values["review_due"] == DEFAULT_POLICY.assessment_interval.after(TODAY)
        # The county's own default once its policy says so.
        worklist.set_county_policy(
            s,
            county_code="349901",
            effective_from=TODAY,
            overrides={"service_plans": {"yellow": {"measures": ["每周家访一次"]}}},
        )
        assert plan_defaults.plan_template(s, child_id=child_id)["measures"] == "每周家访一次"


def test_a_plan_is_kept_with_its_history_and_audited(store: Store) -> None:
    with store.session() as s:
        child_id = _assessed(s, "red", 10)
        first = _write(s, child_id, days_ago=9, measures="  每周联系\n\n每月入户  \n")
        assert first.measures == "每周联系\n每月入户"  # blank lines and spaces dropped
        _assess(s, child_id, "yellow", 2)
        second = _write(s, child_id, days_ago=1, colour="黄")
        plans = files.get_child_file(s, child_id=child_id).service_plans
        actions = s.scalars(select(AuditEntry.action).where(AuditEntry.child_id == child_id))
        audited = [a for a in actions if a == "service_plan_written"]
    assert [p.id for p in plans] == [second.id, first.id]  # the current one first
    assert (plans[0].colour, plans[1].colour) == (RiskColour.YELLOW, RiskColour.RED)
    assert len(audited) == 2


@pytest.mark.parametrize(
    ("values", "field", "kind", "words"),
    [
        ({"written_on": TODAY + timedelta(days=1)}, "written_on", Kind.DATE_IN_FUTURE, "制定日期"),
        ({"written_on": years_ago(11)}, "written_on", Kind.DATE_BEFORE_BIRTH, "制定日期"),
        ({"measures": " \n  \n"}, "measures", Kind.REQUIRED, "服务措施"),
        ({"colour": "purple"}, "colour", Kind.INVALID_CHOICE, "风险等级"),
        ({"colour": None}, "colour", Kind.REQUIRED, "风险等级"),
        ({"responsible": ""}, "responsible", Kind.REQUIRED, "责任人"),
        ({"review_due": TODAY - timedelta(days=1)}, "review_due", Kind.DATE_ORDER, "复核日期"),
    ],
)
def test_a_bad_plan_is_refused_beside_its_field(
    store: Store, values: dict[str, Any], field: str, kind: Kind, words: str
) -> None:
    with store.session() as s:
        child_id = _assessed(s, "red", 1)
        plan = {**plan_defaults.plan_template(s, child_id=child_id), **values}
        with pytest.raises(ValidationError) as refused:
            service_plans.write_plan(s, child_id=child_id, **plan)
        assert service_plans.list_plans(s, child_id=child_id) == ()
    assert (refused.value.field, refused.value.kind) == (field, kind)
    assert words in describe(refused.value)


def test_red_yellow_and_blue_children_without_a_plan_must_have_one(store: Store) -> None:
    with store.session() as s:
        red = _assessed(s, "red", 3, "红一")
        blue = _assessed(s, "blue", 30, "蓝一")
        green = _assessed(s, "green", 3, "绿一")
        unassessed = make_child(s, name="未评一").id
        (red_item,) = _plan_items(s, red)
        (blue_item,) = _plan_items(s, blue)
        assert _plan_items(s, green) == [] and _plan_items(s, unassessed) == []
        _write(s, red)
        assert _plan_items(s, red) == []  # written: nothing more to do
    assert red_item.kind is WorkKind.SERVICE_PLAN_MISSING
    assert red_item.due_on == TODAY - timedelta(days=3 - PLAN_WITHIN_DAYS)
    assert not red_item.overdue
    assert blue_item.overdue_days == 30 - PLAN_WITHIN_DAYS  # due a week from the assessment


def test_a_newer_assessment_or_another_colour_asks_for_a_review(store: Store) -> None:
    with store.session() as s:
        newer = _assessed(s, "red", 20, "新评")
        _write(s, newer, days_ago=19)
        _assess(s, newer, "red", 10)  # the same colour, a newer assessment
        changed = _assessed(s, "yellow", 12, "变色")
        _write(s, changed, days_ago=12, colour="red")  # written the same day, for red
        (review,) = _plan_items(s, newer)
        (recoloured,) = _plan_items(s, changed)
        _write(s, newer)  # reviewed: a new plan after the assessment
        assert _plan_items(s, newer) == []
        file = files.get_child_file(s, child_id=changed)
    assert (review.kind, review.detail, review.due_on) == (
        WorkKind.SERVICE_PLAN_REVIEW,
        "newer_assessment",
        TODAY - timedelta(days=10 - PLAN_WITHIN_DAYS),
    )
    assert (recoloured.kind, recoloured.detail, recoloured.overdue_days) == (
        WorkKind.SERVICE_PLAN_REVIEW,
        "colour_changed",
        12 - PLAN_WITHIN_DAYS,
    )
    assert [w.kind for w in file.work if w.kind in PLAN_KINDS] == [WorkKind.SERVICE_PLAN_REVIEW]


def test_the_plans_own_review_date_comes_due(store: Store) -> None:
    with store.session() as s:
        child_id = _assessed(s, "blue", 40)
        _write(s, child_id, days_ago=40, review_due=TODAY + timedelta(days=3))
        (item,) = _plan_items(s, child_id)
        # Reviewed at the next assessment: the assessment's own item asks for it.
        later = _assessed(s, "blue", 178, "复评")
        _write(s, later, days_ago=178)  # review_due: the next assessment, in two days
        assert _plan_items(s, later) == []
    assert (item.kind, item.detail, item.due_on) == (
        WorkKind.SERVICE_PLAN_REVIEW,
        "review_due",
        TODAY + timedelta(days=3),
    )
