"""Roster search keys: a name's pinyin spellings and initials, so "zs" finds 张三."""

from __future__ import annotations

import itertools
import unicodedata
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


def matches(query: str, name: str, key: str, id_number: str | None, file_no: str | None) -> bool:
    """The roster's search, in Python: a name fragment, a pinyin spelling or initials
    from the start of a word ("zs", "zhang"), or part of the ID number or file number.

    ``query`` must already be folded with :func:`normalise_query`. The store's SQL search
    (services.roster) follows the same rules; a test checks that they agree.
    """
    if not query:
        return True
    if query in name.lower():
        return True
    compact = query.replace(" ", "")
    if any(word.startswith(compact) for word in key.split()):
        return True
    digits = compact.upper()
    if digits.rstrip("X").isdigit():
        return digits in (id_number or "") or compact in (file_no or "")
    return False
