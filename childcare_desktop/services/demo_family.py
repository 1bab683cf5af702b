"""The demo village's households: parents, the carer and the child's own health, made to
agree with the categories the child holds, as a real file must.

- 农村留守儿童: both parents away across the county line since well before 认定 (the
  policy's months), or one away and the other in prison (then 服刑在押人员子女 too);
  rural 户籍; a grandparent or relative entrusted, and the agreement signed by a parent
  who is away.
- 孤儿: both parents dead (or one dead, one declared missing); 事实无人抚养: both parents
  each in prison, lost or gravely ill for long enough, or one dead and the other so
  (民发〔2019〕62号). Neither is ever 留守. A grandparent looks after the child.
- 服刑在押人员子女: a parent in prison. 重残儿童 / 重病儿童: the child's own health says so.
- Any other child: the parents at home, or one of them away (both away would make 留守).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy.orm import Session

from ..core.dates import add_months
from ..core.policy import DEFAULT_POLICY
from ..core.vocab import Category
from . import family

ELDERS_M, ELDERS_F = "德福永贵国庆建华长生", "秀英桂兰玉梅凤英淑珍"
GIRLS = "欣怡梓涵雨桐诗琪佳怡紫萱梦瑶思雨可馨婉清晓萌雅静"
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐韩冯邓曹彭曾田肖潘袁蒋"
WORK = [
    ("浙江省", "杭州市"),
    ("浙江省", "宁波市"),
    ("江苏省", "苏州市"),
    ("广东省", "东莞市"),
    ("广东省", "深圳市"),
    ("上海市", "上海市"),
    ("福建省", "泉州市"),
    ("北京市", "北京市"),
    ("江苏省", "无锡市"),
    ("广东省", "佛山市"),
]
# Categories that say the parents cannot look after the child: never together with 留守
# (parents away for work), whose definition needs a parent able to entrust the child.
NO_PARENT = frozenset({Category.ORPHAN, Category.DE_FACTO_UNSUPPORTED})

IdMaker = Callable[[date, bool], str]  # (birth date, male) -> a fresh ID number


@dataclass(frozen=True, slots=True)
class Household:
    """What the child's own record says about the family, and who signs an agreement."""

    entrust_reason: str
    carer_id: str | None = None
    carer_name: str | None = None
    principal_id: str | None = None  # the parent who entrusts the child (甲方)
    principal_name: str | None = None


def entrust_reason(cats: list[Category]) -> str:
    """委托照料原因 as the categories (and so the parents' fates below) make it."""
    if Category.LEFT_BEHIND in cats:
        return "one_away_other_incapable" if Category.PRISONER_CHILD in cats else "both_away"
    return "both_incapable" if set(cats) & NO_PARENT else "not_applicable"


def economic_sources(cats: list[Category], rng: random.Random) -> list[str]:
    """Where the family's money comes from: no wages without a parent to earn them."""
    if set(cats) & NO_PARENT:
        return ["government", "relatives"]
    sources = rng.sample(["wages", "farming"], rng.randint(1, 2))
    return [*sources, "government"] if Category.POVERTY in cats else sources


def child_health(cats: list[Category], rng: random.Random) -> dict[str, Any]:
    """The child's health as the categories require (重残: a grade 1-2 disability)."""
    if Category.SEVERE_DISABILITY in cats:
        return {
            "health": "disabled",
            "disability_kind": rng.choice(["physical", "intellectual", "hearing", "visual"]),
            "disability_grade": rng.choice([1, 2]),
        }
    if Category.SERIOUS_ILLNESS in cats:
        return {"health": "serious_illness"}
    return {"health": rng.choice(["healthy"] * 12 + ["weak", "chronic"])}


