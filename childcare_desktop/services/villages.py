"""The villages a township's store (a supervisor's) files its children under.

A director's store files every child under its own village. A township's store has no
village of its own: a new child's village is chosen, and the new-child dialog and the
import wizard offer the villages the store already holds. The store keeps no names for
them (only a director's store knows its village's name), so each is offered by its code
and the number of children filed there.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..storage.models import Child
from .common import store_township


@dataclass(frozen=True, slots=True)
class Village:
    code: str  # 12 digits
    children: int  # live files filed there


def held_villages(session: Session) -> list[Village]:
    """The villages of the store's township that it holds children of, by code; empty in
    a director's store (nothing to choose there)."""
    township = store_township(session)
    if township is None:
        return []
    query = (
        select(Child.region_code, func.count())
        .where(Child.deleted.is_(False), Child.region_code.startswith(township))
        .group_by(Child.region_code)
        .order_by(Child.region_code)
    )
    return [Village(code, count) for code, count in session.execute(query)]


__all__ = ["Village", "held_villages", "store_township"]
