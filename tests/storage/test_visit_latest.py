"""visit_latest: each child's last visit and last home visit, kept by triggers (0022).

Whatever writes the visits - the app, a pulled change, raw SQL, a statement with its own
conflict clause - the table must equal what the visits say, and the worklist's reading of
it must equal a seek into the visits themselves, for any day asked.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest
from sqlalchemy import text

from childcare_desktop.services import visits
from childcare_desktop.storage import bulk, maintenance
from childcare_desktop.storage.store import Store
from tests.factories import make_child

VILLAGE = "349901101201"
TODAY = date.today()
FROM_VISITS = text(
    "SELECT child_id, max(visited_on), max(CASE WHEN mode = 'home' THEN visited_on END)"
    " FROM visit WHERE deleted = 0 GROUP BY child_id"
)
KEPT = text("SELECT child_id, last_on, last_home_on FROM visit_latest WHERE last_on IS NOT NULL")


def kept(store: Store) -> set[tuple[str, str | None, str | None]]:
    with store.connection() as conn:
        return {tuple(r) for r in conn.execute(KEPT)}  # type: ignore[misc]


def from_visits(store: Store) -> set[tuple[str, str | None, str | None]]:
    with store.connection() as conn:
        return {tuple(r) for r in conn.execute(FROM_VISITS)}  # type: ignore[misc]


def sought(store: Store, as_of: date) -> dict[str, tuple[date | None, date | None]]:
    """The reference: every child's days sought in the visits' index."""
    with store.raw_connection() as conn:
        cursor = conn.cursor()
        ids = [r[0] for r in cursor.execute("SELECT id FROM child").fetchall()]
        return dict(bulk._visit_dates_sought(cursor, as_of.isoformat(), ids))


def read(store: Store, as_of: date) -> dict[str, tuple[date | None, date | None]]:
    with store.raw_connection() as conn:
        return bulk.visit_dates(conn.cursor(), as_of, None)


def test_visits_logged_in_the_app_are_kept(store: Store) -> None:
    with store.session() as session:
        child = make_child(session)
        other = make_child(session, name="李四")
        visits.log_visit(session, child_id=child.id, visited_on=TODAY - timedelta(40), mode="home")
        visits.log_visit(session, child_id=child.id, visited_on=TODAY - timedelta(3), mode="phone")
    assert kept(store) == {
        (child.id, (TODAY - timedelta(3)).isoformat(), (TODAY - timedelta(40)).isoformat())
    }
    assert read(store, TODAY) == {child.id: (TODAY - timedelta(3), TODAY - timedelta(40))}
    assert other.id not in read(store, TODAY)


def test_every_way_of_writing_visits_keeps_the_table_right(store: Store) -> None:
    """Random inserts, pulled changes (updates of the day, the mode, the child, the
    tombstone), hard deletes and statements with their own conflict clause."""
    rng = random.Random(7)
    with store.session() as session:
        children = [make_child(session, name=f"儿童{n}").id for n in range(6)]
    visit_ids: list[str] = []
    for step in range(300):
        action = rng.choice(("insert", "insert", "insert_ignore", "update", "delete", "tombstone"))
        day = (TODAY - timedelta(days=rng.randint(0, 400))).isoformat()
        child, mode = rng.choice(children), rng.choice(("home", "phone", "video"))
        with store.connection() as conn:
            # the app's own writes and pulled ones (an existing id only comes pulled)
            applying = int(step % 2 or action == "insert_ignore")
            conn.execute(text("UPDATE sync_site SET applying = :a"), {"a": applying})
            if action.startswith("insert") or not visit_ids:
                ident = f"v{step}"
                if action == "insert_ignore" and visit_ids:
                    ident = rng.choice(visit_ids)  # the outer OR IGNORE skips it: no change
                conn.execute(
                    text(
                        f"INSERT {'OR IGNORE ' if action == 'insert_ignore' else ''}INTO visit"
                        " (id, child_id, region_code, visited_on, mode)"
                        " VALUES (:id, :child, :region, :day, :mode)"
                    ),
                    {"id": ident, "child": child, "region": VILLAGE, "day": day, "mode": mode},
                )
                if ident not in visit_ids:
                    visit_ids.append(ident)
                continue
            conn.execute(text("UPDATE sync_site SET applying = 1"))  # a pulled change
            ident = rng.choice(visit_ids)
            if action == "update":
                column, value = rng.choice(
                    (("visited_on", day), ("mode", mode), ("child_id", child))
                )
                conn.execute(
                    text(f"UPDATE visit SET {column} = :value WHERE id = :id"),
                    {"value": value, "id": ident},
                )
            elif action == "tombstone":
                conn.execute(
                    text("UPDATE visit SET deleted = 1 - deleted WHERE id = :id"), {"id": ident}
                )
            else:
                conn.execute(text("DELETE FROM visit WHERE id = :id"), {"id": ident})
                visit_ids.remove(ident)
            conn.execute(text("UPDATE sync_site SET applying = 0"))
        assert kept(store) == from_visits(store), f"after step {step} ({action})"
    assert maintenance.check_store(store).ok


@pytest.mark.parametrize("days_back", [0, 5, 60, 400])
def test_the_worklist_reads_what_a_seek_finds_on_any_day(store: Store, days_back: int) -> None:
    """Today, and days in the past: a child whose latest lies after the day asked is
    sought in the visits (a visit dated ahead by a wrong clock, too)."""
    rng = random.Random(days_back)
    with store.session() as session:
        children = [make_child(session, name=f"儿童{n}").id for n in range(8)]
    with store.connection() as conn:
        conn.execute(text("UPDATE sync_site SET applying = 1"))  # dates the app refuses
        for n in range(60):
            day = TODAY + timedelta(days=rng.randint(-300, 20))
            conn.execute(
                text(
                    "INSERT INTO visit (id, child_id, region_code, visited_on, mode)"
                    " VALUES (:id, :child, :region, :day, :mode)"
                ),
                {
                    "id": f"v{n}",
                    "child": rng.choice(children),
                    "region": VILLAGE,
                    "day": day.isoformat(),
                    "mode": rng.choice(("home", "phone")),
                },
            )
        conn.execute(text("UPDATE sync_site SET applying = 0"))
    as_of = TODAY - timedelta(days=days_back)
    assert read(store, as_of) == sought(store, as_of)


def test_the_check_reports_a_missing_trigger_and_a_table_astray(store: Store) -> None:
    with store.session() as session:
        child = make_child(session)
        visits.log_visit(session, child_id=child.id, visited_on=TODAY, mode="home")
    with store.connection() as conn:
        conn.execute(text("DROP TRIGGER visit__latest_del"))
        conn.execute(text("UPDATE visit_latest SET last_home_on = NULL"))
    problems = maintenance.check_store(store).problems
    assert "missing trigger: visit__latest_del" in problems
    assert "visit_latest: 2 rows differ from the visits" in problems
