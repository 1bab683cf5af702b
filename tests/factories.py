"""Small builders with valid defaults; a test overrides only what it is about."""

from __future__ import annotations

import itertools
from datetime import date, timedelta
from typing import Any

from sqlalchemy.orm import Session

from childcare_desktop.core.identity import check_digit
from childcare_desktop.core.records import ChildRecord
from childcare_desktop.services.children import register_child

_serial = itertools.count()


def make_id(birth: date, *, male: bool = True, county: str = "349901") -> str:
    """A valid, never-real identity number (county 349901 does not exist)."""
    seq = 100 + (2 * next(_serial)) % 898 + (1 if male else 0)  # odd = male
    first17 = f"{county}{birth:%Y%m%d}{seq:03d}"
    return first17 + check_digit(first17)


def years_ago(years: int, days: int = 0) -> date:
    today = date.today()
    try:
        return today.replace(year=today.year - years) - timedelta(days=days)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28) - timedelta(days=days)


def make_child(session: Session, **overrides: Any) -> ChildRecord:
    birth = overrides.pop("birth_date", years_ago(9))
    values: dict[str, Any] = {
        "name": "张三",
        "id_number": make_id(birth, male=overrides.get("sex", "male") != "female"),
        "categories": ["left_behind"],
        "registered_on": date.today() - timedelta(days=30),
        "hukou_type": "rural",
    }
    values.update(overrides)
    if values.get("id_number") is None:
        values["birth_date"] = birth
    return register_child(session, **values)
