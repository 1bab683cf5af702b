"""Administrative division codes (统计用区划代码) and the scopes they define.

A village code has 12 digits: province 2 + city 2 + county 2 + township 3 + village 3.
Its 9- and 6-digit prefixes are the township and county, which is how scope is checked.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from enum import IntEnum

from .errors import Kind, ValidationError


class Level(IntEnum):
    PROVINCE = 2
    CITY = 4
    COUNTY = 6
    TOWNSHIP = 9
    VILLAGE = 12


@dataclass(frozen=True, slots=True, order=True)
class Region:
    code: str  # 2, 4, 6, 9 or 12 digits, trailing zero groups dropped

    @classmethod
    def parse(cls, text: str, field: str = "region_code") -> Region:
        """Accept a 2-12 digit code; a 12-digit code padded with zeros is cut to its level."""
        code = (text or "").strip()
        if not code.isdigit() or not code.isascii() or len(code) not in set(Level):
            raise ValidationError(Kind.REGION_INVALID, field, value=code[:20])
        if code[:2] == "00":
            raise ValidationError(Kind.REGION_INVALID, field, value=code)
        # "341524000000" is the county 341524 written at full length. Only the township
        # and village groups are cut: a county code may itself end in zeros (441900 东莞).
        for level in (Level.TOWNSHIP, Level.COUNTY):
            if len(code) > level and code[level:].strip("0") == "":
                code = code[:level]
        return cls(code)

    @property
    def level(self) -> Level:
        return Level(len(self.code))

    def prefix(self, level: Level) -> str | None:
        """The code of the enclosing unit at ``level``, or None if this one is larger."""
        return self.code[:level] if len(self.code) >= level else None

    @property
    def county(self) -> str | None:
        return self.prefix(Level.COUNTY)

    @property
    def township(self) -> str | None:
        return self.prefix(Level.TOWNSHIP)

    def contains(self, other: Region | str) -> bool:
        """True if ``other`` lies within this unit (a unit contains itself)."""
        code = other.code if isinstance(other, Region) else other
        return code.startswith(self.code)

    def __str__(self) -> str:
        return self.code


PLACE_NAME_MAX = 40  # "某某街道某某社区居民委员会" is well under it


def clean_place_name(value: object, field: str = "name") -> str:
    """A division's name as the county gives it: trimmed, NFC, one line of plain text.

    Refused: an empty or over-long name, any control or format character (a bidi
    override would turn a printed line around), and ``<`` or ``>`` (a place's name never
    holds them; a tag in one is a paste accident or an attack).
    """
    text = unicodedata.normalize("NFC", "" if value is None else str(value)).strip()
    if not text:
        raise ValidationError(Kind.REQUIRED, field)
    if len(text) > PLACE_NAME_MAX:
        raise ValidationError(Kind.TOO_LONG, field, max=PLACE_NAME_MAX, length=len(text))
    if any(unicodedata.category(ch).startswith("C") for ch in text):
        raise ValidationError(Kind.CONTROL_CHARS, field)
    if "<" in text or ">" in text:
        raise ValidationError(Kind.MARKUP_IN_NAME, field)
    return text
