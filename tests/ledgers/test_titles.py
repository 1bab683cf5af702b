"""What a ledger's title, sheet or file name says about its children's category."""

from __future__ import annotations

from pathlib import Path

import pytest

from childcare_desktop.core.vocab import Category
from childcare_desktop.ledgers.reader import Ledger
from childcare_desktop.ledgers.titles import category_in_titles
from tests.ledgers import dirty


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        (["某某村农村留守儿童花名册", "Sheet1"], Category.LEFT_BEHIND),
        (["", "孤儿", "2024台账"], Category.ORPHAN),
        (["困境儿童花名册"], None),  # names no single sub-type
        (["留守儿童和孤儿名单"], None),  # two: the user decides
        (["花名册", "Sheet1", "台账"], None),
    ],
)
def test_the_one_category_a_title_names(texts: list[str], expected: Category | None) -> None:
    assert category_in_titles(texts) is expected


def test_the_header_keeps_the_title_above_it(tmp_path: Path) -> None:
    path = tmp_path / "花名册.xlsx"
    dirty.roster(path)
    with Ledger(path) as ledger:
        header = ledger.header(ledger.sheet(None))
    assert header.first_row == 2 and header.title == "某某村留守儿童花名册（2024年）"
