"""三留守 (issue 18): the county switches the duty on from the console's 县级政策 page and
sets the rhythm; a laptop pulls the version and its worklist asks for the contacts; a
bad rhythm is refused beside its field."""

from __future__ import annotations

import html
import re
from datetime import date, timedelta

from childcare_desktop.services import three_left
from sync.server import county_policy
from tests.factories import years_ago
from tests.sync.test_console_policy_edit import admin, china_today, form_of, post
from tests.sync.township import COUNTY, World


def test_the_console_switches_the_duty_on_for_the_laptops(sqlite_world: World) -> None:
    a = sqlite_world.laptop("dir_a")
    with a.store.session() as s:
        woman = three_left.add_person(
            s,
            kind="woman",
            name="郑春梅",
            birth_date=years_ago(33),
            registered_on=date.today() - timedelta(days=20),
        )
    console = admin(sqlite_world.server)
    fields = form_of(console.get("/console/policy").text)
    assert "three_left_behind.enabled" not in fields  # an unticked box: off by default
    assert fields["three_left_behind.contact"] == "1个月"
    answer = post(
        console,
        **{
            "three_left_behind.enabled": "1",
            "three_left_behind.contact": "2周",
            "effective_from": china_today().isoformat(),
        },
    )
    assert answer.status_code == 200, answer.text
    with sqlite_world.server.db.read() as conn:
        (stored,) = county_policy.stored(conn, COUNTY)
    assert stored["body"] == {"three_left_behind": {"enabled": True, "contact": "P2W"}}
    viewer = admin(sqlite_world.server, "kan", "county-viewer")  # the rules in force, in words
    assert "已开启，每14天联系一次" in viewer.get("/console/policy").text
    day = china_today()  # the console's day, which this machine's (UTC) reaches at 16:00
    with a.store.session() as s:
        assert three_left.contacts_due(s, as_of=day) == []
    assert a.run().ok
    with a.store.session() as s:
        assert three_left.enabled(s, day)
        (due,) = three_left.contacts_due(s, as_of=day)
    assert (due.id, due.due_on) == (woman.id, date.today() - timedelta(days=6))


def test_a_bad_rhythm_is_refused_beside_its_field(sqlite_world: World) -> None:
    console = admin(sqlite_world.server)
    answer = post(console, **{"three_left_behind.contact": "每月"})
    assert answer.status_code == 400
    text = html.unescape(answer.text)
    assert "“三留守：联系留守妇女和老人”：应为间隔" in text
    (marked,) = re.findall(r'id="f-([^"]+)"[^>]*aria-invalid="true"', answer.text)
    assert marked == "three_left_behind.contact"
