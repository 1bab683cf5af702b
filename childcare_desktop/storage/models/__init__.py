"""The store's tables. Every synced table mixes in :class:`Synced`."""

from ...core.entities import ENTITIES
from .base import Base, Code, Synced, new_id
from .care import CareAgreement
from .child import Carer, CategoryMembership, Child, EnrollmentEvent, FamilyMember
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
)
from .pairing import Pairing, PairingContact, SchoolNotice
from .place import Place
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
from .spot import SpotFinding
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
    "Outbox",
    "Pairing",
    "PairingContact",
    "Persuasion",
    "Place",
    "Review",
    "SchoolNotice",
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
    "WorkLog",
    "WorkLogChild",
    "model_of",
    "new_id",
]
