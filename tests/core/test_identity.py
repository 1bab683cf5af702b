from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from childcare_desktop.core.errors import Kind, ValidationError
from childcare_desktop.core.identity import (
    IdKind,
    check_digit,
    mask_id,
    parse_id_number,
    upgrade_15,
)
from childcare_desktop.core.vocab import Sex


@pytest.mark.parametrize(
    "number",
    # the test vectors of reference/domain-research.md §7.1
    [
        "11010519491231002X",
        "440524188001010014",
        "360426199101010071",
        "120103198806018241",
        "110101202311012176",
    ],
)
def test_accepts_known_valid_numbers(number: str) -> None:
    assert parse_id_number(number).number == number


def test_derives_birth_date_sex_and_province() -> None:
    parsed = parse_id_number("11010519491231002X")
    assert parsed.birth_date == date(1949, 12, 31)
    assert parsed.sex is Sex.FEMALE  # 17th digit 2 is even
    assert parsed.province == "北京市"
    assert parsed.kind is IdKind.RESIDENT
    assert parse_id_number("360426199101010071").sex is Sex.MALE


def test_lower_case_x_full_width_digits_and_spaces_are_normalised() -> None:
    assert parse_id_number("11010519491231002x").number == "11010519491231002X"
    assert parse_id_number(" １１０１０５ 1949 1231 002x ").number == "11010519491231002X"
    assert parse_id_number("110105-19491231-002X").number == "11010519491231002X"


def test_fifteen_digit_numbers_are_upgraded() -> None:
    parsed = parse_id_number("110105491231002")
    assert parsed.number == "11010519491231002X"
    assert parsed.upgraded_from == "110105491231002"
    assert parsed.birth_date == date(1949, 12, 31)


def test_unknown_county_code_is_accepted() -> None:
    first17 = "34999920100101001"  # province 34 exists, county 3499xx never did
    parsed = parse_id_number(first17 + check_digit(first17))
    assert parsed.region_code == "349999"
    assert parsed.province == "安徽省"


@pytest.mark.parametrize(
    ("prefix", "kind", "province"),
    [
        ("810000", IdKind.HMT_PERMIT, "香港特别行政区"),
        ("820000", IdKind.HMT_PERMIT, "澳门特别行政区"),
        ("830000", IdKind.HMT_PERMIT, "台湾地区"),
    ],
)
def test_residence_permits_of_hk_macau_taiwan(prefix: str, kind: IdKind, province: str) -> None:
    first17 = prefix + "19900101003"
    parsed = parse_id_number(first17 + check_digit(first17))
    assert (parsed.kind, parsed.province, parsed.sex) == (kind, province, Sex.MALE)


def test_foreigners_permanent_residence_card() -> None:
    first17 = "93384020050102002"  # 9 + province 33 + nationality 840 + birth + seq
    parsed = parse_id_number(first17 + check_digit(first17))
    assert parsed.kind is IdKind.FOREIGN_PR
    assert parsed.birth_date == date(2005, 1, 2)
    assert parsed.province == "浙江省"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("360426199101010072", Kind.ID_BAD_CHECK_DIGIT),
        ("11010519491331002X", Kind.ID_BAD_DATE),  # month 13
        ("11010520230230002X", Kind.ID_BAD_DATE),  # 30 February
        ("1101051949123100", Kind.ID_BAD_LENGTH),
        ("11010519491231002X1", Kind.ID_BAD_LENGTH),
        ("1101051949123100AX", Kind.ID_BAD_CHARS),
        ("X10105194912310021", Kind.ID_BAD_CHARS),  # X only as the last character
        ("abc", Kind.ID_BAD_CHARS),
        ("", Kind.ID_EMPTY),
        ("   ", Kind.ID_EMPTY),
        ("19010519491231002X", Kind.ID_BAD_PROVINCE),
    ],
)
def test_rejects_with_the_reason(text: str, kind: Kind) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_id_number(text)
    assert caught.value.kind is kind
    assert caught.value.field == "id_number"


def test_wrong_check_digit_names_the_expected_one() -> None:
    with pytest.raises(ValidationError) as caught:
        parse_id_number("360426199101010072")
    assert caught.value.params["expected"] == "1"


def test_birth_date_in_the_future_is_refused() -> None:
    first17 = "34990120300101001"
    with pytest.raises(ValidationError) as caught:
        parse_id_number(first17 + check_digit(first17), today=date(2026, 1, 1))
    assert caught.value.kind is Kind.ID_FUTURE_DATE


def test_masking_keeps_four_and_four() -> None:
    assert mask_id("34120119900101123X") == "3412**********123X"
    assert parse_id_number("11010519491231002X").masked == "1101**********002X"


def test_upgrade_of_fifteen_digits_computes_the_check_digit() -> None:
    assert upgrade_15("360426910101007") == "360426199101010071"


@given(
    birth=st.dates(min_value=date(1900, 1, 1), max_value=date(2025, 12, 31)),
    seq=st.integers(min_value=0, max_value=999),
)
def test_any_generated_number_round_trips(birth: date, seq: int) -> None:
    first17 = f"349901{birth:%Y%m%d}{seq:03d}"
    parsed = parse_id_number(first17 + check_digit(first17), today=date(2026, 1, 1))
    assert parsed.birth_date == birth
    assert parsed.sex is (Sex.MALE if seq % 2 else Sex.FEMALE)


@given(position=st.integers(min_value=0, max_value=16), delta=st.integers(1, 9))
def test_every_single_digit_error_is_caught(position: int, delta: int) -> None:
    good = "11010519491231002X"
    digit = str((int(good[position]) + delta) % 10)
    typo = good[:position] + digit + good[position + 1 :]
    with pytest.raises(ValidationError):
        parse_id_number(typo)
