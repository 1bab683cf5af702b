"""A supervisor's store holding children in two villages of its township, for the tests
of the village column, filter and table (services, command line and GUI alike).

Village A: a red, a yellow and an unassessed child; village B: one blue child. Every child
was registered a month ago and has had no visit, so each has overdue items.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from childcare_desktop.services import preferences
from childcare_desktop.services.assessments import assess_guardianship
from childcare_desktop.storage.store import Store, open_store
from tests.conftest import PASSPHRASE, VILLAGE
from tests.factories import make_child

TOWNSHIP = VILLAGE[:9]  # 349901101
VILLAGE_A = VILLAGE  # 349901101201
VILLAGE_B = TOWNSHIP + "202"
OUTSIDE = "349901102201"  # a village of the next township

CHILDREN = {  # name: (village, colour or None)
    "张红": (VILLAGE_A, "red"),
    "李黄": (VILLAGE_A, "yellow"),
    "王新": (VILLAGE_A, None),
    "赵蓝": (VILLAGE_B, "blue"),
}


def make_township(store: Store) -> dict[str, str]:
    """Turn ``store`` into a supervisor's and file the children; returns name -> id."""
    ids = {}
    with store.session() as s:
        preferences.set_work_settings(
            s, name="周督导", role="supervisor", region_code=TOWNSHIP, township="青石镇"
        )
        for name, (village, colour) in CHILDREN.items():
            child = make_child(s, name=name, region_code=village)
            ids[name] = child.id
            if colour:
                assess_guardianship(
                    s,
                    child_id=child.id,
                    assessed_on=date.today() - timedelta(days=5),
                    level="poor" if colour == "red" else "fair",
                    colour=colour,
                )
    return ids


def township_store(path: Path) -> dict[str, str]:
    store = open_store(path, PASSPHRASE, actor="测试员")
    try:
        return make_township(store)
    finally:
        store.close()
