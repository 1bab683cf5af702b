from datetime import date

from childcare_desktop.core.policy import DEFAULT_POLICY, load_policy
from childcare_desktop.core.vocab import AgreementState, Category, RiskColour
from childcare_desktop.core.worklist import (
    AgreementFacts,
    CategoryFacts,
    ChildFacts,
    WorkKind,
    build_worklist,
    summarise,
)

AS_OF = date(2026, 11, 4)  # a Wednesday outside the holiday windows
LEFT = CategoryFacts(Category.LEFT_BEHIND, date(2025, 1, 1), None)
SIGNED = AgreementFacts("a1", AgreementState.SIGNED, date(2026, 1, 1), date(2027, 6, 30))


def child(**kw: object) -> ChildFacts:
    base = ChildFacts(
        id="c1",
        name="张三",
        birth_date=date(2016, 1, 1),
        registered_on=date(2025, 1, 1),
        colour=RiskColour.GREEN,
        last_assessed_on=date(2026, 9, 1),
        last_contact_on=date(2026, 10, 20),
        last_home_visit_on=date(2026, 9, 1),
        categories=(LEFT,),
        agreements=(SIGNED,),
    )
    return base._replace(**kw)


def kinds(facts: ChildFacts, as_of: date = AS_OF, policy=DEFAULT_POLICY) -> dict[WorkKind, int]:  # type: ignore[no-untyped-def]
    return {i.kind: i.overdue_days for i in build_worklist([facts], as_of, policy)}


def test_a_child_followed_on_time_has_nothing_due() -> None:
    assert kinds(child()) == {}


def test_new_child_needs_a_first_visit_within_five_working_days() -> None:
    new = child(
        registered_on=date(2026, 10, 30),
        last_home_visit_on=None,
        last_contact_on=None,
        last_assessed_on=None,
        colour=None,
    )
    items = build_worklist([new], date(2026, 11, 4), DEFAULT_POLICY)
    first = next(i for i in items if i.kind is WorkKind.FIRST_VISIT)
    assert first.due_on == date(2026, 11, 6)  # Friday + 5 working days
    assert not first.overdue
    assert kinds(new, date(2026, 11, 9))[WorkKind.FIRST_VISIT] == 3


def test_home_visit_rhythm_follows_the_colour() -> None:
    # green: every 3 months from 1 Sep -> 1 Dec; red: monthly -> 1 Oct, overdue on 4 Nov
    assert WorkKind.HOME_VISIT not in kinds(child())
    assert kinds(child(colour=RiskColour.RED))[WorkKind.HOME_VISIT] == 34


def test_red_children_need_weekly_contact() -> None:
    assert kinds(child(colour=RiskColour.RED))[WorkKind.CONTACT] == 8  # 20 Oct + 7 days


def test_priority_children_are_seen_more_often() -> None:
    assert WorkKind.HOME_VISIT not in kinds(child(colour=RiskColour.GREEN))
    assert kinds(child(colour=RiskColour.GREEN, priority=True))[WorkKind.HOME_VISIT] == 34


def test_assessment_twice_a_year() -> None:
    assert kinds(child(last_assessed_on=date(2026, 5, 1)))[WorkKind.ASSESSMENT] == 3  # due 1 Nov


def test_left_behind_child_without_a_signed_agreement() -> None:
    draft = AgreementFacts("d", AgreementState.DRAFT, date(2026, 1, 1), date(2027, 1, 1))
    assert WorkKind.AGREEMENT_MISSING in kinds(child(agreements=(draft,)))
    assert WorkKind.AGREEMENT_MISSING in kinds(child(agreements=()))


def test_agreement_expiring_and_expired() -> None:
    soon = AgreementFacts("a", AgreementState.SIGNED, date(2025, 12, 1), date(2026, 11, 30))
    assert kinds(child(agreements=(soon,)))[WorkKind.AGREEMENT_EXPIRING] == 0
    gone = AgreementFacts("a", AgreementState.SIGNED, date(2025, 10, 1), date(2026, 10, 31))
    assert kinds(child(agreements=(gone,)))[WorkKind.AGREEMENT_EXPIRED] == 4
    renewed = AgreementFacts("b", AgreementState.SIGNED, date(2026, 11, 1), date(2027, 10, 31))
    assert WorkKind.AGREEMENT_EXPIRED not in kinds(child(agreements=(gone, renewed)))


def test_agreements_matter_only_for_left_behind_children() -> None:
    poverty = CategoryFacts(Category.POVERTY, date(2025, 1, 1), None)
    assert WorkKind.AGREEMENT_MISSING not in kinds(child(categories=(poverty,), agreements=()))


def test_ageing_out_is_announced_and_then_overdue() -> None:
    soon = child(birth_date=date(2010, 12, 1))  # turns 16 on 1 Dec 2026
    assert kinds(soon)[WorkKind.AGEING_OUT] == 0
    past = child(birth_date=date(2010, 10, 1))
    assert kinds(past)[WorkKind.AGEING_OUT] == 33  # 留守 ended on 2 Oct


def test_holiday_window_asks_for_one_extra_home_visit() -> None:
    in_summer = date(2026, 7, 20)
    facts = child(
        last_home_visit_on=date(2026, 7, 1),
        last_contact_on=date(2026, 7, 15),
        last_assessed_on=date(2026, 6, 1),
    )
    assert WorkKind.HOLIDAY_VISIT in kinds(facts, in_summer)
    visited = facts._replace(last_home_visit_on=date(2026, 7, 12))
    assert WorkKind.HOLIDAY_VISIT not in kinds(visited, in_summer)


def test_a_county_policy_changes_the_worklist() -> None:
    strict = load_policy({"rhythm": {"green": {"home_visit": "P1M"}}})
    assert WorkKind.HOME_VISIT not in kinds(child())
    assert kinds(child(), policy=strict)[WorkKind.HOME_VISIT] == 34


def test_overdue_first_then_highest_risk() -> None:
    red_due = child(
        id="r",
        name="甲",
        colour=RiskColour.RED,
        last_contact_on=date(2026, 11, 1),
        last_home_visit_on=date(2026, 10, 8),
    )
    green_overdue = child(id="g", name="乙", last_assessed_on=date(2026, 1, 1))
    blue_overdue = child(
        id="b", name="丙", colour=RiskColour.BLUE, last_assessed_on=date(2026, 5, 1)
    )
    items = build_worklist([red_due, green_overdue, blue_overdue], AS_OF, DEFAULT_POLICY)
    assert [i.child_id for i in items] == ["b", "g", "r", "r"]
    assert [i.overdue for i in items] == [True, True, False, False]
    assert summarise(items)["overdue"] == {"assessment": 2}
