"""Reports upward (issue 17): the 汇总表 and the 花名册 of the county, a township or a
village, from the records the server holds, counted as the laptop counts them.

The records of the scope are read by :func:`.oversight_read.load` (one query) and gathered by
:func:`.oversight.gathered` (each child's latest assessment, categories, exits), as the
dashboard reads them; what only the reports need is read with them (the child's sex,
户籍, boarding, 委托照料原因, file number and ID number, the carers, the assistance, the
visits' corrections). The rules are the laptop's (``services.tallies.summary_facts`` and
``services.roster.search_roster``):

* on the roll (在册) on the day: registered by then, and the latest enrolment event by
  then not an exit;
* age on the day; the latest assessment by then (its level; 未采集 if none);
* carer group: 祖父母 if any carer on file is a grandparent, else 其他亲属 if any, else
  无委托照护人; assistance in force on the day (no start or begun, no end or not ended);
* the last visit of any kind by the day, after the visits' corrections (a voided visit
  does not count, a re-dated one counts on its new date).

Where two records of a child fall on the same day (two assessments, two enrolment
events) or a visit was corrected twice in the same way, a laptop takes the one it
learned of last and the server the one with the greater id: laptops themselves may
differ there.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy.engine import Connection

from childcare_desktop.core.dates import age_on
from childcare_desktop.core.eligibility import active_on
from childcare_desktop.core.records import ChildSummary
from childcare_desktop.core.search import pinyin_key
from childcare_desktop.core.summary import SummaryFacts, SummaryTable, summary_table
from childcare_desktop.core.vocab import (
    AssistanceKind,
    EntrustReason,
    GuardianshipLevel,
    Health,
    HukouType,
    Relation,
    SchoolStage,
    Sex,
    YesNo,
)

from . import oversight, oversight_read
from .oversight_read import Records, choice, day

# What the reports read besides the dashboard's fields (reports and follow-ups: none).
_MORE: dict[str, tuple[str, ...]] = {
    "child": ("sex", "hukou_type", "boarding", "entrust_reason", "file_no", "id_number"),
    "carer": ("child_id", "relation", "deleted"),
    "assistance": ("child_id", "kind", "start_date", "end_date", "deleted"),
}
FIELDS: dict[str, tuple[str, ...]] = {
    table: (*oversight_read.FIELDS.get(table, ()), *_MORE.get(table, ()))
    for table in (*oversight_read.FIELDS, *_MORE)
    if not table.startswith("incident")
}
GRANDPARENTS = frozenset(
    {
        Relation.PATERNAL_GRANDFATHER,
        Relation.PATERNAL_GRANDMOTHER,
        Relation.MATERNAL_GRANDFATHER,
        Relation.MATERNAL_GRANDMOTHER,
    }
)


@dataclass(frozen=True, slots=True)
class Read:
    """The records of a scope as of a day, and who of its children is on the roll."""

    scope: str
    as_of: date
    records: Records
    regions: dict[str, str]  # child id -> village
    gathered: dict[str, Any]  # oversight.gathered
    on_roll: tuple[str, ...]  # child ids, by village
    for_roster: bool = True  # the visits, categories and agreements read too


# The 汇总表 needs no visit, category or agreement: a county's is read in half the time.
SUMMARY_TABLES = ("child", "assessment", "enrollment_event", "carer", "assistance")


def read(conn: Connection, scope: str, as_of: date, *, roster: bool = True) -> Read:
    """The records of ``scope`` (a county, township or village code) on ``as_of``; those
    the 花名册 needs too unless ``roster`` is false."""
    wanted = FIELDS if roster else {t: FIELDS[t] for t in SUMMARY_TABLES}
    loaded, regions = oversight_read.load(conn, scope, wanted)
    records: Records = {t: {} for t in FIELDS} | loaded
    gathered = oversight.gathered(records, as_of)
    on_roll = [
        child_id
        for child_id, c in records["child"].items()
        if (registered := day(c.get("registered_on"))) is not None
        and registered <= as_of
        and child_id not in gathered["exited"]
    ]
    on_roll.sort(key=lambda k: (regions.get(k, ""), k))
    return Read(scope, as_of, records, regions, gathered, tuple(on_roll), roster)


def summary_facts(found: Read) -> list[SummaryFacts]:
    """One :class:`SummaryFacts` per child on the roll (``services.tallies.summary_facts``)."""
    carers = _carer_groups(found.records)
    aid = _assistance(found.records, found.as_of)
    rows = []
    for child_id in found.on_roll:
        c = found.records["child"][child_id]
        birth = day(c.get("birth_date"))
        level = found.gathered["assessed"].get(child_id, (None, None, None))[1]
        rows.append(
            SummaryFacts(
                found.regions.get(child_id, ""),
                _code(Sex, c.get("sex"), Sex.UNKNOWN),
                age_on(birth, found.as_of) if birth else None,
                _code(SchoolStage, c.get("school_stage"), SchoolStage.UNKNOWN),
                _code(HukouType, c.get("hukou_type"), HukouType.UNKNOWN),
                _code(Health, c.get("health"), Health.UNKNOWN),
                _code(YesNo, c.get("boarding"), YesNo.UNKNOWN),
                _code(EntrustReason, c.get("entrust_reason"), EntrustReason.UNKNOWN),
                carers.get(child_id, "none"),
                level or GuardianshipLevel.UNKNOWN,
                frozenset(aid.get(child_id, ())),
            )
        )
    return rows


def units(scope: str, codes: Iterable[str], names: dict[str, str]) -> list[tuple[str, str]]:
    """The columns of a scope's 汇总表: the county's townships, a township's villages
    (a village: itself), those with a child on the roll, by name (else by code)."""
    digits = {6: 9}.get(len(scope), 12)
    found = sorted({code[:digits] for code in codes if code.startswith(scope)})
    return [(code, names.get(code) or code) for code in found] or [("", "—")]


def summary(found: Read, names: dict[str, str]) -> SummaryTable:
    """The 汇总表 of ``found``'s scope, one column per :func:`units`."""
    rows = summary_facts(found)
    return summary_table(rows, units(found.scope, (r.region_code for r in rows), names))


