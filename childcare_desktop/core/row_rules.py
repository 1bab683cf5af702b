"""The rules across a record's fields (and its owner's), declared once for everyone.

A field's own rule (``checks.check_value``) reads one value; these read several: a
quarterly check's date lies in its quarter, a pairing ends after it began, a 留守老年人 is
60 or older. The laptop's services call them on what a person enters; ``check_row`` runs
them on every whole record (the county server on what is pushed, the laptop on what it
pulls), and the server on a single field's change against the record as it will stand.
Each raises the :class:`ValidationError` the service always raised, with the same kind and
field, so the words shown beside the field do not change.

A rule reads the record's values as stored or typed: dates as ``date`` or ISO text,
codes as their members or their codes. A value a rule reads that is missing (a field's
own rule refuses what is required) leaves the rule nothing to check; so does an owner's
field (``owner.<name>``) the checker does not have at hand (the laptop checks those in
its services).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any

from .dates import age_on
from .errors import Kind, ValidationError
from .identity import parse_id_number
from .quarters import bounds
from .vocab import ClueSource, FamilyChange, LeftBehindAdultKind, Sex

# How far ahead a date that may lie ahead (a problem's target, a plan's review) may be:
# ten years, the longest interval a county's policy may set and the most the server
# takes on trust for the others (a laptop's clock ahead). 9999-12-31 is no one's plan.
HORIZON = timedelta(days=3653)
ELDER_AGE = 60  # 留守老年人: 60 or older (the national definition)
OWNER = "owner."  # an owner's field, as a rule reads it: "owner.found_on"

Check = Callable[[Mapping[str, Any], date | None], None]


@dataclass(frozen=True, slots=True)
class RowRule:
    """One rule across fields: the fields it reads and the check (row, today)."""

    reads: tuple[str, ...]  # the record's fields, and its owner's as "owner.<name>"
    check: Check
    # Owner's fields that change after the records under it are made: the county does
    # not hold a record to them (a contact logged offline before its laptop learned that
    # the pairing had ended would be held for good, as a record of fact is never edited).
    unsettled: tuple[str, ...] = ()

    def unsettled_owner(self) -> RowRule:
        """The rule with every owner's field it reads unsettled (the laptop's alone)."""
        return replace(self, unsettled=tuple(r for r in self.reads if r.startswith(OWNER)))

    @property
    def owner_fields(self) -> tuple[str, ...]:
        """The owner's fields a checker fetches for the rule: those that do not change."""
        return tuple(
            r.removeprefix(OWNER)
            for r in self.reads
            if r.startswith(OWNER) and r not in self.unsettled
        )


def check_rules(
    table: str,
    row: Mapping[str, Any],
    *,
    today: date | None = None,
    fields: tuple[str, ...] | None = None,
) -> None:
    """The rules of ``table`` on ``row`` (the record as it will stand): every one, or
    those that read one of ``fields`` (a change of them). ``today``: the checker's date,
    for the rules that count from it (none: those are skipped)."""
    for rule in RULES.get(table, ()):
        if fields is None or any(name in rule.reads for name in fields):
            rule.check(row, today)


def rules_reading(table: str, name: str) -> tuple[RowRule, ...]:
    """The rules of ``table`` that read the field ``name`` (a change of it runs them)."""
    return tuple(r for r in RULES.get(table, ()) if name in r.reads)


def day_of(value: Any) -> date | None:
    """A stored or typed date (a moment's day) as a date; None when there is none."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str) and len(value) >= 10:
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None  # its own field's rule says why
    return None


# --- the rules, one function each --------------------------------------------------------


def _not_before(later: str, earlier: str, kind: Kind, name: str | None = None) -> RowRule:
    """``later`` is not before ``earlier`` (``name``: the parameter naming ``earlier`` in
    the message, where it names it)."""

    def check(row: Mapping[str, Any], _today: date | None) -> None:
        on, start = day_of(row.get(later)), day_of(row.get(earlier))
        if on is None or start is None or on >= start:
            return
        named = {name: start.isoformat()} if name else {}
        raise ValidationError(kind, later, value=on.isoformat(), **named)

    return RowRule((later, earlier), check)


def _within_horizon(name: str) -> RowRule:
    """A date that may lie ahead lies at most :data:`HORIZON` after today."""

    def check(row: Mapping[str, Any], today: date | None) -> None:
        on = day_of(row.get(name))
        if on is not None and today is not None and on > today + HORIZON:
            raise ValidationError(Kind.DATE_TOO_FAR, name, value=on.isoformat())

    return RowRule((name,), check)


def _in_quarter(row: Mapping[str, Any], _today: date | None) -> None:
    """A quarterly check's quarter is written 2026Q4 and its date lies in it."""
    quarter = row.get("quarter")
    if quarter is None or quarter == "":
        return
    first, last = bounds(str(quarter))  # QUARTER_INVALID on "quarter"
    on = day_of(row.get("checked_on"))
    if on is not None and not first <= on <= last:
        raise ValidationError(
            Kind.OUTSIDE_QUARTER,
            "checked_on",
            value=on.isoformat(),
            quarter=str(quarter),
            first=first.isoformat(),
            last=last.isoformat(),
        )


