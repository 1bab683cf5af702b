"""Suspected duplicates (疑似重复): when two files may be one child.

The county server compares every child it receives with the county's others by these
keys (one module for both ends: the laptop words the reasons). Two files are suspects
when they share the ID number; or the name, sex and birth date; or the name's pinyin,
sex and birth date (张伟 and 章伟, written differently in two villages).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class Reason(StrEnum):
    """Why two files were proposed as one child, strongest first."""

    ID_NUMBER = "id_number"
    NAME_BIRTH = "name_birth"
    PINYIN = "pinyin"


class CaseState(StrEnum):
    OPEN = "open"
    MERGED = "merged"
    DISTINCT = "distinct"


# The child's fields the keys come from: a change of one of them looks again.
KEY_FIELDS = frozenset({"id_number", "name", "sex", "birth_date", "deleted"})


@dataclass(frozen=True, slots=True)
class Keys:
    id_number: str | None
    name: str | None
    pinyin: str | None
    sex: str | None
    birth_date: str | None


def keys(values: dict[str, Any]) -> Keys:
    """The matching keys of a child's values (as they travel: dates as text)."""
    number = str(values.get("id_number") or "").strip().upper() or None
    name = unicodedata.normalize("NFKC", str(values.get("name") or "")).strip() or None
    return Keys(
        id_number=number,
        name=name,
        pinyin=spelling(name) if name else None,
        sex=str(values["sex"]) if values.get("sex") else None,
        birth_date=str(values["birth_date"]) if values.get("birth_date") else None,
    )


def spelling(name: str) -> str:
    """A name's pinyin in its commonest reading, without tones or spaces: 张伟 -> zhangwei."""
    from pypinyin import lazy_pinyin  # imported on first use: 0.2 s

    return "".join(s.lower() for s in lazy_pinyin(name) if s.strip())


def ordered(a: str, b: str) -> tuple[str, str]:
    """A pair of files in one order, so that a pair is proposed once whichever came first."""
    return (a, b) if a < b else (b, a)
