"""The dashboard counts a child's visits as the laptop does (issue 17): a visit withdrawn
or re-dated on the laptop is counted as corrected on the county's dashboard, so its
"overdue" is the laptop's."""

from __future__ import annotations

from datetime import date, timedelta

from childcare_desktop.core.entities import VOID
from childcare_desktop.services import assessments, visits, worklist
from sync.server import oversight
from tests.factories import make_child
from tests.sync.conftest import VILLAGE_A
from tests.sync.township import World


def _overdue_visits(world: World) -> tuple[dict[str, int], dict[str, int]]:
    """(the laptop's, the server's) overdue visits of village A today, by kind."""
    kinds = ("first_visit", "home_visit")
    with world.laptop("dir_a").store.session() as session:
        counts = worklist.get_worklist(session).counts["overdue"]
        laptop = {k: counts.get(k, 0) for k in kinds}
    with world.server.db.read() as conn:
        overdue = oversight.figures(conn, VILLAGE_A, date.today()).total.overdue
    return laptop, {k: overdue[k] for k in kinds}


def test_a_withdrawn_or_re_dated_visit_counts_as_corrected(world: World) -> None:
    today = date.today()
    a = world.laptop("dir_a")
    with a.store.session() as session:
        made = []
        for name in ("周晓红", "吴晓东"):
            child = make_child(session, name=name, registered_on=today - timedelta(days=400))
            assessments.assess_guardianship(
                session, child_id=child.id, assessed_on=today - timedelta(days=10), level="poor"
            )
            made.append(visits.log_visit(session, child_id=child.id, visited_on=today, mode="home"))
    assert a.run().ok
    none = {"first_visit": 0, "home_visit": 0}
    assert _overdue_visits(world) == (none, none)
    with a.store.session() as session:
        visits.amend_visit(
            session, visit_id=made[0].id, field=VOID, value=None, reason="记错了儿童"
        )
        old = (today - timedelta(days=200)).isoformat()
        visits.amend_visit(
            session, visit_id=made[1].id, field="visited_on", value=old, reason="日期填错"
        )
    assert a.run().ok
    # Withdrawn: never visited (a first visit due); re-dated: the home visit overdue.
    laptop, server = _overdue_visits(world)
    assert laptop == {"first_visit": 1, "home_visit": 1} == server