class Families:
    """Adds a child's parents and carer (through the use cases, as a user would)."""

    def __init__(self, session: Session, rng: random.Random, new_id: IdMaker) -> None:
        self.s, self.rng, self.new_id = session, rng, new_id

    def add(
        self, child_id: str, surname: str, birth: date, registered: date, cats: list[Category]
    ) -> Household:
        rng = self.rng
        fates = self._fates(cats, registered)
        names = (
            surname + rng.choice(ELDERS_M[:6]) + "军",
            rng.choice(SURNAMES) + rng.choice(GIRLS) + "芳",
        )
        father, mother = (
            self._parent(child_id, relation, name, birth, fate)
            for relation, name, fate in zip(("father", "mother"), names, fates, strict=True)
        )
        reason = entrust_reason(cats)
        if reason == "not_applicable":
            return Household(reason)
        principal: tuple[str | None, str | None] = (None, None)
        if Category.LEFT_BEHIND in cats:  # the parent away for work entrusts the child
            principal = father if fates[0].get("away_for_work") == "yes" else mother
        carer_id, carer_name = self._carer(child_id, birth)
        return Household(reason, carer_id, carer_name, *principal)

    def _parent(
        self, child_id: str, relation: str, name: str, birth: date, fate: dict[str, Any]
    ) -> tuple[str, str]:
        rng = self.rng
        born = birth - timedelta(days=rng.randint(22 * 365, 38 * 365))
        member = family.add_family_member(
            self.s,
            child_id=child_id,
            relation=relation,
            name=name,
            id_type="resident_id",
            id_number=self.new_id(born, relation == "father"),
            phone=f"1{rng.choice('3589')}{rng.randint(100000000, 999999999)}"
            if fate["life"] == "alive"
            else None,
            **fate,
        )
        return member.id, name

    def _fates(self, cats: list[Category], registered: date) -> list[dict[str, Any]]:
        """What became of the father and the mother, by the categories."""
        rng = self.rng
        if Category.ORPHAN in cats:
            second = rng.choice(["dead", "dead", "dead", "missing"])
            return [_gone("dead"), _gone(second)]
        if Category.DE_FACTO_UNSUPPORTED in cats:
            if rng.random() < 0.5:
                return [self._prison(registered), self._unable("lost_contact", registered)]
            return [_gone("dead"), self._unable("serious_illness", registered)]
        prison = Category.PRISONER_CHILD in cats
        if Category.LEFT_BEHIND in cats:
            mother = self._away(registered)
            return [self._prison(registered) if prison else self._away(registered), mother]
        if prison:
            return [self._prison(registered), _home()]
        one_away = rng.random() < 0.3
        return [self._away(registered) if one_away else _home(), _home()]

    def _away(self, registered: date) -> dict[str, Any]:
        """Away for work across the county line since before 认定 (the policy's months)."""
        months = DEFAULT_POLICY.left_behind_min_months_away
        since = add_months(registered, -months) - timedelta(days=self.rng.randint(10, 900))
        province, city = self.rng.choice(WORK)
        return {
            "life": "alive",
            "away_for_work": "yes",
            "cross_county": "yes",
            "away_since": since,
            "work_province": province,
            "work_city": city,
            "incapacity": "none",
        }

    def _prison(self, registered: date) -> dict[str, Any]:
        return self._unable("imprisoned", registered)

    def _unable(self, why: str, registered: date) -> dict[str, Any]:
        """Without guardianship capacity since well before 认定 (6 months and more)."""
        since = add_months(registered, -7) - timedelta(days=self.rng.randint(0, 1200))
        return {
            "life": "alive",
            "away_for_work": "no",
            "incapacity": why,
            "incapacity_since": since,
        }

    def _carer(self, child_id: str, birth: date) -> tuple[str, str]:
        rng = self.rng
        relation = rng.choice(
            ["paternal_grandmother"] * 5
            + ["paternal_grandfather"] * 2
            + ["maternal_grandmother"] * 2
            + ["relative"]
        )
        male = not relation.endswith("mother")
        elder = ELDERS_M if male else ELDERS_F
        born = birth - timedelta(days=rng.randint(45 * 365, 62 * 365))
        carer = family.add_carer(
            self.s,
            child_id=child_id,
            name=rng.choice(SURNAMES) + "".join(rng.sample(elder, 2)),
            relation=relation,
            id_type="resident_id",
            id_number=self.new_id(born, male),
            lives_with_child="yes",
            health=rng.choice(["healthy", "weak"]),
            phone=f"1{rng.choice('3589')}{rng.randint(100000000, 999999999)}",
        )
        return carer.id, carer.name

    def parent_returns(self, member_id: str, on: date) -> None:
        """The parent who was away comes home for good (the child leaves: parent_returned)."""
        family.update_family_member(
            self.s,
            member_id=member_id,
            away_for_work="no",
            away_since=None,
            work_province=None,
            work_city=None,
            notes=f"{on:%Y年%m月}返乡就业",
        )


def _gone(life: str) -> dict[str, Any]:
    return {"life": life, "away_for_work": "no"}  # capacity does not apply: left 未采集


def _home() -> dict[str, Any]:
    return {"life": "alive", "away_for_work": "no", "incapacity": "none"}
