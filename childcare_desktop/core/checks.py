"""Checks of records as they are stored and travel: the registry's rules on plain values.

A form cleans what a person types (``services.fields``: labels, aliases, dates typed
several ways); these check what a store holds and the wire carries (codes, ISO dates,
numbers) against the same rules. The county server runs them on every pushed change,
the laptop on every pulled one. Each raises :class:`ValidationError` naming the field
and the rule, never the value.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime, timedelta
from typing import Any

from .entities import BY_TABLE, REGION, VOID, Entity, Field, Group, Type, amendable
from .errors import Kind, ValidationError
from .identity import parse_id_number
from .phone import parse_phone
from .policy import load_policy
from .row_rules import OWNER, check_rules
from .text import SHORT_MAX, has_markup
from .vocab import IdType

# Document types whose numbers follow GB 11643 (an unknown type with a number is read as
# one, as the forms do): their numbers must pass the check digit.
CHECKED_ID_TYPES = frozenset(
    {IdType.RESIDENT_ID, IdType.HMT_PERMIT, IdType.FOREIGN_PR, IdType.UNKNOWN}
)
# The fields :func:`check_identity` reads together: a laptop checks a pulled change of
# one with the other as it stands (so the server sends each change of them, in order).
IDENTITY_FIELDS = ("id_type", "id_number")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
MAX_LIST = 50  # codes or texts in one list field
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
_CONTROL_IN_NOTE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
EARLIEST = date(1900, 1, 1)


def check_value(f: Field, value: Any, *, today: date | None = None) -> None:
    """One field's stored value. ``today`` (the checker's date) refuses future dates in
    fields that cannot lie ahead; without it, dates are checked for form only."""
    if value is None or (f.type in (Type.TEXT, Type.NAME) and value == ""):
        if f.required:
            raise ValidationError(Kind.REQUIRED, f.name)
        return
    _CHECKS[f.type](f, value, today)


def check_row(
    e: Entity,
    row: Mapping[str, Any],
    *,
    today: date | None = None,
    ahead: timedelta = timedelta(0),
    owner: Mapping[str, Any] | None = None,
) -> None:
    """A whole record as inserted: every field known, present and valid, an identity
    number that passes the check of its document type, and the rules across its fields
    (``row_rules``; ``owner``: the fields of the record it belongs to, where the checker
    has them). ``ahead``: how far after ``today`` a date that cannot lie ahead is still
    taken (the server's grace for a laptop whose clock was ahead)."""
    for name in row:
        if name not in e and name != REGION:
            raise ValidationError(Kind.UNKNOWN_FIELD, str(name)[:40])
    latest = today + ahead if today is not None else None
    for f in e.by_name.values():
        check_value(f, row.get(f.name), today=latest)
    for group in e.groups:
        check_group(group, row)
    check_identity(row, today=today)
    owned = {OWNER + name: value for name, value in (owner or {}).items()}
    check_rules(e.table, {**row, **owned}, today=today)
    if e.amends is not None:
        check_amendment(BY_TABLE[e.amends], row, today=today)


def check_group(group: Group, row: Mapping[str, Any]) -> None:
    """A record's fields that change together as they must stand for its lead value (a
    clue 已结案 has its outcome and date; one still open has none)."""
    wrong = group.faults(dict(row))
    if not wrong:
        return
    lead = str(row.get(group.lead))
    if wrong[0] in dict(group.needs).get(lead, ()):
        raise ValidationError(Kind.REQUIRED, wrong[0])
    raise ValidationError(Kind.STATE_TRANSITION, wrong[0], state=lead[:20])


def check_amendment(amended: Entity, row: Mapping[str, Any], *, today: date | None = None) -> None:
    """A correction names a field of the record it corrects (or withdraws it) and its
    new value keeps that field's rule, as stored text: what the laptop reads back."""
    name = row.get("field")
    if name == VOID:
        return
    if name not in amendable(amended):
        raise ValidationError(Kind.INVALID_CHOICE, "field")
    f = amended[str(name)]
    value = row.get("value")
    if (
        f.type is Type.INT
        and isinstance(value, str)
        and value.lstrip("-").isascii()
        and value.lstrip("-").isdigit()
    ):
        value = int(value)
    try:
        check_value(f, value, today=today)
    except ValidationError as err:
        raise ValidationError(err.kind, "value", **err.params) from None


def check_identity(row: Mapping[str, Any], *, today: date | None = None) -> None:
    """An identity number of a checked document type must pass GB 11643 (a record
    without the fields, a county policy say, has nothing to check)."""
    number = row.get("id_number")
    if number and IdType.parse(row.get("id_type") or IdType.UNKNOWN) in CHECKED_ID_TYPES:
        # A day's grace, as for dates; without a today, no birth date is in the future.
        latest = today + timedelta(days=1) if today is not None else date.max
        parse_id_number(str(number), today=latest)


def dates_after(e: Entity, values: Mapping[str, Any], day: date) -> list[str]:
    """The fields of ``values`` (a record or one field being set) holding a date that
    cannot lie ahead yet lies after ``day``, with a day's grace: recorded on a laptop
    whose clock was ahead. A correction's new value counts as its field would."""
    late = []
    for name, value in values.items():
        f = e.by_name.get(name)
        if name == "value" and e.amends is not None:
            f = BY_TABLE[e.amends].by_name.get(str(values.get("field")))
        if f is None or not f.past or f.type not in (Type.DATE, Type.MOMENT):
            continue
        if not isinstance(value, str) or not _DATE.match(value[:10]):
            continue
        try:
            if date.fromisoformat(value[:10]) > day + timedelta(days=1):
                late.append(name)
        except ValueError:
            continue
    return late


def entity_of(table: object) -> Entity | None:
    return BY_TABLE.get(table) if isinstance(table, str) else None


# --- one function per type --------------------------------------------------------------


def _text(f: Field, value: Any, _today: date | None) -> None:
    if not isinstance(value, str):
        raise ValidationError(Kind.INVALID_TYPE, f.name)
    limit = f.max_len or SHORT_MAX
    if len(value) > limit:
        raise ValidationError(Kind.TOO_LONG, f.name, max=limit, length=len(value))
    # Control characters (Unicode's Cc: U+0000-001F, U+007F-009F; a note keeps its line
    # breaks and tabs), and halves of a character (a lone surrogate cannot be stored).
    if (_CONTROL_IN_NOTE if limit > SHORT_MAX else _CONTROL).search(value):
        raise ValidationError(Kind.CONTROL_CHARS, f.name)
    if f.required and not value.strip():
        raise ValidationError(Kind.REQUIRED, f.name)


def _name(f: Field, value: Any, today: date | None) -> None:
    _text(f, value, today)
    if has_markup(value):
        raise ValidationError(Kind.MARKUP_IN_NAME, f.name)


def _code(f: Field, value: Any, _today: date | None) -> None:
    assert f.vocab is not None
    if not isinstance(value, str) or value not in f.vocab._value2member_map_:
        raise ValidationError(Kind.INVALID_CHOICE, f.name)


def _codes(f: Field, value: Any, today: date | None) -> None:
    if not isinstance(value, list) or len(value) > MAX_LIST:
        raise ValidationError(Kind.INVALID_TYPE, f.name)
    for item in value:
        _code(f, item, today)


def _texts(f: Field, value: Any, today: date | None) -> None:
    if not isinstance(value, list) or len(value) > MAX_LIST:
        raise ValidationError(Kind.INVALID_TYPE, f.name)
    for item in value:
        _text(f, item, today)


def _date(f: Field, value: Any, today: date | None) -> None:
    if not isinstance(value, str) or not _DATE.match(value):
        raise ValidationError(Kind.DATE_INVALID, f.name)
    try:
        parsed = date.fromisoformat(value)
    except ValueError:
        raise ValidationError(Kind.DATE_INVALID, f.name) from None
    _in_range(f, parsed, today)


def _moment(f: Field, value: Any, today: date | None) -> None:
    if not isinstance(value, str) or not _DATE.match(value[:10]) or len(value) > 32:
        raise ValidationError(Kind.DATE_INVALID, f.name)
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise ValidationError(Kind.DATE_INVALID, f.name) from None
    if parsed.tzinfo is not None:
        raise ValidationError(Kind.DATE_INVALID, f.name)
    _in_range(f, parsed.date(), today)


def _in_range(f: Field, day: date, today: date | None) -> None:
    if day < EARLIEST:
        raise ValidationError(Kind.DATE_INVALID, f.name)
    # A day's grace: the checker and the laptop may be in different time zones.
    if f.past and today is not None and day > today + timedelta(days=1):
        raise ValidationError(Kind.DATE_IN_FUTURE, f.name)


def _int(f: Field, value: Any, _today: date | None) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(Kind.NUMBER_INVALID, f.name)
    if (f.low is not None and value < f.low) or (f.high is not None and value > f.high):
        raise ValidationError(Kind.NUMBER_INVALID, f.name, low=f.low, high=f.high)


def _bool(f: Field, value: Any, _today: date | None) -> None:
    if value not in (0, 1) or isinstance(value, float):  # True/False are 1/0
        raise ValidationError(Kind.INVALID_TYPE, f.name)


def _phone(f: Field, value: Any, today: date | None) -> None:
    _text(f, value, today)
    parse_phone(value, f.name)


def _document(f: Field, value: Any, today: date | None) -> None:
    _text(f, value, today)
    if " " in value:
        raise ValidationError(Kind.ID_BAD_CHARS, f.name)


def _ref(f: Field, value: Any, _today: date | None) -> None:
    if not isinstance(value, str) or not _ID.match(value):
        raise ValidationError(Kind.INVALID_TYPE, f.name)


def _table(f: Field, value: Any, _today: date | None) -> None:
    if value not in BY_TABLE:
        raise ValidationError(Kind.INVALID_CHOICE, f.name)


def _sha256(f: Field, value: Any, _today: date | None) -> None:
    if not isinstance(value, str) or not _SHA256.match(value):
        raise ValidationError(Kind.INVALID_TYPE, f.name)


def _policy(f: Field, value: Any, _today: date | None) -> None:
    if not isinstance(value, dict):
        raise ValidationError(Kind.INVALID_TYPE, f.name)
    try:
        load_policy(value)  # POLICY_INVALID with the reason
    except ValidationError as err:  # told as the record's field; the policy's own path kept
        raise ValidationError(err.kind, f.name, **err.params, path=err.field) from None


_CHECKS = {
    Type.TEXT: _text,
    Type.NAME: _name,
    Type.CODE: _code,
    Type.CODES: _codes,
    Type.TEXTS: _texts,
    Type.DATE: _date,
    Type.MOMENT: _moment,
    Type.INT: _int,
    Type.BOOL: _bool,
    Type.PHONE: _phone,
    Type.DOCUMENT: _document,
    Type.REF: _ref,
    Type.TABLE: _table,
    Type.SHA256: _sha256,
    Type.POLICY: _policy,
}
