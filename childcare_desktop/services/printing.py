"""Printing: gather a document's records, render it, and write the print to the audit log.

Every print is an audit entry (who, which child or area, which document, whether full ID
numbers or reports were included). Mandatory reports are printed only when asked for and
the user's role may see them. Batch printing writes one PDF per child (一人一档) as it
goes, so memory stays flat however many children are printed.

Each document's module (and reportlab with it) is imported by the function that prints
it: the app's first screen imports this module but prints nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..core.errors import Kind, ValidationError
from ..core.printing import (
    AgreementDocument,
    DossierDocument,
    PrintContext,
    agreement_digest,
    parse_payload,
)
from ..core.records import AgreementRecord, CarerRecord, ChildRecord, FamilyMemberRecord
from ..core.roles import Permission, may
from ..core.summary import summary_table
from ..core.vocab import AgreementState, Relation
from ..core.worklist import WorkKind
from ..storage.models import (
    CareAgreement,
    Carer,
    Child,
    FamilyMember,
)
from .agreements import list_agreements
from .common import Progress, actor, load, record_audit, to_record
from .files import get_child_file
from .places import place_names, place_parts, village_label
from .preferences import work_settings
from .roster import RosterFilter, search_roster
from .tallies import monthly_report, summary_facts
from .visits import list_visits


def context(session: Session, *, full_ids: bool = False, region: str | None = None) -> PrintContext:
    """Who prints, where, and whether ID numbers print in full.

    打印人 is the store's user (the name set in 设置 or ``childcare init``), the same from the
    window and the command line; only a store that has no user's name yet falls back to
    the name the store was opened with (the computer's account). The place is
    ``region``'s (a child's village: a township's store prints each child's own village),
    else the store's own, by name (``services.places``).
    """
    work = work_settings(session)
    where = place_parts(session, region)
    return PrintContext(
        printed_by=work.director or actor(session),
        printed_at=datetime.now(),
        village=where.village,
        township=where.township,
        county=where.county,
        full_ids=full_ids,
        demo=work.demo,
    )


def may_see_reports(session: Session) -> bool:
    return may(work_settings(session).role, Permission.SEE_REPORTS)


def dossier(
    session: Session,
    *,
    child_id: str,
    full_ids: bool = False,
    include_reports: bool = False,
    audit: bool = True,
) -> bytes:
    """儿童档案 of one child (``audit=False``: a batch audits itself, once)."""
    from ..documents.dossier import dossier_pdf

    with_reports = include_reports and may_see_reports(session)
    file = get_child_file(session, child_id=child_id, include_incidents=with_reports)
    where = context(session, full_ids=full_ids, region=file.child.region_code)
    pdf = dossier_pdf(DossierDocument(file, with_reports), where)
    if audit:
        record_audit(
            session, "printed", child_id, doc="dossier", full_ids=full_ids, reports=with_reports
        )
    return pdf


def agreement_document(session: Session, *, agreement_id: str) -> AgreementDocument:
    row = load(session, CareAgreement, agreement_id)
    child = to_record(load(session, Child, row.child_id), ChildRecord)
    carer = to_record(session.get(Carer, row.carer_id), CarerRecord) if row.carer_id else None
    principal = (
        to_record(session.get(FamilyMember, row.principal_id), FamilyMemberRecord)
        if row.principal_id
        else None
    )
    parents = session.scalars(
        select(FamilyMember).where(
            FamilyMember.child_id == row.child_id,
            FamilyMember.deleted.is_(False),
            FamilyMember.relation.in_([Relation.FATHER, Relation.MOTHER]),
        )
    )
    parent_records = [to_record(p, FamilyMemberRecord) for p in parents]
    if principal is None:  # not linked: the parent who signed as 甲方, if named as such
        principal = next(
            (p for p in parent_records if p.name and p.name == row.signed_by_principal), None
        )
    other = next((p for p in parent_records if principal is None or p.id != principal.id), None)
    return AgreementDocument(to_record(row, AgreementRecord), child, carer, principal, other)


def agreement(
    session: Session, *, agreement_id: str, full_ids: bool = False, audit: bool = True
) -> bytes:
    """委托照护协议书, three copies, with the verification code.

    The signers' own ID numbers belong on the paper they sign, and the child's on the paper
    that entrusts the child: a role that drafts and witnesses agreements (one that may write
    files) prints all three in full, whatever ``full_ids`` asks; a read-only role gets them
    masked unless it asks. The audit entry says whose numbers were printed in full.
    """
    from ..documents.agreement import agreement_pdf

    doc = agreement_document(session, agreement_id=agreement_id)
    full = full_ids or may(work_settings(session).role, Permission.WRITE)
    where = context(session, full_ids=full, region=doc.child.region_code)
    pdf = agreement_pdf(doc, where)
    if not audit:
        return pdf
    whose = [
        who
        for who, record in (
            ("principal", doc.principal),
            ("carer", doc.carer),
            ("child", doc.child),
        )
        if record is not None and record.id_number
    ]
    record_audit(
        session,
        "printed",
        doc.child.id,
        doc="agreement",
        agreement=agreement_id,
        full_ids=full,
        full_ids_of=whose if full else [],
    )
    return pdf


@dataclass(frozen=True, slots=True)
class Verification:
    status: str  # "match", "changed" (the paper no longer says what the file says), "unknown"
    agreement_id: str
    state: AgreementState | None = None
    child_name: str | None = None


def verify_agreement(session: Session, *, payload: str) -> Verification:
    """Check a scanned code against the store."""
    agreement_id, digest = parse_payload(payload)
    row = session.get(CareAgreement, agreement_id)
    if row is None or row.deleted:
        return Verification("unknown", agreement_id)
    doc = agreement_document(session, agreement_id=agreement_id)
    status = "match" if agreement_digest(doc).startswith(digest) else "changed"
    record_audit(session, "agreement_verified", doc.child.id, agreement=agreement_id, status=status)
    return Verification(status, agreement_id, doc.agreement.state, doc.child.name)


def visit_sheet(
    session: Session, *, child_id: str, visit_id: str | None = None, audit: bool = True
) -> bytes:
    """走访记录表: blank for the child, or filled from one visit."""
    from ..documents.visit_sheet import visit_sheet_pdf

    file = get_child_file(session, child_id=child_id)
    visit = None
    if visit_id:
        visit = next(
            (
                v
                for v in list_visits(session, child_id=child_id, include_voided=True)
                if v.id == visit_id
            ),
            None,
        )
        if visit is None:
            raise ValidationError(Kind.NOT_FOUND, "visit_id", what="visit", ident=visit_id)
    due = next(
        (w.due_on for w in file.work if w.kind in (WorkKind.HOME_VISIT, WorkKind.FIRST_VISIT)), None
    )
    where = context(session, region=file.child.region_code)
    pdf = visit_sheet_pdf(file, where, visit, due)
    if audit:
        record_audit(session, "printed", child_id, doc="visit_sheet", visit=visit_id)
    return pdf


def roster(
    session: Session,
    *,
    region_prefix: str | None = None,
    full_ids: bool = False,
    public: bool = False,
) -> bytes:
    """花名册 of the children on the roster (a village, or a township's villages)."""
    from ..documents.roster import roster_pdf

    children = search_roster(session, filters=RosterFilter(region_prefix=region_prefix))
    children.sort(key=lambda c: (c.region_code, c.search_key))
    pdf = roster_pdf(
        children,
        context(session, full_ids=full_ids),
        villages=_unit_names(session, {c.region_code for c in children}),
        public=public,
    )
    record_audit(
        session,
        "printed",
        doc="roster",
        scope=region_prefix or "all",
        count=len(children),
        full_ids=full_ids,
        public=public,
    )
    return pdf


def summary(
    session: Session, *, region_prefix: str | None = None, as_of: date | None = None
) -> bytes:
    """汇总表 of the children on the roster, by village."""
    from ..documents.summary import summary_pdf

    rows = summary_facts(session, as_of=as_of, region_prefix=region_prefix)
    codes = sorted({r.region_code for r in rows})
    table = summary_table(rows, list(_unit_names(session, set(codes)).items()) or [("", "—")])
    pdf = summary_pdf(table, context(session), as_of=as_of)
    record_audit(session, "printed", doc="summary", scope=region_prefix or "all", count=len(rows))
    return pdf


def monthly(session: Session, *, month: date, region_prefix: str | None = None) -> bytes:
    from ..documents.monthly import monthly_pdf

    report = monthly_report(session, month=month, region_prefix=region_prefix)
    pdf = monthly_pdf(report, context(session))
    record_audit(
        session, "printed", doc="monthly", month=f"{month:%Y-%m}", scope=region_prefix or "all"
    )
    return pdf


DOCUMENTS = ("dossier", "agreement", "visit-sheet", "roster", "summary", "monthly")


def document(
    session: Session,
    *,
    doc: str,
    child_id: str | None = None,
    agreement_id: str | None = None,
    visit_id: str | None = None,
    region_prefix: str | None = None,
    month: date | None = None,
    as_of: date | None = None,
    full_ids: bool = False,
    public: bool = False,
    with_reports: bool = False,
) -> bytes:
    """Any one document by name, as the command line and the print page ask for it."""
    needs_child = doc in ("dossier", "visit-sheet") or (doc == "agreement" and not agreement_id)
    if needs_child and not child_id:
        raise ValidationError(Kind.REQUIRED, "child")
    match doc:
        case "dossier":
            return dossier(
                session, child_id=child_id, full_ids=full_ids, include_reports=with_reports
            )
        case "agreement":
            chosen = agreement_id or printable_agreement(session, child_id=child_id)
            return agreement(session, agreement_id=chosen, full_ids=full_ids)
        case "visit-sheet":
            return visit_sheet(session, child_id=child_id, visit_id=visit_id)
        case "roster":
            return roster(
                session,
                region_prefix=region_prefix,
                full_ids=full_ids and not public,
                public=public,
            )
        case "summary":
            return summary(session, region_prefix=region_prefix, as_of=as_of)
        case "monthly":
            last_month = date.today().replace(day=1) - timedelta(days=1)
            return monthly(session, month=month or last_month, region_prefix=region_prefix)
    raise ValidationError(Kind.INVALID_CHOICE, "doc", value=doc[:20])


# -- batches ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class BatchResult:
    written: tuple[Path, ...]
    cancelled: bool


def print_dossiers(
    run: Callable[[Callable[[Session], Any]], Any],
    child_ids: Sequence[str],
    out_dir: Path,
    *,
    full_ids: bool = False,
    progress: Progress | None = None,
) -> BatchResult:
    """One dossier PDF per child into ``out_dir``; each is written before the next is made.

    ``run(job)`` runs one job in its own transaction (``store.session``), so a batch of
    hundreds never holds the store for long and a cancel stops between two children. File
    names carry the file number, never the child's name (a folder listing is not private).
    """
    progress = progress or Progress()
    written: list[Path] = []
    for index, child_id in enumerate(child_ids):
        if progress.cancelled():
            return BatchResult(tuple(written), True)
        written.append(
            run(
                lambda session, child_id=child_id: dossier_to(
                    session, child_id=child_id, out_dir=out_dir, full_ids=full_ids
                )
            )
        )
        progress.report(index + 1, len(child_ids))
    return BatchResult(tuple(written), False)


def dossier_to(session: Session, *, child_id: str, out_dir: Path, full_ids: bool = False) -> Path:
    """One child's dossier as ``<档案编号>-儿童档案.pdf`` in ``out_dir`` (a batch's step)."""
    child = load(session, Child, child_id)
    pdf = dossier(session, child_id=child_id, full_ids=full_ids)
    return write_pdf(out_dir / f"{_safe(child.file_no or child.id)}-儿童档案.pdf", pdf)


def find_child(session: Session, ref: str) -> str:
    """A child's id from what a user has at hand: the id, the 档案编号 or the ID number."""
    ref = (ref or "").strip()
    found = session.scalars(
        select(Child.id)
        .where(
            Child.deleted.is_(False),
            (Child.id == ref) | (Child.file_no == ref) | (Child.id_number == ref.upper()),
        )
        .limit(2)
    ).all()
    if len(found) != 1:
        raise ValidationError(Kind.NOT_FOUND, "child", what="child", ident=ref[:40])
    return found[0]


def printable_agreement(session: Session, *, child_id: str) -> str:
    """The agreement to print for a child: the one in force, else the newest draft."""
    rows = list_agreements(session, child_id=child_id)
    for state in (AgreementState.SIGNED, AgreementState.DRAFT):
        chosen = next((a for a in rows if a.state is state), None)
        if chosen is not None:
            return chosen.id
    raise ValidationError(Kind.NOT_FOUND, "agreement", what="agreement", ident=child_id)


def write_pdf(path: Path, pdf: bytes) -> Path:
    """Write a document whole or not at all (a temporary name, then a rename)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    try:
        partial.write_bytes(pdf)
        partial.replace(path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return path


def _safe(name: str) -> str:
    return re.sub(r"[^\w\-]", "_", name)


def _unit_names(session: Session, codes: set[str]) -> dict[str, str]:
    """Each village by its name (a township's papers name the township once, above)."""
    names = place_names(session)
    return {code: village_label(code, names, with_township=False) for code in sorted(codes)}
