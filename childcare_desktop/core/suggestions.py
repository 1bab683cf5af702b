"""What the recorded facts say about a child's categories: 应认定 or 已不再符合.

Pure: the facts of one child and the categories it holds in, the suggestions out. Only
the three categories the national definitions decide from recorded facts are judged
(留守, 事实无人抚养, 孤儿); the others rest on documents (残疾证, 低保证) the store does not
reason about. A rule that answers None ("cannot tell") only speaks for a category the child
holds, naming the facts not yet collected; for one it does not hold it stays quiet, since
most files miss some fact and the director would drown in prompts.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, fields
from datetime import date
from enum import Enum

from .eligibility import (
    Finding,
    ParentFacts,
    Tri,
    category_end_date,
    de_facto_unsupported,
    left_behind,
    orphan,
)
from .policy import DEFAULT_POLICY, Policy
from .vocab import Category, HukouType, Incapacity, LifeStatus, YesNo

_FOR_MONTHS = (
    Incapacity.IMPRISONED,
    Incapacity.COMPULSORY_REHAB,
    Incapacity.RESTRICTED,
    Incapacity.LOST_CONTACT,
)
JUDGED = (Category.LEFT_BEHIND, Category.DE_FACTO_UNSUPPORTED, Category.ORPHAN)


class Advice(Enum):
    RECOGNIZE = "recognize"  # 按登记的情况，应认定为…
    END = "end"  # 按登记的情况，已不再符合…
    UNKNOWN = "unknown"  # held, but the facts recorded cannot confirm it


@dataclass(frozen=True, slots=True)
class ChildFacts:
    """The facts of one child the definitions look at, as of ``as_of``."""

    birth: date | None
    hukou: HukouType
    father: ParentFacts
    mother: ParentFacts
    in_full_time_school: bool
    as_of: date

    def digest(self) -> str:
        """A short fingerprint of the facts (not the date): a dismissal holds until it changes."""
        parts = [repr(getattr(self, f.name)) for f in fields(self) if f.name != "as_of"]
        return hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class Suggestion:
    category: Category
    advice: Advice
    reasons: tuple[str, ...]  # reason codes, e.g. "both_parents_away", "age_limit"
    missing: tuple[str, ...]  # facts not collected, e.g. "father.away_since"
    ends_on: date | None  # the day the category would end by age
    key: str  # the conclusion and the facts it rests on: what a dismissal remembers


def suggest(
    facts: ChildFacts, held: set[Category], policy: Policy = DEFAULT_POLICY
) -> list[Suggestion]:
    """The conclusions the rules draw that differ from the categories ``held``."""
    out = []
    for finding in _findings(facts, policy):
        advice = _advice(finding.eligible, finding.category in held)
        if advice is None:
            continue
        missing = _missing(facts, finding.category, policy) if advice is Advice.UNKNOWN else ()
        key = f"{finding.category.value}:{advice.value}:{facts.digest()}"
        out.append(
            Suggestion(finding.category, advice, finding.reasons, missing, finding.ends_on, key)
        )
    return out


def _advice(eligible: Tri, held: bool) -> Advice | None:
    if eligible is True and not held:
        return Advice.RECOGNIZE
    if eligible is False and held:
        return Advice.END
    if eligible is None and held:
        return Advice.UNKNOWN
    return None


def _findings(facts: ChildFacts, policy: Policy) -> list[Finding]:
    f, m, on = facts.father, facts.mother, facts.as_of
    school = facts.in_full_time_school
    left = left_behind(facts.birth, facts.hukou, f, m, on, policy)
    if left.eligible is False and not left.reasons:
        left = Finding(left.category, False, ("parents_not_away",), left.ends_on)
    de_facto = de_facto_unsupported(
        facts.birth, f, m, on, in_full_time_school=school, policy=policy
    )
    if de_facto.eligible is False and not de_facto.reasons:
        de_facto = Finding(de_facto.category, False, ("parents_not_qualify",), de_facto.ends_on)
    return [left, de_facto, _orphan(facts)]


def _orphan(facts: ChildFacts) -> Finding:
    cat = Category.ORPHAN
    if facts.birth is None:
        return Finding(cat, None, ("birth_date_unknown",), None)
    ends = category_end_date(cat, facts.birth, in_full_time_school=facts.in_full_time_school)
    if ends is not None and facts.as_of >= ends:
        return Finding(cat, False, ("age_limit",), ends)
    eligible = orphan(facts.father, facts.mother)
    reason = {True: "both_parents_dead_or_missing", False: "parent_living", None: "facts_unknown"}
    return Finding(cat, eligible, (reason[eligible],), ends)


def _missing(facts: ChildFacts, category: Category, policy: Policy) -> tuple[str, ...]:
    """The facts not collected that the category's definition needs."""
    out = ["birth_date"] if facts.birth is None else []
    if (
        category is Category.LEFT_BEHIND
        and policy.left_behind_requires_rural_hukou
        and facts.hukou is HukouType.UNKNOWN
    ):
        out.append("hukou_type")
    for who, parent in (("father", facts.father), ("mother", facts.mother)):
        out += [f"{who}.{name}" for name in _parent_missing(parent, category)]
    return tuple(out)


def _parent_missing(p: ParentFacts, category: Category) -> list[str]:
    if p.life is LifeStatus.UNKNOWN:
        return ["life"]
    if p.life in (LifeStatus.DEAD, LifeStatus.MISSING) or category is Category.ORPHAN:
        return []
    out = []
    if category is Category.LEFT_BEHIND:
        if p.away_for_work is YesNo.UNKNOWN:
            out.append("away_for_work")
        elif p.away_for_work is YesNo.YES:
            if p.cross_county is YesNo.UNKNOWN:
                out.append("cross_county")
            if p.away_since is None:
                out.append("away_since")
    if p.incapacity is Incapacity.UNKNOWN:
        out.append("incapacity")
    elif p.incapacity is Incapacity.SEVERE_DISABILITY and p.disability_grade is None:
        out.append("disability_grade")
    elif p.incapacity in _FOR_MONTHS and p.incapacity_since is None:
        out.append("incapacity_since")
    return out
