from datetime import date

import pytest

from childcare_desktop.core.eligibility import (
    ParentFacts,
    category_end_date,
    check_category_age,
    de_facto_unsupported,
    left_behind,
    orphan,
)
from childcare_desktop.core.errors import Kind, ValidationError
from childcare_desktop.core.policy import load_policy
from childcare_desktop.core.vocab import (
    Category,
    DisabilityKind,
    HukouType,
    Incapacity,
    LifeStatus,
    YesNo,
)

AS_OF = date(2026, 11, 22)
BIRTH = date(2016, 3, 1)
AWAY = ParentFacts(LifeStatus.ALIVE, YesNo.YES, date(2025, 1, 1), YesNo.YES, Incapacity.NONE)
HOME = ParentFacts(LifeStatus.ALIVE, YesNo.NO, None, YesNo.UNKNOWN, Incapacity.NONE)
ILL = ParentFacts(LifeStatus.ALIVE, YesNo.NO, incapacity=Incapacity.SERIOUS_ILLNESS)
UNKNOWN = ParentFacts()
DEAD = ParentFacts(LifeStatus.DEAD)


def jailed(since: date) -> ParentFacts:
    return ParentFacts(
        LifeStatus.ALIVE, YesNo.NO, incapacity=Incapacity.IMPRISONED, incapacity_since=since
    )


class TestLeftBehind:
    def test_both_parents_away(self) -> None:
        found = left_behind(BIRTH, HukouType.RURAL, AWAY, AWAY, AS_OF)
        assert found.eligible is True
        assert found.reasons == ("both_parents_away",)
        assert found.ends_on == date(2032, 3, 2)

    def test_one_away_and_the_other_unable(self) -> None:
        assert left_behind(BIRTH, HukouType.RURAL, AWAY, ILL, AS_OF).eligible is True
        assert left_behind(BIRTH, HukouType.RURAL, DEAD, AWAY, AS_OF).eligible is True

    def test_one_away_and_the_other_at_home_is_not_left_behind(self) -> None:
        assert left_behind(BIRTH, HukouType.RURAL, AWAY, HOME, AS_OF).eligible is False

    def test_away_without_the_county_or_the_start_date_is_not_yet_known(self) -> None:
        no_county = ParentFacts(LifeStatus.ALIVE, YesNo.YES, date(2025, 1, 1))
        no_start = ParentFacts(LifeStatus.ALIVE, YesNo.YES, None, YesNo.YES)
        for parent in (no_county, no_start):
            found = left_behind(BIRTH, HukouType.RURAL, parent, AWAY, AS_OF)
            assert found.eligible is None and "facts_unknown" in found.reasons
        # ... but a parent at home settles it whatever the other's unknowns.
        assert left_behind(BIRTH, HukouType.RURAL, no_start, HOME, AS_OF).eligible is False

    def test_away_for_too_short_a_time(self) -> None:
        recent = ParentFacts(
            LifeStatus.ALIVE, YesNo.YES, date(2026, 10, 1), YesNo.YES, Incapacity.NONE
        )
        assert left_behind(BIRTH, HukouType.RURAL, recent, recent, AS_OF).eligible is False
        six = load_policy({"left_behind": {"min_months_away": 1}})
        assert left_behind(BIRTH, HukouType.RURAL, recent, recent, AS_OF, six).eligible is True

    def test_working_in_the_same_county_does_not_count(self) -> None:
        local = ParentFacts(LifeStatus.ALIVE, YesNo.YES, date(2020, 1, 1), YesNo.NO)
        assert left_behind(BIRTH, HukouType.RURAL, local, local, AS_OF).eligible is False

    def test_unknown_facts_give_unknown_not_no(self) -> None:
        found = left_behind(BIRTH, HukouType.RURAL, AWAY, UNKNOWN, AS_OF)
        assert found.eligible is None
        assert "facts_unknown" in found.reasons
        assert left_behind(None, HukouType.RURAL, AWAY, AWAY, AS_OF).eligible is None
        assert left_behind(BIRTH, HukouType.UNKNOWN, AWAY, AWAY, AS_OF).eligible is None

    def test_urban_hukou_where_the_policy_asks_for_rural(self) -> None:
        assert left_behind(BIRTH, HukouType.URBAN, AWAY, AWAY, AS_OF).eligible is False
        lenient = load_policy({"left_behind": {"requires_rural_hukou": False}})
        assert left_behind(BIRTH, HukouType.URBAN, AWAY, AWAY, AS_OF, lenient).eligible is True

    def test_age_sixteen_boundary(self) -> None:
        birth = date(2010, 11, 22)
        assert left_behind(birth, HukouType.RURAL, AWAY, AWAY, date(2026, 11, 22)).eligible
        late = left_behind(birth, HukouType.RURAL, AWAY, AWAY, date(2026, 11, 23))
        assert (late.eligible, late.reasons) == (False, ("age_limit",))


