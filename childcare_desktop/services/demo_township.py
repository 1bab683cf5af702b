"""A demo township (a supervisor's store): a few invented villages of the demo's children.

Each village is built by the demo village's builder (services.demo) with the store filed
under that village meanwhile; the store then becomes the township's. Used for the
screenshots of the supervisor's screens; invented data only, marked demo like the village.

It holds what a township's laptop gets from its syncs, made up the way the sync writes it:
the villages' names (``place``), a review started before the newest children (their
registrations wait for the supervisor's 审核), a transfer asked for by a village, and one
suspected duplicate served by the county.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from sqlalchemy import delete, text
from sqlalchemy.orm import Session

from ..core.duplicates import Reason
from ..core.roles import Role
from ..storage import duplicate_cases, settings
from ..storage.models import Outbox
from ..storage.places import save_names
from . import preferences, transfers
from .children import register_child
from .demo import COUNTY, DIRECTOR, PLACE, TOWNSHIP, DemoSummary, _Village

VILLAGE_NAMES = ("柳溪村", "东坪村", "石桥村", "桃源村", "竹林村", "白沙村", "云岭村", "杏花村")
VILLAGE_DIRECTOR = "李秀英"  # the first village's director (周丽华 is the supervisor here)
RECENT = 3  # the newest children of each village arrive after the review's start


def demo_village_codes(villages: int) -> list[str]:
    """The invented villages' codes: 349901101201, 349901101202, ..."""
    return [f"{TOWNSHIP}{201 + n:03d}" for n in range(villages)]


def demo_place_names(villages: int) -> list[tuple[str, str]]:
    """The county's names of the demo township's places, as the sync brings them."""
    codes = demo_village_codes(villages)
    named = [(COUNTY, PLACE["county"]), (TOWNSHIP, PLACE["township"])]
    return named + [(c, VILLAGE_NAMES[n % len(VILLAGE_NAMES)]) for n, c in enumerate(codes)]


def build_demo_township(
    session: Session,
    *,
    villages: int = 4,
    children: int = 20,
    seed: int = 1,
    as_of: date | None = None,
    own_work: bool = False,
) -> DemoSummary:
    """Fill an empty store with ``villages`` x ``children`` invented children and a year of
    work, then make it the township's store of a supervisor (marked demo). ``own_work``:
    the store keeps it all to send, as if its author (the console's screenshots fill a
    county server so)."""
    as_of = as_of or date.today()
    builder = _Village(session, random.Random(seed), as_of)  # one builder: IDs stay unique
    codes = demo_village_codes(villages)
    recent = min(RECENT, children)
    _add_children(session, builder, codes, range(children - recent), children)
    # As at a first sync: what came before is not for review, the newest children are.
    session.flush()
    settings.write(session, settings.REVIEW_SINCE_HLC, _current_hlc(session))
    _add_children(session, builder, codes, range(children - recent, children), children)
    save_names(session.connection(), "demo", demo_place_names(villages))
    if villages > 1:
        _transfer(session, codes)
    preferences.set_work_settings(
        session,
        name=DIRECTOR,
        role=Role.SUPERVISOR,
        region_code=TOWNSHIP,
        township=PLACE["township"],
        county=PLACE["county"],
    )
    if villages > 1:
        _duplicate(session, builder, codes, as_of)
    settings.write(session, settings.DEMO, True)
    # The villages' work as it reaches a township's laptop, by sync: none of it is this
    # store's own to send (the supervisor's own work would wait for no one's review).
    if not own_work:
        session.execute(delete(Outbox))
    total = villages * children + (villages > 1)
    return DemoSummary(total, builder.visits, builder.reports, builder.exited)


def _add_children(
    session: Session, builder: _Village, codes: list[str], indexes: range, children: int
) -> None:
    for code in codes:
        settings.write(session, settings.HOME_REGION, code)  # each child filed here
        for index in indexes:
            builder.add_child(index, children)


def _current_hlc(session: Session) -> int:
    return int(session.execute(text("SELECT hlc FROM sync_site WHERE id = 1")).scalar_one())


def _transfer(session: Session, codes: list[str]) -> None:
    """A family of the first village moves to the second: its director asked to transfer
    (on the village's laptop, as that director: the request syncs up to the township)."""
    preferences.set_work_settings(
        session, name=VILLAGE_DIRECTOR, role=Role.DIRECTOR, region_code=codes[0]
    )
    child_id = session.execute(
        text(
            "SELECT id FROM child WHERE region_code = :code AND deleted = 0 "
            "ORDER BY registered_on, id LIMIT 1"
        ),
        {"code": codes[0]},
    ).scalar_one()
    transfers.request_transfer(
        session, child_id=child_id, to_region=codes[1], reason="随父母搬到邻村外婆家居住"
    )


def _duplicate(session: Session, builder: _Village, codes: list[str], as_of: date) -> None:
    """One child registered in two villages (the second with a mistyped ID number): the
    county served the pair as a suspected duplicate (same name and birth date)."""
    first = session.execute(
        text(
            "SELECT id, name, birth_date, sex FROM child WHERE region_code = :code "
            "AND deleted = 0 ORDER BY registered_on DESC, id LIMIT 1"
        ),
        {"code": codes[0]},
    ).one()
    birth = date.fromisoformat(str(first.birth_date))
    held = session.execute(
        text(
            "SELECT category FROM category_membership WHERE child_id = :id "
            "AND ended_on IS NULL AND deleted = 0"
        ),
        {"id": first.id},
    ).scalars()
    twin = register_child(
        session,
        name=first.name,
        region_code=codes[1],
        id_number=builder._id(birth, first.sex == "male"),
        hukou_registered="yes",
        hukou_type="rural",
        registered_on=as_of - timedelta(days=1),
        categories=[str(c) for c in held],
        recognized_on=as_of - timedelta(days=1),
    )
    case = {
        "id": "demo-duplicate-1",
        "child_a": first.id,
        "child_b": twin.id,
        "region_a": codes[0],
        "region_b": codes[1],
        "reason": Reason.NAME_BIRTH.value,
        "opened_ms": 0,
        "decidable": True,
    }
    duplicate_cases.replace(session.connection(), [case])
