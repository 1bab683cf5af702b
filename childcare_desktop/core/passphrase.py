"""How hard a new passphrase is to guess, and what is wrong with a weak one.

A stolen laptop's store can be attacked offline, one guess per key derivation (PBKDF2,
256,000 rounds: some ten thousand guesses a second on one graphics card). Length rules
alone let ``12345678`` and ``password`` through, so we ask zxcvbn (Dropbox's estimator,
pure Python), which knows the common passwords, words, names, dates, keyboard runs and
repeats, and counts the guesses an attacker who tries those first would need.

We ask for its score 3 (about 10^8 guesses or more: "safely unguessable, moderate
protection from an offline slow-hash attack"). zxcvbn counts each Chinese character as
one of ten, so a Chinese passphrase needs nine characters or more; a few words in pinyin,
joined by a sign, is the advice we give.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import IntEnum, StrEnum

from .search import pinyin_key

MIN_CHARS = 8
MIN_SCORE = 3  # zxcvbn's 0-4
STRONG_SCORE = 4
_MAX_ESTIMATED = 72  # zxcvbn's own limit; a longer passphrase is judged by its start


class Weakness(StrEnum):
    """What makes a passphrase easy to guess (the UI words each one)."""

    TOO_SHORT = "too_short"
    PERSONAL = "personal"  # the store's name, the village code, the user's name
    COMMON = "common"  # a well-known password, a common word or name
    SEQUENCE = "sequence"  # 12345678, abcdef
    REPEAT = "repeat"  # aaaaaaaa, abcabcabc
    KEYBOARD = "keyboard"  # qwertyui, 1qaz2wsx
    DATE = "date"  # 19900101
    GUESSABLE = "guessable"  # none of those, but still too few guesses


class Strength(IntEnum):
    WEAK = 0  # refused
    FAIR = 1  # accepted
    STRONG = 2


@dataclass(frozen=True, slots=True)
class Estimate:
    strength: Strength
    weaknesses: tuple[Weakness, ...]  # empty unless weak


_PATTERNS = {
    "spatial": Weakness.KEYBOARD,
    "repeat": Weakness.REPEAT,
    "sequence": Weakness.SEQUENCE,
    "date": Weakness.DATE,
}


def estimate(passphrase: str, user_inputs: Iterable[str] = ()) -> Estimate:
    """How strong ``passphrase`` is; ``user_inputs`` are words an attacker would try
    first (the store's file name, the village code, the user's name: their pinyin too)."""
    if len(passphrase) < MIN_CHARS:
        return Estimate(Strength.WEAK, (Weakness.TOO_SHORT,))
    from zxcvbn import zxcvbn  # imported on first use: 0.1 s of word lists

    result = zxcvbn(passphrase[:_MAX_ESTIMATED], user_inputs=_inputs(user_inputs))
    score = result["score"]
    if score >= STRONG_SCORE:
        return Estimate(Strength.STRONG, ())
    if score >= MIN_SCORE:
        return Estimate(Strength.FAIR, ())
    return Estimate(Strength.WEAK, _weaknesses(result["sequence"]))


def passphrase_problems(passphrase: str, user_inputs: Iterable[str] = ()) -> list[Weakness]:
    """Why a new passphrase is too weak to protect children's files (empty: it is fine)."""
    return list(estimate(passphrase, user_inputs).weaknesses)


def _inputs(words: Iterable[str]) -> list[str]:
    found: list[str] = []
    for word in words:
        word = (word or "").strip()
        if word:
            found.append(word.lower())
            if not word.isascii():  # 王芳 is typed wangfang
                found += [s for s in pinyin_key(word).split() if len(s) >= 3]
    return found


def _weaknesses(matches: Sequence[Mapping[str, object]]) -> tuple[Weakness, ...]:
    found: list[Weakness] = []
    for match in matches:
        pattern = match["pattern"]
        if pattern == "dictionary":
            user = match.get("dictionary_name") == "user_inputs"
            kind = Weakness.PERSONAL if user else Weakness.COMMON
        else:
            kind = _PATTERNS.get(str(pattern), Weakness.GUESSABLE)
        if kind not in found and kind is not Weakness.GUESSABLE:
            found.append(kind)
    return tuple(sorted(found, key=list(Weakness).index)) or (Weakness.GUESSABLE,)
