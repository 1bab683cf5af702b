"""The villages a township's store (a supervisor's) files its children under.

A director's store files every child under its own village. A township's store has no
village of its own: a new child's village is chosen, and the new-child dialog and the
import wizard offer the township's villages: those the county named (synced down,
``services.places``) and those the store holds children of, each by its name (its code
when the county named none) with the number of children filed there.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..core.region import Level
from ..storage.models import Child
from .common import store_township
from .places import place_names


@dataclass(frozen=True, slots=True)
class Village:
    code: str  # 12 digits
    children: int  # live files filed there
    name: str = ""  # the county's name of it ("" when it named none)

    @property
    def label(self) -> str:
        """The village as shown: its name, else its code."""
        return self.name or self.code


def held_villages(session: Session) -> list[Village]:
    """The villages of the store's township that the county named or that it holds
    children of, by code; empty in a director's store (nothing to choose there)."""
    township = store_township(session)
    if township is None:
        return []
    query = (
        select(Child.region_code, func.count())
        .where(Child.deleted.is_(False), Child.region_code.startswith(township))
        .group_by(Child.region_code)
    )
    counts: dict[str, int] = dict(session.execute(query).tuples().all())
    names = place_names(session)
    named = {c for c in names if len(c) == Level.VILLAGE and c.startswith(township)}
    return [Village(c, counts.get(c, 0), names.get(c, "")) for c in sorted(named | set(counts))]


__all__ = ["Village", "held_villages", "store_township"]
