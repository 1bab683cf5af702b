"""Exports for submission upward: the 登记表 and 花名册 as one workbook, and the whole store as
JSON for the county.

The 登记表 sheet's headers are the labels the ledger importer reads (``ledgers.columns``), and
its values are written as the importer reads them back, so importing an export into the
store it came from changes nothing, and into an empty store gives the same export again.
It comes first in the workbook: an import that is not told which sheet to read takes the
first one with a name column, and the 花名册 (masked ID numbers) cannot be imported.

Rows are read with plain table selects, a few hundred children at a time, so a county's
export never fills the session with objects; both files are written under a temporary name
and renamed, so a crash leaves no half file. Each export is one audit entry with counts and
options only: never a name, and never the file name (it may carry one).
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from pathlib import Path
from typing import Any

from sqlalchemy import Row, Table, select
from sqlalchemy.orm import Session

from ..core.eligibility import active_on
from ..core.entities import ENTITIES
from ..core.errors import raise_for_os_error
from ..core.printing import ROSTER_TITLE
from ..core.records import ChildSummary
from ..core.roles import Permission
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
from ..ledgers.writer import Sheet, write_workbook
from ..storage.migrate import current_revision
from ..storage.models import (
    CareAgreement,
    Carer,
    CategoryMembership,
    Child,
    FamilyMember,
    Incident,
    IncidentFollowup,
    Persuasion,
    ProblemStep,
    VisitAmendment,
    WorkLog,
    WorkLogChild,
    model_of,
)
from .children import CHECKED_ID_TYPES
from .common import actor, record_audit
from .places import place_names, village_label
from .printing import context, may_see_reports
from .roster import RosterFilter, search_roster

CHUNK = 300  # children read at a time
REGISTER_SHEET = "登记表"
ROSTER_SHEET = "花名册"
JSON_FORMAT = "childcare-export"
JSON_VERSION = 1


@dataclass(frozen=True, slots=True)
class ExportResult:
    path: Path
    children: int
    format: str  # "xlsx" or "json"
    sheets: tuple[str, ...] = ()


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
_WIDE_COLUMNS = {"hukou_address": 30, "current_address": 30, "address": 30, "notes": 40}
_GRADES = "一二三四"
# Labels that hold a separator the importer splits a multi-value cell on: written as a
# term of the vocabulary that reads back as the same value (困难家庭儿童 is 低保、特困、低收入).
_MANY_TEXT: dict[Choice, str] = {Category.POVERTY: "困难家庭儿童"}


def many_text(member: Choice) -> str:
    """How one value of a multi-value cell (儿童类别, 家庭经济来源) is written."""
    return _MANY_TEXT.get(member, member.label)


def _register_rows(session: Session, ids: Sequence[str], counted: list[int]) -> Iterator[list[Any]]:
    for part in _chunks(ids):
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
    for row in _live(session, FamilyMember, ids):
        family.setdefault((row.child_id, row.relation), row)
    signed = {
        r.child_id: r.carer_id
        for r in _live(session, CareAgreement, ids)
        if r.state is AgreementState.SIGNED and r.carer_id
    }
    carer: dict[str, Row[Any]] = {}
    for row in _live(session, Carer, ids):
        if row.child_id not in carer or signed.get(row.child_id) == row.id:
            carer[row.child_id] = row
    today = date.today()
    held: dict[str, set[Category]] = {}
    for row in _live(session, CategoryMembership, ids):
        if isinstance(row.category, Category) and active_on(row.recognized_on, row.ended_on, today):
            held.setdefault(row.child_id, set()).add(row.category)
    order = list(Category).index
    ordered = {child_id: sorted(found, key=order) for child_id, found in held.items()}
    return _Found(kids, family, carer, ordered)


def _live(
    session: Session, model: Any, ids: Sequence[str], key: str = "child_id"
) -> list[Row[Any]]:
    """Live rows of ``model`` whose ``key`` is one of ``ids``, oldest first."""
    table: Table = model.__table__
    query = (
        select(table)
        .where(table.c[key].in_(ids), table.c.deleted.is_(False))
        .order_by(table.c.created_hlc, table.c.id)
    )
    return list(session.execute(query))


def _chunks(ids: Sequence[str]) -> Iterator[Sequence[str]]:
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


# -- 花名册 ---------------------------------------------------------------------------------

ROSTER_HEADERS = (
    "序号", "档案编号", "姓名", "性别", "出生日期", "年龄", "公民身份号码", "儿童类别", "监护情况",
    "风险等级", "就学情况", "现居住地址", "监护人/受委托照护人", "联系电话", "最近走访", "所在村",
    "在册状态",
)  # fmt: skip
_ROSTER_WIDTHS = (6, 24, 10, 6, 12, 6, 22, 24, 8, 8, 8, 30, 18, 14, 12, 14, 8)


def _roster_rows(
    session: Session, children: Sequence[ChildSummary], *, full_ids: bool
) -> Iterator[list[Any]]:
    ctx = context(session, full_ids=full_ids)
    villages = _village_names(session, {c.region_code for c in children})
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


def _village_names(session: Session, codes: set[str]) -> dict[str, str]:
    """Each village by the name the store knows (``services.places``), else its code."""
    names = place_names(session)
    return {code: village_label(code, names, with_township=False) for code in codes}


# -- the workbook -------------------------------------------------------------------------


def export_xlsx(
    session: Session,
    path: Path,
    *,
    region_prefix: str | None = None,
    include_exited: bool = False,
    full_ids: bool = False,
) -> ExportResult:
    """The 登记表 (full ID numbers, for submission and re-import) and the 花名册 (ID numbers
    masked unless ``full_ids``) of the children on the roster, as one .xlsx workbook."""
    session.flush()  # the table selects below read the tables, not the session
    status = "all" if include_exited else "active"
    children = search_roster(
        session, filters=RosterFilter(status=status, region_prefix=region_prefix)
    )
    children.sort(key=lambda c: (c.region_code, c.search_key, c.file_no or "", c.id))
    ids = [c.id for c in children]
    ctx = context(session, full_ids=full_ids)
    scope = "（含已退出）" if include_exited else "（在册）"
    title = f"{ROSTER_TITLE}　{ctx.place}　共 {len(children)} 名{scope}　导出日期 {date.today()}"
    widths = [0, *(_WIDE_COLUMNS.get(t.field.name, 0) for t in REGISTER_TARGETS)]
    counted = [0]
    path = Path(path)
    write_workbook(
        path,
        [
            Sheet(REGISTER_SHEET, REGISTER_HEADERS, _register_rows(session, ids, counted), widths),
            Sheet(
                ROSTER_SHEET,
                ROSTER_HEADERS,
                _roster_rows(session, children, full_ids=full_ids),
                _ROSTER_WIDTHS,
                title_row=title,
            ),
        ],
    )
    sheets = (REGISTER_SHEET, ROSTER_SHEET)
    record_audit(
        session,
        "exported",
        None,
        format="xlsx",
        children=counted[0],
        sheets=list(sheets),
        scope=region_prefix or "all",
        include_exited=include_exited,
        full_ids=full_ids,
    )
    return ExportResult(path, counted[0], "xlsx", sheets)


# -- JSON ---------------------------------------------------------------------------------

# What each child's file holds besides the child, by key in the export (the registry's).
_NESTED: tuple[tuple[str, Any], ...] = tuple(
    (e.export_key, model_of(e.table)) for e in ENTITIES if e.export_key
)
# Records that belong to a record of the child's file, nested under it (issue 18): the
# parent's key, their key under it, their model and the column naming the parent.
_UNDER: tuple[tuple[str, str, Any, str], ...] = (
    ("dropouts", "attempts", Persuasion, "dropout_id"),
    ("problems", "steps", ProblemStep, "problem_id"),
)
# Sync bookkeeping means nothing outside this laptop; tombstones are not exported.
_LEFT_OUT = frozenset({"deleted", "created_hlc", "updated_hlc"})
# A mandatory report's reporter stays confidential (强制报告: 为报告人保密), in every export.
CONFIDENTIAL = frozenset(
    f.name for e in ENTITIES for f in e.fields if f.readers is Permission.SEE_REPORTER
)


def export_json(session: Session, path: Path, *, region_prefix: str | None = None) -> ExportResult:
    """Every live child of the store (or of ``region_prefix``), exited ones included, with
    the whole file: family, carers, categories, agreements, visits (with their corrections),
    assessments, assistance, enrollment events, problems (with their steps), dropouts
    (with their 劝返), the 工作日志 entries naming the child, and the mandatory reports (with their
    follow-ups) only for a role that may see them, never with the reporter's identity."""
    session.flush()  # the selects below read the tables, not the session
    table: Table = Child.__table__  # type: ignore[assignment]
    query = select(table.c.id, table.c.region_code).where(table.c.deleted.is_(False))
    if region_prefix:
        query = query.where(table.c.region_code.startswith(region_prefix))
    order = (table.c.region_code, table.c.name_pinyin, table.c.file_no, table.c.id)
    rows = session.execute(query.order_by(*order))
    ids, codes = [], set()
    for child_id, code in rows:
        ids.append(child_id)
        codes.add(code)
    with_reports = may_see_reports(session)
    names = _village_names(session, codes)
    head = {
        "format": JSON_FORMAT,
        "version": JSON_VERSION,
        "exported_at": datetime.now().astimezone().isoformat(timespec="seconds"),
        "exported_by": actor(session),
        "schema_revision": current_revision(session.connection()),
        "scope": region_prefix or "all",
        "includes_reports": with_reports,
        "regions": [{"code": c, "name": names.get(c, "")} for c in sorted(codes)],
        "counts": {"children": len(ids)},
    }
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".childcare-", suffix=".json", dir=path.parent)
    except OSError as err:
        raise_for_os_error(err, path.parent)
        raise
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(_dumps(head)[:-1] + ', "children": [')  # the head, left open
            for n, child in enumerate(_json_children(session, ids, with_reports)):
                out.write(("," if n else "") + "\n" + _dumps(child))
            out.write("\n]}\n")
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException as err:
        Path(tmp).unlink(missing_ok=True)
        raise_for_os_error(err, path.parent)
        raise
    record_audit(
        session,
        "exported",
        None,
        format="json",
        children=len(ids),
        scope=region_prefix or "all",
        reports=with_reports,
    )
    return ExportResult(path, len(ids), "json")


