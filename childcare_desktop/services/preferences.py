"""The settings that describe the work (kept in the store, not on the computer)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from ..core.errors import Kind, ValidationError
from ..core.region import Region
from ..core.roles import Role
from ..core.text import clean_name
from ..storage import settings
from .common import record_audit

# The roles that work a laptop store; the county's roles work the server.
WORK_ROLES = (Role.DIRECTOR, Role.SUPERVISOR)


@dataclass(frozen=True, slots=True)
class WorkSettings:
    director: str
    village: str
    township: str
    county: str
    home_region: str | None
    idle_lock_minutes: int
    role: str = "director"
    demo: bool = False  # the demo's invented village: marked everywhere, never enrolled

    @property
    def township_code(self) -> str | None:
        """A supervisor's store's township (9 digits): each child's village is chosen."""
        code = self.home_region or ""
        return code if self.role == Role.SUPERVISOR.value and len(code) == 9 else None

    @property
    def committee(self) -> str:
        """丙方 of an agreement: the village committee."""
        return f"{self.village}村民委员会" if self.village else ""


def work_settings(session: Session) -> WorkSettings:
    return WorkSettings(
        director=settings.read(session, settings.DIRECTOR_NAME),
        village=settings.read(session, settings.VILLAGE_NAME),
        township=settings.read(session, settings.TOWNSHIP_NAME),
        county=settings.read(session, settings.COUNTY_NAME),
        home_region=settings.read(session, settings.HOME_REGION),
        idle_lock_minutes=settings.read(session, settings.IDLE_LOCK_MINUTES),
        role=settings.read(session, settings.ROLE),
        demo=bool(settings.read(session, settings.DEMO)),
    )


def set_idle_lock_minutes(session: Session, *, minutes: int) -> None:
    if not 0 <= minutes <= 240:
        raise ValidationError(
            Kind.NUMBER_INVALID, "idle_lock_minutes", low=0, high=240, value=minutes
        )
    settings.write(session, settings.IDLE_LOCK_MINUTES, minutes)
    record_audit(session, "settings_changed", fields=["idle_lock_minutes"])


def check_role_region(role: str | Role, region_code: str | None) -> tuple[Role, str | None]:
    """The role and its home region, checked: a director works a village (12 digits), a
    supervisor a township (9). No code (not known yet) is allowed; a wrong level is not."""
    parsed = Role.parse(role)
    if parsed not in WORK_ROLES:
        raise ValidationError(Kind.INVALID_CHOICE, "role", value=str(role)[:20])
    code = (region_code or "").strip()
    if not code:
        return parsed, None
    region = Region.parse(code)
    if region.level != parsed.region_digits:
        raise ValidationError(Kind.REGION_LEVEL, "region_code", value=code[:20])
    return parsed, region.code


def role_for_region(region_code: str | None) -> Role:
    """The role a new store's region code implies: a township's code is a supervisor's."""
    code = (region_code or "").strip()
    return Role.SUPERVISOR if code and len(Region.parse(code).code) == 9 else Role.DIRECTOR


def set_work_settings(
    session: Session,
    *,
    name: str,
    role: str | Role,
    region_code: str | None,
    village: str = "",
    township: str = "",
    county: str = "",
) -> WorkSettings:
    """Who works this store: the user's name, role and home region, and the names of the
    village, township and county that documents print. Once the laptop is enrolled, the
    role and region are the county server's (it accepts changes in that scope only)."""
    who = clean_name(name, "director_name")
    parsed, code = check_role_region(role, region_code)
    _as_enrolled(session, parsed, code)
    values: dict[settings.Setting[Any], Any] = {
        settings.DIRECTOR_NAME: who,
        settings.ROLE: parsed.value,
        settings.HOME_REGION: code,
        # a supervisor's store belongs to no one village
        settings.VILLAGE_NAME: clean_name(
            village if parsed is Role.DIRECTOR else "", "village_name", required=False
        ),
        settings.TOWNSHIP_NAME: clean_name(township, "township_name", required=False),
        settings.COUNTY_NAME: clean_name(county, "county_name", required=False),
    }
    changed = [s.key for s, v in values.items() if settings.read(session, s) != v]
    for setting, value in values.items():
        settings.write(session, setting, value)
    if changed:  # names of the settings only: the values are personal data
        record_audit(session, "settings_changed", fields=changed)
    return work_settings(session)


def _as_enrolled(session: Session, role: Role, code: str | None) -> None:
    row = session.execute(text("SELECT role, scope, token FROM sync_state WHERE id = 1")).first()
    if row is None or not row.token or not row.scope:
        return
    server_role = Role.parse(row.role)
    if (server_role in WORK_ROLES and role is not server_role) or (
        code is not None and not code.startswith(row.scope)
    ):
        shown = server_role.label if server_role else str(row.role)
        raise ValidationError(Kind.NOT_AS_ENROLLED, "region_code", scope=row.scope, role=shown)


def take_enrollment(session: Session, *, role: str, region: str) -> None:
    """After enrolling: a store that has no home region yet takes the county server's role
    and region (a director's village, a supervisor's township). One that has its own keeps
    it: changes outside the enrolled scope are then set aside by the server, and the
    sync page shows why."""
    if settings.read(session, settings.HOME_REGION):
        return
    try:
        parsed, code = check_role_region(role, region)
    except ValidationError:
        return  # a county account on a laptop: its settings stay as the user made them
    settings.write(session, settings.ROLE, parsed.value)
    settings.write(session, settings.HOME_REGION, code)
    record_audit(session, "settings_changed", fields=["role", "home_region"], source="enrollment")
