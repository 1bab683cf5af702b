"""Telephone numbers as village records hold them: mobiles, and landlines with an area code."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum

from .errors import Kind, ValidationError

# 1[3-9] + 9 digits: number blocks change over time, so the rule stays broad on purpose.
_MOBILE = re.compile(r"^1[3-9]\d{9}$")
# Area code (0 + 2-3 digits) + 7-8 digits, optional extension.
_LANDLINE = re.compile(r"^(0\d{2,3})(\d{7,8})(?:(?:转|EXT|X|#)(\d{1,6}))?$")
_SEPARATORS = re.compile(r"[\s\-()（）.]")
_SPLIT = re.compile(r"[,，;；/、|\n]+|\s{2,}")


class PhoneKind(StrEnum):
    MOBILE = "mobile"
    LANDLINE = "landline"


@dataclass(frozen=True, slots=True)
class Phone:
    number: str  # digits only, extension after "-"
    kind: PhoneKind


def parse_phone(text: str, field: str = "phone") -> Phone:
    """Normalise and validate one number; ``+86``/``0086`` prefixes and separators are dropped."""
    raw = unicodedata.normalize("NFKC", text or "").strip().upper()
    if not raw:
        raise ValidationError(Kind.REQUIRED, field)
    compact = _SEPARATORS.sub("", raw)
    for prefix in ("+86", "0086"):
        if compact.startswith(prefix):
            compact = compact[len(prefix) :]
    if len(compact) == 13 and compact.startswith("86"):
        compact = compact[2:]
    if _MOBILE.match(compact):
        return Phone(compact, PhoneKind.MOBILE)
    landline = _LANDLINE.match(compact)
    if landline:
        area, local, ext = landline.groups()
        return Phone(area + local + (f"-{ext}" if ext else ""), PhoneKind.LANDLINE)
    raise ValidationError(Kind.PHONE_INVALID, field, value=raw[:30])


def split_phones(text: str) -> list[str]:
    """Split a cell that holds several numbers ("138..., 0551-...") into its parts."""
    return [part.strip() for part in _SPLIT.split(text or "") if part.strip()]