def _json_children(
    session: Session, ids: Sequence[str], with_reports: bool
) -> Iterator[dict[str, Any]]:
    nested = [(k, m) for k, m in _NESTED if with_reports or m is not Incident]
    for part in _chunks(ids):
        kids = _live(session, Child, part, key="id")
        groups = {key: _by(session, model, part, "child_id") for key, model in nested}
        visit_ids = [v["id"] for rows in groups["visits"].values() for v in rows]
        amendments = _by(session, VisitAmendment, visit_ids, "visit_id")
        for rows in groups["visits"].values():
            for visit in rows:
                visit["amendments"] = amendments.get(visit["id"], [])
        if with_reports:
            incident_ids = [i["id"] for rows in groups["incidents"].values() for i in rows]
            followups = _by(session, IncidentFollowup, incident_ids, "incident_id")
            for rows in groups["incidents"].values():
                for incident in rows:
                    incident["followups"] = followups.get(incident["id"], [])
        for parent, key, model, owner in _UNDER:
            _nest(session, groups[parent], key, model, owner)
        logs = _work_logs(session, part)
        by_id = {row.id: row for row in kids}
        for child_id in part:
            child = _json_row(by_id[child_id], Child)
            child.update({key: groups[key].get(child_id, []) for key, _m in nested})
            child["work_log"] = logs.get(child_id, [])
            yield child


