"""Who counts: the 留守 definition, 事实无人抚养 (民发〔2019〕62号), and when categories end.

Facts in village records are often 未采集, so every test here answers in three values:
True, False, or None for "cannot tell from what is recorded". A None is a prompt to
collect the missing fact, never a "no".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .dates import add_months, reaches_age_on
from .errors import Kind, ValidationError
from .policy import DEFAULT_POLICY, Policy
from .vocab import Category, DisabilityKind, HukouType, Incapacity, LifeStatus, YesNo

Tri = bool | None


@dataclass(frozen=True, slots=True)
class ParentFacts:
    """What the store knows about one parent, as of the date of the question."""

    life: LifeStatus = LifeStatus.UNKNOWN
    away_for_work: YesNo = YesNo.UNKNOWN
    away_since: date | None = None
    cross_county: YesNo = YesNo.UNKNOWN
    incapacity: Incapacity = Incapacity.UNKNOWN
    incapacity_since: date | None = None
    disability_grade: int | None = None
    disability_kind: DisabilityKind | None = None


@dataclass(frozen=True, slots=True)
class Finding:
    category: Category
    eligible: Tri
    reasons: tuple[str, ...]  # codes: "both_parents_away", "age_limit", "facts_unknown", ...
    ends_on: date | None  # the day the category ends by age; None when open-ended


def category_end_date(
    category: Category, birth: date, *, in_full_time_school: bool = False
) -> date | None:
    """The first day on which ``category`` no longer applies by age.

    留守 ends at 16 and the 困境 sub-types at 18 (the first day of 已满 N 周岁). Orphans
    and 事实无人抚养 children keep support past 18 while in full-time school: None.
    """
    if category.continues_in_school and in_full_time_school:
        return None
    return reaches_age_on(birth, category.age_limit)


def check_category_age(
    category: Category, birth: date, on: date, *, in_full_time_school: bool = False
) -> None:
    """Raise CATEGORY_AGE_LIMIT if the child is past the category's age on ``on``."""
    ends = category_end_date(category, birth, in_full_time_school=in_full_time_school)
    if ends is not None and on >= ends:
        raise ValidationError(
            Kind.CATEGORY_AGE_LIMIT, "category", category=category.value, limit=category.age_limit
        )


def left_behind(
    birth: date | None,
    hukou: HukouType,
    father: ParentFacts,
    mother: ParentFacts,
    as_of: date,
    policy: Policy = DEFAULT_POLICY,
) -> Finding:
    """农村留守儿童: under 16, both parents away (跨县域, long enough), or one away and the
    other without guardianship capacity; rural 户籍 where the policy asks for it."""
    cat = Category.LEFT_BEHIND
    if birth is None:
        return Finding(cat, None, ("birth_date_unknown",), None)
    ends = reaches_age_on(birth, 16)
    if as_of >= ends:
        return Finding(cat, False, ("age_limit",), ends)
    reasons: list[str] = []
    hukou_ok: Tri = True
    if policy.left_behind_requires_rural_hukou:
        hukou_ok = {HukouType.RURAL: True, HukouType.UNKNOWN: None}.get(hukou, False)
        if hukou_ok is False:
            return Finding(cat, False, ("hukou_not_rural",), ends)
    fa, ma = (_away(p, as_of, policy) for p in (father, mother))
    fu, mu = _unable(father), _unable(mother)
    if fa and ma:
        reasons.append("both_parents_away")
    elif (fa and mu) or (ma and fu):
        reasons.append("one_away_other_unable")
    parents = _or(_and(fa, ma), _or(_and(fa, mu), _and(ma, fu)))
    eligible = _and(parents, hukou_ok)
    if eligible is None:
        reasons.append("facts_unknown")
    return Finding(cat, eligible, tuple(reasons), ends)


