"""The county console's dashboard over a county of 50,000 children on PostgreSQL (issue 17).

A throwaway PostgreSQL (tests/sync/pg.py) gets the server's tables (its migrations), then a
synthetic county (code 349901: 10 townships of 10 villages) written straight into
``row_state``/``field_state`` with COPY: each child with every field a laptop sends, a
category, one or two assessments, three visits, and a care agreement for half of them;
some with a service plan, a problem, a pairing, a quarterly check, a school notice, a
clue or a mandatory report (issue 18's duties, which the dashboard counts too).
Then the dashboard's work is timed, median of 5: :func:`sync.server.oversight.figures`
counted afresh for the county, one township and one village; the county's figures as the
dashboard gets them (:mod:`sync.server.oversight_kept`): the first look ever (it answers
at once and counts every village in the background), a look when no feed moved, a look after a restart (the
counts read back from the database), the first look of a new day (the last counts, marked,
while a background thread counts again; how long that takes), a look after one village's
push; the sync-health listing.

    python bench/console_bench.py [--children 50000]
"""

from __future__ import annotations

import argparse
import io
import json
import random
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from childcare_desktop.core.quarters import quarter_of
from sync.server import health, oversight, oversight_kept
from sync.server.db import Database
from tests.sync.pg import postgres

COUNTY = "349901"
TARGET_MS = 300
CHILD_EXTRA = {  # the child's other fields, as a laptop sends them (values immaterial here)
    "boarding": "unknown",
    "current_address": None,
    "disability_grade": None,
    "disability_kind": None,
    "economic_sources": [],
    "entrust_reason": "unknown",
    "ethnicity": None,
    "has_carer": "unknown",
    "hukou_address": None,
    "hukou_type": "rural",
    "id_type": "resident_id",
    "illness": None,
    "notes": None,
    "phone": None,
    "school_grade": None,
    "school_name": None,
    "sex": "male",
}
CATEGORIES = ["left_behind"] * 6 + ["orphan", "de_facto_unsupported", "poverty", "serious_illness"]
LEVELS = [("good", "green"), ("fair", "yellow"), ("fair", "blue"), ("poor", "red")]


def villages() -> list[str]:
    return [f"{COUNTY}{t:03d}{v:03d}" for t in range(101, 111) for v in range(201, 211)]


def county(n: int, seed: int, today: date) -> Iterator[tuple[str, str, str, dict[str, Any]]]:
    """(table, row id, village, fields) of every record of ``n`` synthetic children."""
    rng = random.Random(seed)
    places = villages()

    def day(lo: int, hi: int) -> str:
        return (today - timedelta(days=rng.randint(lo, hi))).isoformat()

    for i in range(n):
        village, child = places[i % len(places)], str(uuid.UUID(int=rng.getrandbits(128)))
        category = rng.choice(CATEGORIES)
        yield (
            "child",
            child,
            village,
            {
                **CHILD_EXTRA,
                "name": f"儿童{i:05d}",
                "birth_date": day(365, 17 * 365),
                "registered_on": day(30, 1500),
                "school_stage": rng.choice(["primary", "junior", "preschool", "dropout"]),
                "hukou_registered": "yes",
                "health": "healthy",
                "region_code": village,
                "file_no": f"{village}-2026-{i:05d}",
                "deleted": 0,
            },
        )
        yield (
            "category_membership",
            _id(rng),
            village,
            {
                "child_id": child,
                "category": category,
                "recognized_on": day(30, 1500),
                "ended_on": None,
                "basis": None,
                "deleted": 0,
            },
        )
        for _ in range(rng.randint(1, 2)):
            level, colour = rng.choice(LEVELS)
            yield (
                "assessment",
                _id(rng),
                village,
                {
                    "child_id": child,
                    "assessed_on": day(0, 400),
                    "level": level,
                    "colour": colour,
                    "deleted": 0,
                },
            )
        for _ in range(3):
            yield (
                "visit",
                _id(rng),
                village,
                {
                    "child_id": child,
                    "visited_on": day(0, 300),
                    "mode": rng.choice(["home", "home", "phone"]),
                    "notes": None,
                    "deleted": 0,
                },
            )
        yield from duties(rng, child, village, category, day)
        if category == "left_behind" and rng.random() < 0.8:
            yield (
                "care_agreement",
                _id(rng),
                village,
                {
                    "child_id": child,
                    "state": "signed",
                    "start_date": day(200, 700),
                    "end_date": day(-300, 100),
                    "deleted": 0,
                },
            )


def duties(
    rng: random.Random, child: str, village: str, category: str, day: Callable[[int, int], str]
) -> Iterator[tuple[str, str, str, dict[str, Any]]]:
    """A child's records beside its facts (issue 18), some of the time each: a service
    plan, a problem, a pairing and its contact, a quarterly check, a school notice, a
    clue, a mandatory report and its first follow-up."""

    def one(tbl: str, **values: Any) -> tuple[str, str, str, dict[str, Any]]:
        return (tbl, _id(rng), village, {**values, "deleted": 0})

    if rng.random() < 0.5:
        yield one(
            "service_plan",
            child_id=child,
            colour=rng.choice(LEVELS)[1],
            written_on=day(0, 400),
            review_due=day(-200, 100),
        )
    if rng.random() < 0.1:
        yield one(
            "problem", child_id=child, description="问题", target_on=day(-30, 30), state="open"
        )
    if rng.random() < 0.2:
        pairing = one(
            "pairing", child_id=child, helper_name="帮扶人", since=day(30, 400), until=None
        )
        yield pairing
        yield one("pairing_contact", pairing_id=pairing[1], contacted_on=day(0, 60))
    if category != "left_behind" and rng.random() < 0.5:
        yield one("quarterly_check", child_id=child, quarter=quarter_of(date.today()))
    if rng.random() < 0.4:
        yield one("school_notice", child_id=child, school_name="", told_on=day(0, 300))
    if rng.random() < 0.03:
        yield one(
            "clue",
            child_id=child,
            about=None,
            received_at=day(0, 20) + " 09:00:00",
            safety=False,
            source="hotline_12355",
            state="open",
        )
    if rng.random() < 0.02:
        report = one(
            "incident", child_id=child, reported_at=day(5, 60) + " 10:00:00", emergency_measures=""
        )
        yield report
        yield one("incident_followup", incident_id=report[1], stage="notified", on_date=day(0, 5))


