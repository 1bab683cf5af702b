"""Import an Excel ledger (台账) into the store, row by row, with a report of every row.

Each row ends as a new file (imported), merged into the file of the same child (same ID
number; without one, same name and birth date), unchanged, rejected with the reason and
the cell, or skipped as a footer line; blank rows are counted. Merging only fills what the
file lacks: a value that differs from the file is kept as the file has it and the report
shows the ledger's value, so importing the same ledger twice changes nothing.

The whole import is one transaction (the caller's); a dry run, or a cancel, rolls it back.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from ..core.eligibility import check_category_age
from ..core.errors import DomainError, Kind, ValidationError
from ..core.identity import parse_id_number
from ..core.vocab import Category, Choice, Relation
from ..ledgers import columns
from ..ledgers.columns import Party, Target
from ..ledgers.reader import Header, Ledger
from ..ledgers.titles import category_in_titles
from ..ledgers.values import name as values_name
from ..ledgers.values import plain as values_plain
from ..storage.models import Carer, CategoryMembership, Child, FamilyMember
from . import categories, children, family
from .common import Progress, audit_group, home_region, record_audit, store_township
from .ledger_rows import ParsedRow, Problem, finish, message, read_row

FLUSH_EVERY = 100  # rows sent together; the session is emptied then, so memory stays flat


class Outcome(StrEnum):
    IMPORTED = "imported"
    MERGED = "merged"
    UNCHANGED = "unchanged"
    REJECTED = "rejected"
    SKIPPED = "skipped"

    @property
    def label(self) -> str:
        return OUTCOME_LABELS[self]


OUTCOME_LABELS = {
    Outcome.IMPORTED: "新建档案",
    Outcome.MERGED: "并入已有档案",
    Outcome.UNCHANGED: "已有档案，无变化",
    Outcome.REJECTED: "未导入",
    Outcome.SKIPPED: "跳过（非儿童行）",
}


@dataclass(frozen=True, slots=True)
class RowResult:
    row: int
    name: str
    outcome: Outcome
    problems: tuple[Problem, ...] = ()  # the reason for a rejection, or warnings
    changes: tuple[str, ...] = ()  # what a merge filled in
    file_no: str | None = None


@dataclass(slots=True)
class ImportReport:
    file_name: str
    sheet: str
    header: Header
    dry_run: bool
    rows: list[RowResult] = field(default_factory=list)
    blank_rows: int = 0

    def count(self, outcome: Outcome) -> int:
        return sum(1 for r in self.rows if r.outcome is outcome)

    def counts(self) -> dict[str, int]:
        return {o.value: self.count(o) for o in Outcome} | {"blank": self.blank_rows}


class ImportCancelled(DomainError):
    """The user stopped the import; the caller rolls the transaction back."""

    def __init__(self) -> None:
        super().__init__(Kind.CANCELLED)


def load_mapping(path: Path) -> dict[str, str | None]:
    """A column mapping file: JSON, ``{"E": "child.id_number", "父亲电话": "father.phone",
    "Q": null}``: keys are column letters or header texts, values target keys or null."""
    try:
        mapping = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise ValidationError(Kind.MAPPING_INVALID, reason=str(err)[:200]) from None
    if not isinstance(mapping, dict) or not all(
        isinstance(v, str | type(None)) for v in mapping.values()
    ):
        raise ValidationError(Kind.MAPPING_INVALID, reason="应为 {列: 字段} 形式的 JSON 对象")
    return mapping


def apply_mapping(header: Header, mapping: dict[str, str | None]) -> Header:
    """The header with columns mapped by hand; a column is named by letter or header text."""
    targets: dict[int, Target | None] = {}
    for name, key in mapping.items():
        found = [c for c in header.columns if c.letter == name] or [
            c for c in header.columns if name in (c.title, c.path[-1])
        ]
        if not found:
            raise ValidationError(Kind.MAPPING_INVALID, reason=f"表中没有列“{name}”")
        if len(found) > 1:
            letters = "、".join(c.letter for c in found)
            raise ValidationError(
                Kind.MAPPING_INVALID, reason=f"“{name}”不止一列（{letters}），请用列字母"
            )
        column = found[0]
        try:
            targets[column.index] = columns.target_for_key(key) if key else None
        except KeyError:
            raise ValidationError(Kind.MAPPING_INVALID, reason=f"未知字段“{key}”") from None
    chosen = [t.key for i, t in targets.items() if t is not None]
    kept = [c.target.key for c in header.columns if c.target and c.index not in targets]
    twice = {k for k in chosen + kept if (chosen + kept).count(k) > 1}
    if twice:
        raise ValidationError(Kind.MAPPING_INVALID, reason=f"多列对应同一字段：{sorted(twice)}")
    return header.with_targets(targets)


def open_header(
    ledger: Ledger, sheet: str | int | None, mapping: dict[str, str | None] | None
) -> Header:
    header = ledger.header(ledger.sheet(sheet))
    return apply_mapping(header, mapping) if mapping else header


@dataclass(frozen=True, slots=True)
class Preview:
    """What the import wizard shows before anything is imported."""

    sheets: tuple[str, ...]
    header: Header
    samples: dict[int, str]  # column index -> the first value found under the header
    rows: int  # the rows the sheet says it has under the header (may overstate)
    # The category the title, sheet or file name names (留守儿童花名册), offered for the
    # rows that give none.
    category: Category | None = None


def preview(path: Path, *, sheet: str | int | None = None, rows: int = 30) -> Preview:
    """The sheets, the detected header and a sample value per column (nothing is stored)."""
    with Ledger(path) as ledger:
        header = ledger.header(ledger.sheet(sheet))
        samples: dict[int, str] = {}
        for seen, (_number, cells) in enumerate(ledger.rows(header)):
            for column in header.columns:
                if column.index not in samples and column.index < len(cells):
                    text = values_plain(cells[column.index])
                    if text:
                        samples[column.index] = text[:30]
            if seen >= rows or len(samples) == len(header.columns):
                break
        size = max(ledger.size(header.sheet) - header.data_row + 1, 0)
        named = category_in_titles((header.title, header.sheet, Path(path).stem))
        return Preview(tuple(ledger.sheets), header, samples, size, named)


def choices() -> list[tuple[str, str]]:
    """(key, label) of every field a column can be mapped to, for the wizard's lists."""
    return [(f.key, columns.Target(f).label) for f in columns.FIELDS]


