"""Cell values as people type them in ledgers, read into plain values.

Each reader takes what openpyxl gives for a cell (text, a number, a date) and returns the
value to store, ``None`` for a blank, or raises a ValidationError that says what is wrong
with the cell. Nothing is guessed: a date without a day, or an ID number that Excel kept
as a number and rounded, is reported with what the cell still holds.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, timedelta

from ..core.dates import day_from_text
from ..core.errors import Kind, ValidationError
from ..core.identity import parse_id_number
from ..core.phone import parse_phone, split_phones

# What people write in a cell that has nothing to say.
BLANKS = frozenset({"", "/", "／", "无", "暂无", "没有", "null", "NULL", "N/A", "n/a", "未填"})
DASHES = frozenset({"-", "—", "——", "－", "―", "--"})  # 2016 登记表: "—" for 已故
YES = frozenset(
    {"是", "有", "√", "✓", "✔", "☑", "Y", "y", "YES", "Yes", "yes", "1", "对"}
    | {"寄宿", "寄宿生", "住校"}
)
NO = frozenset(
    {"否", "无", "×", "✗", "✘", "☐", "N", "n", "NO", "No", "no", "0", "不是", "没有"}
    | {"非寄宿", "非寄宿生", "走读"}
)

# Full-width digits and Latin letters, and the ideographic space, to their ASCII forms;
# Chinese punctuation (，（）) is left as typed.
_WIDE = {cp: cp - 0xFEE0 for cp in (*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B))}
_WIDE |= {cp: cp - 0xFEE0 for cp in range(0xFF41, 0xFF5B)}
_WIDE[0x3000] = 0x20
_SPACES = re.compile(r"\s+")
_CJK_NAME = re.compile(r"^[\u3400-\u9fff\s]+$")

# Excel's day 0 is 1899-12-30 in the 1900 date system (its 29 Feb 1900 is fictitious, so
# serials from 61 on count from here), 1904-01-01 in the Mac system.
EPOCH_1900 = date(1899, 12, 30)
EPOCH_1904 = date(1904, 1, 1)
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")


def plain(value: object) -> str:
    """A cell's text: wide digits folded, spaces collapsed, trimmed."""
    if value is None:
        return ""
    if isinstance(value, bool):  # an Excel TRUE/FALSE cell
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = unicodedata.normalize("NFC", str(value)).translate(_WIDE)
    return _SPACES.sub(" ", text).strip()


EXCEL_ERRORS = frozenset(
    {"#N/A", "#REF!", "#VALUE!", "#DIV/0!", "#NAME?", "#NUM!", "#NULL!", "#SPILL!", "#CALC!"}
)


def is_excel_error(value: object) -> bool:
    """A formula's error (#N/A, #REF! ...) saved in the cell instead of a value."""
    return isinstance(value, str) and value.strip() in EXCEL_ERRORS


def is_blank(value: object) -> bool:
    return plain(value) in BLANKS


def is_dash(value: object) -> bool:
    return plain(value) in DASHES


def text(value: object) -> str | None:
    cleaned = plain(value)
    return None if cleaned in BLANKS or cleaned in DASHES else cleaned


def name(value: object) -> str | None:
    """A name; the spaces typed to line up two-character names (王  芳) are dropped."""
    cleaned = text(value)
    if cleaned and _CJK_NAME.match(cleaned):
        cleaned = cleaned.replace(" ", "")
    return cleaned


def yes_no(value: object, field: str) -> str | None:
    """ "yes", "no" or None for a blank; anything else is an error."""
    cleaned = plain(value)
    if cleaned in YES:
        return "yes"
    if cleaned in NO:
        return "no"
    if cleaned in BLANKS or cleaned in DASHES:
        return None
    raise ValidationError(Kind.INVALID_CHOICE, field, value=cleaned[:40])


def ticked(value: object) -> bool:
    """Whether a tick column is ticked (√, 是, 1 ...); a blank or 否 is not."""
    return plain(value) in YES


def unticked(value: object) -> bool:
    """Whether a tick column is plainly not ticked (blank, 否, ×)."""
    cleaned = plain(value)
    return cleaned in NO or cleaned in BLANKS or cleaned in DASHES


