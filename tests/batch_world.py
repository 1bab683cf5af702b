"""A township's store with children in two villages (and a third not chosen), most with an
agreement to print: what the batch-printing tests print from."""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import text

from childcare_desktop.services import agreements, family, preferences, visits
from childcare_desktop.storage.store import Store
from tests.conftest import VILLAGE
from tests.factories import make_child, make_id, years_ago

TOWNSHIP = VILLAGE[:9]
VILLAGE_B = TOWNSHIP + "202"
VILLAGE_C = TOWNSHIP + "203"  # a village not chosen
TODAY = date.today()


@dataclass(frozen=True)
class Township:
    ids: dict[str, str]  # name -> child id
    villages: dict[str, str]  # name -> village code

    def of(self, *villages: str) -> list[str]:
        return [n for n, v in self.villages.items() if v in villages]


def township_store(store: Store) -> Township:
    """林晓, 林朝 (A) and 王小明 (B) with an agreement; 赵无约 (A) without one; 孙别村 (C)."""
    with store.session() as s:
        preferences.set_work_settings(
            s, name="周督导", role="supervisor", region_code=TOWNSHIP, township="青石镇"
        )
    ids, villages = {}, {}
    with store.session() as s:
        for name, code, signed in (
            ("林晓", VILLAGE, True),
            ("林朝", VILLAGE, True),
            ("赵无约", VILLAGE, False),
            ("王小明", VILLAGE_B, True),
            ("孙别村", VILLAGE_C, True),
        ):
            child = make_child(s, name=name, region_code=code)
            ids[name], villages[name] = child.id, code
            if signed:
                carer = family.add_carer(
                    s,
                    child_id=child.id,
                    name="王桂兰",
                    relation="paternal_grandmother",
                    id_number=make_id(years_ago(63), male=False),
                )
                agreements.draft_agreement(
                    s,
                    child_id=child.id,
                    carer_id=carer.id,
                    start_date=TODAY - timedelta(days=30),
                    end_date=TODAY + timedelta(days=330),
                )
        visits.log_visit(
            s,
            child_id=ids["林晓"],
            visited_on=TODAY - timedelta(days=3),
            mode="home",
            findings="学习、生活情况正常。",
        )
    return Township(ids, villages)


def pdf_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def audit_rows(store: Store, action: str) -> list[dict[str, Any]]:
    with store.connection() as conn:
        rows = conn.execute(
            text("SELECT detail FROM audit_log WHERE action = :a ORDER BY id"), {"a": action}
        ).all()
    return [json.loads(detail or "{}") for (detail,) in rows]
