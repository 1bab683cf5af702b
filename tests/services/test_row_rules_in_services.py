"""The services call the rules across fields declared in core.row_rules (the ones the
county server checks): a target or a review more than ten years ahead is refused where
it is typed, and a registration moved after the exit (the real store)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from childcare_desktop.core.errors import Kind, ValidationError
from childcare_desktop.core.row_rules import HORIZON
from childcare_desktop.messages import describe
from childcare_desktop.services import problems, service_plans, three_left
from childcare_desktop.storage.store import Store
from tests.factories import make_child, years_ago

TODAY = date.today()


def test_a_target_or_a_review_more_than_ten_years_ahead_is_refused(store: Store) -> None:
    far, near = TODAY + HORIZON + timedelta(days=1), TODAY + HORIZON
    with store.session() as s:
        child = make_child(s, birth_date=years_ago(10))
        found = {"kind": "就学", "description": "长期不到校", "found_on": TODAY}
        with pytest.raises(ValidationError) as target:
            problems.record_problem(s, child_id=child.id, **found, target_on=far)
        assert (target.value.kind, target.value.field) == (Kind.DATE_TOO_FAR, "target_on")
        assert "十年之后" in describe(target.value)
        p = problems.record_problem(s, child_id=child.id, **found, target_on=near)
        with pytest.raises(ValidationError) as edited:
            problems.edit_problem(s, problem_id=p.id, target_on="9999-12-31")
        assert edited.value.kind is Kind.DATE_TOO_FAR
        plan = {"colour": "yellow", "measures": "每月走访", "responsible": "李主任"}
        plan |= {"frequency": "每月", "written_on": TODAY}
        with pytest.raises(ValidationError) as review:
            service_plans.write_plan(s, child_id=child.id, **plan, review_due=far)
        assert (review.value.kind, review.value.field) == (Kind.DATE_TOO_FAR, "review_due")


def test_a_registration_moved_after_the_exit_is_refused(store: Store) -> None:
    with store.session() as s:
        p = three_left.add_person(
            s, kind="elder", name="甲奶奶", birth_date=years_ago(70), registered_on=years_ago(1)
        )
        left = years_ago(1) + timedelta(days=10)
        three_left.exit_person(s, person_id=p.id, exited_on=left, exit_reason="moved")
        three_left.edit_person(s, p.id, registered_on=left)  # the same day: fine
        with pytest.raises(ValidationError) as moved:
            three_left.edit_person(s, p.id, registered_on=left + timedelta(days=1))
        assert (moved.value.kind, moved.value.field) == (Kind.BEFORE_REGISTERED, "exited_on")
