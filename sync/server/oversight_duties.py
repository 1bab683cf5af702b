"""The records beside the children's facts that make work (issue 18), as the county
server holds them: the core's :class:`~childcare_desktop.core.duty_work.Records`, which
the laptop gathers from its store (``services.worklist.gather_records``), gathered here
from the server's fields, so that the dashboard counts every kind of work by the core's
own rules (:func:`~childcare_desktop.core.duty_work.duty_items`).

What the server cannot know as the laptop does: when a child's school last changed is
the device time of the latest edit of ``school_name`` the server logged (the laptop
reads its own audit); a plan is told from another of the same day by its id, not by the
moment it was made.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from sqlalchemy import case, func, select
from sqlalchemy.engine import Connection

from childcare_desktop.core.duty_work import (
    ClueFacts,
    DropoutFacts,
    FindingFacts,
    ProblemFacts,
)
from childcare_desktop.core.duty_work import Records as Duties
from childcare_desktop.core.entities import entity
from childcare_desktop.core.pairing_work import NoticeFacts, PairingFacts
from childcare_desktop.core.quarters import previous, quarter_of
from childcare_desktop.core.report_deadlines import ReportFacts
from childcare_desktop.core.roles import Permission
from childcare_desktop.core.service_plans import PlanFacts
from childcare_desktop.core.vocab import (
    ClueState,
    DropoutState,
    FollowupStage,
    ProblemState,
    RiskColour,
    SchoolStage,
)
from childcare_desktop.core.worklist import WorkKind

from ..protocol import Status
from . import oversight_read, spot_checks
from . import schema as s
from .oversight_read import Records, choice, day

# table -> the fields the duties read of it (besides oversight_read.FIELDS): what makes
# work due, none of the words the laptop shows beside it (the console only counts)
FIELDS: dict[str, tuple[str, ...]] = {
    "child": ("school_name",),
    "incident": ("reported_at", "emergency_measures"),
    "dropout": ("child_id", "left_on", "state", "deleted"),
    "persuasion": ("dropout_id", "on_date", "deleted"),
    "problem": ("child_id", "target_on", "state", "deleted"),
    "service_plan": ("child_id", "colour", "written_on", "review_due", "deleted"),
    "clue": ("child_id", "received_at", "safety", "state", "deleted"),
    "quarterly_check": ("child_id", "quarter", "deleted"),
    "pairing": ("child_id", "since", "until", "deleted"),
    "pairing_contact": ("pairing_id", "contacted_on", "deleted"),
    "school_notice": ("child_id", "school_name", "told_on", "deleted"),
}

# what the dashboard reads: a child's facts' fields and the duties'
READ = {
    t: oversight_read.FIELDS.get(t, ()) + FIELDS.get(t, ())
    for t in {**oversight_read.FIELDS, **FIELDS}
}
OPEN_DROPOUT = (DropoutState.OPEN, None)  # a dropout is open unless it says otherwise
SHUT = (ClueState.HANDLED, ClueState.CLOSED)  # a clue handled or closed makes no work

# The table each kind's items come from: who may not receive its records (the entity's
# readers) sees no count of them either.
SOURCES: dict[WorkKind, str] = {
    WorkKind.DROPOUT_PERSUASION: "dropout",
    WorkKind.PROBLEM_DUE: "problem",
    WorkKind.SERVICE_PLAN_MISSING: "service_plan",
    WorkKind.SERVICE_PLAN_REVIEW: "service_plan",
    WorkKind.CLUE: "clue",
    WorkKind.REPORT_STAGE: "incident",
    WorkKind.QUARTERLY_CHECK: "quarterly_check",
    WorkKind.PAIRING_CONTACT: "pairing",
    WorkKind.SCHOOL_NOTICE: "school_notice",
}


def hidden_kinds(may: Callable[[Permission], bool]) -> frozenset[str]:
    """The kinds of work whose records a viewer (``may``: its permission test) may not
    receive (a clue, a report's stage without SEE_REPORTS): not counted for it."""
    found = set()
    for kind, table in SOURCES.items():
        known = entity(table)
        if known is not None and not may(known.readers):
            found.add(kind.value)
    return frozenset(found)


def duties(
    conn: Connection, scope: str, records: Records, regions: dict[str, str], today: date
) -> Duties:
    """The duty records of ``scope`` (``records`` read with :data:`FIELDS` too)."""
    return Duties(
        findings=_findings(conn, scope),
        dropouts=_dropouts(records),
        problems=_problems(records),
        plans=_plans(records),
        clues=_clues(records, regions),
        reports=_reports(records),
        quarter_checks=_checked(records, today),
        pairings=_pairings(records),
        notices=_notices(records, _school_changes(conn, scope)),
    )


def _findings(conn: Connection, scope: str) -> list[FindingFacts]:
    found = []
    for f in spot_checks.open_findings(conn, scope):
        drawn = day(f["drawn"])
        if drawn is not None:
            found.append(FindingFacts(f["id"], f["child"], f["label"], f["note"], drawn))
    return found


def _latest(rows: dict[str, dict[str, Any]], owner: str, on: str) -> dict[str, date]:
    """The latest ``on`` of the records of each ``owner``."""
    found: dict[str, date] = {}
    for r in rows.values():
        key, when = r.get(owner), day(r.get(on))
        if key and when is not None and (key not in found or when > found[key]):
            found[key] = when
    return found


def _dropouts(records: Records) -> list[DropoutFacts]:
    last = _latest(records["persuasion"], "dropout_id", "on_date")
    found = []
    for row_id, d in records["dropout"].items():
        left = day(d.get("left_on"))
        if d.get("child_id") and left and choice(DropoutState, d.get("state")) in OPEN_DROPOUT:
            found.append(DropoutFacts(row_id, d["child_id"], left, last.get(row_id)))
    return found


def _problems(records: Records) -> list[ProblemFacts]:
    found = []
    for row_id, p in records["problem"].items():
        target = day(p.get("target_on"))
        state = choice(ProblemState, p.get("state")) or ProblemState.OPEN
        if p.get("child_id") and target and state is ProblemState.OPEN:
            found.append(ProblemFacts(row_id, p["child_id"], target, ""))
    return found


def _plans(records: Records) -> dict[str, PlanFacts]:
    """Each child's current plan: the latest written (the laptop's order, ``bulk``)."""
    found: dict[str, PlanFacts] = {}
    for row_id, p in records["service_plan"].items():
        key, written = p.get("child_id"), day(p.get("written_on"))
        colour = choice(RiskColour, p.get("colour"))
        if not key or written is None or colour is None:
            continue
        plan = PlanFacts(row_id, key, colour, written, day(p.get("review_due")))
        if key not in found or (written, row_id) > (found[key].written_on, found[key].id):
            found[key] = plan
    return found


def _clues(records: Records, regions: dict[str, str]) -> list[ClueFacts]:
    found = []
    for row_id, c in records["clue"].items():
        received = day(c.get("received_at"))
        if received is None or (choice(ClueState, c.get("state")) or ClueState.OPEN) in SHUT:
            continue
        child_id, safety = str(c.get("child_id") or ""), bool(c.get("safety"))
        found.append(ClueFacts(row_id, regions.get(row_id, ""), child_id, "", received, safety, ""))
    return found


def _reports(records: Records) -> list[ReportFacts]:
    """Every report not closed (结案), with its follow-ups' dates."""
    steps: dict[str, list[tuple[FollowupStage, date]]] = {}
    for step in records["incident_followup"].values():
        stage, on = choice(FollowupStage, step.get("stage")), day(step.get("on_date"))
        if step.get("incident_id") and stage is not None and on is not None:
            steps.setdefault(step["incident_id"], []).append((stage, on))
    found = []
    for row_id, r in records["incident"].items():
        reported, done = day(r.get("reported_at")), steps.get(row_id, [])
        if not r.get("child_id") or reported is None:
            continue
        if any(stage is FollowupStage.CLOSED for stage, _on in done):
            continue
        # 已采取的紧急措施 written on the report: 应急处置 done when it was reported.
        emergency = reported if str(r.get("emergency_measures") or "").strip() else None
        found.append(ReportFacts(row_id, r["child_id"], reported, tuple(done), emergency))
    return found


def _checked(records: Records, today: date) -> list[tuple[str, str]]:
    quarters = {quarter_of(today), previous(quarter_of(today))}
    return [
        (str(q["child_id"]), str(q["quarter"]))
        for q in records["quarterly_check"].values()
        if q.get("child_id") and q.get("quarter") in quarters
    ]


def _pairings(records: Records) -> list[PairingFacts]:
    last = _latest(records["pairing_contact"], "pairing_id", "contacted_on")
    found = []
    for row_id, p in records["pairing"].items():
        since = day(p.get("since"))
        if p.get("child_id") and since is not None and not p.get("until"):
            found.append(PairingFacts(row_id, p["child_id"], "", since, last.get(row_id)))
    return found


def _notices(records: Records, changed: dict[str, date]) -> list[NoticeFacts]:
    """Each child in full-time school whose current school was not told since it last
    changed (the laptop's ``school_notices.notices_owed``)."""
    schools = {
        cid: str(c.get("school_name") or "")
        for cid, c in records["child"].items()
        if (stage := choice(SchoolStage, c.get("school_stage"))) and stage.full_time_school
    }
    done = set()
    for n in records["school_notice"].values():
        cid, on = n.get("child_id"), day(n.get("told_on"))
        if cid not in schools or on is None:
            continue
        # a school not recorded in the file: any notice counts
        if _same(schools[cid]) in ("", _same(n.get("school_name"))):
            since = changed.get(cid)
            if since is None or on >= since:
                done.add(cid)
    return [NoticeFacts(c, name, changed.get(c)) for c, name in schools.items() if c not in done]


def _same(name: object) -> str:
    """A school's name as compared: without spaces (typed names vary in them)."""
    return "".join(str(name or "").split())


def _school_changes(conn: Connection, scope: str) -> dict[str, date]:
    """When each child's school was last changed: the device time of the latest edit
    (not the record's first insert) of its ``school_name`` the server logged, never
    after the server received it (a laptop's clock centuries ahead would put the change
    past the calendar's end: the count of every village of the county stopped)."""
    c = s.change_log.c
    region = (
        c.region == scope if len(scope) == 12 else func.substr(c.region, 1, len(scope)) == scope
    )
    took = c.status.in_([Status.APPLIED.value, Status.CONFLICT.value])  # the value stood
    made = case((c.device_ms > c.received_ms, c.received_ms), else_=c.device_ms)
    query = (
        select(c.row_id, func.max(made))
        .where(region, c.tbl == "child", c.field == "school_name", c.kind == "set", took)
        .group_by(c.row_id)
    )
    return {
        row_id: date.fromtimestamp(int(ms) / 1000)
        for row_id, ms in conn.execute(query)
        if ms is not None
    }
