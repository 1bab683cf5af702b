"""The fast worklist gives what the plain path gives (issue 19): on demo villages, each
child's latest records read from the covering indexes (migration 0020) equal what a
window query ranking every row finds, and the core rules, with what they now work out
once per run, give the items a straightforward child-by-child reading of the policy gives.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from childcare_desktop.core.dates import add_working_days
from childcare_desktop.core.eligibility import active_on, category_end_date
from childcare_desktop.core.policy import Policy, holiday_window_containing, load_policy
from childcare_desktop.core.vocab import AgreementState, Category
from childcare_desktop.core.worklist import (
    ChildFacts,
    WorkItem,
    WorkKind,
    build_worklist,
    next_due,
    screen_order,
)
from childcare_desktop.services import demo
from childcare_desktop.services.facts import child_facts
from childcare_desktop.services.worklist import gather_records, get_worklist
from childcare_desktop.storage import bulk
from childcare_desktop.storage.store import Store, open_store
from tests.conftest import PASSPHRASE

AS_OF = date(2026, 11, 30)
# the day of the question, and days around it: a holiday window, a quarter's start
DAYS = (AS_OF, date(2026, 7, 20), date(2026, 10, 1), date(2027, 2, 10))
POLICIES = (
    load_policy(),
    load_policy({"due_soon_days": 30, "rhythm": {"green": {"contact": "P1M"}}}),
)


@pytest.fixture(scope="module")
def village(tmp_path_factory: pytest.TempPathFactory, template_store: Path) -> Iterator[Store]:
    path = tmp_path_factory.mktemp("reference") / "store.db"
    shutil.copyfile(template_store, path)
    store = open_store(path, PASSPHRASE)
    with store.session() as s:
        demo.build_demo_village(s, children=80, seed=7, as_of=AS_OF)
    yield store
    store.close()


def _driver(session: Any) -> Any:
    return session.connection().connection.driver_connection


def _ranked(cursor: Any, table: str, columns: str, order: str, where: str = "") -> dict[str, Any]:
    """Each child's first row of ``order``, as a window function ranks them (the reads
    before migration 0020)."""
    sql = (
        f"SELECT {columns} FROM (SELECT {columns}, row_number() OVER ("
        f" PARTITION BY child_id ORDER BY {order}) AS rank"
        f" FROM {table} WHERE deleted = 0 {where}) WHERE rank = 1"
    )
    return {row[0]: row[1:] for row in cursor.execute(sql).fetchall()}


def test_the_latest_records_are_those_a_window_ranks_first(village: Store) -> None:
    with village.session() as s:
        cursor = _driver(s)
        plans = _ranked(
            cursor,
            "service_plan",
            "child_id, id, colour, written_on, review_due",
            "written_on DESC, created_hlc DESC",
        )
        assert plans  # the demo village has plans to compare
        found = bulk.current_plans(cursor, None)
        assert {c: (p.id, p.colour.value, str(p.written_on)) for c, p in found.items()} == {
            c: row[:3] for c, row in plans.items()
        }
        for day in DAYS:
            on = f"AND assessed_on <= '{day.isoformat()}'"
            assessed = _ranked(
                cursor,
                "assessment",
                "child_id, assessed_on, level, colour",
                "assessed_on DESC, created_hlc DESC",
                on,
            )
            latest = bulk.latest_assessments(cursor, day, None)
            assert {c: (str(a[0]), a[1].value, a[2].value) for c, a in latest.items()} == assessed
            events = _ranked(
                cursor,
                "enrollment_event",
                "child_id, kind",
                "on_date DESC, created_hlc DESC",
                f"AND on_date <= '{day.isoformat()}'",
            )
            exited = {c for c, (kind,) in events.items() if kind == "exit"}
            assert bulk.exited_children(cursor, day, None) == exited
        assert exited  # the demo village has children who left


def test_the_last_visits_are_those_grouping_every_visit_finds(village: Store) -> None:
    grouped = (
        "SELECT child_id, max(visited_on), max(iif(mode = 'home', visited_on, NULL))"
        " FROM visit WHERE deleted = 0 AND visited_on <= ? GROUP BY child_id"
    )
    with village.session() as s:
        cursor = _driver(s)
        for day in DAYS:
            rows = cursor.execute(grouped, [day.isoformat()]).fetchall()
            expected = {c: (a, h) for c, a, h in rows}
            found = bulk.visit_dates(cursor, day, None)
            assert {c: (str(a), h and str(h)) for c, (a, h) in found.items()} == expected
        assert found


def test_one_childs_latest_is_read_through_the_same_index(village: Store) -> None:
    with village.session() as s:
        cursor = _driver(s)
        every = bulk.latest_assessments(cursor, AS_OF, None)
        some = sorted(every)[:5]
        assert bulk.latest_assessments(cursor, AS_OF, some) == {c: every[c] for c in some}
        visits = bulk.visit_dates(cursor, AS_OF, None)
        some = sorted(visits)[:5]
        assert bulk.visit_dates(cursor, AS_OF, some) == {c: visits[c] for c in some}


def test_each_pairings_latest_contact_is_the_grouped_one(village: Store) -> None:
    with village.session() as s:
        grouped = dict(
            s.execute(
                text(
                    "SELECT p.id, c.last FROM pairing p LEFT JOIN (SELECT pairing_id,"
                    " max(contacted_on) AS last FROM pairing_contact WHERE deleted = 0"
                    " GROUP BY pairing_id) c ON c.pairing_id = p.id"
                    " WHERE p.deleted = 0 AND p.until IS NULL"
                )
            ).all()
        )
        records = gather_records(s, as_of=AS_OF)
        found = {p.id: p.last_contact_on for p in records.pairings}
        assert found == {k: v and date.fromisoformat(v) for k, v in grouped.items()}
        assert any(found.values())


def _reference_items(child: ChildFacts, as_of: date, policy: Policy) -> list[WorkItem]:
    """The child's own items, each rule read in turn with nothing worked out ahead."""
    colour = child.colour or policy.unassessed_colour
    items: list[WorkItem] = []
    soon = as_of + timedelta(days=policy.due_soon_days)

    def add(kind: WorkKind, due: date, limit: date, detail: str = "") -> None:
        if due <= limit:
            overdue = max((as_of - due).days, 0)
            items.append(
                WorkItem(
                    child.id, child.name, kind, due, overdue, colour, detail, child.region_code
                )
            )

    first = add_working_days(
        child.registered_on, policy.first_visit_working_days, policy.public_holidays
    )
    if child.last_home_visit_on is None:
        add(WorkKind.FIRST_VISIT, first, soon)
    else:
        add(
            WorkKind.HOME_VISIT,
            next_due(child, child.last_home_visit_on, "home_visit", policy),
            soon,
        )
        if child.last_contact_on is not None:
            add(WorkKind.CONTACT, next_due(child, child.last_contact_on, "contact", policy), soon)
    if child.last_assessed_on is None:
        add(WorkKind.ASSESSMENT, first, soon)
    else:
        add(WorkKind.ASSESSMENT, policy.assessment_interval.after(child.last_assessed_on), soon)
    for m in child.categories:
        if not active_on(m.recognized_on, m.ended_on, as_of):
            continue
        if m.category is Category.LEFT_BEHIND:
            _reference_agreement(child, m.recognized_on, as_of, policy, add)
        if child.birth_date is not None:
            ends = category_end_date(
                m.category, child.birth_date, in_full_time_school=child.in_full_time_school
            )
            if ends is not None:
                limit = as_of + timedelta(days=policy.ageing_out_warning_days)
                add(WorkKind.AGEING_OUT, ends, limit, m.category.value)
    window = holiday_window_containing(policy, as_of)
    if window and (child.last_home_visit_on is None or child.last_home_visit_on < window[1]):
        add(WorkKind.HOLIDAY_VISIT, window[2], window[2], window[0])
    return items


