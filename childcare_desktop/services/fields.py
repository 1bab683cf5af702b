"""Field rules: each editable field of each record, with the check that cleans its value.

A rule takes ``(field, value)`` and returns the value to store, or raises a
ValidationError naming the field. ``clean_fields`` applies a table of rules to the
changes a caller asks for; unknown field names are a programming error (TypeError).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, datetime
from enum import Enum
from typing import Any

from ..core.dates import parse_date
from ..core.errors import Kind, ValidationError
from ..core.phone import parse_phone
from ..core.text import NOTE_MAX, SHORT_MAX, clean, clean_name, clean_note
from ..core.vocab import (
    AssistanceKind,
    DisabilityKind,
    EconomicSource,
    EntrustReason,
    Health,
    HukouType,
    IdType,
    Incapacity,
    LifeStatus,
    Relation,
    SchoolStage,
    Sex,
    VisitMode,
    YesNo,
)

Rule = Callable[[str, Any], Any]
__all__ = ["NOTE_MAX", "Rule", "clean_fields"]


def text(max_len: int = SHORT_MAX, *, required: bool = False) -> Rule:
    def rule(field: str, value: Any) -> str | None:
        cleaned = clean(value, field, max_len=max_len, required=required)
        return cleaned or None

    return rule


def note(field: str, value: Any) -> str | None:
    return clean_note(value, field) or None


def person_name(*, required: bool = True) -> Rule:
    def rule(field: str, value: Any) -> str | None:
        return clean_name(value, field, required=required) or None

    return rule


def choice(enum_cls: type[Enum], *, optional: bool = False) -> Rule:
    def rule(field: str, value: Any) -> Any:
        if value is None or value == "":
            if optional:
                return None
            unknown = getattr(enum_cls, "UNKNOWN", None)
            if unknown is None:
                raise ValidationError(Kind.REQUIRED, field)
            return unknown
        member = enum_cls.parse(value)  # type: ignore[attr-defined]
        if member is None:
            raise ValidationError(Kind.INVALID_CHOICE, field, value=str(value)[:40])
        return member

    return rule


def choices(enum_cls: type[Enum]) -> Rule:
    """A set of codes (multi-select), stored as a sorted list without repeats."""
    single = choice(enum_cls)

    def rule(field: str, value: Any) -> list[str]:
        items = [value] if isinstance(value, str) else list(value or ())
        return sorted({single(field, item).value for item in items})

    return rule


def text_list(max_items: int = 20, max_len: int = 100) -> Rule:
    """A short list of free texts (e.g. the offices also notified of a report)."""
    single = text(max_len)

    def rule(field: str, value: Any) -> list[str]:
        items = [value] if isinstance(value, str) else list(value or ())
        if len(items) > max_items:
            raise ValidationError(Kind.TOO_LONG, field, max=max_items, length=len(items))
        return [t for t in (single(field, item) for item in items) if t]

    return rule


def day(*, past: bool = True, required: bool = False) -> Rule:
    """A date; ``past`` refuses dates after today (a visit cannot happen tomorrow)."""

    def rule(field: str, value: Any) -> date | None:
        if value is None or value == "":
            if required:
                raise ValidationError(Kind.REQUIRED, field)
            return None
        parsed = parse_date(value, field)
        if parsed.year < 1900:
            raise ValidationError(Kind.DATE_INVALID, field, value=parsed.isoformat())
        if past and parsed > date.today():
            raise ValidationError(Kind.DATE_IN_FUTURE, field, value=parsed.isoformat())
        return parsed

    return rule


def moment(field: str, value: Any) -> datetime:
    """A date and time that has already happened (a report, a discovery)."""
    if isinstance(value, datetime):
        parsed = value
    else:
        try:
            parsed = datetime.fromisoformat(str(value).strip())
        except ValueError:
            raise ValidationError(Kind.DATE_INVALID, field, value=str(value)[:40]) from None
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone().replace(tzinfo=None)  # stored as local wall time
    if parsed > datetime.now():
        raise ValidationError(Kind.DATE_IN_FUTURE, field, value=parsed.isoformat())
    return parsed


def phone(field: str, value: Any) -> str | None:
    if value is None or str(value).strip() == "":
        return None
    return parse_phone(str(value), field).number


def whole_number(low: int, high: int) -> Rule:
    def rule(field: str, value: Any) -> int | None:
        if value is None or value == "":
            return None
        try:
            number = int(str(value).strip())
        except ValueError:
            raise ValidationError(Kind.NUMBER_INVALID, field, value=str(value)[:20]) from None
        if not low <= number <= high:
            raise ValidationError(Kind.NUMBER_INVALID, field, value=number, low=low, high=high)
        return number

    return rule


def document_number(field: str, value: Any) -> str | None:
    """An identity number as typed; the identity rules (services.identity) check it further."""
    cleaned = clean(value, field, max_len=30)
    return cleaned.replace(" ", "") or None


CHILD = {
    "name": person_name(),
    "file_no": text(40),
    "sex": choice(Sex),
    "ethnicity": text(20),
    "birth_date": day(),
    "id_type": choice(IdType),
    "id_number": document_number,
    "hukou_registered": choice(YesNo),
    "hukou_type": choice(HukouType),
    "hukou_address": text(),
    "current_address": text(),
    "phone": phone,
    "health": choice(Health),
    "disability_kind": choice(DisabilityKind, optional=True),
    "disability_grade": whole_number(1, 4),
    "illness": text(),
    "school_stage": choice(SchoolStage),
    "school_name": text(100),
    "school_grade": text(20),
    "boarding": choice(YesNo),
    "economic_sources": choices(EconomicSource),
    "entrust_reason": choice(EntrustReason),
    "has_carer": choice(YesNo),
    "registered_on": day(),
    "notes": note,
}

FAMILY_MEMBER = {
    "relation": choice(Relation, optional=False),
    "name": person_name(required=False),
    "birth_date": day(),
    "life": choice(LifeStatus),
    "id_type": choice(IdType),
    "id_number": document_number,
    "phone": phone,
    "work_province": text(20),
    "work_city": text(30),
    "away_for_work": choice(YesNo),
    "away_since": day(),
    "cross_county": choice(YesNo),
    "incapacity": choice(Incapacity),
    "incapacity_since": day(),
    "disability_kind": choice(DisabilityKind, optional=True),
    "disability_grade": whole_number(1, 4),
    "notes": note,
}

CARER = {
    "name": person_name(),
    "id_type": choice(IdType),
    "id_number": document_number,
    "phone": phone,
    "relation": choice(Relation),
    "address": text(),
    "birth_date": day(),
    "health": choice(Health),
    "lives_with_child": choice(YesNo),
    "notes": note,
}

AGREEMENT_DRAFT = {
    "principal_id": text(36),
    "carer_id": text(36),
    "start_date": day(past=False),
    "end_date": day(past=False),
    "contact_frequency": text(100),
    "fee": text(100),
    "child_opinion": note,
    "remote_confirmation": choice(YesNo),
    "remote_note": note,
    "notes": note,
}

VISIT = {
    "visited_on": day(required=True),
    "mode": choice(VisitMode),
    "visitor": person_name(required=False),
    "companions": text(),
    "met_child": choice(YesNo),
    "carer_present": choice(YesNo),
    "child_condition": note,
    "findings": note,
    "actions": note,
    "notes": note,
}

ASSISTANCE = {
    "kind": choice(AssistanceKind),
    "start_date": day(),
    "end_date": day(past=False),
    "amount_yuan": whole_number(0, 1_000_000),
    "period": text(20),
    "provider": text(100),
    "note": note,
}


def clean_fields(rules: Mapping[str, Rule], changes: Mapping[str, Any]) -> dict[str, Any]:
    """Apply ``rules`` to ``changes``; returns the cleaned values."""
    unknown = set(changes) - set(rules)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    return {name: rules[name](name, value) for name, value in changes.items()}