def roster(found: Read) -> list[ChildSummary]:
    """The 花名册's rows: each child on the roll, by village and name (as the laptop's
    ``services.printing.roster`` orders them: pinyin, then the name)."""
    if not found.for_roster:
        raise ValueError("read(..., roster=False) holds no visits nor categories")
    visits = found.gathered["visits"]  # corrections applied
    lines = []
    for child_id in found.on_roll:
        c = found.records["child"][child_id]
        birth = day(c.get("birth_date"))
        _, level, colour = found.gathered["assessed"].get(child_id, (None, None, None))
        name = str(c.get("name") or "")
        held = tuple(
            m.category
            for m in found.gathered["categories"].get(child_id, ())
            if active_on(m.recognized_on, m.ended_on, found.as_of)
        )
        lines.append(
            ChildSummary(
                id=child_id,
                file_no=c.get("file_no"),
                name=name,
                sex=_code(Sex, c.get("sex"), Sex.UNKNOWN),
                birth_date=birth,
                age=age_on(birth, found.as_of) if birth else None,
                id_number=c.get("id_number"),
                region_code=found.regions.get(child_id, ""),
                active=True,
                categories=held,
                colour=colour,
                level=level or GuardianshipLevel.UNKNOWN,
                school_stage=_code(SchoolStage, c.get("school_stage"), SchoolStage.UNKNOWN),
                last_visit_on=visits.get(child_id, (None, None))[0],
                search_key=pinyin_key(name),
            )
        )
    lines.sort(key=lambda s: (s.region_code, s.search_key, s.name, s.id))
    return lines


def _carer_groups(records: Records) -> dict[str, str]:
    found: dict[str, str] = {}
    for carer in records["carer"].values():
        child_id = carer.get("child_id")
        if not child_id:
            continue
        grand = choice(Relation, carer.get("relation")) in GRANDPARENTS
        if found.get(child_id) != "grandparents":
            found[child_id] = "grandparents" if grand else "relatives"
    return found


def _assistance(records: Records, as_of: date) -> dict[str, set[AssistanceKind]]:
    found: dict[str, set[AssistanceKind]] = {}
    for aid in records["assistance"].values():
        kind = choice(AssistanceKind, aid.get("kind"))
        start, end = day(aid.get("start_date")), day(aid.get("end_date"))
        if kind is None or not aid.get("child_id"):
            continue
        if (start is None or start <= as_of) and (end is None or end >= as_of):
            found.setdefault(aid["child_id"], set()).add(kind)
    return found


def _code(kind: Any, value: Any, unknown: Any) -> Any:
    return choice(kind, value) or unknown
