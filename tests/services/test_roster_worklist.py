"""Roster search, and the worklist as the county policy and the date change."""

from __future__ import annotations

from datetime import date, timedelta

from childcare_desktop.core.vocab import Category, RiskColour
from childcare_desktop.core.worklist import WorkKind
from childcare_desktop.services import assessments, enrollment, visits, worklist
from childcare_desktop.services.roster import RosterFilter, search_roster
from childcare_desktop.storage.store import Store
from tests.factories import make_child, make_id

TODAY = date.today()


def names(store: Store, **filters: object) -> list[str]:
    with store.session() as s:
        return [c.name for c in search_roster(s, filters=RosterFilter(**filters))]  # type: ignore[arg-type]


def test_search_by_name_pinyin_initials_and_id_number(store: Store) -> None:
    number = make_id(date(2014, 5, 6))
    with store.session() as s:
        make_child(s, name="张三", id_number=number)
        make_child(s, name="张思远")
        make_child(s, name="曾小单")
        make_child(s, name="李<小>&明")
    assert names(store, query="zs") == ["张三", "张思远"]  # initials match as a prefix
    assert names(store, query="zsan") == []
    assert names(store, query="zhangsan") == ["张三"]
    assert names(store, query="张") == ["张三", "张思远"]
    assert names(store, query="zhang") == ["张三", "张思远"]
    assert names(store, query="zsy") == ["张思远"]
    assert names(store, query="ZXD") == ["曾小单"]
    assert names(store, query=number[-6:].lower()) == ["张三"]
    assert names(store, query="<小>") == ["李<小>&明"]
    assert names(store, query="100%") == []  # LIKE wildcards are taken literally


def test_filters(store: Store) -> None:
    with store.session() as s:
        red = make_child(s, name="红红", categories=["poverty"])
        make_child(s, name="绿绿", categories=["poverty"])
        gone = make_child(s, name="走了")
        assessments.assess_guardianship(
            s, child_id=red.id, assessed_on=TODAY, level="poor", colour="red"
        )
        visits.log_visit(s, child_id=red.id, visited_on=TODAY, mode="home")
        enrollment.exit_child(s, child_id=gone.id, on_date=TODAY, reason="moved")
    assert names(store) == ["红红", "绿绿"]  # by pinyin: hong < lv
    assert names(store, status="exited") == ["走了"]
    assert len(names(store, status="all")) == 3
    assert names(store, colour=RiskColour.RED) == ["红红"]
    assert names(store, category=Category.POVERTY) == ["红红", "绿绿"]
    assert names(store, category=Category.LEFT_BEHIND) == []  # 走了 exited, its 留守 ended
    with store.session() as s:
        rows = {c.name: c for c in search_roster(s)}
    assert rows["红红"].overdue is False
    assert rows["绿绿"].overdue is True  # registered 30 days ago, never visited
    assert names(store, overdue_only=True) == ["绿绿"]


def test_a_county_policy_change_changes_the_worklist(store: Store) -> None:
    with store.session() as s:
        child = make_child(s, registered_on=TODAY - timedelta(days=100))
        assessments.assess_guardianship(
            s,
            child_id=child.id,
            assessed_on=TODAY - timedelta(days=40),
            level="good",
            colour="green",
        )
        visits.log_visit(s, child_id=child.id, visited_on=TODAY - timedelta(days=40), mode="home")
        visits.log_visit(s, child_id=child.id, visited_on=TODAY - timedelta(days=5), mode="phone")
        before = {i.kind for i in worklist.get_worklist(s).items if i.child_id == child.id}
        version = worklist.set_county_policy(
            s,
            county_code="349901",
            effective_from=TODAY,
            overrides={"rhythm": {"green": {"home_visit": "P1M"}}},
        )
        after = worklist.get_worklist(s)
    assert WorkKind.HOME_VISIT not in before
    assert after.policy_version == version == 1
    assert any(i.kind is WorkKind.HOME_VISIT and i.overdue for i in after.items)


def test_a_policy_that_starts_tomorrow_does_not_apply_today(store: Store) -> None:
    with store.session() as s:
        worklist.set_county_policy(
            s,
            county_code="349901",
            overrides={"due_soon_days": 1},
            effective_from=TODAY + timedelta(days=1),
        )
        assert worklist.get_worklist(s).policy_version is None
        assert worklist.get_worklist(s, as_of=TODAY + timedelta(days=1)).policy_version == 1


def test_the_worklist_of_a_past_day_ignores_later_work(store: Store) -> None:
    with store.session() as s:
        child = make_child(s, registered_on=TODAY - timedelta(days=60))
        visits.log_visit(s, child_id=child.id, visited_on=TODAY - timedelta(days=2), mode="home")
        assessments.assess_guardianship(
            s,
            child_id=child.id,
            assessed_on=TODAY - timedelta(days=2),
            level="good",
            colour="green",
        )
        today = {i.kind for i in worklist.get_worklist(s).items}
        earlier = {i.kind for i in worklist.get_worklist(s, as_of=TODAY - timedelta(days=10)).items}
        before_registration = worklist.get_worklist(s, as_of=TODAY - timedelta(days=61)).items
    assert WorkKind.FIRST_VISIT not in today
    assert {WorkKind.FIRST_VISIT, WorkKind.ASSESSMENT} <= earlier
    assert before_registration == ()