def day(value: object, field: str, *, epoch: date = EPOCH_1900) -> date | None:
    """A date from a date cell, an Excel serial number, 20160701, or text such as
    ``2016.7.1``, ``2016-07-01``, ``2016/7/1`` and ``2016年7月1日``."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _from_number(value, field, epoch)
    cleaned = plain(value)
    if cleaned in BLANKS or cleaned in DASHES:
        return None
    written = day_from_text(cleaned, field)  # the forms a user may type in the app too
    if written is not None:
        return written
    if cleaned.isdigit() and len(cleaned) <= 6:  # a serial number stored as text
        return _from_number(int(cleaned), field, epoch)
    raise ValidationError(Kind.DATE_INVALID, field, value=cleaned[:40])


def _from_number(number: float, field: str, epoch: date) -> date:
    shown = plain(number)
    if float(number).is_integer() and 19000101 <= number <= 21001231:
        return _make(*_COMPACT.match(shown).groups(), field=field, shown=shown)  # type: ignore[union-attr]
    if not float(number).is_integer():
        # 2016.07 typed into a number cell: a year and a month, not a serial date.
        if 1900 <= number < 2101:
            raise ValidationError(Kind.DATE_INCOMPLETE, field, value=shown)
        raise ValidationError(Kind.DATE_INVALID, field, value=shown)
    serial = int(number)
    if epoch == EPOCH_1900 and serial < 61:
        serial += 1  # before Excel's fictitious 29 Feb 1900
    try:
        result = epoch + timedelta(days=serial)
    except OverflowError:
        raise ValidationError(Kind.DATE_INVALID, field, value=shown) from None
    if not 1900 <= result.year <= 2100 or serial < 3653:  # not a date anyone meant
        raise ValidationError(Kind.DATE_INVALID, field, value=shown)
    return result


def _make(year: str, month: str, day_: str, *, field: str, shown: str) -> date:
    try:
        return date(int(year), int(month), int(day_))
    except ValueError:
        raise ValidationError(Kind.DATE_INVALID, field, value=shown[:40]) from None


def id_number(value: object, field: str = "id_number") -> str | None:
    """An identity number, checked (GB 11643); a number that Excel rounded is refused with
    the digits it kept."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        digits = _digits_kept(value)
        if len(digits) > 15:
            raise ValidationError(
                Kind.ID_PRECISION_LOST,
                field,
                kept=digits[:15],
                lost=len(digits) - 15,
                shown=digits,
            )
        value = digits
    cleaned = plain(value)
    if cleaned in BLANKS or cleaned in DASHES:
        return None
    if cleaned.startswith("'"):  # the apostrophe typed to keep Excel from rounding
        cleaned = cleaned[1:]
    return parse_id_number(cleaned).number


def _digits_kept(number: float) -> str:
    """The digits a number cell holds. Excel keeps 15 significant digits, so an 18-digit
    number comes back with its last three as zeros (or noise); a program that wrote the
    whole number as an integer kept them all."""
    if isinstance(number, int) and number % 1000:
        return str(number)
    whole = f"{number:.0f}" if isinstance(number, float) else str(number)
    if len(whole) > 15:
        return whole[:15] + "0" * (len(whole) - 15)
    return whole


def phones(value: object, field: str = "phone") -> list[str]:
    """Every number in the cell (one cell often holds two: "138…，0551-…"), normalised;
    the first problem found is raised."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = plain(value)
    cleaned = plain(value)
    if cleaned in BLANKS or cleaned in DASHES:
        return []
    found: list[str] = []
    for part in split_phones(cleaned):
        try:
            found.append(parse_phone(part, field).number)
        except ValidationError:
            # "139… 137…": two numbers with one space between them (but "0551 1234567"
            # is one landline, which the first try reads).
            pieces = part.split(" ")
            if len(pieces) < 2:
                raise
            found += [parse_phone(piece, field).number for piece in pieces]
    return found


_PROVINCES = (
    "北京", "天津", "河北", "山西", "内蒙古", "辽宁", "吉林", "黑龙江", "上海", "江苏", "浙江",
    "安徽", "福建", "江西", "山东", "河南", "湖北", "湖南", "广东", "广西", "海南", "重庆", "四川",
    "贵州", "云南", "西藏", "陕西", "甘肃", "青海", "宁夏", "新疆", "台湾", "香港", "澳门",
)  # fmt: skip
_PROVINCE_SUFFIX = re.compile(r"^(省|市|自治区|壮族自治区|回族自治区|维吾尔自治区|特别行政区)")
_SEPARATOR = re.compile(r"^[\s,，、·.\-]+")


def work_place(value: object) -> tuple[str | None, str | None]:
    """(province, city) from "广东省深圳市", "广东深圳", "浙江 宁波" or just "深圳"."""
    cleaned = text(value)
    if not cleaned:
        return None, None
    for province in _PROVINCES:
        if cleaned.startswith(province):
            rest = cleaned[len(province) :]
            suffix = _PROVINCE_SUFFIX.match(rest)
            full = province + (suffix.group(0) if suffix else "")
            city = _SEPARATOR.sub("", rest[len(full) - len(province) :]) or None
            return full[:20], city[:30] if city else None
    return None, cleaned[:30]


def disability(value: object) -> tuple[str | None, int | None]:
    """(kind, grade) from "肢体三级", "智力残疾2级", "视力 一级"; the kind as written."""
    cleaned = text(value)
    if not cleaned:
        return None, None
    grade = None
    match = re.search(r"([一二三四1-4])\s*级", cleaned)
    if match:
        grade = "一二三四".find(match.group(1)) + 1 or int(match.group(1))
        cleaned = (cleaned[: match.start()] + cleaned[match.end() :]).strip()
    kind = cleaned.removesuffix("残疾").strip()
    return (kind + "残疾" if kind else None), grade


def many(value: object) -> list[str]:
    """The parts of a multi-value cell: "孤儿、重残", "打工收入,种养殖业"."""
    cleaned = text(value)
    if not cleaned:
        return []
    return [part for part in re.split(r"[,，、;；/\s]+", cleaned) if part]
