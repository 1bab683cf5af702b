"""强制报告 that escalate, through the real server (issue 18): a director's report whose
评估帮扶 is late shows, naming the stage, on the director's worklist and, after a sync,
on the township supervisor's; another township's supervisor receives nothing. The
county sets the days on the console's policy page; the laptops pull them and the
deadlines follow; a bad value is refused beside its field."""

from __future__ import annotations

import html
import re
from datetime import date, datetime, timedelta
from typing import Any

from childcare_desktop.core.report_deadlines import StageState
from childcare_desktop.core.vocab import FollowupStage
from childcare_desktop.core.worklist import WorkKind
from childcare_desktop.services import files, incidents, township, worklist
from sync.server import county_policy
from tests.factories import make_child
from tests.sync.conftest import VILLAGE_A
from tests.sync.test_console_policy_edit import admin, china_today, form_of, post
from tests.sync.township import COUNTY, World

TODAY = date.today()
REPORTED = TODAY - timedelta(days=10)


def _file(world: World) -> tuple[str, str]:
    """A report ten days ago; the township told the next day; 评估帮扶 (7 days after
    that: day 8) not recorded: 2 days late."""
    a = world.laptop("dir_a")
    with a.store.session() as s:
        child = make_child(s, name="陈小雨")
        when = datetime.combine(REPORTED, datetime.min.time()).replace(hour=10)
        report = incidents.file_report(
            s,
            child_id=child.id,
            discovered_at=when,
            situations=["living_alone"],
            description="独自在家居住",
            reported_to="青石镇派出所",
            reported_at=when,
            emergency_measures="联系外出务工的母亲",
            reporter_name="李主任",
        )
        incidents.add_followup(
            s,
            incident_id=report.id,
            stage="notified",
            on_date=REPORTED + timedelta(days=1),
            action="书面通报镇政府",
        )
    assert a.run().ok
    return child.id, report.id


def _stages(laptop: Any, as_of: date = TODAY) -> list[Any]:
    with laptop.store.session() as s:
        items = worklist.get_worklist(s, as_of=as_of).items
    return [i for i in items if i.kind is WorkKind.REPORT_STAGE]


def test_a_late_stage_is_on_the_directors_and_the_supervisors_worklists(world: World) -> None:
    child_id, report_id = _file(world)
    a, sup, other = world.laptop("dir_a"), world.laptop("sup_1"), world.laptop("sup_2")
    assert sup.run().ok and other.run().ok
    for laptop in (a, sup):
        late = [(i.detail, i.overdue_days, i.ref, i.child_id) for i in _stages(laptop)]
        assert ("assessment", 2, report_id, child_id) in late
        assert ("feedback", 0, report_id, child_id) in late  # 15 days from the report
        assert all(d != "notified" and d != "emergency" for d, *_ in late)  # both met
    (on_sup,) = {i.region_code for i in _stages(sup)}
    assert on_sup == VILLAGE_A  # the supervisor sees which village
    assert _stages(other) == []  # another township's supervisor: nothing
    overdue = _overdue_in_village_a(sup)  # the village table counts the late stage too

    # The supervisor's file of the child: each stage's deadline, met or late.
    with sup.store.session() as s:
        (report,) = files.get_child_file(s, child_id=child_id, include_incidents=True).incidents
    states = {st.stage: (st.due_on, st.state) for st in report.stages}
    assert states[FollowupStage.NOTIFIED] == (REPORTED + timedelta(days=1), StageState.MET)
    assert states[FollowupStage.EMERGENCY][1] is StageState.MET
    assert states[FollowupStage.ASSESSMENT] == (REPORTED + timedelta(days=8), StageState.LATE)
    assert report.reporter_name is None  # still kept from the township

    # The supervisor records the township's 评估帮扶: off both worklists after a sync.
    with sup.store.session() as s:
        incidents.add_followup(
            s, incident_id=report_id, stage="assessment", on_date=TODAY, action="镇村联合评估"
        )
    assert sup.run().ok and a.run().ok
    for laptop in (a, sup):
        assert [i.detail for i in _stages(laptop)] == ["feedback"]
    assert _overdue_in_village_a(sup) == overdue - 1


def _overdue_in_village_a(sup: Any) -> int:
    with sup.store.session() as s:
        (row,) = [r for r in township.village_table(s) if r.code == VILLAGE_A]
    return row.overdue


def test_the_county_sets_the_days_and_the_laptops_follow(sqlite_world: World) -> None:
    _child, report_id = _file(sqlite_world)
    console = admin(sqlite_world.server)
    page = console.get("/console/policy").text
    assert form_of(page)["report_deadlines.assessment"] == "7"
    assert "report_deadlines.working_days" not in form_of(page)  # calendar days

    answer = post(console, **{"report_deadlines.assessment": "-1"})
    assert answer.status_code == 400
    text = html.unescape(answer.text).split('id="message">', 1)[1].split("</p>", 1)[0]
    assert "“强制报告：评估帮扶”：应为不小于0的整数。" in text
    (marked,) = re.findall(r'id="f-([^"]+)"[^>]*aria-invalid="true"', answer.text)
    assert marked == "report_deadlines.assessment"

    starts = china_today()
    answer = post(
        console,
        **{
            "report_deadlines.assessment": "3",
            "report_deadlines.working_days": "1",
            "effective_from": starts.isoformat(),
        },
    )
    assert answer.status_code == 200, answer.text
    with sqlite_world.server.db.read() as conn:
        (stored,) = county_policy.stored(conn, COUNTY)
    assert stored["body"] == {"report_deadlines": {"assessment": 3, "working_days": True}}
    a, sup = sqlite_world.laptop("dir_a"), sqlite_world.laptop("sup_1")
    assert a.run().ok and sup.run().ok
    as_of = max(TODAY, starts) + timedelta(days=1)
    told = REPORTED + timedelta(days=1)
    due = told
    for _n in range(3):  # three working days after the township was told
        due += timedelta(days=1)
        while due.weekday() >= 5:
            due += timedelta(days=1)
    for laptop in (a, sup):
        (late,) = [i for i in _stages(laptop, as_of) if i.detail == "assessment"]
        assert late.ref == report_id and late.due_on == due
        assert late.overdue_days == (as_of - due).days
