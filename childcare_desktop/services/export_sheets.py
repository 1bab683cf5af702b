"""The rows of the export workbook's two sheets (``services.exports``): the 登记表, written
as the ledger importer reads it back, and the 花名册; read with plain table selects, a few
hundred children at a time."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Row, Table, select
from sqlalchemy.orm import Session

from ..core.eligibility import active_on
from ..core.records import ChildSummary
from ..core.vocab import (
    AgreementState,
    Category,
    Choice,
    DisabilityKind,
    EconomicSource,
    LifeStatus,
    Relation,
)
from ..ledgers import columns
from ..storage.models import CareAgreement, Carer, CategoryMembership, Child, FamilyMember
from .children import CHECKED_ID_TYPES
from .places import place_names, village_label
from .printing import context

CHUNK = 300  # children read at a time


# -- 登记表 ---------------------------------------------------------------------------------

_GRANDPARENTS = (
    "paternal_grandfather",
    "paternal_grandmother",
    "maternal_grandfather",
    "maternal_grandmother",
)
_CHILD_FIELDS = (
    "file_no", "name", "sex", "ethnicity", "birth_date", "id_number", "hukou_registered",
    "hukou_type", "hukou_address", "current_address", "phone", "health", "disability",
    "illness", "school_stage", "school_name", "school_grade", "boarding", "categories",
)  # fmt: skip
_PARENT_FIELDS = ("name", "birth_date", "id_number", "phone", "work_place", "away_since")
_CARER_FIELDS = ("name", "id_number", "phone", "relation", "address", "birth_date", "health")
# The 2016 登记表's order: the child, the grandparents, the parents, then the care.
REGISTER_KEYS = (
    *(f"child.{name}" for name in _CHILD_FIELDS),
    *(f"{p}.{name}" for p in _GRANDPARENTS for name in ("name", "birth_date")),
    *(f"{p}.{name}" for p in ("father", "mother") for name in _PARENT_FIELDS),
    "child.entrust_reason",
    "child.has_carer",
    *(f"carer.{name}" for name in _CARER_FIELDS),
    "child.economic_sources",
    "child.registered_on",
    "child.notes",
)
REGISTER_TARGETS = tuple(columns.target_for_key(key) for key in REGISTER_KEYS)
REGISTER_HEADERS = ("序号", *(t.label for t in REGISTER_TARGETS))  # 序号 is read and left out
WIDE_COLUMNS = {"hukou_address": 30, "current_address": 30, "address": 30, "notes": 40}
_GRADES = "一二三四"
# Labels that hold a separator the importer splits a multi-value cell on: written as a
# term of the vocabulary that reads back as the same value (困难家庭儿童 is 低保、特困、低收入).
_MANY_TEXT: dict[Choice, str] = {Category.POVERTY: "困难家庭儿童"}


def many_text(member: Choice) -> str:
    """How one value of a multi-value cell (儿童类别, 家庭经济来源) is written."""
    return _MANY_TEXT.get(member, member.label)


def register_rows(session: Session, ids: Sequence[str], counted: list[int]) -> Iterator[list[Any]]:
    """The 登记表's rows of the children ``ids``, numbered on from ``counted[0]``."""
    for part in chunks(ids):
        found = _gather(session, part)
        for child_id in part:
            counted[0] += 1
            yield [counted[0], *(_cell(t, found, child_id) for t in REGISTER_TARGETS)]


def _cell(target: columns.Target, found: _Found, child_id: str) -> Any:
    party, name = target.field.party, target.field.name
    if party is columns.Party.CHILD:
        row: Any = found.children[child_id]
    elif party is columns.Party.CARER:
        row = found.carer.get(child_id)
    else:
        row = found.family.get((child_id, Relation(party.value)))
    if row is None:
        return None
    if name == "name" and party.is_family and row.life is LifeStatus.DEAD:
        return "—"  # the 2016 登记表's mark for 已故, which the importer reads as such
    if name == "categories":
        return "、".join(many_text(c) for c in found.categories.get(child_id, ()))
    if name == "economic_sources":
        # In the form's order (the store keeps the codes sorted); a code this version does
        # not know is written as it is.
        known = [s for s in EconomicSource if s.value in row.economic_sources]
        unknown = [s for s in row.economic_sources if s not in EconomicSource._value2member_map_]
        return "、".join([*(many_text(s) for s in known), *unknown]) or None
    if name == "disability":
        kind, grade = row.disability_kind, row.disability_grade
        text = kind.label if isinstance(kind, DisabilityKind) and kind.value != "unknown" else ""
        return (text + (f"{_GRADES[grade - 1]}级" if grade in (1, 2, 3, 4) else "")) or None
    if name == "id_number" and getattr(row, "id_type", None) not in CHECKED_ID_TYPES:
        # The column is 公民身份号码: a passport or birth certificate number would be read
        # back as a wrong one. Such a child is matched by name and birth date instead.
        return None
    if name == "work_place":
        return "".join(p for p in (row.work_province, row.work_city) if p) or None
    return _shown(getattr(row, name))


