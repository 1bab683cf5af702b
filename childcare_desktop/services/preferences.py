"""The settings that describe the work (kept in the store, not on the computer)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from ..core.errors import Kind, ValidationError
from ..storage import settings
from .common import record_audit


@dataclass(frozen=True, slots=True)
class WorkSettings:
    director: str
    village: str
    township: str
    county: str
    home_region: str | None
    idle_lock_minutes: int
    role: str = "director"

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
    )


def set_idle_lock_minutes(session: Session, *, minutes: int) -> None:
    if not 0 <= minutes <= 240:
        raise ValidationError(
            Kind.NUMBER_INVALID, "idle_lock_minutes", low=0, high=240, value=minutes
        )
    settings.write(session, settings.IDLE_LOCK_MINUTES, minutes)
    record_audit(session, "settings_changed", fields=["idle_lock_minutes"])