def import_ledger(
    session: Session,
    path: Path,
    *,
    sheet: str | int | None = None,
    mapping: dict[str, str | None] | None = None,
    dry_run: bool = False,
    progress: Progress | None = None,
    category: Category | None = None,
    village: str | None = None,
) -> ImportReport:
    """Import one sheet of ``path``; with ``dry_run`` everything is checked and undone.

    ``category`` is given to each row that names none (a 留守儿童花名册 without a category
    column); it is checked against the child's age like any category read from a cell.

    A director's store files every new child under its own village. A township's store
    (a supervisor's) files each under the village its row names (a 村级区划代码 column),
    else under ``village``; either must lie in the township.
    """
    progress = progress or Progress()
    township = store_township(session)
    region: str | None = None  # a township's store: the village chosen, checked now
    if township is None or village:
        region = home_region(session, village if township else None)
    with Ledger(path) as ledger:
        header = open_header(ledger, sheet, mapping)
        report = ImportReport(Path(path).name, header.sheet, header, dry_run)
        total = max(ledger.size(header.sheet) - header.data_row + 1, 1)
        # Rows are sent in batches of a hundred children, in whatever order the session
        # picks; a family row may go before its child's row. SQLite checks the foreign
        # keys at commit instead (this pragma ends with the transaction).
        session.execute(text("PRAGMA defer_foreign_keys = ON"))
        nested = session.begin_nested()
        importer = _Importer(session, region, township)
        for done, (number, cells) in enumerate(ledger.rows(header), start=1):
            if progress.cancelled():
                nested.rollback()
                raise ImportCancelled()
            parsed = read_row(header, number, cells, epoch=ledger.epoch)
            if category is not None and not parsed.categories and not parsed.blank:
                parsed.categories.append(category)
            if parsed.blank:
                report.blank_rows += 1
            else:
                with audit_group(session, "ledger_row_imported", row=number):
                    report.rows.append(importer.row(parsed))
            if done % FLUSH_EVERY == 0:
                session.flush()
                session.expunge_all()
                progress.report(min(done, total), total)
        progress.report(total, total)
    if dry_run:
        nested.rollback()
    else:
        nested.commit()
        record_audit(session, "ledger_imported", None, file=_digest(path), **report.counts())
    return report


