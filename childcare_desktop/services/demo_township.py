"""A demo township (a supervisor's store): a few invented villages of the demo's children.

Each village is built by the demo village's builder (services.demo) with the store filed
under that village meanwhile; the store then becomes the township's. Used for the
screenshots of the supervisor's screens; invented data only, marked demo like the village.
"""

from __future__ import annotations

import random
from datetime import date

from sqlalchemy.orm import Session

from ..core.roles import Role
from ..storage import settings
from . import preferences
from .demo import DIRECTOR, PLACE, TOWNSHIP, DemoSummary, _Village


def demo_village_codes(villages: int) -> list[str]:
    """The invented villages' codes: 349901101201, 349901101202, ..."""
    return [f"{TOWNSHIP}{201 + n:03d}" for n in range(villages)]


def build_demo_township(
    session: Session,
    *,
    villages: int = 4,
    children: int = 20,
    seed: int = 1,
    as_of: date | None = None,
) -> DemoSummary:
    """Fill an empty store with ``villages`` x ``children`` invented children and a year of
    work, then make it the township's store of a supervisor (marked demo)."""
    as_of = as_of or date.today()
    builder = _Village(session, random.Random(seed), as_of)  # one builder: IDs stay unique
    for code in demo_village_codes(villages):
        settings.write(session, settings.HOME_REGION, code)  # each child filed here
        for index in range(children):
            builder.add_child(index, children)
    preferences.set_work_settings(
        session,
        name=DIRECTOR,
        role=Role.SUPERVISOR,
        region_code=TOWNSHIP,
        township=PLACE["township"],
        county=PLACE["county"],
    )
    settings.write(session, settings.DEMO, True)
    total = villages * children
    return DemoSummary(total, builder.visits, builder.reports, builder.exited)