def _id(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128)))


def fill(db: Database, n: int, today: date) -> dict[str, int]:
    """COPY the synthetic county into the server's tables; how many rows each."""
    rows, fields = io.StringIO(), io.StringIO()
    counts: dict[str, int] = {}
    for tbl, row_id, village, values in county(n, 17, today):
        counts[tbl] = counts.get(tbl, 0) + 1
        rows.write(f"{tbl}\t{row_id}\t{village}\n")
        for name, value in values.items():
            text = json.dumps(value, ensure_ascii=False).replace("\\", "\\\\")
            fields.write(f"{tbl}\t{row_id}\t{name}\t{text}\t1\n")
    with db.engine.begin() as conn:
        cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
        for sql, data in (
            ("COPY row_state (tbl, row_id, region) FROM STDIN", rows),
            ("COPY field_state (tbl, row_id, field, value, version) FROM STDIN", fields),
        ):
            with cursor.copy(sql) as copy:
                copy.write(data.getvalue())
        # Each village's feed head, as the server's pushes leave it.
        heads = io.StringIO("".join(f"{v}\t{rows.getvalue().count(v)}\n" for v in villages()))
        with cursor.copy("COPY village (region, seq) FROM STDIN") as copy:
            copy.write(heads.getvalue())
        cursor.execute("ANALYZE row_state; ANALYZE field_state")
        counts["fields"] = fields.getvalue().count("\n")
    return counts


def timed(work: Callable[[], Any], rounds: int = 5) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(rounds):
        start = time.perf_counter()
        result = work()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), result


def _after_a_push(db: Database, today: date) -> float:
    """The county's figures after one village's feed moved (as a push moves it), median
    of 5 pushes."""
    times = []
    for i in range(5):
        with db.engine.begin() as conn:
            conn.exec_driver_sql(
                "UPDATE village SET seq = seq + 1 WHERE region = %s", (villages()[i],)
            )
        start = time.perf_counter()
        oversight_kept.kept_figures(db, COUNTY, today, now_ms=_now_ms())
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def _now_ms() -> int:
    return int(time.time() * 1000)


def _looks(db: Database, today: date, result: dict[str, Any]) -> None:
    """The dashboard's looks: the first ever (at once, the villages counted in the
    background meanwhile; how long that takes), a look when nothing moved, after a
    restart (the counts read back from the database), the first look of a new day (last
    counts, marked, while the background counts again) and after one village's push."""

    def look(day: date = today) -> oversight_kept.Look:
        return oversight_kept.kept_figures(db, COUNTY, day, now_ms=_now_ms())

    start = time.perf_counter()
    first = look()
    result["county_first_ever_ms"] = round((time.perf_counter() - start) * 1000, 1)
    result["county_first_ever_villages_counting"] = first.missing
    oversight_kept.settle(db, timeout=600)
    result["county_first_ever_background_s"] = round(time.perf_counter() - start, 1)
    ms, kept = timed(look)
    result["county_kept_ms"] = round(ms, 1)
    result["county_kept_children"] = kept.figures.total.children

    def restarted() -> oversight_kept.Look:
        oversight_kept.forget(db)
        return look()

    result["county_after_restart_ms"] = round(timed(restarted)[0], 1)
    start = time.perf_counter()
    stale = look(today + timedelta(days=1))
    result["county_new_day_ms"] = round((time.perf_counter() - start) * 1000, 1)
    result["county_new_day_marked_stale"] = stale.stale_since is not None
    oversight_kept.settle(db, timeout=600)
    result["county_new_day_background_s"] = round(time.perf_counter() - start, 1)
    result["county_after_a_push_ms"] = round(_after_a_push(db, today + timedelta(days=1)), 1)


def run(n: int) -> dict[str, Any]:
    today = datetime.now(tz=UTC).date()
    with tempfile.TemporaryDirectory(prefix="console-bench-") as tmp, postgres(Path(tmp)) as url:
        db = Database(url)
        db.migrate()
        start = time.perf_counter()
        counts = fill(db, n, today)
        filled_s = time.perf_counter() - start
        scopes = {"county": COUNTY, "township": COUNTY + "101", "village": villages()[0]}
        result: dict[str, Any] = {"children": n, "rows": counts, "fill_s": round(filled_s, 1)}
        for label, scope in scopes.items():
            with db.read() as conn:
                ms, figures = timed(lambda c=conn, s=scope: oversight.figures(c, s, today))
            result[f"{label}_ms"] = round(ms, 1)
            result[f"{label}_children"] = figures.total.children
        _looks(db, today, result)
        with db.read() as conn:
            ms, _ = timed(lambda: health.listing(conn, now_ms=_now_ms()))
        result["sync_health_ms"] = round(ms, 1)
        db.dispose()
    result["target_ms"] = TARGET_MS
    for key in ("first_ever", "kept", "after_restart", "new_day", "after_a_push"):
        result[f"county_{key}_within_target"] = result[f"county_{key}_ms"] <= TARGET_MS
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--children", type=int, default=50_000)
    args = parser.parse_args()
    print(json.dumps(run(args.children), ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