def _digest(path: Path) -> str:
    """The file's fingerprint for the audit log (its name may say more than it should)."""
    sha = hashlib.sha256()
    with Path(path).open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 16), b""):
            sha.update(block)
    return sha.hexdigest()[:16]


class _Importer:
    """Decides each row's outcome; knows which children the store and the file hold."""

    def __init__(self, session: Session, region: str | None, township: str | None) -> None:
        self.session = session
        self.region = region  # the village of rows that name none (None: they must)
        self.township = township  # a township's store: rows may name their village
        self.known: dict[str, _Known] = {}
        self.by_id: dict[str, str] = {}
        self.by_name: dict[str, set[str]] = {}  # name as a ledger reads it -> child ids
        self.first_row: dict[str, int] = {}  # children this import created, by ledger row
        self.file_numbers: dict[str, int] = {}  # the last 档案编号 given, per prefix
        live = select(Child.id, Child.name, Child.birth_date, Child.id_number).where(
            Child.deleted.is_(False)
        )
        for child_id, name, birth, number in session.execute(live):
            self._remember(child_id, name, birth, number)

    def _remember(self, child_id: str, name: str, birth: date | None, number: str | None) -> None:
        """Index a child as the file now has it (a merge may have added a birth date)."""
        old = self.known.get(child_id)
        if old is not None:
            self.by_name.get(_name_key(old.name), set()).discard(child_id)
            if old.number and self.by_id.get(old.number) == child_id:
                del self.by_id[old.number]
        self.known[child_id] = _Known(name, birth, number)
        self.by_name.setdefault(_name_key(name), set()).add(child_id)
        if number:
            self.by_id[number] = child_id

    def row(self, parsed: ParsedRow) -> RowResult:
        name = parsed.name or ""
        # The village files a new child; a known child stays where the file has it.
        named = parsed.child.pop("region_code", None)  # a director's store leaves it aside
        village = (named if self.township else None) or self.region
        if parsed.blocking:
            return RowResult(parsed.number, name, Outcome.REJECTED, tuple(parsed.blocking))
        if not parsed.name:
            if parsed.footer:
                return RowResult(parsed.number, "", Outcome.SKIPPED, (Problem("", "表尾或说明行"),))
            cell = parsed.cell_of("child.name")
            return RowResult(parsed.number, "", Outcome.REJECTED, (Problem(cell, "没有儿童姓名"),))
        finish(parsed)
        try:
            existing = self._existing(parsed)
        except ValidationError as err:
            problem = Problem(parsed.cell_of(f"child.{err.field}"), message(err))
            return RowResult(parsed.number, name, Outcome.REJECTED, (problem, *parsed.warnings))
        if existing is None:
            if village is None:
                problem = Problem("", "没有所在村：请在表中加一列“村级区划代码”，或在导入时选择村")
                return RowResult(parsed.number, name, Outcome.REJECTED, (problem,))
            return self._create(parsed, village)
        return self._merge(parsed, existing)

    def _existing(self, parsed: ParsedRow) -> str | None:
        """The child a row is about: the same ID number; else the same name with a birth
        date that agrees (a ledger without ID numbers, or a file that has none yet)."""
        number = parsed.child.get("id_number")
        birth = parsed.child.get("birth_date") or _birth_in(number)
        same_name = self.by_name.get(_name_key(parsed.name), set())
        if number:
            found = self.by_id.get(number)
            if found and _name_key(self.known[found].name) != _name_key(parsed.name):
                raise ValidationError(
                    Kind.ID_NAME_MISMATCH, "id_number", existing=self.known[found].name
                )
            if found:
                return found
            without = [c for c in same_name if not self.known[c].number]
            matches = [c for c in without if self.known[c].birth == birth]
            return matches[0] if len(matches) == 1 else None
        matches = sorted(
            c for c in same_name if birth is None or self.known[c].birth in (birth, None)
        )
        if len(matches) > 1:
            raise ValidationError(Kind.NAME_AMBIGUOUS, "name", count=len(matches))
        return matches[0] if matches else None

    def _create(self, parsed: ParsedRow, village: str) -> RowResult:
        """A new file, built with the services' checks and sent with the next flush."""
        warnings = list(parsed.warnings)
        values = {k: v for k, v in parsed.child.items() if k != "name"}
        on = values.get("registered_on") or date.today()
        held = self._eligible(parsed, values, on, warnings)
        try:
            child, memberships = children.build_child(
                self.session,
                name=parsed.name or "",
                region_code=village,
                categories=held,
                recognized_on=on,
                file_numbers=self._file_number,
                unique_checked=True,  # self.by_id knows every ID number, sent or not
                **values,
            )
        except ValidationError as err:
            cell = parsed.cell_of(f"child.{err.field}")
            return RowResult(
                parsed.number, parsed.name or "", Outcome.REJECTED, (Problem(cell, message(err)),)
            )
        self.session.add_all([child, *memberships])
        record_audit(self.session, "child_registered", child.id)
        for party, party_values in parsed.parties.items():
            self._build_party(child, party, party_values, parsed, warnings)
        self._remember(child.id, child.name, child.birth_date, child.id_number)
        self.first_row[child.id] = parsed.number
        return RowResult(
            parsed.number, child.name, Outcome.IMPORTED, tuple(warnings), file_no=child.file_no
        )

    def _file_number(self, region: str, registered_on: date) -> str:
        prefix = f"{region}-{registered_on.year}-"
        if prefix not in self.file_numbers:
            self.file_numbers[prefix] = children.last_file_number(self.session, prefix)
        self.file_numbers[prefix] += 1
        return f"{prefix}{self.file_numbers[prefix]:04d}"

    def _build_party(
        self,
        child: Child,
        party: Party,
        values: dict[str, Any],
        parsed: ParsedRow,
        warnings: list[Problem],
    ) -> None:
        """A new child's parent, grandparent or carer (checked, sent with the next flush)."""
        try:
            if party is Party.CARER:
                carer = family.build_carer(child, **_carer_values(values, parsed, warnings))
                self.session.add(carer)
                record_audit(self.session, "carer_added", child.id, carer=carer.id)
            else:
                member = family.build_family_member(child, relation=party.value, **values)
                self.session.add(member)
                record_audit(self.session, "family_added", child.id, member=member.id)
        except ValidationError as err:
            cell = parsed.cell_of(f"{party}.{err.field}")
            warnings.append(Problem(cell, f"{party.label}信息未导入：{message(err)}"))

    def _eligible(
        self, parsed: ParsedRow, values: dict[str, Any], on: date, warnings: list[Problem]
    ) -> list[Category]:
        """The row's categories the child may hold (留守 ends at 16, the others at 18)."""
        birth = values.get("birth_date")
        if birth is None and values.get("id_number"):
            try:
                birth = parse_id_number(values["id_number"]).birth_date
            except ValidationError:
                birth = None
        held = []
        for category in parsed.categories:
            try:
                if birth is not None:
                    check_category_age(category, birth, on, in_full_time_school=False)
                held.append(category)
            except ValidationError as err:
                cell = parsed.cell_of("child.categories")
                warnings.append(Problem(cell, f"{category.label}未导入：{message(err)}"))
        return held

    def _add_party(
        self,
        child_id: str,
        party: Party,
        values: dict[str, Any],
        parsed: ParsedRow,
        warnings: list[Problem],
    ) -> list[str]:
        """Add a family member or carer, or fill in the one the file has; the changes.

        The services check everything before they write, so a refusal leaves nothing.
        """
        try:
            if party is Party.CARER:
                return self._carer(child_id, values, parsed, warnings)
            return self._member(child_id, party, values, parsed, warnings)
        except ValidationError as err:
            cell = parsed.cell_of(f"{party}.{err.field}")
            warnings.append(Problem(cell, f"{party.label}信息未导入：{message(err)}"))
            return []

    def _member(
        self,
        child_id: str,
        party: Party,
        values: dict[str, Any],
        parsed: ParsedRow,
        warnings: list[Problem],
    ) -> list[str]:
        relation = Relation(party.value)
        row = self.session.execute(
            select(FamilyMember).where(
                FamilyMember.child_id == child_id,
                FamilyMember.relation == relation,
                FamilyMember.deleted.is_(False),
            )
        ).scalar()
        if row is None:
            family.add_family_member(self.session, child_id=child_id, relation=relation, **values)
            return [party.label]
        fills = _fills(row, values, parsed, party, warnings)
        if fills:
            family.update_family_member(self.session, member_id=row.id, **fills)
        return [f"{party.label}{_labels(party, fills)}"] if fills else []

    def _carer(
        self,
        child_id: str,
        values: dict[str, Any],
        parsed: ParsedRow,
        warnings: list[Problem],
    ) -> list[str]:
        carers = self.session.execute(
            select(Carer).where(Carer.child_id == child_id, Carer.deleted.is_(False))
        ).scalars()
        wanted = _name_key(values["name"])
        row = next((c for c in carers if _name_key(c.name) == wanted), None)
        if row is None:
            family.add_carer(
                self.session, child_id=child_id, **_carer_values(values, parsed, warnings)
            )
            return [Party.CARER.label]
        fills = _fills(row, values, parsed, Party.CARER, warnings)
        if fills:
            family.update_carer(self.session, carer_id=row.id, **fills)
        return [f"{Party.CARER.label}{_labels(Party.CARER, fills)}"] if fills else []

    def _merge(self, parsed: ParsedRow, child_id: str) -> RowResult:
        warnings = list(parsed.warnings)
        if child_id in self.first_row:
            warnings.insert(0, Problem("", f"与第{self.first_row[child_id]}行为同一儿童"))
        child = self.session.get(Child, child_id)
        assert child is not None  # found live a moment ago, in this transaction
        values = {k: v for k, v in parsed.child.items() if k != "name"}
        fills = _fills(child, values, parsed, Party.CHILD, warnings)
        changes: list[str] = []
        if fills:
            try:
                children.update_child(self.session, child_id=child_id, **fills)
                changes.append(_labels(Party.CHILD, fills).strip("（）"))
            except ValidationError as err:
                cell = parsed.cell_of(f"child.{err.field}")
                warnings.append(Problem(cell, f"未补充到档案：{message(err)}"))
        changes += self._merge_categories(child, parsed, values, warnings)
        for party, party_values in parsed.parties.items():
            changes += self._add_party(child_id, party, party_values, parsed, warnings)
        self._remember(child.id, child.name, child.birth_date, child.id_number)
        outcome = Outcome.MERGED if changes else Outcome.UNCHANGED
        return RowResult(
            parsed.number, child.name, outcome, tuple(warnings), tuple(changes), child.file_no
        )

    def _merge_categories(
        self, child: Child, parsed: ParsedRow, values: dict[str, Any], warnings: list[Problem]
    ) -> list[str]:
        held = set(
            self.session.execute(
                select(CategoryMembership.category).where(
                    CategoryMembership.child_id == child.id,
                    CategoryMembership.deleted.is_(False),
                )
            ).scalars()
        )
        on = values.get("registered_on") or date.today()
        added = []
        wanted = [c for c in parsed.categories if c not in held]
        for category in self._eligible(parsed, {"birth_date": child.birth_date}, on, warnings):
            if category not in wanted:
                continue
            try:
                categories.add_category(
                    self.session, child_id=child.id, category=category, recognized_on=on
                )
                added.append(category.label)
            except DomainError as err:
                warnings.append(Problem(parsed.cell_of("child.categories"), message(err)))
        return [f"类别：{'、'.join(added)}"] if added else []


