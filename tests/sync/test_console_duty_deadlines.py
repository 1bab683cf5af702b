"""The deadlines of a director's other records (policy ``duty_deadlines``) on the
console's 县级政策 page, over HTTP on the real server: shown in Chinese with today's
values, set as a new version, shown in words; a laptop pulls the version and the due
date of its clue moves; a bad value is refused beside its field, nothing written."""

from __future__ import annotations

import html
import re
from datetime import date, datetime, timedelta

import pytest

from childcare_desktop.core.worklist import WorkKind
from childcare_desktop.services import clues, worklist
from sync.server import county_policy
from tests.factories import make_child
from tests.sync.test_console_policy_edit import admin, china_today, form_of, post
from tests.sync.township import COUNTY, World

LABELS = (
    "线索：处理时限（收到后）",
    "线索：涉及儿童安全的处理时限（收到后，标红）",
    "辍学劝返：至少每（直到返校或书面报告）",
    "季度核实：季度最后几天提醒",
    "告知学校：时限（认定留守或转学后）",
    "结对帮扶：至少每几个月联系一次",
    "服务计划：时限（评估后制定或调整）",
)


def _clue_due(laptop: object, clue_id: str, as_of: date | None = None) -> date:
    with laptop.store.session() as s:  # type: ignore[attr-defined]
        items = worklist.get_worklist(s, as_of=as_of or date.today()).items
    (item,) = [i for i in items if i.kind is WorkKind.CLUE and i.ref == clue_id]
    return item.due_on


def test_the_deadlines_are_set_on_the_console_and_move_a_laptops_due_date(
    sqlite_world: World,
) -> None:
    a = sqlite_world.laptop("dir_a")
    received = date.today() - timedelta(days=1)
    with a.store.session() as s:
        child = make_child(s, name="陈小雨")
        clue = clues.register_clue(
            s,
            source="hotline_12349",
            received_at=datetime.combine(received, datetime.min.time()).replace(hour=9),
            content="孩子放学后常独自在河边玩耍",
            child_id=child.id,
        )
    assert _clue_due(a, clue.id) == received + timedelta(days=1)  # by the next day

    console = admin(sqlite_world.server)
    page = html.unescape(console.get("/console/policy").text)
    for label in LABELS:
        assert label in page
    fields = form_of(console.get("/console/policy").text)
    assert fields["duty_deadlines.clue_days"] == "1"
    assert fields["duty_deadlines.clue_safety_days"] == "0"
    assert fields["duty_deadlines.persuasion"] == "7天"
    assert fields["duty_deadlines.quarter_check_days"] == "15"
    assert fields["duty_deadlines.school_notice_days"] == "30"
    assert fields["duty_deadlines.pairing_contact_months"] == "1"
    assert fields["duty_deadlines.plan_days"] == "7"

    answer = post(
        console,
        **{
            "duty_deadlines.clue_days": "3",
            "duty_deadlines.persuasion": "2周",
            "duty_deadlines.pairing_contact_months": "2",
            "effective_from": china_today().isoformat(),
            "note": "县民政局通知：线索三日内处理",
        },
    )
    assert answer.status_code == 200, answer.text
    with sqlite_world.server.db.read() as conn:
        (stored,) = county_policy.stored(conn, COUNTY)
    assert stored["body"] == {
        "duty_deadlines": {"clue_days": 3, "persuasion": "P2W", "pairing_contact_months": 2}
    }
    viewer = admin(sqlite_world.server, "kan", "county-viewer")
    shown = viewer.get("/console/policy").text
    for words in ("收到后3天内；涉及儿童安全的当天", "至少每14天一次", "每2个月至少一次"):
        assert words in shown
    assert "线索：处理时限" in shown  # the version's changes, by their labels

    assert a.run().ok
    # asked on the day the policy takes effect: the console's day in China, which this
    # machine's clock (UTC) reaches only at 16:00
    assert _clue_due(a, clue.id, china_today()) == received + timedelta(days=3)


@pytest.mark.parametrize(
    ("path", "typed", "words"),
    [
        ("duty_deadlines.clue_days", "-1", "“线索：处理时限”：应为不小于0的整数。"),
        ("duty_deadlines.school_notice_days", "4000", "“告知学校：时限”：数值过大"),
        ("duty_deadlines.persuasion", "每周", "“辍学劝返：至少每”：应为间隔"),
        (
            "duty_deadlines.pairing_contact_months",
            "0",
            "“结对帮扶：至少每几个月联系一次”：应为不小于1的整数。",
        ),
    ],
)
def test_a_bad_deadline_is_refused_beside_its_field(
    sqlite_world: World, path: str, typed: str, words: str
) -> None:
    console = admin(sqlite_world.server)
    answer = post(console, **{path: typed})
    assert answer.status_code == 400
    assert words in html.unescape(answer.text)
    (marked,) = re.findall(r'id="f-([^"]+)"[^>]*aria-invalid="true"', answer.text)
    assert marked == path
    assert form_of(answer.text)[path] == typed  # kept as typed, to correct
    with sqlite_world.server.db.read() as conn:
        assert county_policy.stored(conn, COUNTY) == []
