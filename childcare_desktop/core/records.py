"""Plain records that use cases return and screens and documents read.

They are frozen dataclasses, so no view can trigger a database query by touching one.
Field names are those of the store's columns.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from .report_deadlines import StageStatus
from .vocab import (
    AgreementState,
    AssistanceKind,
    BenefitsRight,
    Category,
    ClueHandling,
    ClueOutcome,
    ClueSource,
    ClueState,
    DisabilityKind,
    DropoutReason,
    DropoutState,
    EnrollmentEventKind,
    EntrustReason,
    ExitReason,
    FamilyChange,
    FollowupStage,
    GuardianshipLevel,
    Health,
    HelperRole,
    HukouType,
    IdType,
    Incapacity,
    LifeStatus,
    NoticeMode,
    PairingContactMode,
    PersuasionOutcome,
    ProblemKind,
    ProblemState,
    Relation,
    RiskColour,
    SchoolStage,
    Sex,
    VisitMode,
    YesNo,
)
from .worklist import WorkItem


@dataclass(frozen=True, slots=True)
class ChildRecord:
    id: str
    region_code: str
    file_no: str | None
    name: str
    sex: Sex
    ethnicity: str | None
    birth_date: date | None
    id_type: IdType
    id_number: str | None
    hukou_registered: YesNo
    hukou_type: HukouType
    hukou_address: str | None
    current_address: str | None
    phone: str | None
    health: Health
    disability_kind: DisabilityKind | None
    disability_grade: int | None
    illness: str | None
    school_stage: SchoolStage
    school_name: str | None
    school_grade: str | None
    boarding: YesNo
    economic_sources: tuple[str, ...]
    entrust_reason: EntrustReason
    has_carer: YesNo
    registered_on: date
    notes: str | None


@dataclass(frozen=True, slots=True)
class FamilyMemberRecord:
    id: str
    child_id: str
    relation: Relation
    name: str | None
    birth_date: date | None
    life: LifeStatus
    id_type: IdType
    id_number: str | None
    phone: str | None
    work_province: str | None
    work_city: str | None
    away_for_work: YesNo
    away_since: date | None
    cross_county: YesNo
    incapacity: Incapacity
    incapacity_since: date | None
    disability_kind: DisabilityKind | None
    disability_grade: int | None
    notes: str | None


@dataclass(frozen=True, slots=True)
class CarerRecord:
    id: str
    child_id: str
    name: str
    id_type: IdType
    id_number: str | None
    phone: str | None
    relation: Relation
    address: str | None
    birth_date: date | None
    health: Health
    lives_with_child: YesNo
    notes: str | None


@dataclass(frozen=True, slots=True)
class AgreementRecord:
    id: str
    child_id: str
    principal_id: str | None
    carer_id: str | None
    state: AgreementState
    start_date: date | None
    end_date: date | None
    contact_frequency: str | None
    fee: str | None
    child_opinion: str | None
    remote_confirmation: YesNo
    remote_note: str | None
    signed_on: date | None
    signed_by_principal: str | None
    signed_by_carer: str | None
    witness: str | None
    filed_on: date | None
    ended_on: date | None
    end_reason: str | None
    supersedes_id: str | None
    scan_attachment_id: str | None
    notes: str | None


@dataclass(frozen=True, slots=True)
class CategoryRecord:
    id: str
    child_id: str
    category: Category
    recognized_on: date | None
    ended_on: date | None
    end_reason: str | None
    basis: str | None
    ends_by_age_on: date | None = None  # derived: the day the category ends by age


@dataclass(frozen=True, slots=True)
class AssessmentRecord:
    id: str
    child_id: str
    assessed_on: date
    assessor: str | None
    level: GuardianshipLevel
    colour: RiskColour
    score_guardianship: int | None
    score_health: int | None
    score_behaviour: int | None
    reason: str | None


@dataclass(frozen=True, slots=True)
class AmendmentRecord:
    id: str
    visit_id: str
    field: str
    value: str | None
    reason: str
    amended_on: date


@dataclass(frozen=True, slots=True)
class VisitRecord:
    """A visit as it stands after its amendments (``voided`` if withdrawn)."""

    id: str
    child_id: str
    visited_on: date
    mode: VisitMode
    visitor: str | None
    companions: str | None
    met_child: YesNo
    carer_present: YesNo
    child_condition: str | None
    findings: str | None
    actions: str | None
    notes: str | None
    voided: bool = False
    amendments: tuple[AmendmentRecord, ...] = ()


@dataclass(frozen=True, slots=True)
class FollowupRecord:
    id: str
    incident_id: str
    stage: FollowupStage
    on_date: date
    action: str
    result: str | None
    done_by: str | None


@dataclass(frozen=True, slots=True)
class IncidentRecord:
    id: str
    child_id: str
    discovered_at: datetime
    discovered_how: str | None
    situations: tuple[str, ...]
    description: str
    emergency_measures: str | None
    reported_to: str
    reported_at: datetime
    report_method: str | None
    receipt_no: str | None
    also_notified: tuple[str, ...]
    reporter_name: str | None
    reporter_phone: str | None
    confidential: bool
    followups: tuple[FollowupRecord, ...] = ()
    stages: tuple[StageStatus, ...] = ()  # each stage's deadline and whether it was met


@dataclass(frozen=True, slots=True)
class AssistanceRecord:
    id: str
    child_id: str
    kind: AssistanceKind
    start_date: date | None
    end_date: date | None
    amount_yuan: int | None
    period: str | None
    provider: str | None
    note: str | None


@dataclass(frozen=True, slots=True)
class PersuasionRecord:
    id: str
    dropout_id: str
    on_date: date
    done_by: str | None
    method: str | None
    outcome: PersuasionOutcome
    note: str | None


@dataclass(frozen=True, slots=True)
class DropoutRecord:
    id: str
    child_id: str
    school: str | None
    grade: str | None
    left_on: date
    reason: DropoutReason
    notes: str | None
    state: DropoutState
    reported_on: date | None
    attempts: tuple[PersuasionRecord, ...] = ()  # oldest first


@dataclass(frozen=True, slots=True)
class ProblemStepRecord:
    id: str
    problem_id: str
    on_date: date
    action: str
    result: str | None


@dataclass(frozen=True, slots=True)
class ProblemRecord:
    id: str
    child_id: str
    kind: ProblemKind
    description: str
    found_on: date
    visit_id: str | None
    assessment_id: str | None
    handled_by: str | None
    target_on: date
    state: ProblemState
    closed_on: date | None
    solution: str | None
    steps: tuple[ProblemStepRecord, ...] = ()  # oldest first

    def overdue_on(self, day: date) -> bool:
        """Open past its target date on ``day``."""
        return self.state is ProblemState.OPEN and self.target_on < day


@dataclass(frozen=True, slots=True)
class ServicePlanRecord:
    id: str
    child_id: str
    colour: RiskColour
    measures: str  # one measure a line
    responsible: str
    frequency: str
    written_on: date
    review_due: date | None


@dataclass(frozen=True, slots=True)
class ClueRecord:
    """A clue (线索) from a hotline, the school, the village or the police, and what the
    director made of it."""

    id: str
    region_code: str
    source: ClueSource
    source_detail: str | None
    received_at: datetime
    content: str
    safety: bool
    child_id: str | None
    about: str | None
    state: ClueState
    handling: ClueHandling | None
    incident_id: str | None
    visit_id: str | None
    handled_on: date | None
    handling_note: str | None
    outcome: ClueOutcome | None
    outcome_note: str | None
    closed_on: date | None
    child_name: str = ""  # the child on file, if any (else ``about`` names the child)


@dataclass(frozen=True, slots=True)
class PairingContactRecord:
    id: str
    pairing_id: str
    contacted_on: date
    mode: PairingContactMode
    content: str | None


@dataclass(frozen=True, slots=True)
class PairingRecord:
    id: str
    child_id: str
    helper_name: str
    helper_role: HelperRole
    phone: str | None
    since: date
    until: date | None
    end_reason: str | None
    contacts: tuple[PairingContactRecord, ...] = ()  # oldest first

    @property
    def active(self) -> bool:
        return self.until is None


@dataclass(frozen=True, slots=True)
class SchoolNoticeRecord:
    id: str
    child_id: str
    school_name: str
    told_on: date
    mode: NoticeMode
    contents: tuple[str, ...]  # NoticeContent codes
    told_whom: str | None
    note: str | None


@dataclass(frozen=True, slots=True)
class EnrollmentRecord:
    id: str
    child_id: str
    kind: EnrollmentEventKind
    on_date: date
    reason: ExitReason | None
    note: str | None


@dataclass(frozen=True, slots=True)
class AttachmentRecord:
    id: str
    child_id: str
    owner_table: str | None
    owner_id: str | None
    sha256: str
    name: str
    mime: str
    size: int
    kind: str
    note: str | None


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    at: str  # wall-clock time of the laptop, ISO 8601
    actor: str
    action: str  # e.g. "visit_logged"; the screen shows it in words
    detail: dict[str, object]  # ids and field names, never values


@dataclass(frozen=True, slots=True)
class ChildSummary:
    """One row of the roster."""

    id: str
    file_no: str | None
    name: str
    sex: Sex
    birth_date: date | None
    age: int | None
    id_number: str | None
    region_code: str
    active: bool
    categories: tuple[Category, ...]
    colour: RiskColour | None
    level: GuardianshipLevel
    school_stage: SchoolStage
    last_visit_on: date | None
    overdue: bool = False
    search_key: str = ""  # pinyin spellings and initials of the name (core.search)


@dataclass(frozen=True, slots=True)
class QuarterlyCheckRecord:
    """季度核实: one quarter's verification of a child in difficulty's family."""

    id: str
    child_id: str
    quarter: str  # 2026Q4
    checked_on: date
    changes: tuple[FamilyChange, ...]
    change_note: str | None
    benefits_ok: BenefitsRight
    benefits_note: str | None
    checked_by: str


@dataclass(frozen=True, slots=True)
class ChildFile:
    """The whole file of one child (一人一档), as of a date."""

    child: ChildRecord
    as_of: date
    age: int | None
    active: bool
    family: tuple[FamilyMemberRecord, ...]
    carers: tuple[CarerRecord, ...]
    agreements: tuple[AgreementRecord, ...]
    categories: tuple[CategoryRecord, ...]
    assessments: tuple[AssessmentRecord, ...]  # newest first
    visits: tuple[VisitRecord, ...]  # newest first
    incidents: tuple[IncidentRecord, ...]  # empty unless the caller may see them
    assistance: tuple[AssistanceRecord, ...]
    enrollment: tuple[EnrollmentRecord, ...]
    attachments: tuple[AttachmentRecord, ...]
    work: tuple[WorkItem, ...] = field(default=())
    history: tuple[HistoryEntry, ...] = field(default=())
    dropouts: tuple[DropoutRecord, ...] = field(default=())  # newest first
    problems: tuple[ProblemRecord, ...] = field(default=())  # open first, then newest
    service_plans: tuple[ServicePlanRecord, ...] = field(default=())  # newest first
    clues: tuple[ClueRecord, ...] = field(default=())  # newest first; with the reports only
    quarterly_checks: tuple[QuarterlyCheckRecord, ...] = field(default=())  # newest first
    pairings: tuple[PairingRecord, ...] = field(default=())  # newest first
    school_notices: tuple[SchoolNoticeRecord, ...] = field(default=())  # newest first

    @property
    def latest_assessment(self) -> AssessmentRecord | None:
        return self.assessments[0] if self.assessments else None