def _nest(
    session: Session, parents: dict[str, list[Any]], key: str, model: Any, owner: str
) -> None:
    """Put each live row of ``model`` under its parent's JSON object, as ``key``."""
    ids = [p["id"] for rows in parents.values() for p in rows]
    found = _by(session, model, ids, owner)
    for rows in parents.values():
        for parent in rows:
            parent[key] = found.get(parent["id"], [])


def _work_logs(session: Session, ids: Sequence[str]) -> dict[str, list[Any]]:
    """The 工作日志 entries that name each child, oldest first."""
    log: Table = WorkLog.__table__  # type: ignore[assignment]
    found: dict[str, list[dict[str, Any]]] = {}
    for start in range(0, len(ids), CHUNK):
        rows = session.execute(
            select(WorkLogChild.child_id, log)
            .join(log, log.c.id == WorkLogChild.work_log_id)
            .where(
                WorkLogChild.child_id.in_(ids[start : start + CHUNK]),
                WorkLogChild.deleted.is_(False),
                log.c.deleted.is_(False),
            )
            .order_by(log.c.logged_on, log.c.id)
        )
        for row in rows:
            found.setdefault(row.child_id, []).append(_json_row(row, WorkLog))
    return found


def _by(session: Session, model: Any, ids: Sequence[str], key: str) -> dict[str, list[Any]]:
    """Live rows of ``model`` as JSON objects, grouped by ``key``."""
    found: dict[str, list[dict[str, Any]]] = {}
    for start in range(0, len(ids), CHUNK):  # SQLite's limit on bound parameters
        for row in _live(session, model, ids[start : start + CHUNK], key):
            found.setdefault(getattr(row, key), []).append(_json_row(row, model))
    return found


def _json_row(row: Row[Any], model: Any) -> dict[str, Any]:
    values = row._mapping
    return {
        column.name: _plain(values[column.name])
        for column in model.__table__.columns
        if column.name not in _LEFT_OUT
        and column.name not in CONFIDENTIAL
        and not column.info.get("local")
    }


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):  # datetimes too: local wall time, as stored
        return value.isoformat()
    return value


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
