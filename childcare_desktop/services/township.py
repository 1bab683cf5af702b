"""A township's store (a supervisor's), village by village.

The 工作台 of a supervisor shows a table of the township's villages (children, overdue
items, red and yellow children, last sync, items waiting for review); the roster and the
worklist get a village column and filter. Every figure is worked out for the whole
township in one pass (one grouped read per figure, never one per child or per village),
so twenty villages of three hundred children cost what one worklist costs.

A director's store has no village table: :func:`township_villages` returns None there.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.orm import Session

from ..core.errors import Kind, ValidationError
from ..core.region import Level, Region
from ..core.vocab import RiskColour
from ..storage import settings
from .common import store_township
from .places import place_names, village_label
from .reviews import waiting_review_by_village
from .sync_health import sync_health
from .villages import held_villages
from .worklist import Worklist, get_worklist


@dataclass(frozen=True, slots=True)
class VillageOption:
    """A village the store holds children of, as a filter offers it."""

    code: str  # 12 digits
    label: str  # "青石镇柳溪村", or the code while the store knows no name for it
    children: int  # live files filed there (在册 and 退出)


@dataclass(frozen=True, slots=True)
class TownshipVillages:
    township: str  # 9 digits
    villages: tuple[VillageOption, ...]


@dataclass(frozen=True, slots=True)
class VillageRow:
    """One line of the supervisor's table of villages."""

    code: str
    label: str
    children: int  # 在册
    overdue: int  # overdue worklist items
    red: int  # 在册 children whose latest assessment is red
    yellow: int
    last_sync: datetime | None = None
    waiting_review: int = 0
    sync_late: bool = False  # past the county's limit without a sync (同步情况's red)


def township_villages(session: Session) -> TownshipVillages | None:
    """The villages a township's store holds, named; None in a director's store (which
    shows no village column and no village filter)."""
    township = store_township(session)
    if township is None:
        return None
    names = place_names(session)
    options = tuple(
        VillageOption(v.code, village_label(v.code, names), v.children)
        for v in held_villages(session)
    )
    return TownshipVillages(township, options)


def village_table(
    session: Session, *, as_of: date | None = None, work: Worklist | None = None
) -> list[VillageRow]:
    """Every village the township's store holds, with its figures on ``as_of``; empty in a
    director's store. Villages whose children have all left stay, with zeros.

    The children and items are the store's worklist's (``work``, when the caller has it
    for that day; else read, kept as every worklist is): a village's 逾期 is what its
    filtered 工作台 shows overdue, and a refresh after a save recounts no one else."""
    township = store_township(session)
    if township is None:
        return []
    as_of = as_of or (work.as_of if work is not None else date.today())
    if work is None or work.as_of != as_of:
        work = get_worklist(session, as_of=as_of)
    facts = [f for f in work.facts if f.region_code.startswith(township)]
    overdue = Counter(i.region_code for i in work.items if i.overdue)
    children = Counter(f.region_code for f in facts)
    red = Counter(f.region_code for f in facts if f.colour is RiskColour.RED)
    yellow = Counter(f.region_code for f in facts if f.colour is RiskColour.YELLOW)
    health = sync_health(session)
    synced = {v.code: v for v in health.villages}
    waiting = waiting_review_by_village(session)
    names = place_names(session)
    codes = sorted({v.code for v in held_villages(session)} | set(children))
    return [
        VillageRow(
            code=code,
            label=village_label(code, names),
            children=children[code],
            overdue=overdue[code],
            red=red[code],
            yellow=yellow[code],
            last_sync=synced[code].last_sync if code in synced else None,
            waiting_review=waiting.get(code, 0),
            # red only once the county's report has come (a store never synced knows nothing)
            sync_late=health.fetched is not None and code in synced and synced[code].red,
        )
        for code in codes
    ]


def check_village(session: Session, code: str) -> str:
    """``code`` as a village of the store to narrow a list to (``--village``), or an error
    the user can act on: not a village code, outside the township (or, in a director's
    store, not its village), or a village of the township the store holds no child of."""
    code = code.strip()
    region = _village_region(code)
    township = store_township(session)
    if township is None:
        home = settings.read(session, settings.HOME_REGION) or ""
        if region.code != home:
            raise ValidationError(
                Kind.REGION_OUTSIDE, "village", value=region.code, township=home[:9]
            )
        return region.code
    if not region.code.startswith(township):
        raise ValidationError(Kind.REGION_OUTSIDE, "village", value=region.code, township=township)
    if region.code not in {v.code for v in held_villages(session)}:
        raise ValidationError(Kind.VILLAGE_NOT_HELD, "village", value=region.code)
    return region.code


def _village_region(code: str) -> Region:
    try:
        region = Region.parse(code)
    except ValidationError as err:
        raise ValidationError(Kind.REGION_INVALID, "village", value=code[:20]) from err
    if region.level is not Level.VILLAGE:
        raise ValidationError(Kind.REGION_INVALID, "village", value=code[:20])
    return region


__all__ = [
    "TownshipVillages",
    "VillageOption",
    "VillageRow",
    "check_village",
    "township_villages",
    "village_table",
]
