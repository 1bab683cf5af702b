"""强制报告: mandatory reports to the police and their follow-up steps.

A report is a record of fact and is never edited; what happens next is added as
follow-ups (应急处置 -> 评估帮扶 -> 监护干预 -> 结案). Reports are confidential: they never
appear on rosters, and the reporter's identity is kept with the report only.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from ..core.errors import Kind, ValidationError
from ..core.policy import DEFAULT_POLICY, Policy
from ..core.records import FollowupRecord, IncidentRecord
from ..core.report_deadlines import ReportFacts, StageStatus, stage_deadlines
from ..core.vocab import FollowupStage, Situation
from ..storage.models import Child, Incident, IncidentFollowup
from . import fields
from .common import load, save, to_record

_SITUATIONS = fields.choices(Situation)


def file_report(
    session: Session,
    *,
    child_id: str,
    discovered_at: datetime | str,
    situations: Iterable[Situation | str],
    description: str,
    reported_to: str,
    reported_at: datetime | str,
    **values: Any,
) -> IncidentRecord:
    """Record a report made to the police: what was seen, when, to whom, the receipt."""
    child = load(session, Child, child_id)
    found = fields.moment("discovered_at", discovered_at)
    reported = fields.moment("reported_at", reported_at)
    if reported < found:
        raise ValidationError(Kind.DATE_ORDER, "reported_at")
    if child.birth_date is not None and found.date() < child.birth_date:
        raise ValidationError(Kind.DATE_BEFORE_BIRTH, "discovered_at")
    kinds = _SITUATIONS("situations", list(situations))
    if not kinds:
        raise ValidationError(Kind.REQUIRED, "situations")
    rules = {
        "discovered_how": fields.text(100),
        "emergency_measures": fields.note,
        "report_method": fields.text(40),
        "receipt_no": fields.text(60),
        "also_notified": fields.text_list(),
        "reporter_name": fields.person_name(required=False),
        "reporter_phone": fields.phone,
    }
    incident = Incident(
        child_id=child.id,
        region_code=child.region_code,
        discovered_at=found,
        situations=kinds,
        reported_at=reported,
        description=fields.text(fields.NOTE_MAX, required=True)("description", description),
        reported_to=fields.text(100, required=True)("reported_to", reported_to),
        **fields.clean_fields(rules, values),
    )
    save(session, incident, "report_filed", child.id, incident=incident.id)
    return _record(incident, [])


def add_followup(
    session: Session,
    *,
    incident_id: str,
    stage: FollowupStage | str,
    on_date: date | str,
    action: str,
    result: str | None = None,
    done_by: str | None = None,
) -> FollowupRecord:
    incident = load(session, Incident, incident_id)
    when = fields.day(required=True)("on_date", on_date)
    if when < incident.discovered_at.date():
        raise ValidationError(Kind.DATE_ORDER, "on_date")
    step = IncidentFollowup(
        incident_id=incident.id,
        region_code=incident.region_code,
        stage=fields.choice(FollowupStage)("stage", stage),
        on_date=when,
        action=fields.text(fields.NOTE_MAX, required=True)("action", action),
        result=fields.note("result", result),
        done_by=fields.person_name(required=False)("done_by", done_by),
    )
    save(session, step, "report_followup", incident.child_id, incident=incident.id)
    return to_record(step, FollowupRecord)


def list_reports(
    session: Session,
    *,
    child_id: str,
    policy: Policy = DEFAULT_POLICY,
    as_of: date | None = None,
) -> tuple[IncidentRecord, ...]:
    """A child's reports, newest first, each with its follow-ups and its stages' deadlines
    under ``policy`` as of ``as_of`` (today)."""
    as_of = as_of or date.today()
    incidents = list(
        session.scalars(
            select(Incident)
            .where(Incident.child_id == child_id, Incident.deleted.is_(False))
            .order_by(Incident.reported_at.desc())
        )
    )
    steps: dict[str, list[IncidentFollowup]] = {}
    if incidents:
        for step in session.scalars(
            select(IncidentFollowup)
            .where(
                IncidentFollowup.incident_id.in_([i.id for i in incidents]),
                IncidentFollowup.deleted.is_(False),
            )
            .order_by(IncidentFollowup.on_date, IncidentFollowup.created_hlc)
        ):
            steps.setdefault(step.incident_id, []).append(step)
    return tuple(_record(i, steps.get(i.id, []), policy, as_of) for i in incidents)


def open_reports(session: Session, *, child_id: str | None = None) -> list[ReportFacts]:
    """Every report of the store (or of one child) not closed (结案), with the dates of
    its follow-ups, for the worklist. Nothing of what was reported or by whom."""
    live: list[ColumnElement[bool]] = [Incident.deleted.is_(False)]
    if child_id is not None:
        live.append(Incident.child_id == child_id)
    reports = {
        row.id: row
        for row in session.execute(
            select(
                Incident.id, Incident.child_id, Incident.reported_at, Incident.emergency_measures
            ).where(*live)
        )
    }
    steps: dict[str, list[tuple[FollowupStage, date]]] = {}
    for key, stage, on in session.execute(
        select(IncidentFollowup.incident_id, IncidentFollowup.stage, IncidentFollowup.on_date)
        .join(Incident, Incident.id == IncidentFollowup.incident_id)
        .where(IncidentFollowup.deleted.is_(False), *live)
    ):
        steps.setdefault(key, []).append((stage, on))
    return [
        _facts(row, steps.get(key, []))
        for key, row in reports.items()
        if all(stage is not FollowupStage.CLOSED for stage, _on in steps.get(key, []))
    ]


def _facts(row: Any, steps: list[tuple[FollowupStage, date]]) -> ReportFacts:
    reported = row.reported_at.date()
    # 已采取的紧急措施 written on the report: 应急处置 was done when it was reported.
    emergency = reported if (row.emergency_measures or "").strip() else None
    return ReportFacts(row.id, row.child_id, reported, tuple(steps), emergency)


def _record(
    incident: Incident,
    steps: list[IncidentFollowup],
    policy: Policy | None = None,
    as_of: date | None = None,
) -> IncidentRecord:
    """The report as a record; with its stages' deadlines when the policy is given (a
    report just filed is returned without: the file view reads it again)."""
    stages: tuple[StageStatus, ...] = ()
    if policy is not None and as_of is not None:
        facts = _facts(incident, [(s.stage, s.on_date) for s in steps])
        stages = stage_deadlines(facts, policy.report_deadlines, as_of, policy.public_holidays)
    return to_record(
        incident,
        IncidentRecord,
        followups=tuple(to_record(s, FollowupRecord) for s in steps),
        stages=stages,
    )
