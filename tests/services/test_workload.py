"""The weekly cap on visits, kept in the store, and the worklist's plan under it."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from childcare_desktop.core.errors import Kind, ValidationError
from childcare_desktop.core.worklist import WorkKind
from childcare_desktop.core.workload import week_start
from childcare_desktop.services import visits, worklist, workload
from childcare_desktop.storage.store import Store, open_store
from tests.conftest import PASSPHRASE
from tests.factories import make_child

MONDAY = week_start(date.today())
NEXT_MONDAY = MONDAY + timedelta(weeks=1)


def six_due_next_thursday(store: Store) -> list[str]:
    """Six children (unassessed: yellow, a contact every 14 days) visited the Thursday
    before this week: each due a contact on Thursday next week."""
    ids = []
    with store.session() as s:
        for n in range(6):
            child = make_child(s, name=f"测试{n}")
            visits.log_visit(
                s, child_id=child.id, visited_on=MONDAY - timedelta(days=4), mode="home"
            )
            ids.append(child.id)
    return ids


def test_no_cap_is_the_worklist_as_it_was(store: Store) -> None:
    six_due_next_thursday(store)
    with store.session() as s:
        assert workload.weekly_visit_cap(s) is None
        work = worklist.get_worklist(s, as_of=MONDAY)
    assert work.plan is None
    assert not [i for i in work.items if i.kind is WorkKind.CONTACT]  # due in 10 days


def test_a_cap_pulls_the_visits_beyond_it_into_this_week(store: Store) -> None:
    ids = six_due_next_thursday(store)
    with store.session() as s:
        workload.set_weekly_visit_cap(s, cap=4)
        work = worklist.get_worklist(s, as_of=MONDAY)
    plan = work.plan
    assert plan is not None and plan.cap == 4
    assert [(w.start, w.planned, w.over) for w in plan.weeks(count=2)] == [
        (MONDAY, 2, 0),
        (NEXT_MONDAY, 4, 0),
    ]
    due = NEXT_MONDAY + timedelta(days=3)
    for child_id in ids:
        planned = plan.visits[child_id]
        assert MONDAY <= planned.on <= due
    # the two planned this week are on today's list, though not due within the week
    pulled = [i for i in work.items if i.kind is WorkKind.CONTACT]
    assert len(pulled) == 2
    assert {plan.visits[i.child_id].week for i in pulled} == {MONDAY}
    assert all(i.due_on == due and not i.overdue for i in pulled)


def test_an_overdue_week_shows_over_the_cap(store: Store) -> None:
    with store.session() as s:
        for n in range(3):  # registered 30 days ago, never visited: first visits overdue
            make_child(s, name=f"逾期{n}")
        workload.set_weekly_visit_cap(s, cap=2)
        work = worklist.get_worklist(s, as_of=MONDAY)
    assert work.plan is not None
    (this_week,) = work.plan.weeks(count=1)
    assert (this_week.planned, this_week.cap, this_week.over) == (3, 2, 1)
    first_visits = [i for i in work.items if i.kind is WorkKind.FIRST_VISIT]
    assert len(first_visits) == 3 and all(i.overdue for i in first_visits)  # still overdue


def test_the_cap_follows_the_store_and_is_checked(store: Store, store_path: Path) -> None:
    for bad in (0, -1, 201):
        with pytest.raises(ValidationError) as err, store.session() as s:
            workload.set_weekly_visit_cap(s, cap=bad)
        assert err.value.kind is Kind.NUMBER_INVALID and err.value.field == "weekly_visit_cap"
    with store.session() as s:
        workload.set_weekly_visit_cap(s, cap=15)
    store.close()
    again = open_store(store_path, PASSPHRASE, actor="测试员")
    try:
        with again.session() as s:
            assert workload.weekly_visit_cap(s) == 15
            details = s.execute(
                text("SELECT detail FROM audit_log WHERE action = 'settings_changed'")
            ).scalars()
            assert '"weekly_visit_cap"' in "".join(details)
            workload.set_weekly_visit_cap(s, cap=None)
        with again.session() as s:
            assert workload.weekly_visit_cap(s) is None
    finally:
        again.close()
