"""Section numbers in Chinese, counted in the order the headings are made."""

from __future__ import annotations

from childcare_desktop.documents.layout import Numbering, numeral


def test_numerals_read_as_chinese_counts() -> None:
    assert [numeral(n) for n in (1, 9, 10, 11, 15, 19, 20, 21, 30, 99)] == [
        "一", "九", "十", "十一", "十五", "十九", "二十", "二十一", "三十", "九十九"
    ]  # fmt: skip


def test_a_section_left_out_moves_the_numbers_after_it() -> None:
    number = Numbering()
    assert [number(t) for t in ("基本情况", "走访记录")] == ["一、基本情况", "二、走访记录"]
    assert number("强制报告（保密）") == "三、强制报告（保密）"