def _changes(row: Mapping[str, Any], _today: date | None) -> None:
    """At least one change ticked, and 无变化 alone."""
    changes = row.get("changes")
    if changes is None:
        return
    if not changes:
        raise ValidationError(Kind.REQUIRED, "changes")
    if FamilyChange.NONE.value in changes and len(changes) > 1:
        raise ValidationError(Kind.NO_CHANGE_WITH_CHANGES, "changes")


def _in_pairing(row: Mapping[str, Any], _today: date | None) -> None:
    """A contact is dated within its pairing (from ``since`` to ``until``)."""
    on = day_of(row.get("contacted_on"))
    since, until = day_of(row.get("owner.since")), day_of(row.get("owner.until"))
    if on is None or since is None:
        return
    if on < since or (until is not None and on > until):
        raise ValidationError(
            Kind.OUTSIDE_PAIRING,
            "contacted_on",
            value=on.isoformat(),
            since=since.isoformat(),
            until=until.isoformat() if until else "",
        )


def _source_told(row: Mapping[str, Any], _today: date | None) -> None:
    """A clue from 其他 says where it came from."""
    if row.get("source") == ClueSource.OTHER and not row.get("source_detail"):
        raise ValidationError(Kind.REQUIRED, "source_detail")


def check_adult(row: Mapping[str, Any], today: date | None) -> None:
    """A left-behind woman's or elder's identity as stored: a birth date (given or read
    from the ID); an ID number that passes GB 11643 and agrees with the birth date and
    the sex; a 留守妇女 is a woman, a 留守老年人 is 60 or older on ``today``."""
    number, birth = row.get("id_number"), day_of(row.get("birth_date"))
    sex = row.get("sex")
    if number:
        parsed = parse_id_number(str(number), today=today + timedelta(days=1) if today else None)
        if birth is not None and birth != parsed.birth_date:
            raise ValidationError(
                Kind.ID_BIRTH_MISMATCH, "birth_date", from_id=parsed.birth_date.isoformat()
            )
        if sex not in (None, "", Sex.UNKNOWN) and sex != parsed.sex:
            raise ValidationError(Kind.ID_SEX_MISMATCH, "sex", from_id=parsed.sex.value)
        birth = birth or parsed.birth_date
    if birth is None:
        raise ValidationError(Kind.REQUIRED, "birth_date")
    kind = row.get("kind")
    if kind == LeftBehindAdultKind.WOMAN and sex != Sex.FEMALE:
        raise ValidationError(Kind.LEFT_BEHIND_SEX, "sex")
    if kind == LeftBehindAdultKind.ELDER and today is not None and age_on(birth, today) < ELDER_AGE:
        raise ValidationError(Kind.LEFT_BEHIND_AGE, "birth_date", min=ELDER_AGE)


_FOUND = "owner.found_on"

RULES: dict[str, tuple[RowRule, ...]] = {
    "quarterly_check": (
        RowRule(("quarter", "checked_on"), _in_quarter),
        RowRule(("changes",), _changes),
    ),
    "pairing": (_not_before("until", "since", Kind.DATE_ORDER),),
    "pairing_contact": (
        # The end may come later: the county holds a contact to the start alone.
        RowRule(("contacted_on", "owner.since", "owner.until"), _in_pairing, ("owner.until",)),
    ),
    "left_behind_adult": (
        RowRule(("kind", "sex", "birth_date", "id_number"), check_adult),
        _not_before("exited_on", "registered_on", Kind.BEFORE_REGISTERED, "registered_on"),
    ),
    "left_behind_adult_visit": (  # the registration may be corrected: unsettled
        _not_before(
            "visited_on", "owner.registered_on", Kind.BEFORE_REGISTERED, "registered_on"
        ).unsettled_owner(),
    ),
    "problem": (
        _not_before("target_on", "found_on", Kind.BEFORE_FOUND, "found_on"),
        _not_before("closed_on", "found_on", Kind.BEFORE_FOUND, "found_on"),
        _within_horizon("target_on"),
    ),
    "problem_step": (_not_before("on_date", _FOUND, Kind.BEFORE_FOUND, "found_on"),),
    "service_plan": (
        _not_before("review_due", "written_on", Kind.DATE_ORDER),
        _within_horizon("review_due"),
    ),
    "clue": (
        RowRule(("source", "source_detail"), _source_told),
        _not_before("handled_on", "received_at", Kind.DATE_ORDER),
        _not_before("closed_on", "received_at", Kind.DATE_ORDER),
    ),
    "persuasion": (_not_before("on_date", "owner.left_on", Kind.BEFORE_DROPOUT, "left_on"),),
}
