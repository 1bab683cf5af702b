"""What a form field is, and the checks a form makes without the database."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from typing import Any

from ...core.dates import age_on
from ...core.errors import Kind, ValidationError
from ...core.identity import IdNumber, normalise, parse_id_number
from ...core.phone import parse_phone
from ...core.region import Level, Region
from ...core.vocab import Choice, IdType
from ..i18n import tr
from .date_field import read_day, read_moment

TEXT, NOTE, CHOICE, MULTI, DATE, DATETIME, NUMBER, PHONE, ID_NUMBER, RECORD = (
    "text",
    "note",
    "choice",
    "multi",
    "date",
    "datetime",
    "number",
    "phone",
    "id_number",
    "record",
)
VILLAGE = "village"  # a township's store: the child's village, chosen or typed

# The document types whose number carries the birth date and sex (and a blank type).
ID_CARRIES_BIRTH = {
    None,
    IdType.UNKNOWN.value,
    IdType.RESIDENT_ID.value,
    IdType.HMT_PERMIT.value,
    IdType.FOREIGN_PR.value,
}


@dataclass(frozen=True)
class Field:
    name: str
    label: str  # Chinese source text; translated in the "fields" context
    kind: str = TEXT
    choices: type[Choice] | None = None
    required: bool = False
    hint: str = ""  # placeholder, e.g. "2026-07-01"
    optional_choice: bool = False  # a blank entry instead of 未采集
    read_only: bool = False
    options: tuple[tuple[str, str], ...] = ()  # RECORD: (label, id) of the child's own rows


def check(field: Field, value: Any) -> str:
    """Raise the ValidationError of ``value`` in ``field``; return a note to show, or ""."""
    if value in (None, "", []):
        if field.required and field.kind in (CHOICE, RECORD):
            raise ValidationError(Kind.CHOICE_MISSING, field.name)  # 请选择…
        if field.required:
            raise ValidationError(Kind.REQUIRED, field.name)
        return ""
    if not isinstance(value, str):
        return ""
    if field.kind == ID_NUMBER:
        return id_note(parse_id_number(value))
    if field.kind == PHONE:
        parse_phone(value, field.name)
    elif field.kind == DATE:
        read_day(value, field.name)
    elif field.kind == DATETIME:
        read_moment(value, field.name)
    elif field.kind == VILLAGE and Region.parse(value, field.name).level is not Level.VILLAGE:
        raise ValidationError(Kind.REGION_INVALID, field.name, value=value[:20])
    elif field.kind == NUMBER and not value.lstrip("-").isdigit():
        raise ValidationError(Kind.NUMBER_INVALID, field.name, value=value, low="", high="")
    return ""


def id_note(parsed: IdNumber) -> str:
    age = age_on(parsed.birth_date, date.today())
    return tr("fields", "出生日期 {birth}，{sex}，{age}周岁").format(
        birth=parsed.birth_date.isoformat(), sex=tr("vocab", parsed.sex.label), age=age
    )


def typed_id(text: str) -> IdNumber | None:
    """The ID number in ``text`` once all 18 characters are typed and valid, else None."""
    cleaned = normalise(text)
    if len(cleaned) != 18:
        return None
    try:
        return parse_id_number(cleaned)
    except ValidationError:
        return None


def tidy(field: Field, text: str) -> str:
    """Typed text as the use case takes it: dates in ISO form when they can be read."""
    try:
        if field.kind == DATE:
            day = read_day(text, field.name)
            return day.isoformat() if day else text
        if field.kind == DATETIME:
            moment = read_moment(text, field.name)
            return moment.isoformat(sep=" ", timespec="minutes") if moment else text
    except ValidationError:
        return text  # the use case refuses it with the same reason
    return text


def display(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def same_value(typed: Any, stored: Any) -> bool:
    if isinstance(stored, Enum):
        stored = stored.value
    if isinstance(stored, tuple | list):
        return sorted(typed or []) == sorted(stored)
    return (typed or "") == ("" if stored is None else display(stored))
