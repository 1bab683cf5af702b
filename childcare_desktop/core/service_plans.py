"""四级分类服务 (seed 001 "建立四级分类服务体系"): a service plan per risk colour.

The county sets the default plan of each colour in its policy (``service_plans``: what
is done, by whom, how often); the director writes a child's plan from the default of the
child's colour and reviews it at each assessment. This module reads the policy's value
and says when a child's plan is due to be written or reviewed: plain data in, plain
data out.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, NamedTuple

from .duty_deadlines import DEFAULT_DUTY_DEADLINES
from .errors import Kind, ValidationError
from .text import NOTE_MAX, SHORT_MAX
from .vocab import RiskColour

# The policy's defaults, from seed 001 and the rhythm of DOMAIN.md.
DEFAULT_PLANS: dict[str, Any] = {
    "red": {
        "measures": [
            "每周电话或视频联系儿童及照护人，每月至少入户走访一次",
            "发现侵害或重大风险立即报告乡镇（街道）儿童督导员，依法强制报告",
            "协调乡镇、学校、社工站开展个案帮扶，落实救助和临时照料",
            "督促监护人（委托照护人）履行监护职责，情况变化时重新评估",
        ],
        "responsible": "儿童主任牵头，儿童督导员、社工站社会工作者协同",
        "frequency": "每周联系一次，每月入户走访一次",
    },
    "yellow": {
        "measures": [
            "每两周联系儿童及照护人，每月入户走访一次",
            "指导监护人（委托照护人）改善照料，落实委托照护协议",
            "链接救助帮扶、教育资助等资源",
            "关注儿童心理和学业，需要时转介社工站",
        ],
        "responsible": "儿童主任，儿童督导员指导",
        "frequency": "每两周联系一次，每月入户走访一次",
    },
    "blue": {
        "measures": [
            "每月联系儿童及照护人，每三个月入户走访一次",
            "开展亲情关爱、安全教育和政策宣传",
            "掌握家庭变化，情况变化时及时重新评估",
        ],
        "responsible": "儿童主任",
        "frequency": "每月联系一次，每三个月入户走访一次",
    },
    "green": {
        "measures": [
            "每月联系一次，每三个月入户走访一次",
            "邀请儿童参加儿童之家活动",
            "定期更新档案信息",
        ],
        "responsible": "儿童主任",
        "frequency": "每月联系一次，每三个月入户走访一次",
    },
}

# The colours whose children must have a plan; a green child's plan is optional.
NEEDS_PLAN = frozenset({RiskColour.RED, RiskColour.YELLOW, RiskColour.BLUE})
# A plan is written or reviewed within this many days of the assessment that calls for
# it, unless the county policy says otherwise (duty_deadlines.plan_days).
PLAN_WITHIN_DAYS = DEFAULT_DUTY_DEADLINES.plan_days
WHO_MAX = 100  # responsible and frequency


@dataclass(frozen=True, slots=True)
class PlanDefault:
    """The county's default plan for one colour."""

    colour: RiskColour
    measures: tuple[str, ...]
    responsible: str
    frequency: str

    @property
    def measures_text(self) -> str:
        """The measures one a line, as a plan stores them."""
        return "\n".join(self.measures)


def plan_defaults(spec: Any) -> dict[RiskColour, PlanDefault]:
    """The policy's ``service_plans`` read; raises POLICY_INVALID at the path of the
    value at fault (``service_plans.red.measures``) with its ``problem``."""
    if not isinstance(spec, Mapping) or set(spec) != {c.value for c in RiskColour}:
        raise _invalid("service_plans", "colours", "must name red, yellow, blue and green")
    return {RiskColour(c): _default(RiskColour(c), spec[c]) for c in spec}


def _default(colour: RiskColour, spec: Any) -> PlanDefault:
    path = f"service_plans.{colour.value}"
    if not isinstance(spec, Mapping):
        raise _invalid(path, "shape", "not an object")
    return PlanDefault(
        colour,
        _measures(spec.get("measures"), f"{path}.measures"),
        _words(spec.get("responsible"), f"{path}.responsible"),
        _words(spec.get("frequency"), f"{path}.frequency"),
    )


def _measures(value: Any, path: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not value:
        raise _invalid(path, "measures", "at least one measure")
    for n, measure in enumerate(value):
        _words(measure, f"{path}.{n}", SHORT_MAX)
    if len("\n".join(value)) > NOTE_MAX:
        raise _invalid(path, "measures", f"longer than {NOTE_MAX} characters")
    return tuple(m.strip() for m in value)


def _words(value: Any, path: str, longest: int = WHO_MAX) -> str:
    if not isinstance(value, str) or not value.strip() or len(value) > longest:
        raise _invalid(path, "text", f"text of 1 to {longest} characters")
    return value.strip()


def _invalid(path: str, problem: str, reason: str) -> ValidationError:
    return ValidationError(
        Kind.POLICY_INVALID, path, reason=f"{path}: {reason}"[:200], problem=problem
    )


# -- when a plan is due ---------------------------------------------------------------


class PlanFacts(NamedTuple):
    """A child's current plan (the latest written), for the worklist."""

    id: str
    child_id: str
    colour: RiskColour
    written_on: date
    review_due: date | None


# Why a plan is due: no plan yet; an assessment newer than the plan; the child's colour
# is not the plan's; the plan's own review date.
WRITE, NEWER_ASSESSMENT, COLOUR_CHANGED, REVIEW_DATE = (
    "write",
    "newer_assessment",
    "colour_changed",
    "review_due",
)


def plan_due(
    colour: RiskColour | None,
    assessed_on: date | None,
    plan: PlanFacts | None,
    next_assessment: date | None = None,
    within_days: int = PLAN_WITHIN_DAYS,
) -> tuple[str, date] | None:
    """Why and from when a child's plan must be written or reviewed, or None. ``colour``
    and ``assessed_on`` are the latest assessment's: an unassessed child waits for it.
    The plan's own review date counts only before ``next_assessment`` (the review is
    made at the assessment, which the worklist asks for already). ``within_days``: the
    days allowed after the assessment that calls for a plan (the county policy's)."""
    if plan is None:
        if colour in NEEDS_PLAN and assessed_on is not None:
            return WRITE, assessed_on + timedelta(days=within_days)
        return None
    if assessed_on is not None and assessed_on > plan.written_on:
        return NEWER_ASSESSMENT, assessed_on + timedelta(days=within_days)
    if colour is not None and colour is not plan.colour:
        since = max(assessed_on or plan.written_on, plan.written_on)
        return COLOUR_CHANGED, since + timedelta(days=within_days)
    if plan.review_due is not None and (
        next_assessment is None or plan.review_due < next_assessment
    ):
        return REVIEW_DATE, plan.review_due
    return None
