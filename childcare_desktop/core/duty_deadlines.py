"""The county's deadlines for the duties of the records kept beside a child's facts
(issue 18): how soon a clue is handled, how often a dropout is persuaded, when the
quarterly check shows, when the school must be told, how often a paired helper keeps in
touch, how soon a service plan is written. ``core.policy`` reads them from its
``duty_deadlines`` key; ``core.duty_work`` and ``core.pairing_work`` apply them.
"""

from __future__ import annotations

from dataclasses import dataclass

from .dates import Interval

# The defaults: the rules of seeds 002 and 003 as the app applied them before a county
# could set them (a county that sets nothing sees nothing change).
DEFAULT_DEADLINES = {
    "clue_days": 1,  # 线索: handled by the next day
    "clue_safety_days": 0,  # about a child's safety: the same day (and red)
    "persuasion": "P7D",  # 辍学劝返: at least weekly until back or reported
    "quarter_check_days": 15,  # 季度核实: shown in the quarter's last 15 days
    "school_notice_days": 30,  # 告知学校: after 留守 recognition or a school change
    "pairing_contact_months": 1,  # 结对帮扶: a contact in every calendar month
    "plan_days": 7,  # 服务计划: written or reviewed after the assessment that calls for it
}

_WEEK = Interval(days=7)


@dataclass(frozen=True, slots=True)
class DutyDeadlines:
    """The deadlines, validated (``core.policy``); counts are days unless named months.
    0 days: the same day."""

    clue_days: int = 1
    clue_safety_days: int = 0
    persuasion: Interval = _WEEK
    quarter_check_days: int = 15
    school_notice_days: int = 30
    pairing_contact_months: int = 1
    plan_days: int = 7


DEFAULT_DUTY_DEADLINES = DutyDeadlines()
