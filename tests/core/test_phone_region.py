import pytest

from childcare_desktop.core.errors import Kind, ValidationError
from childcare_desktop.core.phone import PhoneKind, parse_phone, split_phones
from childcare_desktop.core.region import Level, Region


@pytest.mark.parametrize(
    ("text", "number", "kind"),
    [
        ("13800138000", "13800138000", PhoneKind.MOBILE),
        ("+86 138-0013-8000", "13800138000", PhoneKind.MOBILE),
        ("0086 19912345678", "19912345678", PhoneKind.MOBILE),
        ("１３８００１３８０００", "13800138000", PhoneKind.MOBILE),
        ("0551-65123456", "055165123456", PhoneKind.LANDLINE),
        ("(010) 1234 5678", "01012345678", PhoneKind.LANDLINE),
        ("0564-6512345转12", "05646512345-12", PhoneKind.LANDLINE),
    ],
)
def test_valid_phones(text: str, number: str, kind: PhoneKind) -> None:
    assert parse_phone(text).number == number
    assert parse_phone(text).kind is kind


@pytest.mark.parametrize("text", ["12345678901", "1380013800", "6512345", "phone", "138001380001"])
def test_invalid_phones(text: str) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_phone(text)
    assert caught.value.kind is Kind.PHONE_INVALID


def test_a_cell_with_two_numbers_splits() -> None:
    assert split_phones("13800138000，0551-65123456") == ["13800138000", "0551-65123456"]
    assert split_phones("13800138000/13900139000") == ["13800138000", "13900139000"]


def test_region_levels_and_scope() -> None:
    village = Region.parse("349901101201")
    assert village.level is Level.VILLAGE
    assert (village.county, village.township) == ("349901", "349901101")
    assert Region.parse("349901").contains(village)
    assert Region.parse("349901101").contains("349901101201")
    assert not Region.parse("349901102").contains(village)


def test_region_codes_padded_with_zeros_are_cut_to_their_level() -> None:
    assert Region.parse("349901000000") == Region("349901")
    assert Region.parse("349901101000").level is Level.TOWNSHIP


def test_county_codes_ending_in_zeros_keep_their_level() -> None:
    # 441900 (东莞) and 442000 (中山) are prefecture cities without counties: their
    # county-level code ends in 00 and must not collapse into the province or city.
    assert Region.parse("441900000000") == Region("441900")
    assert Region.parse("441900003001").level is Level.VILLAGE
    assert Region.parse("110100").level is Level.COUNTY


def test_a_city_code_is_a_region_but_not_a_village() -> None:
    assert Region.parse("3499").level is Level.CITY


@pytest.mark.parametrize("text", ["", "349", "34990110120", "3499011012011", "009901", "abcdef"])
def test_bad_region_codes(text: str) -> None:
    with pytest.raises(ValidationError) as caught:
        Region.parse(text)
    assert caught.value.kind is Kind.REGION_INVALID