def _shown(value: Any) -> Any:
    """A stored value as a ledger cell: a label, a date or text; 未采集 left blank, as the
    importer reads a blank cell (a 是/否 column would refuse "未采集")."""
    if isinstance(value, Choice):
        return None if value.value == "unknown" else value.label
    return value


# -- the rows of a batch of children ------------------------------------------------------


@dataclass(slots=True)
class _Found:
    children: dict[str, Row[Any]]
    family: dict[tuple[str, Relation], Row[Any]]  # the first of each relation
    carer: dict[str, Row[Any]]  # the carer of the signed agreement, else the first
    categories: dict[str, list[Category]]  # held today


def _gather(session: Session, ids: Sequence[str]) -> _Found:
    table: Table = Child.__table__  # type: ignore[assignment]
    kids = {r.id: r for r in session.execute(select(table).where(table.c.id.in_(ids)))}
    family: dict[tuple[str, Relation], Row[Any]] = {}
    for row in live(session, FamilyMember, ids):
        family.setdefault((row.child_id, row.relation), row)
    signed = {
        r.child_id: r.carer_id
        for r in live(session, CareAgreement, ids)
        if r.state is AgreementState.SIGNED and r.carer_id
    }
    carer: dict[str, Row[Any]] = {}
    for row in live(session, Carer, ids):
        if row.child_id not in carer or signed.get(row.child_id) == row.id:
            carer[row.child_id] = row
    today = date.today()
    held: dict[str, set[Category]] = {}
    for row in live(session, CategoryMembership, ids):
        if isinstance(row.category, Category) and active_on(row.recognized_on, row.ended_on, today):
            held.setdefault(row.child_id, set()).add(row.category)
    order = list(Category).index
    ordered = {child_id: sorted(found, key=order) for child_id, found in held.items()}
    return _Found(kids, family, carer, ordered)


def live(session: Session, model: Any, ids: Sequence[str], key: str = "child_id") -> list[Row[Any]]:
    """Live rows of ``model`` whose ``key`` is one of ``ids``, oldest first."""
    table: Table = model.__table__
    query = (
        select(table)
        .where(table.c[key].in_(ids), table.c.deleted.is_(False))
        .order_by(table.c.created_hlc, table.c.id)
    )
    return list(session.execute(query))


def chunks(ids: Sequence[str]) -> Iterator[Sequence[str]]:
    """``ids`` a few hundred at a time (SQLite's limit on bound parameters)."""
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


# -- 花名册 ---------------------------------------------------------------------------------

ROSTER_HEADERS = (
    "序号", "档案编号", "姓名", "性别", "出生日期", "年龄", "公民身份号码", "儿童类别", "监护情况",
    "风险等级", "就学情况", "现居住地址", "监护人/受委托照护人", "联系电话", "最近走访", "所在村",
    "在册状态",
)  # fmt: skip
ROSTER_WIDTHS = (6, 24, 10, 6, 12, 6, 22, 24, 8, 8, 8, 30, 18, 14, 12, 14, 8)


def roster_rows(
    session: Session, children: Sequence[ChildSummary], *, full_ids: bool
) -> Iterator[list[Any]]:
    """The 花名册's rows of ``children``, ID numbers masked unless ``full_ids``."""
    ctx = context(session, full_ids=full_ids)
    villages = village_names(session, {c.region_code for c in children})
    for start in range(0, len(children), CHUNK):
        part = children[start : start + CHUNK]
        found = _gather(session, [c.id for c in part])
        for n, c in enumerate(part, start=start + 1):
            child, carer = found.children[c.id], found.carer.get(c.id)
            relation = _shown(carer.relation) if carer else None
            who = f"{carer.name}（{relation}）" if carer and relation else carer and carer.name
            yield [
                n,
                c.file_no,
                c.name,
                _shown(c.sex),
                c.birth_date,
                c.age,
                ctx.id_text(c.id_number) or None,
                "、".join(x.label for x in c.categories),
                _shown(c.level),
                _shown(c.colour),
                _shown(c.school_stage),
                child.current_address,
                who,
                (carer.phone if carer else None) or child.phone,
                c.last_visit_on,
                villages.get(c.region_code, c.region_code),
                "在册" if c.active else "已退出",
            ]


def village_names(session: Session, codes: set[str]) -> dict[str, str]:
    """Each village by the name the store knows (``services.places``), else its code."""
    names = place_names(session)
    return {code: village_label(code, names, with_township=False) for code in codes}
