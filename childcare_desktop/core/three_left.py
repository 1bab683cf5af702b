"""三留守 (issue 18): the rules of a left-behind woman's or elder's file, and when each is
to be contacted again.

Seed 003 asks the village to know its 留守妇女 and 留守老年人 as well as its children. A
county switches the duty on in its policy (``three_left_behind``); the rhythm of contact
is the county's too. These people are never children: nothing here touches a child's
counts, rosters or worklist.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any, NamedTuple

from .identity import parse_id_number
from .policy import Policy
from .row_rules import check_adult
from .vocab import LeftBehindAdultKind, Sex


def settle_identity(values: dict[str, Any], kind: LeftBehindAdultKind, *, today: date) -> None:
    """Check and complete ``values`` (the record as it will stand): an ID number passes
    GB 11643 and gives the birth date and sex where they are blank (refused where they
    differ); a birth date or an ID number is required; a 留守妇女 is a woman, a 留守老年人
    is 60 or older on ``today``."""
    number = values.get("id_number")
    if number:
        parsed = parse_id_number(str(number), today=today)
        values["id_number"] = parsed.number
        # Blanks filled from the ID; a value that differs is the rule's (check_adult).
        if values.get("birth_date") is None:
            values["birth_date"] = parsed.birth_date
        if values.get("sex") in (None, Sex.UNKNOWN):
            values["sex"] = parsed.sex
    if kind is LeftBehindAdultKind.WOMAN and values.get("sex") in (None, Sex.UNKNOWN):
        values["sex"] = Sex.FEMALE
    check_adult({**values, "kind": kind}, today)


class AdultFacts(NamedTuple):
    """A left-behind woman or elder on the roster and the latest contact with her."""

    id: str
    name: str
    kind: LeftBehindAdultKind
    region_code: str
    registered_on: date
    last_contact_on: date | None


class AdultDue(NamedTuple):
    """A contact due (or overdue) with a left-behind woman or elder."""

    id: str
    name: str
    kind: LeftBehindAdultKind
    region_code: str
    due_on: date
    overdue_days: int  # 0 when not yet overdue
    last_contact_on: date | None

    @property
    def overdue(self) -> bool:
        return self.overdue_days > 0


def next_contact(facts: AdultFacts, policy: Policy) -> date:
    """When the next contact falls due: a rhythm after the latest (or the registration)."""
    return policy.three_left_behind_contact.after(facts.last_contact_on or facts.registered_on)


def contacts_due(people: Iterable[AdultFacts], as_of: date, policy: Policy) -> list[AdultDue]:
    """Every contact due by ``as_of`` + the policy's horizon, or overdue, the most overdue
    first; nothing when the county has not switched 三留守 on."""
    if not policy.three_left_behind_enabled:
        return []
    horizon = as_of + timedelta(days=policy.due_soon_days)
    found = []
    for p in people:
        due = next_contact(p, policy)
        if due <= horizon:
            late = max((as_of - due).days, 0)
            found.append(
                AdultDue(p.id, p.name, p.kind, p.region_code, due, late, p.last_contact_on)
            )
    found.sort(key=lambda d: (d.due_on, d.name))
    return found
