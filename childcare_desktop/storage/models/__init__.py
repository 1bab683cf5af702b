"""The store's tables. Every synced table mixes in :class:`Synced`."""

from .base import Base, Code, Synced, new_id
from .care import CareAgreement
from .child import Carer, CategoryMembership, Child, EnrollmentEvent, FamilyMember
from .local import (
    AuditEntry,
    Blob,
    FieldBase,
    Outbox,
    Setting,
    SyncConflict,
    SyncHeld,
    SyncResolution,
    SyncSite,
    SyncState,
)
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

SYNCED_MODELS: tuple[type[Synced], ...] = (
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
    CountyPolicy,
)

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
    "EnrollmentEvent",
    "FamilyMember",
    "FieldBase",
    "Incident",
    "IncidentFollowup",
    "Outbox",
    "Setting",
    "SyncConflict",
    "SyncHeld",
    "SyncResolution",
    "SyncSite",
    "SyncState",
    "Synced",
    "Visit",
    "VisitAmendment",
    "new_id",
]