def _reference_agreement(
    child: ChildFacts, recognized: date | None, as_of: date, policy: Policy, add: Any
) -> None:
    signed = [a for a in child.agreements if a.state is AgreementState.SIGNED]
    current = [a for a in signed if a.end is None or a.end >= as_of]
    warn = as_of + timedelta(days=policy.agreement_warning_days)
    soon = as_of + timedelta(days=policy.due_soon_days)
    if any(a.end is None for a in current):
        return
    if current:
        longest = max(current, key=lambda a: a.end or as_of)
        add(WorkKind.AGREEMENT_EXPIRING, longest.end, warn, longest.id)
    elif expired := [a for a in signed if a.end is not None]:
        last = max(expired, key=lambda a: a.end or as_of)
        add(WorkKind.AGREEMENT_EXPIRED, last.end, soon, last.id)
    else:
        since = max(child.registered_on, recognized or child.registered_on)
        due = add_working_days(since, policy.first_visit_working_days, policy.public_holidays)
        add(WorkKind.AGREEMENT_MISSING, due, soon)


@pytest.mark.parametrize("policy", POLICIES)
def test_the_rules_give_what_a_plain_reading_of_them_gives(village: Store, policy: Policy) -> None:
    seen: set[WorkKind] = set()
    with village.session() as s:
        for day in DAYS:
            facts = child_facts(s, as_of=day)
            expected = [item for child in facts for item in _reference_items(child, day, policy)]
            expected.sort(key=screen_order)
            assert build_worklist(facts, day, policy) == expected
            seen.update(item.kind for item in expected)
    # the village exercises the rules compared: visits, agreements, ageing out, holidays
    assert {WorkKind.HOME_VISIT, WorkKind.CONTACT, WorkKind.AGEING_OUT} <= seen
    assert {WorkKind.HOLIDAY_VISIT, WorkKind.AGREEMENT_MISSING} & seen


def test_the_counts_are_those_of_the_items(village: Store) -> None:
    with village.session() as s:
        work = get_worklist(s, as_of=AS_OF)
    due: dict[str, int] = {}
    overdue: dict[str, int] = {}
    for item in work.items:
        counts = overdue if item.overdue else due
        counts[item.kind.value] = counts.get(item.kind.value, 0) + 1
    assert work.counts == {"due": due, "overdue": overdue}
    assert all(type(k) is str for k in [*due, *overdue])
