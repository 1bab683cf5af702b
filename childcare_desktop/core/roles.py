"""Who may do what: the roles of the people who use the app and the county server.

One module for both ends: the laptop decides what it shows and prints with it, the county
server what a device may read and write. A role is held over a region (a 12-digit
village, a 9-digit township or a 6-digit county code); its scope is every region whose
code starts with it.
"""

from __future__ import annotations

from enum import StrEnum


class Permission(StrEnum):
    READ = "read"  # the files of the scope (pull, print, export)
    WRITE = "write"  # change the files of the scope (push)
    RESOLVE = "resolve"  # close a sync conflict of the scope
    SEE_REPORTS = "see_reports"  # mandatory reports (强制报告) and their follow-ups
    SEE_REPORTER = "see_reporter"  # who made a mandatory report (kept confidential)
    ADMINISTER = "administer"  # users, codes, devices, quarantine, policy, place names
    # The township desk (issue 15):
    REVIEW = "review"  # approve or return what a director submitted (审核)
    REQUEST_TRANSFER = "request_transfer"  # ask to move a child to another village
    ACCEPT_TRANSFER = "accept_transfer"  # accept a move into the scope (a township's; the
    # county's across townships)
    MERGE_DUPLICATES = "merge_duplicates"  # merge two files of one child, or keep both
    SEE_SYNC_HEALTH = "see_sync_health"  # each village's and laptop's last sync


class Role(StrEnum):
    """A user's role. The value is what the server stores and the wire carries."""

    label: str
    region_digits: int

    def __new__(cls, value: str, label: str, region_digits: int) -> Role:
        obj = str.__new__(cls, value)
        obj._value_ = value
        obj.label = label
        obj.region_digits = region_digits
        return obj

    DIRECTOR = "director", "儿童主任", 12
    SUPERVISOR = "supervisor", "儿童督导员", 9
    COUNTY_VIEWER = "county-viewer", "县级民政（查看）", 6
    COUNTY_ADMIN = "county-admin", "县级民政（管理）", 6

    @classmethod
    def parse(cls, value: object) -> Role | None:
        """The role for its code; the codes of earlier versions ("county", "viewer") too."""
        if isinstance(value, cls):
            return value
        text = str(value).strip()
        return cls._value2member_map_.get(text) or _OLD_CODES.get(text)  # type: ignore[return-value]

    def may(self, permission: Permission) -> bool:
        return permission in PERMISSIONS[self]


_OLD_CODES = {"county": Role.COUNTY_ADMIN, "viewer": Role.COUNTY_VIEWER}

PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.DIRECTOR: frozenset(
        {
            Permission.READ,
            Permission.WRITE,
            Permission.RESOLVE,
            Permission.SEE_REPORTS,
            Permission.REQUEST_TRANSFER,
        }
    ),
    Role.SUPERVISOR: frozenset(
        {
            Permission.READ,
            Permission.WRITE,
            Permission.RESOLVE,
            Permission.SEE_REPORTS,
            Permission.REVIEW,
            Permission.REQUEST_TRANSFER,
            Permission.ACCEPT_TRANSFER,
            Permission.MERGE_DUPLICATES,
            Permission.SEE_SYNC_HEALTH,
        }
    ),
    # Reads the county's files, not the mandatory reports (as the "viewer" of earlier
    # versions), and sees how each village keeps up.
    Role.COUNTY_VIEWER: frozenset({Permission.READ, Permission.SEE_SYNC_HEALTH}),
    Role.COUNTY_ADMIN: frozenset(Permission),
}


def may(role: object, permission: Permission) -> bool:
    """Whether a role (or a role's code, as stored) has a permission; unknown roles none."""
    parsed = Role.parse(role)
    return parsed is not None and parsed.may(permission)


def in_scope(scope: str, region: str) -> bool:
    """Whether ``region`` lies inside ``scope`` (a prefix of its code)."""
    return bool(scope) and region.startswith(scope)


def overlaps(scope: str, region: str) -> bool:
    """Whether a record filed under ``region`` concerns ``scope``: inside it, or a
    county record (a policy) above it."""
    return in_scope(scope, region) or (bool(region) and scope.startswith(region))
