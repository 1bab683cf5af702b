"""三留守 on a village's console page (issue 18): how many left-behind women and elders
are due a contact, and how many overdue, by the core's own rule
(:func:`~childcare_desktop.core.three_left.contacts_due`) under the county's policy;
nothing while the county has 三留守 off. Never counted with the children."""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from sqlalchemy.engine import Connection

from childcare_desktop.core.three_left import AdultFacts, contacts_due
from childcare_desktop.core.vocab import LeftBehindAdultKind

from . import health
from .oversight_read import choice, day, load

FIELDS: dict[str, tuple[str, ...]] = {
    "left_behind_adult": ("kind", "name", "registered_on", "exited_on", "deleted"),
    "left_behind_adult_visit": ("person_id", "visited_on", "deleted"),
}


class AdultsDue(NamedTuple):
    on_roll: int  # left-behind women and elders of the village not exited
    due: int  # of them, a contact due soon
    overdue: int  # ... or overdue


def adults_due(conn: Connection, village: str, today: date) -> AdultsDue | None:
    """The village's 三留守 contacts due on ``today``; None when the county has it off."""
    policy = health.policy_in_force(conn, village[:6], today)
    if not policy.three_left_behind_enabled:
        return None
    records, _regions = load(conn, village, FIELDS)
    last: dict[str, date] = {}
    for v in records["left_behind_adult_visit"].values():
        key, on = v.get("person_id"), day(v.get("visited_on"))
        if key and on is not None and (key not in last or on > last[key]):
            last[key] = on
    people = []
    for row_id, p in records["left_behind_adult"].items():
        kind, registered = choice(LeftBehindAdultKind, p.get("kind")), day(p.get("registered_on"))
        if kind is None or registered is None or p.get("exited_on"):
            continue
        name = str(p.get("name") or "")
        people.append(AdultFacts(row_id, name, kind, village, registered, last.get(row_id)))
    due = contacts_due(people, today, policy)
    late = sum(d.overdue for d in due)
    return AdultsDue(len(people), len(due) - late, late)
