"""The summary table (汇总表): children counted by age band and sex, school, 户籍, health,
boarding, 委托照料原因, actual carer, 监护情况 and 救助措施 - per village, with a total.

Every single-valued section counts each child exactly once (未采集 is a row of its own),
so each section adds up to the total: the cross-checks of the 2016 汇总表 (1列 = 2列+5列+8列
…) become :func:`cross_checks`, which a printed table must pass. 救助措施 is multi-valued
(a child may receive several); its check is that children with none plus children with at
least one make the total.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from .vocab import (
    AssistanceKind,
    EntrustReason,
    GuardianshipLevel,
    Health,
    HukouType,
    SchoolStage,
    Sex,
    YesNo,
)

UNKNOWN = ("unknown", "未采集")


@dataclass(frozen=True, slots=True)
class SummaryFacts:
    """One child on the roster, as the summary table sees it."""

    region_code: str
    sex: Sex
    age: int | None
    school_stage: SchoolStage
    hukou_type: HukouType
    health: Health
    boarding: YesNo
    entrust_reason: EntrustReason
    carer: str  # "grandparents", "relatives" (others), "none", "unknown"
    level: GuardianshipLevel
    assistance: frozenset[AssistanceKind] = frozenset()


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    rows: tuple[tuple[str, str], ...]  # (code, label), in print order
    classify: Callable[[SummaryFacts], str | frozenset[str]]
    multi: bool = False


def _band(f: SummaryFacts) -> str:
    if f.age is None:
        return "unknown"
    band = "0-5" if f.age <= 5 else "6-13" if f.age <= 13 else "14-16" if f.age <= 16 else "17+"
    sex = f.sex.value if f.sex in (Sex.MALE, Sex.FEMALE) else "unknown"
    return f"{band}:{sex}"


_BANDS = tuple(
    (f"{band}:{sex}", f"{label}（{sex_label}）")
    for band, label in (
        ("0-5", "0-5周岁"),
        ("6-13", "6-13周岁"),
        ("14-16", "14-16周岁"),
        ("17+", "17周岁以上"),
    )
    for sex, sex_label in (("male", "男"), ("female", "女"), ("unknown", "性别未采集"))
)

_SCHOOL = (
    ("preschool", "学龄前（未入园、幼儿园）"),
    ("primary", "小学"),
    ("junior", "初中"),
    ("senior", "高中"),
    ("vocational", "中职"),
    ("dropout", "辍学"),
    ("not_in_school", "不在学"),
    UNKNOWN,
)


def _school(f: SummaryFacts) -> str:
    if f.school_stage in (SchoolStage.NOT_IN_KINDERGARTEN, SchoolStage.KINDERGARTEN):
        return "preschool"
    return f.school_stage.value if isinstance(f.school_stage, SchoolStage) else "unknown"


def _choice_rows(vocab: Iterable[object]) -> tuple[tuple[str, str], ...]:
    return tuple((m.value, m.label) for m in vocab)  # type: ignore[attr-defined]


def _value(attr: str) -> Callable[[SummaryFacts], str]:
    def classify(f: SummaryFacts) -> str:
        value = getattr(f, attr)
        return getattr(value, "value", None) or "unknown"

    return classify


SECTIONS: tuple[Section, ...] = (
    Section("age", "年龄段与性别", (*_BANDS, ("unknown", "出生日期未采集")), _band),
    Section("school", "就学情况", _SCHOOL, _school),
    Section("hukou", "户籍性质", _choice_rows(HukouType), _value("hukou_type")),
    Section("health", "健康状况", _choice_rows(Health), _value("health")),
    Section(
        "boarding", "寄宿情况", (("yes", "寄宿生"), ("no", "非寄宿生"), UNKNOWN), _value("boarding")
    ),
    Section("entrust", "委托照料原因", _choice_rows(EntrustReason), _value("entrust_reason")),
    Section(
        "carer",
        "实际照护人",
        (
            ("grandparents", "祖父母、外祖父母"),
            ("relatives", "其他亲属、朋友"),
            ("none", "无委托照护人"),
            UNKNOWN,
        ),
        lambda f: f.carer,
    ),
    Section("level", "监护情况", _choice_rows(GuardianshipLevel), _value("level")),
    Section(
        "assistance",
        "救助措施（可多项）",
        (*_choice_rows(AssistanceKind), ("none", "无")),
        lambda f: frozenset(a.value for a in f.assistance) or frozenset({"none"}),
        multi=True,
    ),
)


@dataclass
class SummaryTable:
    units: tuple[tuple[str, str], ...]  # (region code, name) of each column
    total: dict[str, int] = field(default_factory=dict)  # unit -> children
    assisted: dict[str, int] = field(default_factory=dict)  # unit -> children with any 救助
    counts: dict[str, dict[str, dict[str, int]]] = field(default_factory=dict)  # section/row/unit

    def cell(self, section: str, row: str, unit: str | None = None) -> int:
        by_unit = self.counts[section][row]
        return sum(by_unit.values()) if unit is None else by_unit.get(unit, 0)

    def grand_total(self) -> int:
        return sum(self.total.values())


def summary_table(
    children: Iterable[SummaryFacts], units: Sequence[tuple[str, str]]
) -> SummaryTable:
    """Count ``children`` into the sections, one column per unit (village or township)."""
    table = SummaryTable(tuple(units))
    table.total = {code: 0 for code, _ in units}
    table.assisted = {code: 0 for code, _ in units}
    table.counts = {
        s.key: {row: {code: 0 for code, _ in units} for row, _ in s.rows} for s in SECTIONS
    }
    for child in children:
        unit = next((code for code, _ in units if child.region_code.startswith(code)), None)
        if unit is None:
            continue
        table.total[unit] += 1
        table.assisted[unit] += bool(child.assistance)
        for section in SECTIONS:
            found = section.classify(child)
            for row in found if isinstance(found, frozenset) else (found,):
                rows = table.counts[section.key]
                rows[row if row in rows else "unknown"][unit] += 1
    return table


def cross_checks(table: SummaryTable) -> list[str]:
    """The sums that must hold; returns what does not (empty: the table is consistent)."""
    problems = []
    for code, name in table.units:
        total = table.total[code]
        for section in SECTIONS:
            rows = table.counts[section.key]
            if section.multi:  # none + with any = total; each assisted child counted once or more
                counted = sum(v[code] for r, v in rows.items() if r != "none")
                assisted = table.assisted[code]
                if rows["none"][code] + assisted != total or counted < assisted:
                    problems.append(
                        f"{name}: {section.title} 无 {rows['none'][code]} + 有 {assisted} ≠ {total}"
                    )
            elif sum(v[code] for v in rows.values()) != total:
                problems.append(
                    f"{name}: {section.title} 合计 {sum(v[code] for v in rows.values())} ≠ {total}"
                )
    return problems