class TestDeFactoUnsupported:
    def test_both_parents_qualify(self) -> None:
        found = de_facto_unsupported(BIRTH, ILL, jailed(date(2025, 1, 1)), AS_OF)
        assert found.eligible is True
        assert found.ends_on == date(2034, 3, 2)

    def test_one_parent_dead_and_the_other_qualifies(self) -> None:
        assert de_facto_unsupported(BIRTH, DEAD, ILL, AS_OF).eligible is True

    def test_detention_must_last_six_months(self) -> None:
        short = jailed(date(2026, 8, 1))
        assert de_facto_unsupported(BIRTH, DEAD, short, AS_OF).eligible is False
        assert de_facto_unsupported(BIRTH, DEAD, jailed(date(2026, 5, 22)), AS_OF).eligible

    @pytest.mark.parametrize(
        ("grade", "kind", "expected"),
        [
            (1, DisabilityKind.PHYSICAL, True),
            (2, DisabilityKind.VISUAL, True),
            (3, DisabilityKind.MENTAL, True),
            (4, DisabilityKind.INTELLECTUAL, True),
            (3, DisabilityKind.PHYSICAL, False),
            (3, None, None),
            (None, None, None),
        ],
    )
    def test_severe_disability_grades(
        self, grade: int | None, kind: DisabilityKind | None, expected: bool | None
    ) -> None:
        parent = ParentFacts(
            LifeStatus.ALIVE,
            incapacity=Incapacity.SEVERE_DISABILITY,
            disability_grade=grade,
            disability_kind=kind,
        )
        assert de_facto_unsupported(BIRTH, DEAD, parent, AS_OF).eligible is expected

    def test_both_parents_dead_is_an_orphan_instead(self) -> None:
        found = de_facto_unsupported(BIRTH, DEAD, DEAD, AS_OF)
        assert (found.eligible, found.reasons) == (False, ("orphan",))
        assert orphan(DEAD, DEAD) is True
        assert orphan(DEAD, UNKNOWN) is None

    def test_support_continues_past_eighteen_in_full_time_school(self) -> None:
        birth = date(2008, 1, 1)
        assert de_facto_unsupported(birth, ILL, ILL, AS_OF).eligible is False
        found = de_facto_unsupported(birth, ILL, ILL, AS_OF, in_full_time_school=True)
        assert (found.eligible, found.ends_on) == (True, None)


def test_category_end_dates() -> None:
    birth = date(2012, 6, 30)
    assert category_end_date(Category.LEFT_BEHIND, birth) == date(2028, 7, 1)
    assert category_end_date(Category.POVERTY, birth) == date(2030, 7, 1)
    assert category_end_date(Category.ORPHAN, birth, in_full_time_school=True) is None
    assert category_end_date(Category.POVERTY, birth, in_full_time_school=True) == date(2030, 7, 1)


def test_a_child_over_eighteen_cannot_be_registered_as_left_behind() -> None:
    with pytest.raises(ValidationError) as caught:
        check_category_age(Category.LEFT_BEHIND, date(2006, 1, 1), AS_OF)
    assert caught.value.kind is Kind.CATEGORY_AGE_LIMIT
    with pytest.raises(ValidationError):
        check_category_age(Category.LEFT_BEHIND, date(2010, 1, 1), AS_OF)  # 16
    check_category_age(Category.POVERTY, date(2010, 1, 1), AS_OF)  # 16 is fine for 困境
