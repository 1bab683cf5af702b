"""Each child's last visits as the server's records tell them, the visits' corrections
applied (as the laptop's ``services.facts.visit_dates``): a voided visit does not count,
a re-dated one counts on its new date, a changed mode as changed. Shared by the dashboard
(:mod:`.oversight`) and the reports (:mod:`.reports`) so both say what the laptop says."""

from __future__ import annotations

from datetime import date
from typing import Any

from childcare_desktop.core.entities import VOID
from childcare_desktop.core.vocab import VisitMode

from .oversight_read import Records, choice, day

Dates = dict[str, tuple[date | None, date | None]]  # child -> (last of any kind, last home)
Correction = tuple[date, str, dict[str, Any]]  # (made on, its id, its fields)


def visit_dates(records: Records, as_of: date) -> Dates:
    """(last visit of any kind, last home visit) per child by ``as_of``."""
    corrections: dict[str, list[Correction]] = {}
    for row_id, a in records.get("visit_amendment", {}).items():
        if a.get("visit_id"):
            made = day(a.get("amended_on")) or date.min
            corrections.setdefault(a["visit_id"], []).append((made, row_id, a))
    found: Dates = {}
    for visit_id, v in records["visit"].items():
        key = v.get("child_id")
        if not key:
            continue
        if visit_id in corrections:
            on, mode = corrected(v, sorted(corrections[visit_id], key=lambda c: c[:2]))
            home = mode is VisitMode.HOME
        else:
            on, home = day(v.get("visited_on")), v.get("mode") == VisitMode.HOME.value
        if on is None or on > as_of:
            continue
        last_any, last_home = found.get(key, (None, None))
        last_any = max(filter(None, (last_any, on)))
        if home:
            last_home = max(filter(None, (last_home, on)))
        found[key] = (last_any, last_home)
    return found


def corrected(
    visit: dict[str, Any], corrections: list[Correction]
) -> tuple[date | None, VisitMode | None]:
    """A visit's date and mode after its corrections, in the order made (no date: voided)."""
    on = day(visit.get("visited_on"))
    mode = choice(VisitMode, visit.get("mode"))
    for _, _, a in corrections:
        if a.get("field") == VOID:
            return None, None
        if a.get("field") == "visited_on":
            on = day(a.get("value")) or on
        elif a.get("field") == "mode":
            mode = VisitMode.parse(a.get("value")) or mode
    return on, mode
