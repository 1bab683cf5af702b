"""公民身份号码 (GB 11643-1999) and the permits that share its layout.

Accepted: 18-character numbers with the ISO 7064 MOD 11-2 check digit (a lower-case
``x`` is read as ``X``), 15-digit numbers issued before 1999 (upgraded to 18 digits),
the residence permits of Hong Kong, Macau and Taiwan residents (810000/820000/830000),
and the 2023 foreigners' permanent residence card (first digit 9). County codes are
not checked against a list: codes are retired and renamed, and old numbers stay valid.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from .errors import Kind, ValidationError
from .vocab import Sex

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CHARS = "10X98765432"

PROVINCES = {
    "11": "北京市",
    "12": "天津市",
    "13": "河北省",
    "14": "山西省",
    "15": "内蒙古自治区",
    "21": "辽宁省",
    "22": "吉林省",
    "23": "黑龙江省",
    "31": "上海市",
    "32": "江苏省",
    "33": "浙江省",
    "34": "安徽省",
    "35": "福建省",
    "36": "江西省",
    "37": "山东省",
    "41": "河南省",
    "42": "湖北省",
    "43": "湖南省",
    "44": "广东省",
    "45": "广西壮族自治区",
    "46": "海南省",
    "50": "重庆市",
    "51": "四川省",
    "52": "贵州省",
    "53": "云南省",
    "54": "西藏自治区",
    "61": "陕西省",
    "62": "甘肃省",
    "63": "青海省",
    "64": "宁夏回族自治区",
    "65": "新疆维吾尔自治区",
    "71": "台湾省",
    "81": "香港特别行政区",
    "82": "澳门特别行政区",
    "83": "台湾地区",
}

PERMIT_PREFIXES = {"810000", "820000", "830000"}
EARLIEST_BIRTH = date(1880, 1, 1)
_ALLOWED = frozenset("0123456789X")


class IdKind(StrEnum):
    RESIDENT = "resident_id"  # 居民身份证 (公民身份号码)
    HMT_PERMIT = "hmt_permit"  # 港澳台居民居住证
    FOREIGN_PR = "foreign_pr"  # 外国人永久居留身份证 (2023)


@dataclass(frozen=True, slots=True)
class IdNumber:
    number: str  # normalised 18 characters
    kind: IdKind
    region_code: str  # the 6-digit 地址码 (for a foreigner's card: "9" + province + nationality)
    province: str | None  # None when the province prefix is not a known one
    birth_date: date
    sex: Sex
    upgraded_from: str | None = None  # the original 15-digit number, if upgraded

    @property
    def masked(self) -> str:
        return mask_id(self.number)


def normalise(text: str) -> str:
    """Full-width to half-width, drop spaces and dashes, upper-case the X."""
    folded = unicodedata.normalize("NFKC", text or "")
    return "".join(ch for ch in folded if not ch.isspace() and ch not in "-_").upper()


def check_digit(first17: str) -> str:
    """The MOD 11-2 check character for the first 17 digits."""
    total = sum(int(ch) * w for ch, w in zip(first17, WEIGHTS, strict=True))
    return CHECK_CHARS[total % 11]


def upgrade_15(number15: str) -> str:
    """A 15-digit number (YYMMDD, issued before 1999) as its 18-digit form."""
    first17 = number15[:6] + "19" + number15[6:]
    return first17 + check_digit(first17)


def mask_id(number: str) -> str:
    """Keep the first four and last four characters: 3412**********123X."""
    if len(number) <= 8:
        return "*" * len(number)
    return number[:4] + "*" * (len(number) - 8) + number[-4:]


def parse_id_number(text: str, *, today: date | None = None) -> IdNumber:
    """Parse and validate an identity number; raise ValidationError(kind) with the reason."""
    field = "id_number"
    number = normalise(text)
    if not number:
        raise ValidationError(Kind.ID_EMPTY, field)
    if not set(number) <= _ALLOWED:
        raise ValidationError(Kind.ID_BAD_CHARS, field)
    if len(number) not in (15, 18):
        raise ValidationError(Kind.ID_BAD_LENGTH, field, length=len(number))
    if "X" in number[:-1] or (len(number) == 15 and not number.isdigit()):
        raise ValidationError(Kind.ID_BAD_CHARS, field)
    original15 = None
    if len(number) == 15:
        original15, number = number, upgrade_15(number)

    kind = _kind_of(number)
    province = PROVINCES.get(number[1:3] if kind is IdKind.FOREIGN_PR else number[:2])
    if kind is IdKind.RESIDENT and province is None:
        raise ValidationError(Kind.ID_BAD_PROVINCE, field, prefix=number[:2])

    birth = _birth_date(number[6:14], field)
    if birth > (today or date.today()):
        raise ValidationError(Kind.ID_FUTURE_DATE, field, birth_date=birth.isoformat())
    expected = check_digit(number[:17])
    if number[17] != expected:
        raise ValidationError(Kind.ID_BAD_CHECK_DIGIT, field, expected=expected)

    sex = Sex.MALE if int(number[16]) % 2 else Sex.FEMALE
    return IdNumber(number, kind, number[:6], province, birth, sex, original15)


def _kind_of(number: str) -> IdKind:
    if number[0] == "9":
        return IdKind.FOREIGN_PR
    if number[:6] in PERMIT_PREFIXES:
        return IdKind.HMT_PERMIT
    return IdKind.RESIDENT


def _birth_date(digits: str, field: str) -> date:
    try:
        birth = date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        raise ValidationError(Kind.ID_BAD_DATE, field, digits=digits) from None
    if birth < EARLIEST_BIRTH:
        raise ValidationError(Kind.ID_BAD_DATE, field, digits=digits)
    return birth
