"""The counts behind the township's tables: one row of facts per child for the 汇总表, and
the month's work for the 月报 (visits done against those due, new children, exits, reports).

Counting only; printing.py renders them and writes the print to the audit log.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..core.dates import age_on
from ..core.printing import MonthlyReport
from ..core.summary import SummaryFacts
from ..core.vocab import AgreementState, GuardianshipLevel, Relation, VisitMode
from ..core.worklist import build_worklist, next_due
from ..storage.models import (
    Assessment,
    Assistance,
    CareAgreement,
    Carer,
    Child,
    EnrollmentEvent,
    Incident,
    Visit,
    VisitAmendment,
)
from . import clues, facts
from .case_tallies import case_counts
from .places import place_label
from .preferences import work_settings
from .visits import effective_visit, visit_amendments
from .worklist import current_policy


def summary_facts(
    session: Session, *, as_of: date | None = None, region_prefix: str | None = None
) -> list[SummaryFacts]:
    """One row per child on the roster, as the summary table counts them."""
    as_of = as_of or date.today()
    query = select(Child).where(Child.deleted.is_(False), Child.registered_on <= as_of)
    if region_prefix:
        query = query.where(Child.region_code.startswith(region_prefix))
    children = list(session.scalars(query))
    g = facts.gather(session, facts.Scope(as_of))
    carers = _carer_groups(session)
    aid = _assistance(session, as_of)
    rows = []
    for c in children:
        if c.id in g.exited:
            continue
        level = g.assessed.get(c.id, (None, None, None))[1]
        rows.append(
            SummaryFacts(
                c.region_code,
                c.sex,
                age_on(c.birth_date, as_of) if c.birth_date else None,
                c.school_stage,
                c.hukou_type,
                c.health,
                c.boarding,
                c.entrust_reason,
                carers.get(c.id, "none"),
                level or GuardianshipLevel.UNKNOWN,
                frozenset(aid.get(c.id, ())),
            )
        )
    return rows


def monthly_report(
    session: Session, *, month: date, region_prefix: str | None = None
) -> MonthlyReport:
    """Visits done against visits due in ``month``, new children, exits, reports."""
    first = month.replace(day=1)
    last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
    policy = current_policy(session, as_of=last)[0]
    before = facts.child_facts(
        session, as_of=first - timedelta(days=1), region_prefix=region_prefix
    )
    at_end = facts.child_facts(session, as_of=last, region_prefix=region_prefix)
    in_month = {f.id: f for f in at_end}
    home_due = home_done = contact_due = contact_done = 0
    for child in before:
        end = in_month.get(child.id)
        if end is None:
            continue  # exited during the month
        home_last = child.last_home_visit_on or child.registered_on
        if next_due(child, home_last, "home_visit", policy) <= last:
            home_due += 1
            home_done += bool(end.last_home_visit_on and end.last_home_visit_on >= first)
        contact_last = child.last_contact_on or child.registered_on
        if next_due(child, contact_last, "contact", policy) <= last:
            contact_due += 1
            contact_done += bool(end.last_contact_on and end.last_contact_on >= first)

    def count(model: Any, column: Any, *extra: Any) -> int:
        query = (
            select(func.count())
            .select_from(model)
            .where(
                model.deleted.is_(False),
                column >= first,
                column < last + timedelta(days=1),  # the whole last day, times too
                *extra,
            )
        )
        if region_prefix:
            query = query.where(model.region_code.startswith(region_prefix))
        return session.execute(query).scalar_one()

    modes = _visits_by_mode(session, first, last, region_prefix)
    overdue = sum(i.overdue for i in build_worklist(at_end, last, policy))
    work = work_settings(session)
    clues_in, clues_done = clues.month_counts(
        session, first, last + timedelta(days=1), region_prefix
    )
    return MonthlyReport(
        month=first,
        # one village of a township's store is named as that village, not the township
        area=place_label(session, region_prefix) if region_prefix else work.township + work.village,
        children_at_end=len(at_end),
        new_children=count(Child, Child.registered_on),
        exited=count(EnrollmentEvent, EnrollmentEvent.on_date, EnrollmentEvent.kind == "exit"),
        home_visits_due=home_due,
        home_visits_done=home_done,
        contacts_due=contact_due,
        contacts_done=contact_done,
        visits_by_mode=modes,
        assessments=count(Assessment, Assessment.assessed_on),
        agreements_signed=count(CareAgreement, CareAgreement.signed_on),
        agreements_expired=count(
            CareAgreement, CareAgreement.end_date, CareAgreement.state == AgreementState.SIGNED
        ),
        reports_filed=count(Incident, Incident.reported_at),
        overdue_at_end=overdue,
        cases=case_counts(session, first=first, last=last, region=region_prefix),
        clues_received=clues_in,
        clues_handled=clues_done,
    )


def _visits_by_mode(
    session: Session, first: date, last: date, region_prefix: str | None
) -> dict[str, int]:
    """Visits in the month as corrected: a voided visit does not count, and an amended
    date or mode counts where it now says (amendments may move a visit in or out)."""
    amended = select(VisitAmendment.visit_id).where(VisitAmendment.deleted.is_(False))
    query = select(Visit).where(
        Visit.deleted.is_(False),
        Visit.visited_on.between(first, last) | Visit.id.in_(amended),
    )
    if region_prefix:
        query = query.where(Visit.region_code.startswith(region_prefix))
    rows = list(session.scalars(query))
    corrections = visit_amendments(session, [v.id for v in rows])
    modes = dict.fromkeys((m.value for m in VisitMode), 0)
    for row in rows:
        visit = effective_visit(row, corrections.get(row.id, []))
        if not visit.voided and first <= visit.visited_on <= last:
            modes[visit.mode.value] += 1
    return modes


def _carer_groups(session: Session) -> dict[str, str]:
    """ "grandparents" / "relatives" per child, from the carers on file."""
    grand = {
        Relation.PATERNAL_GRANDFATHER,
        Relation.PATERNAL_GRANDMOTHER,
        Relation.MATERNAL_GRANDFATHER,
        Relation.MATERNAL_GRANDMOTHER,
    }
    found: dict[str, str] = {}
    for child_id, relation in session.execute(
        select(Carer.child_id, Carer.relation).where(Carer.deleted.is_(False))
    ):
        group = "grandparents" if relation in grand else "relatives"
        if found.get(child_id) != "grandparents":
            found[child_id] = group
    return found


def _assistance(session: Session, as_of: date) -> dict[str, set[Any]]:
    found: dict[str, set[Any]] = {}
    for child_id, kind, start, end in session.execute(
        select(
            Assistance.child_id, Assistance.kind, Assistance.start_date, Assistance.end_date
        ).where(Assistance.deleted.is_(False))
    ):
        if (start is None or start <= as_of) and (end is None or end >= as_of):
            found.setdefault(child_id, set()).add(kind)
    return found
