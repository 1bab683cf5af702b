"""New passphrases: what zxcvbn finds easy to guess is refused, with the reason."""

from __future__ import annotations

import pytest

from childcare_desktop.core.errors import Kind, StoreError
from childcare_desktop.core.passphrase import Strength, Weakness, estimate, passphrase_problems
from childcare_desktop.messages import describe
from childcare_desktop.services.stores import DEMO_PASSPHRASE
from tests.conftest import PASSPHRASE


@pytest.mark.parametrize(
    ("passphrase", "inputs", "weakness"),
    [
        ("12345678", (), Weakness.COMMON),
        ("password", (), Weakness.COMMON),
        ("woaini1314", (), Weakness.COMMON),
        ("1qaz2wsx", (), Weakness.COMMON),
        ("88888888", (), Weakness.REPEAT),
        ("19900101", (), Weakness.DATE),
        ("abc", (), Weakness.TOO_SHORT),
        ("wangfang0601", ("王芳",), Weakness.PERSONAL),  # the user's name in pinyin
        ("349901101201", ("349901101201",), Weakness.PERSONAL),
    ],
)
def test_weak_passphrases_are_refused_with_what_is_wrong(
    passphrase: str, inputs: tuple[str, ...], weakness: Weakness
) -> None:
    found = estimate(passphrase, inputs)
    assert found.strength is Strength.WEAK
    assert weakness in found.weaknesses
    text = describe(StoreError(Kind.WEAK_PASSPHRASE, problems=passphrase_problems(passphrase)))
    assert text.startswith("口令太弱：") and "三四个互不相关的词" in text


@pytest.mark.parametrize(
    "passphrase",
    [
        "shuitong-yueliang-caomao-7",  # the advice's own example
        DEMO_PASSPHRASE,  # published, for a store of invented children only
        PASSPHRASE,  # the tests'
        "x" * 200,  # past zxcvbn's 72 characters: judged by its start (a repeat)
    ],
)
def test_several_words_are_accepted(passphrase: str) -> None:
    expected = Strength.WEAK if passphrase.startswith("xxx") else Strength.STRONG
    assert estimate(passphrase, ("store", "测试员", "349901101201")).strength is expected
