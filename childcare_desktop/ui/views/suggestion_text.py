"""The words of a category suggestion: the conclusion, its reason, the rule it rests on."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

from ...core.suggestions import Advice, Suggestion
from ...core.vocab import Category
from ..i18n import tr

RULES: dict[Category, object] = {
    Category.LEFT_BEHIND: QT_TRANSLATE_NOOP(
        "suggest",
        "规定：父母双方外出务工连续三个月以上，或一方外出务工、另一方无监护能力，"
        "不满十六周岁的农村户籍未成年人（国发〔2016〕13号）。",
    ),
    Category.DE_FACTO_UNSUPPORTED: QT_TRANSLATE_NOOP(
        "suggest",
        "规定：父母双方均重残、重病、服刑在押、强制隔离戒毒、被执行其他限制人身自由措施、"
        "失联、被撤销监护资格或被遣送出境；或一方死亡、失踪，另一方属上述情形（民发〔2019〕62号）。",
    ),
    Category.ORPHAN: QT_TRANSLATE_NOOP(
        "suggest", "规定：父母双方均死亡或被宣告失踪的未满十八周岁的未成年人。"
    ),
}

REASONS: dict[str, object] = {
    "both_parents_away": QT_TRANSLATE_NOOP("suggest", "登记的父母双方均跨县外出务工已满规定月数"),
    "one_away_other_unable": QT_TRANSLATE_NOOP(
        "suggest", "登记的父母一方跨县外出务工已满规定月数，另一方无监护能力"
    ),
    "parents_not_away": QT_TRANSLATE_NOOP("suggest", "登记的父母情况不属于外出务工的情形"),
    "hukou_not_rural": QT_TRANSLATE_NOOP("suggest", "登记的户口不是农村居民户口"),
    "age_limit": QT_TRANSLATE_NOOP("suggest", "已超过该类别的年龄"),
    "parents_qualify": QT_TRANSLATE_NOOP("suggest", "登记的父母情况符合事实无人抚养的情形"),
    "parents_not_qualify": QT_TRANSLATE_NOOP("suggest", "登记的父母情况不属于事实无人抚养的情形"),
    "orphan": QT_TRANSLATE_NOOP("suggest", "登记的父母双方均已死亡或失踪，应按孤儿认定"),
    "both_parents_dead_or_missing": QT_TRANSLATE_NOOP("suggest", "登记的父母双方均已死亡或失踪"),
    "parent_living": QT_TRANSLATE_NOOP("suggest", "登记的父母至少一方健在"),
}

FACTS: dict[str, object] = {
    "birth_date": QT_TRANSLATE_NOOP("suggest", "出生日期"),
    "hukou_type": QT_TRANSLATE_NOOP("suggest", "户口性质"),
    "life": QT_TRANSLATE_NOOP("suggest", "{who}是否健在"),
    "away_for_work": QT_TRANSLATE_NOOP("suggest", "{who}是否外出务工"),
    "cross_county": QT_TRANSLATE_NOOP("suggest", "{who}是否跨县外出"),
    "away_since": QT_TRANSLATE_NOOP("suggest", "{who}外出起始时间"),
    "incapacity": QT_TRANSLATE_NOOP("suggest", "{who}监护能力情况"),
    "disability_grade": QT_TRANSLATE_NOOP("suggest", "{who}残疾等级"),
    "incapacity_since": QT_TRANSLATE_NOOP("suggest", "{who}该情形的起始时间"),
}
WHO: dict[str, object] = {
    "father": QT_TRANSLATE_NOOP("suggest", "父亲"),
    "mother": QT_TRANSLATE_NOOP("suggest", "母亲"),
}


def headline(s: Suggestion) -> str:
    """按登记的情况，应认定为… / 已不再符合… / 无法确认…"""
    category = tr("vocab", s.category.label)
    text = {
        Advice.RECOGNIZE: tr("suggest", "按登记的情况，应认定为{category}"),
        Advice.END: tr("suggest", "按登记的情况，已不再符合{category}"),
        Advice.UNKNOWN: tr("suggest", "按登记的情况，无法确认是否仍符合{category}"),
    }[s.advice]
    return text.format(category=category)


def reason(s: Suggestion) -> str:
    """Why: the reasons recorded, or the facts not yet collected."""
    if s.advice is Advice.UNKNOWN:
        facts = "、".join(_fact(code) for code in s.missing)
        return tr("suggest", "未采集：{facts}").format(facts=facts) if facts else ""
    return "；".join(tr("suggest", str(REASONS[r])) for r in s.reasons if r in REASONS)


def rule(s: Suggestion) -> str:
    return tr("suggest", str(RULES[s.category]))


def note(s: Suggestion) -> str:
    """What 认定 records as the basis, 退出 as the reason."""
    return tr("suggest", "按登记的情况：{reason}").format(reason=reason(s))


def _fact(code: str) -> str:
    who, _, name = code.rpartition(".")
    return tr("suggest", str(FACTS[name])).format(who=tr("suggest", str(WHO[who])) if who else "")
