"""One ledger row read into the values a child's file holds, with what could not be read.

A problem that makes the row unusable (no name, an unusable ID number) is *blocking*: the
row is rejected and the report names the cell. Any other cell that cannot be read (a date
without a day, a phone number with a digit missing) is left out with a warning naming the
cell, and the rest of the row is imported.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..core.errors import DomainError, ValidationError
from ..core.vocab import Category, DisabilityKind, EconomicSource, Health, LifeStatus
from ..ledgers import values
from ..ledgers.columns import Kind, Party, Target
from ..ledgers.reader import Column, Header
from ..messages import describe
from . import fields

RULES = {
    Party.CHILD: fields.CHILD,
    Party.CARER: fields.CARER,
    **{party: fields.FAMILY_MEMBER for party in Party if party.is_family},
}
FOOTER_WORDS = (
    "填表人",
    "负责人",
    "审核",
    "复核",
    "合计",
    "总计",
    "小计",
    "说明",
    "注：",
    "注:",
    "填报",
)


@dataclass(frozen=True, slots=True)
class Problem:
    cell: str  # "E12", or "" for the row as a whole
    message: str

    def __str__(self) -> str:
        return f"{self.cell}：{self.message}" if self.cell else self.message


@dataclass(slots=True)
class ParsedRow:
    number: int
    name: str | None = None
    child: dict[str, Any] = field(default_factory=dict)
    categories: list[Category] = field(default_factory=list)
    parties: dict[Party, dict[str, Any]] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)
    blocking: list[Problem] = field(default_factory=list)
    cells: dict[str, str] = field(default_factory=dict)  # "child.birth_date" -> "D12"
    blank: bool = False
    footer: bool = False

    def cell_of(self, key: str) -> str:
        return self.cells.get(key, "")


def message(error: DomainError) -> str:
    """The Chinese half of an error's description (the report is a Chinese document)."""
    return describe(error).split(" / ", 1)[0]


def read_row(
    header: Header, number: int, cells: Sequence[Any], *, epoch: date = values.EPOCH_1900
) -> ParsedRow:
    """Read the mapped cells of one row."""
    row = ParsedRow(number)
    present = {  # what each reader calls blank differs ("无" is an answer to 是否寄宿)
        c.index: cells[c.index]
        for c in header.columns
        if c.index < len(cells) and values.plain(cells[c.index])
    }
    if not present and not any(values.plain(v) for v in cells):
        row.blank = True
        return row
    ticks: dict[str, list[tuple[Column, str]]] = {}
    for column in header.columns:
        target = column.target
        if target is not None and target.key == "child.name":
            row.cells["child.name"] = f"{column.letter}{number}"  # named even when blank
        if target is None or column.index not in present:
            continue
        raw = present[column.index]
        ref = f"{column.letter}{number}"
        if values.is_excel_error(raw):
            row.warnings.append(Problem(ref, f"单元格是公式的错误值“{raw}”，未导入"))
            continue
        if target.tick is not None:
            if values.ticked(raw):
                ticks.setdefault(target.field.key, []).append((column, target.tick))
            elif not values.unticked(raw):
                row.warnings.append(Problem(ref, f"“{values.plain(raw)[:20]}”不是 √ 或 是/否"))
            continue
        row.cells[target.field.key] = ref
        _read_cell(row, target, raw, ref, epoch)
    _apply_ticks(row, ticks)
    if not row.name and "child.id_number" not in row.cells:
        text = " ".join(values.plain(v) for v in cells)
        row.footer = any(word in text for word in FOOTER_WORDS)
    return row


