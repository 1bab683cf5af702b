"""The roll's counts: ``childcare stats`` and the 工作台 (from the worklist's facts) count
the same children 在册, by category held and by colour, on any day asked about."""

from __future__ import annotations

from datetime import date, timedelta

from childcare_desktop.services import assessments, categories, enrollment, stats, worklist
from childcare_desktop.storage.store import Store
from tests.factories import make_child

TODAY = date.today()


def both(store: Store, as_of: date) -> tuple[stats.Roll, dict[str, object]]:
    with store.session() as s:
        return worklist.get_worklist(s, as_of=as_of).roll, stats.store_stats(s, as_of=as_of)


def test_the_worklists_roll_counts_what_childcare_stats_counts(store: Store) -> None:
    with store.session() as s:
        make_child(s, name="甲", categories=["left_behind"], registered_on=TODAY - timedelta(200))
        two = make_child(s, name="乙", categories=["poverty", "severe_disability"])
        gone = make_child(s, name="丙", registered_on=TODAY - timedelta(days=100))
        late = make_child(s, name="丁", categories=["orphan"], registered_on=TODAY - timedelta(5))
        assessments.assess_guardianship(
            s, child_id=two.id, assessed_on=TODAY - timedelta(days=20), level="poor", colour="red"
        )
        assessments.assess_guardianship(s, child_id=two.id, assessed_on=TODAY, level="good")
        enrollment.exit_child(s, child_id=gone.id, on_date=TODAY - timedelta(10), reason="moved")
        poverty = next(m for m in categories.memberships(s, two.id) if m.category == "poverty")
        categories.end_category(
            s, membership_id=poverty.id, ended_on=TODAY - timedelta(days=5), reason="家庭脱贫"
        )
    with store.connection() as conn:  # a laptop whose clock ran ahead registered one tomorrow
        conn.exec_driver_sql(
            "UPDATE child SET registered_on = ? WHERE id = ?",
            ((TODAY + timedelta(days=1)).isoformat(), late.id),
        )
    roll, figures = both(store, TODAY)
    assert roll == stats.Roll(figures["active"], figures["by_category"], figures["by_colour"])
    assert roll.active == 2 and figures["exited"] == 1 and figures["children"] == 4
    assert roll.by_category == {"left_behind": 1, "severe_disability": 1}  # poverty ended
    assert roll.by_colour == {"green": 1, "unassessed": 1}  # the newest assessment counts
    # before the exit, the category's end and the second assessment
    roll, figures = both(store, TODAY - timedelta(days=15))
    assert roll == stats.Roll(figures["active"], figures["by_category"], figures["by_colour"])
    assert roll.active == 3 and figures["exited"] == 0
    assert roll.by_category == {"left_behind": 2, "poverty": 1, "severe_disability": 1}
    assert roll.by_colour == {"red": 1, "unassessed": 2}


def test_a_category_counts_on_the_days_it_is_held(store: Store) -> None:
    """A child's one category ended today, or recognised from tomorrow, is not held
    today; a category held twice (ended, then recognised again) counts the child once."""
    with store.session() as s:
        ended = make_child(s, name="戊", categories=["orphan"], registered_on=TODAY - timedelta(60))
        later = make_child(
            s, name="己", categories=["poverty"], registered_on=TODAY - timedelta(60)
        )
        again = make_child(
            s, name="庚", categories=["poverty"], registered_on=TODAY - timedelta(60)
        )
        (orphan,) = categories.memberships(s, ended.id)
        categories.end_category(s, membership_id=orphan.id, ended_on=TODAY, reason="已收养")
        (first,) = categories.memberships(s, again.id)
        categories.end_category(
            s, membership_id=first.id, ended_on=TODAY - timedelta(days=20), reason="家庭脱贫"
        )
        categories.add_category(
            s, child_id=again.id, category="poverty", recognized_on=TODAY - timedelta(days=10)
        )
    with store.connection() as conn:  # recognised from tomorrow, by a clock ahead
        conn.exec_driver_sql(
            "UPDATE category_membership SET recognized_on = ? WHERE child_id = ?",
            ((TODAY + timedelta(days=1)).isoformat(), later.id),
        )
    roll, figures = both(store, TODAY)
    assert roll == stats.Roll(figures["active"], figures["by_category"], figures["by_colour"])
    assert roll.active == 3 and roll.by_category == {"poverty": 1}
    roll, _ = both(store, TODAY + timedelta(days=1))
    assert roll.by_category == {"poverty": 2}
    roll, _ = both(store, TODAY - timedelta(days=1))
    assert roll.by_category == {"orphan": 1, "poverty": 1}
