"""Roster search keys: a name's pinyin spellings and initials, so "zs" finds 张三."""

from __future__ import annotations

import itertools
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

MAX_SURNAME_READINGS = 3  # 曾 zeng/ceng, 单 shan/dan, 覃 qin/tan: try each for the surname


def pinyin_key(name: str) -> str:
    """Space-separated search spellings: full pinyin and initials for each surname reading.

    张三 -> "zhangsan zs"; 曾小单 -> "cengxiaodan cxd zengxiaodan zxd". Letters in a
    name are kept lower-case; punctuation such as "·" and "<" is dropped.
    """
    name = unicodedata.normalize("NFKC", name or "").strip()
    if not name:
        return ""
    return _key(name)


@lru_cache(maxsize=4096)
def _key(name: str) -> str:
    from pypinyin import Style, lazy_pinyin, pinyin  # imported on first use: 0.2 s

    # pypinyin takes a list from the errors callback (documented); its stubs say str only.
    spoken = lazy_pinyin(name, errors=_keep_letters)  # type: ignore[arg-type]
    syllables = [s.lower() for s in spoken]
    surname_readings = (
        pinyin(name[0], style=Style.NORMAL, heteronym=True)[0] if _is_han(name[0]) else []
    )
    variants: list[str] = []
    for first in itertools.islice(
        dict.fromkeys([syllables[0] if syllables else "", *surname_readings]), MAX_SURNAME_READINGS
    ):
        parts = [p for p in [first.lower(), *syllables[1:]] if p and p.isalnum()]
        if parts:
            variants += ["".join(parts), "".join(p[0] for p in parts)]
    return " ".join(dict.fromkeys(variants))


def _is_han(ch: str) -> bool:
    return unicodedata.name(ch, "").startswith("CJK UNIFIED IDEOGRAPH")


def _keep_letters(chars: str) -> list[str]:
    return ["".join(ch for ch in chars if ch.isascii() and ch.isalnum())]


def normalise_query(text: str) -> str:
    """Fold a search query like the keys: NFKC, trimmed, lower-case."""
    return unicodedata.normalize("NFKC", text or "").strip().lower()


@dataclass(frozen=True, slots=True)
class SearchText:
    """One record's searchable text, folded once: the roster folds every child when it
    loads, not again at each keystroke (20,000 children in a township)."""

    name: str  # lower-case
    words: str  # " " before each pinyin spelling: " zhangsan zs"
    id_number: str
    file_no: str

    @classmethod
    def of(cls, name: str, key: str, id_number: str | None, file_no: str | None) -> SearchText:
        words = "".join(" " + word for word in key.split())
        return cls(name.lower(), words, id_number or "", file_no or "")


def matching(query: str, texts: Sequence[SearchText]) -> list[int]:
    """The positions in ``texts`` that ``query`` finds: a name fragment, a pinyin spelling
    or initials from the start of a word ("zs", "zhang"), or part of the ID number or
    file number.

    ``query`` must already be folded with :func:`normalise_query`. The store's SQL search
    (services.roster) follows the same rules; a test checks that they agree.
    """
    if not query:
        return list(range(len(texts)))
    compact = query.replace(" ", "")
    word = " " + compact  # a spelling starts after a space
    digits = compact.upper()
    if digits.rstrip("X").isdigit():
        return [
            i
            for i, t in enumerate(texts)
            if query in t.name or word in t.words or digits in t.id_number or compact in t.file_no
        ]
    return [i for i, t in enumerate(texts) if query in t.name or word in t.words]
