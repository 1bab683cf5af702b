"""The child's whole file (一人一档), read in one unit of work and audited as a view."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..core.dates import age_on
from ..core.records import (
    AssessmentRecord,
    AssistanceRecord,
    CarerRecord,
    ChildFile,
    ChildRecord,
    EnrollmentRecord,
    FamilyMemberRecord,
)
from ..core.worklist import build_worklist
from ..storage.models import (
    Assessment,
    Assistance,
    Carer,
    Child,
    EnrollmentEvent,
    FamilyMember,
    Synced,
)
from . import facts
from .agreements import list_agreements
from .attachments import list_attachments
from .categories import category_record, memberships
from .clues import clues_of_child
from .common import load, record_audit, to_record
from .dropouts import list_dropouts
from .history import child_history
from .incidents import list_reports
from .pairing import list_pairings
from .problems import list_problems
from .quarterly_checks import list_quarterly_checks
from .school_notices import list_notices
from .service_plans import list_plans
from .visits import list_visits
from .worklist import current_policy, gather_records


def get_child_file(
    session: Session, *, child_id: str, as_of: date | None = None, include_incidents: bool = False
) -> ChildFile:
    """Everything about one child. Reports (强制报告) are included only when asked for,
    by a caller whose user may see them; the view is written to the audit log."""
    as_of = as_of or date.today()
    child = load(session, Child, child_id)
    g = facts.gather(session, facts.Scope(as_of, [child.id]))
    active = child.id not in g.exited
    row = session.execute(select(*facts.CHILD_COLUMNS).where(Child.id == child.id)).one()
    work = ()
    policy = current_policy(session, as_of=as_of)[0]
    checks = list_quarterly_checks(session, child_id=child.id)
    if active:
        # the report stages only where the caller may see reports at all
        records = gather_records(session, as_of=as_of, child_id=child.id, reports=include_incidents)
        work = tuple(build_worklist([facts.facts_for(row, g)], as_of, policy, records))
    # read before this view is logged
    history = child_history(session, child_id=child.id, include_incidents=include_incidents)
    record_audit(session, "child_viewed", child.id, incidents=include_incidents)
    return ChildFile(
        child=to_record(child, ChildRecord),
        as_of=as_of,
        age=age_on(child.birth_date, as_of) if child.birth_date else None,
        active=active,
        family=_rows(session, FamilyMember, child.id, FamilyMemberRecord),
        carers=_rows(session, Carer, child.id, CarerRecord),
        agreements=list_agreements(session, child_id=child.id),
        categories=tuple(category_record(child, m) for m in memberships(session, child.id)),
        assessments=tuple(
            sorted(
                _rows(session, Assessment, child.id, AssessmentRecord),
                key=lambda a: a.assessed_on,
                reverse=True,
            )
        ),
        visits=list_visits(session, child_id=child.id),
        incidents=(
            list_reports(session, child_id=child.id, policy=policy, as_of=as_of)
            if include_incidents
            else ()
        ),
        assistance=_rows(session, Assistance, child.id, AssistanceRecord),
        enrollment=tuple(
            sorted(
                _rows(session, EnrollmentEvent, child.id, EnrollmentRecord), key=lambda e: e.on_date
            )
        ),
        attachments=list_attachments(session, child_id=child.id),
        work=work,
        history=history,
        dropouts=list_dropouts(session, child_id=child.id),
        problems=list_problems(session, child_id=child.id),
        service_plans=list_plans(session, child_id=child.id),
        clues=clues_of_child(session, child_id=child.id) if include_incidents else (),
        quarterly_checks=checks,
        pairings=list_pairings(session, child_id=child.id),
        school_notices=list_notices(session, child_id=child.id),
    )


def _rows(session: Session, model: type[Synced], child_id: str, record: type) -> tuple:  # type: ignore[type-arg]
    rows = session.scalars(
        select(model)
        .where(model.child_id == child_id, model.deleted.is_(False))  # type: ignore[attr-defined]
        .order_by(model.created_hlc)
    )
    return tuple(to_record(r, record) for r in rows)
