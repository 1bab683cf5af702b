"""Rules for text that people type: names, short fields and free notes."""

from __future__ import annotations

import re
import unicodedata

from .errors import Kind, ValidationError

NAME_MAX = 50  # the national system allows 72 bytes; 50 characters covers 买买提·艾力 style names
SHORT_MAX = 200
NOTE_MAX = 4000

# Something that reads as an HTML/XML tag: "<script>", "</b>", "<img src=...>".
# A stray "<" or "&" stays (李<小>&明 is stored and printed as typed); a tag in a
# name is always a paste accident or an attack, so it is refused.
_TAG = re.compile(r"<\s*/?\s*[A-Za-z][^<>]*>")


def clean(value: object, field: str, *, max_len: int = SHORT_MAX, required: bool = False) -> str:
    """Trim, fold to NFC, refuse control characters and over-long text."""
    text = unicodedata.normalize("NFC", "" if value is None else str(value)).strip()
    if required and not text:
        raise ValidationError(Kind.REQUIRED, field)
    if len(text) > max_len:
        raise ValidationError(Kind.TOO_LONG, field, max=max_len, length=len(text))
    allowed_ws = "\n\t" if max_len > SHORT_MAX else ""
    if any(unicodedata.category(ch) == "Cc" and ch not in allowed_ws for ch in text):
        raise ValidationError(Kind.CONTROL_CHARS, field)
    return text


def has_markup(text: str) -> bool:
    """Whether the text holds something that reads as an HTML/XML tag."""
    return _TAG.search(text) is not None


def clean_name(value: object, field: str = "name", *, required: bool = True) -> str:
    """A person's name: trimmed, at most NAME_MAX characters, no markup tags."""
    text = clean(value, field, max_len=NAME_MAX, required=required)
    text = re.sub(r"\s+", " ", text)
    if has_markup(text):
        raise ValidationError(Kind.MARKUP_IN_NAME, field)
    return text


def clean_note(value: object, field: str = "notes") -> str:
    """Free text: kept exactly as typed (escaped when printed), bounded in length."""
    return clean(value, field, max_len=NOTE_MAX)
