"""What printed documents need besides the records: who prints, where, and the agreement's
verification code.

The QR code on a printed 委托照护协议书 carries ``CCA1|<agreement id>|<digest>``: the digest
is the SHA-256 (first 16 hex digits) of exactly what was signed - parties, child, period,
terms, signatures. Scanning a printed copy and comparing the digest with the store's
tells whether the paper still says what the file says.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from .errors import Kind, ValidationError
from .identity import mask_id
from .records import AgreementRecord, CarerRecord, ChildFile, ChildRecord, FamilyMemberRecord

PAYLOAD_PREFIX = "CCA1"
# The roster's title, printed and on the exported 花名册 sheet alike.
ROSTER_TITLE = "农村留守儿童和困境儿童花名册"
DIGEST_CHARS = 16


@dataclass(frozen=True, slots=True)
class PrintContext:
    printed_by: str
    printed_at: datetime
    village: str = ""
    township: str = ""
    county: str = ""
    full_ids: bool = False  # ID numbers in full (asked for); masked otherwise
    demo: bool = False  # the demo's invented village: every page says so

    def id_text(self, number: str | None) -> str:
        if not number:
            return ""
        return number if self.full_ids else mask_id(number)

    @property
    def place(self) -> str:
        return "".join(part for part in (self.county, self.township, self.village) if part)


@dataclass(frozen=True, slots=True)
class AgreementDocument:
    agreement: AgreementRecord
    child: ChildRecord
    carer: CarerRecord | None
    principal: FamilyMemberRecord | None  # 甲方
    other_parent: FamilyMemberRecord | None  # the other parent, or None


@dataclass(frozen=True, slots=True)
class DossierDocument:
    file: ChildFile
    include_reports: bool  # 强制报告 printed only for a user whose role may see them


def agreement_digest(doc: AgreementDocument) -> str:
    """SHA-256 over the signed content of the agreement (hex)."""
    a, child, carer, principal = doc.agreement, doc.child, doc.carer, doc.principal
    content: dict[str, Any] = {
        "agreement": a.id,
        "child": [child.id, child.name, child.id_number, _day(child.birth_date)],
        "carer": [carer.name, carer.id_number] if carer else None,
        "principal": [principal.name, principal.id_number] if principal else None,
        "period": [_day(a.start_date), _day(a.end_date)],
        "terms": [a.contact_frequency, a.fee, a.child_opinion, a.notes],
        "signed": [
            _day(a.signed_on),
            a.signed_by_principal,
            a.signed_by_carer,
            a.witness,
            _day(a.filed_on),
            a.remote_confirmation.value,
            a.remote_note,
        ],
    }
    canonical = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def qr_payload(doc: AgreementDocument) -> str:
    return f"{PAYLOAD_PREFIX}|{doc.agreement.id}|{agreement_digest(doc)[:DIGEST_CHARS]}"


def parse_payload(text: str) -> tuple[str, str]:
    """(agreement id, digest) from a scanned code; ValidationError if it is not ours."""
    parts = (text or "").strip().split("|")
    if len(parts) != 3 or parts[0] != PAYLOAD_PREFIX or len(parts[2]) != DIGEST_CHARS:
        raise ValidationError(Kind.CODE_INVALID, "payload")
    return parts[1], parts[2].lower()


def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None


@dataclass(frozen=True, slots=True)
class MonthlyReport:
    """One month's work in one area (月报)."""

    month: date  # the first day of the month
    area: str
    children_at_end: int
    new_children: int
    exited: int
    home_visits_due: int  # children whose home visit fell due in the month
    home_visits_done: int  # of those, visited at home in the month
    contacts_due: int
    contacts_done: int
    visits_by_mode: dict[str, int]  # every visit logged in the month, by mode
    assessments: int
    agreements_signed: int
    agreements_expired: int
    reports_filed: int
    overdue_at_end: int  # worklist items overdue on the last day of the month
    cases: CaseCounts | None = None  # problems, dropouts, the work log (issue 18)
    clues_received: int = 0  # 线索 received in the month
    clues_handled: int = 0  # ... and handled (a report, a visit, a note) in the month


@dataclass(frozen=True, slots=True)
class CaseCounts:
    """What the director followed in the month (issue 18): 发现问题和解决方案, 辍学劝返 and the
    工作日志, counted over one area."""

    problems_found: int  # found in the month
    problems_closed: int  # closed (结案) in the month
    problems_overdue: int  # open past their target on the month's last day (today, if sooner)
    dropouts_new: int  # left school in the month
    dropouts_returned: int  # back at school by a 劝返 of the month
    dropouts_open: int  # still being persuaded (劝返中) on that day
    work_log_entries: int  # entries of the 工作日志 dated in the month
