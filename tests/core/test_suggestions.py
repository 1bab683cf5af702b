"""core.suggestions: the national definitions applied to a child's recorded facts, against
the categories the child holds (应认定 / 已不再符合 / 未采集)."""

from dataclasses import replace
from datetime import date

from childcare_desktop.core.eligibility import ParentFacts
from childcare_desktop.core.policy import DEFAULT_POLICY, Policy, load_policy
from childcare_desktop.core.suggestions import Advice, ChildFacts, suggest
from childcare_desktop.core.vocab import Category, HukouType, Incapacity, LifeStatus, YesNo

AS_OF = date(2026, 11, 22)
BIRTH = date(2016, 3, 1)
AWAY = ParentFacts(LifeStatus.ALIVE, YesNo.YES, date(2025, 1, 1), YesNo.YES, Incapacity.NONE)
HOME = ParentFacts(LifeStatus.ALIVE, YesNo.NO, None, YesNo.UNKNOWN, Incapacity.NONE)
ILL = ParentFacts(LifeStatus.ALIVE, YesNo.NO, incapacity=Incapacity.SERIOUS_ILLNESS)
DEAD = ParentFacts(LifeStatus.DEAD)
MISSING = ParentFacts(LifeStatus.MISSING)
LEFT, DE_FACTO, ORPHAN = Category.LEFT_BEHIND, Category.DE_FACTO_UNSUPPORTED, Category.ORPHAN


def facts(father: ParentFacts = HOME, mother: ParentFacts = HOME, **kw: object) -> ChildFacts:
    base = ChildFacts(BIRTH, HukouType.RURAL, father, mother, False, AS_OF)
    return replace(base, **kw)  # type: ignore[arg-type]


def advice(
    found: ChildFacts, held: frozenset[Category] = frozenset(), policy: Policy = DEFAULT_POLICY
) -> dict[Category, tuple[Advice, tuple[str, ...]]]:
    return {s.category: (s.advice, s.reasons) for s in suggest(found, set(held), policy)}


def test_both_parents_away_three_months_is_left_behind() -> None:
    assert advice(facts(AWAY, AWAY)) == {LEFT: (Advice.RECOGNIZE, ("both_parents_away",))}


def test_away_less_than_the_policy_months_is_not_yet() -> None:
    recent = replace(AWAY, away_since=date(2026, 9, 1))
    assert advice(facts(AWAY, recent)) == {}
    six = load_policy({"left_behind": {"min_months_away": 6}})
    assert advice(facts(AWAY, replace(AWAY, away_since=date(2026, 7, 1))), policy=six) == {}
    assert LEFT in advice(facts(AWAY, replace(AWAY, away_since=date(2026, 5, 1))), policy=six)


def test_one_away_and_the_other_unable() -> None:
    assert advice(facts(AWAY, ILL)) == {LEFT: (Advice.RECOGNIZE, ("one_away_other_unable",))}
    assert advice(facts(AWAY, HOME)) == {}


def test_rural_hukou_is_required_where_the_policy_asks() -> None:
    town = facts(AWAY, AWAY, hukou=HukouType.URBAN)
    assert advice(town) == {}
    assert advice(town, frozenset({LEFT})) == {LEFT: (Advice.END, ("hukou_not_rural",))}
    lenient = load_policy({"left_behind": {"requires_rural_hukou": False}})
    assert LEFT in advice(town, policy=lenient)


def test_sixteen_ends_left_behind() -> None:
    older = facts(AWAY, AWAY, birth=date(2010, 11, 1))
    assert advice(older) == {}
    assert advice(older, frozenset({LEFT})) == {LEFT: (Advice.END, ("age_limit",))}


def test_a_parent_home_again_ends_left_behind() -> None:
    assert advice(facts(AWAY, HOME), frozenset({LEFT})) == {
        LEFT: (Advice.END, ("parents_not_away",))
    }
    assert advice(facts(AWAY, AWAY), frozenset({LEFT})) == {}  # held and still true: nothing to say


def test_orphan() -> None:
    assert advice(facts(DEAD, MISSING)) == {
        ORPHAN: (Advice.RECOGNIZE, ("both_parents_dead_or_missing",))
    }
    assert advice(facts(DEAD, HOME), frozenset({ORPHAN})) == {
        ORPHAN: (Advice.END, ("parent_living",))
    }


def test_de_facto_unsupported() -> None:
    jailed = ParentFacts(
        LifeStatus.ALIVE,
        YesNo.NO,
        incapacity=Incapacity.IMPRISONED,
        incapacity_since=date(2025, 1, 1),
    )
    assert advice(facts(ILL, jailed)) == {DE_FACTO: (Advice.RECOGNIZE, ("parents_qualify",))}
    assert advice(facts(DEAD, ILL)) == {DE_FACTO: (Advice.RECOGNIZE, ("parents_qualify",))}
    recent = replace(jailed, incapacity_since=date(2026, 9, 1))  # under six months
    assert advice(facts(ILL, recent)) == {}
    assert advice(facts(HOME, ILL), frozenset({DE_FACTO})) == {
        DE_FACTO: (Advice.END, ("parents_not_qualify",))
    }


def test_missing_facts_are_named_for_a_held_category_only() -> None:
    unknown = facts(ParentFacts(), replace(AWAY, away_since=None))
    assert advice(unknown) == {}  # most files miss a fact: no prompt for what is not held
    (found,) = suggest(unknown, {LEFT})
    assert found.advice is Advice.UNKNOWN
    assert found.missing == ("father.life", "mother.away_since")
    (nobirth,) = suggest(facts(AWAY, AWAY, birth=None), {LEFT})
    assert nobirth.missing == ("birth_date",)


def test_the_key_changes_with_the_facts_not_the_day() -> None:
    (a,) = suggest(facts(AWAY, AWAY), set())
    (b,) = suggest(facts(AWAY, AWAY, as_of=date(2026, 11, 23)), set())
    (c,) = suggest(facts(AWAY, replace(AWAY, away_since=date(2024, 1, 1))), set())
    assert a.key == b.key != c.key