def de_facto_unsupported(
    birth: date | None,
    father: ParentFacts,
    mother: ParentFacts,
    as_of: date,
    *,
    in_full_time_school: bool = False,
    policy: Policy = DEFAULT_POLICY,
) -> Finding:
    """事实无人抚养儿童: both parents each 重残/重病/服刑在押 or other restriction of liberty
    (6 months+)/失联 (6 months+)/监护资格被撤销/遣送出境; or one parent dead or missing
    and the other so. Under 18, or older while in full-time school."""
    cat = Category.DE_FACTO_UNSUPPORTED
    if birth is None:
        return Finding(cat, None, ("birth_date_unknown",), None)
    ends = category_end_date(cat, birth, in_full_time_school=in_full_time_school)
    if ends is not None and as_of >= ends:
        return Finding(cat, False, ("age_limit",), ends)
    fd, md = _dead_or_missing(father), _dead_or_missing(mother)
    if fd and md:  # both parents dead or missing: an orphan, not 事实无人抚养
        return Finding(cat, False, ("orphan",), ends)
    fq, mq = (_qualifies(p, as_of, policy) for p in (father, mother))
    eligible = _or(_and(fq, mq), _or(_and(fd, mq), _and(md, fq)))
    reasons = ("parents_qualify",) if eligible else ("facts_unknown",) if eligible is None else ()
    return Finding(cat, eligible, reasons, ends)


def orphan(father: ParentFacts, mother: ParentFacts) -> Tri:
    """孤儿: both parents dead or declared missing."""
    return _and(_dead_or_missing(father), _dead_or_missing(mother))


def active_on(recognized_on: date | None, ended_on: date | None, on: date) -> bool:
    """Whether a category membership (认定 .. 退出) is in force on ``on``."""
    started = recognized_on is None or recognized_on <= on
    return started and (ended_on is None or on < ended_on)


# -- the parts -------------------------------------------------------------------------


def _away(p: ParentFacts, as_of: date, policy: Policy) -> Tri:
    if p.life in (LifeStatus.DEAD, LifeStatus.MISSING):
        return False
    if p.away_for_work is YesNo.UNKNOWN:
        return None
    if p.away_for_work is YesNo.NO or p.cross_county is YesNo.NO:
        return False
    if p.cross_county is YesNo.UNKNOWN or p.away_since is None:
        return None  # 跨县 and "for N months" are part of the definition: not yet known
    return add_months(p.away_since, policy.left_behind_min_months_away) <= as_of


def _unable(p: ParentFacts) -> Tri:
    if p.life in (LifeStatus.DEAD, LifeStatus.MISSING):
        return True
    if p.incapacity is Incapacity.UNKNOWN:
        return None
    return p.incapacity is not Incapacity.NONE


def _dead_or_missing(p: ParentFacts) -> Tri:
    if p.life is LifeStatus.UNKNOWN:
        return None
    return p.life in (LifeStatus.DEAD, LifeStatus.MISSING)


def _qualifies(p: ParentFacts, as_of: date, policy: Policy) -> Tri:
    reason = p.incapacity
    if reason is Incapacity.UNKNOWN:
        return None
    if reason is Incapacity.SEVERE_DISABILITY:
        return _severe_disability(p.disability_grade, p.disability_kind)
    if reason in (Incapacity.SERIOUS_ILLNESS, Incapacity.GUARDIANSHIP_REVOKED, Incapacity.DEPORTED):
        return True
    months = {
        Incapacity.IMPRISONED: policy.de_facto_min_months_restricted,
        Incapacity.COMPULSORY_REHAB: policy.de_facto_min_months_restricted,
        Incapacity.RESTRICTED: policy.de_facto_min_months_restricted,
        Incapacity.LOST_CONTACT: policy.de_facto_min_months_lost_contact,
    }.get(reason)
    if months is None:
        return False
    if p.incapacity_since is None:
        return None
    return add_months(p.incapacity_since, months) <= as_of


def _severe_disability(grade: int | None, kind: DisabilityKind | None) -> Tri:
    """重残: grade 1-2 of any kind, or grade 3-4 of a mental or intellectual disability."""
    if grade is None:
        return None
    if grade in (1, 2):
        return True
    if grade in (3, 4):
        if kind is None or kind is DisabilityKind.UNKNOWN:
            return None
        return kind in (DisabilityKind.MENTAL, DisabilityKind.INTELLECTUAL)
    return False


def _and(a: Tri, b: Tri) -> Tri:
    if a is False or b is False:
        return False
    if a is None or b is None:
        return None
    return True


def _or(a: Tri, b: Tri) -> Tri:
    if a is True or b is True:
        return True
    if a is None or b is None:
        return None
    return False