def _read_cell(row: ParsedRow, target: Target, raw: Any, ref: str, epoch: date) -> None:
    party, name, kind = target.field.party, target.field.name, target.field.kind
    values_of = row.parties.setdefault(party, {}) if party is not Party.CHILD else row.child
    try:
        if kind is Kind.NAME:
            if party.is_family and values.is_dash(raw):  # 2016 登记表: "—" for 已故
                values_of["life"] = LifeStatus.DEAD
                return
            cleaned = fields.person_name(required=False)(name, values.name(raw))
            if party is Party.CHILD:
                row.name = cleaned
            values_of["name"] = cleaned
        elif kind is Kind.ID_NUMBER:
            values_of["id_number"] = values.id_number(raw)
        elif kind is Kind.DATE:
            values_of[name] = fields.day()(name, values.day(raw, name, epoch=epoch))
        elif kind is Kind.PHONE:
            numbers = values.phones(raw, name)
            values_of["phone"] = numbers[0] if numbers else None
            if len(numbers) > 1:
                values_of["_extra_phones"] = numbers[1:]
        elif kind is Kind.CHOICES:
            _read_many(row, name, raw, ref)
        elif kind is Kind.DISABILITY:
            found, grade = values.disability(raw)
            member = DisabilityKind.parse(found) if found else None
            if found and member is None:
                row.warnings.append(Problem(ref, f"残疾类别“{found}”无法识别，未导入"))
            values_of["disability_kind"] = member
            values_of["disability_grade"] = grade
        elif kind is Kind.REGION:  # checked against the store's township on import
            values_of["region_code"] = values.text(raw)
        elif kind is Kind.WORK_PLACE:
            values_of["work_province"], values_of["work_city"] = values.work_place(raw)
        elif kind is Kind.YES_NO:
            values_of[name] = RULES[party][name](name, values.yes_no(raw, name))
        else:  # TEXT, CHOICE
            values_of[name] = RULES[party][name](name, values.text(raw))
    except ValidationError as err:
        problem = Problem(ref, message(err))
        blocking = party is Party.CHILD and kind in (Kind.NAME, Kind.ID_NUMBER)
        (row.blocking if blocking else row.warnings).append(problem)


def _read_many(row: ParsedRow, name: str, raw: Any, ref: str) -> None:
    vocabulary = Category if name == "categories" else EconomicSource
    found = []
    for part in values.many(raw):
        member = vocabulary.parse(part)
        if member is None:
            row.warnings.append(Problem(ref, f"“{part}”不是可识别的{_MANY_LABEL[name]}，未导入"))
        elif member not in found:
            found.append(member)
    if name == "categories":
        row.categories.extend(m for m in found if m not in row.categories)  # type: ignore[misc]
    else:
        row.child["economic_sources"] = sorted({*row.child.get("economic_sources", ()), *found})


_MANY_LABEL = {"categories": "儿童类别", "economic_sources": "家庭经济来源"}


def _apply_ticks(row: ParsedRow, ticks: dict[str, list[tuple[Column, str]]]) -> None:
    """√ columns under 就学情况 / 身体情况 / 家庭经济来源, and the 是 columns that set the
    委托照料原因."""
    for key, ticked in ticks.items():
        name = key.split(".", 1)[1]
        refs = "、".join(f"{c.letter}{row.number}" for c, _ in ticked)
        if name == "economic_sources":
            _read_many(row, name, "、".join(v for _, v in ticked), refs)
            continue
        if name == "categories":
            _read_many(row, name, "、".join(v for _, v in ticked), refs)
            continue
        if len(ticked) > 1:
            row.warnings.append(Problem(refs, "同一项勾选了多个，未导入"))
            continue
        try:
            row.child[name] = fields.CHILD[name](name, ticked[0][1])
            row.cells[key] = refs
        except ValidationError as err:
            row.warnings.append(Problem(refs, message(err)))


def finish(row: ParsedRow) -> None:
    """Values that follow from others: extra phone numbers kept in the notes, and a child
    with a disability category recorded as disabled when the health cell was blank."""
    for values_of in (row.child, *row.parties.values()):
        extra = values_of.pop("_extra_phones", None)
        if extra:
            note = "其他电话：" + "、".join(extra)
            values_of["notes"] = "；".join(p for p in (values_of.get("notes"), note) if p)
    if row.child.get("disability_kind") and row.child.get("health") in (None, Health.UNKNOWN):
        row.child["health"] = Health.DISABLED
    for party, values_of in list(row.parties.items()):
        if party is Party.CARER and values_of and not values_of.get("name"):
            row.warnings.append(Problem("", "照护人没有姓名，其信息未导入"))
            del row.parties[party]
        elif not any(v not in (None, "", []) for v in values_of.values()):
            del row.parties[party]


__all__ = ["FOOTER_WORDS", "ParsedRow", "Problem", "finish", "message", "read_row"]