@dataclass(frozen=True, slots=True)
class _Known:
    name: str
    birth: date | None
    number: str | None


def _birth_in(number: str | None) -> date | None:
    try:
        return parse_id_number(number).birth_date if number else None
    except ValidationError:
        return None


def _carer_values(
    values: dict[str, Any], parsed: ParsedRow, warnings: list[Problem]
) -> dict[str, Any]:
    """A carer needs a relation: a ledger's 监护人 column often holds only 奶奶 or 外公."""
    values = dict(values)
    if values.get("relation") is None:
        said = Relation.parse(values["name"])
        values["relation"] = said or Relation.OTHER
        if said is None:
            cell = parsed.cell_of("carer.name")
            warnings.append(Problem(cell, "照护人与儿童的关系未填写，记为“其他”"))
    return values


def _name_key(name: str | None) -> str:
    """A name as the ledger reader reads it: "王 芳" typed in the app is 王芳 in a ledger."""
    return values_name(name) or ""


def _blank(value: Any) -> bool:
    return value in (None, "", [], ()) or (isinstance(value, Choice) and value.value == "unknown")


def _fills(
    row: Any, values: dict[str, Any], parsed: ParsedRow, party: Party, warnings: list[Problem]
) -> dict[str, Any]:
    """The ledger's values for what ``row`` lacks; a differing value is reported, not taken."""
    fills: dict[str, Any] = {}
    for key, value in values.items():
        if _blank(value):
            continue
        current = getattr(row, key)
        if _blank(current):
            fills[key] = value
        elif key == "economic_sources" and set(value) - set(current):
            fills[key] = sorted({*current, *value})
        elif key in ("relation", "life") or current == value:
            continue
        elif not (isinstance(value, Choice) and current == value.value):
            cell = parsed.cell_of(f"{party}.{key}") or parsed.cell_of(_source_key(party, key))
            warnings.append(
                Problem(cell, f"与档案中的值不同，保留档案中的值（表中为“{_shown(value)}”）")
            )
    return fills


def _source_key(party: Party, key: str) -> str:
    """The column a derived field came from (work_city <- 务工地点)."""
    source = {"work_province": "work_place", "work_city": "work_place", "life": "name"}
    return f"{party}.{source.get(key, key)}" if key in source else f"child.{key}"


def _shown(value: Any) -> str:
    if isinstance(value, Choice):
        return value.label
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return "、".join(str(v) for v in value)
    return str(value)


def _labels(party: Party, fills: Iterable[str]) -> str:
    names = {f.name: f.label for f in columns.FIELDS if f.party is party}
    names |= {"work_province": "务工省份", "work_city": "务工城市", "life": "是否在世"}
    names |= {"disability_kind": "残疾类别", "disability_grade": "残疾等级"}
    return "（" + "、".join(names.get(k, k) for k in fills) + "）"
