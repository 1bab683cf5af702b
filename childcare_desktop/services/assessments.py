"""监护情况评估: the guardianship assessment, which also sets the child's risk colour."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from ..core.errors import Kind, ValidationError
from ..core.records import AssessmentRecord
from ..core.vocab import GuardianshipLevel, RiskColour
from ..storage.models import Assessment, Child
from . import fields
from .common import load, not_before_birth, require_active, save, to_record

# The colour an assessment suggests when the assessor does not choose one.
DEFAULT_COLOUR = {
    GuardianshipLevel.GOOD: RiskColour.GREEN,
    GuardianshipLevel.FAIR: RiskColour.BLUE,
    GuardianshipLevel.POOR: RiskColour.YELLOW,
}

_SCORE = fields.whole_number(1, 5)


def assess_guardianship(
    session: Session,
    *,
    child_id: str,
    assessed_on: date | str,
    level: GuardianshipLevel | str,
    colour: RiskColour | str | None = None,
    assessor: str | None = None,
    reason: str | None = None,
    **scores: Any,
) -> AssessmentRecord:
    """Record 较好/一般/差 and the 四色 colour; the newest assessment is the child's current one."""
    child = load(session, Child, child_id)
    require_active(session, child)
    when = fields.day(required=True)("assessed_on", assessed_on)
    not_before_birth(child, when, "assessed_on")
    graded = fields.choice(GuardianshipLevel)("level", level)
    if graded is GuardianshipLevel.UNKNOWN:
        raise ValidationError(Kind.REQUIRED, "level")
    chosen = fields.choice(RiskColour, optional=True)("colour", colour) or DEFAULT_COLOUR[graded]
    cleaned_scores = fields.clean_fields(
        {k: _SCORE for k in ("score_guardianship", "score_health", "score_behaviour")}, scores
    )
    row = Assessment(
        child_id=child.id,
        region_code=child.region_code,
        assessed_on=when,
        level=graded,
        colour=chosen,
        assessor=fields.person_name(required=False)("assessor", assessor),
        reason=fields.note("reason", reason),
        **cleaned_scores,
    )
    save(session, row, "assessed", child.id, level=graded.value, colour=chosen.value)
    return to_record(row, AssessmentRecord)
