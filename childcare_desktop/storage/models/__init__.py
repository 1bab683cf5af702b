"""The store's tables. Every synced table mixes in :class:`Synced`."""

from ...core.entities import ENTITIES
from .base import Base, Code, Synced, new_id
from .care import CareAgreement
from .child import Carer, CategoryMembership, Child, EnrollmentEvent, FamilyMember
from .clue import Clue
from .dropout import Dropout, Persuasion
from .duplicates import DuplicateCase, DuplicateDecision
from .local import (
    AuditEntry,
    Blob,
    FieldBase,
    Outbox,
    Setting,
    SyncConflict,
    SyncFlag,
    SyncHeld,
    SyncMove,
    SyncResolution,
    SyncSite,
    SyncState,
    VisitLatest,
    WorkTouched,
    WorkTouchedState,
)
from .pairing import Pairing, PairingContact, SchoolNotice
from .place import Place
from .problem import Problem, ProblemStep
from .quarterly import QuarterlyCheck
from .records import (
    Assessment,
    Assistance,
    Attachment,
    CountyPolicy,
    Incident,
    IncidentFollowup,
    Visit,
    VisitAmendment,
)
from .review import Review
from .service_plan import ServicePlan
from .spot import SpotFinding
from .three_left import LeftBehindAdult, LeftBehindAdultVisit
from .transfer import Transfer
from .work_log import WorkLog, WorkLogChild

_BY_TABLE: dict[str, type[Synced]] = {
    m.__tablename__: m
    for m in (
        Child,
        FamilyMember,
        Carer,
        CategoryMembership,
        EnrollmentEvent,
        CareAgreement,
        Assessment,
        Visit,
        VisitAmendment,
        Incident,
        IncidentFollowup,
        Assistance,
        Attachment,
        DuplicateDecision,
        Review,
        Transfer,
        CountyPolicy,
        Dropout,
        Persuasion,
        WorkLog,
        WorkLogChild,
        Problem,
        ProblemStep,
        LeftBehindAdult,
        LeftBehindAdultVisit,
        ServicePlan,
        Clue,
        QuarterlyCheck,
        Pairing,
        PairingContact,
        SchoolNotice,
    )
}
# The synced tables in the registry's order (parents first); the registry says the rest.
SYNCED_MODELS: tuple[type[Synced], ...] = tuple(_BY_TABLE[e.table] for e in ENTITIES)


def model_of(table: str) -> type[Synced]:
    """The model of a synced table named in the registry."""
    return _BY_TABLE[table]


__all__ = [
    "SYNCED_MODELS",
    "Assessment",
    "Assistance",
    "Attachment",
    "AuditEntry",
    "Base",
    "Blob",
    "CareAgreement",
    "Carer",
    "CategoryMembership",
    "Child",
    "Clue",
    "Code",
    "CountyPolicy",
    "Dropout",
    "DuplicateCase",
    "DuplicateDecision",
    "EnrollmentEvent",
    "FamilyMember",
    "FieldBase",
    "Incident",
    "IncidentFollowup",
    "LeftBehindAdult",
    "LeftBehindAdultVisit",
    "Outbox",
    "Pairing",
    "PairingContact",
    "Persuasion",
    "Place",
    "Problem",
    "ProblemStep",
    "QuarterlyCheck",
    "Review",
    "SchoolNotice",
    "ServicePlan",
    "Setting",
    "SpotFinding",
    "SyncConflict",
    "SyncFlag",
    "SyncHeld",
    "SyncMove",
    "SyncResolution",
    "SyncSite",
    "SyncState",
    "Synced",
    "Transfer",
    "Visit",
    "VisitAmendment",
    "VisitLatest",
    "WorkLog",
    "WorkLogChild",
    "WorkTouched",
    "WorkTouchedState",
    "model_of",
    "new_id",
]
