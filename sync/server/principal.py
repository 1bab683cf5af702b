"""Who is calling: a device, its user, the user's role and region."""

from __future__ import annotations

from dataclasses import dataclass

from childcare_desktop.core.roles import Permission, Role, in_scope, overlaps


@dataclass(frozen=True, slots=True)
class Principal:
    device_id: str
    user_id: int
    user_name: str
    role: Role
    region: str

    def may(self, permission: Permission) -> bool:
        return self.role.may(permission)

    def can_write(self, region: str) -> bool:
        """Whether the user may change records filed under ``region``."""
        return self.may(Permission.WRITE) and in_scope(self.region, region)

    def can_read(self, region: str) -> bool:
        """Whether records filed under ``region`` reach the user (a county's policy
        reaches every village of the county)."""
        return self.may(Permission.READ) and overlaps(self.region, region)
