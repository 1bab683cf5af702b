"""三留守 on a village's console page (issue 18): once the county switches the duty on,
the page says how many left-behind women and elders the village has and how many are
due a contact or overdue, as the director's laptop counts them; while it is off, no
such panel."""

from __future__ import annotations

from datetime import date, timedelta

from childcare_desktop.services import three_left
from tests.factories import years_ago
from tests.sync.conftest import VILLAGE_A
from tests.sync.test_console_policy_edit import admin, china_today, post
from tests.sync.township import World

TODAY = date.today()


def _number(html: str, key: str) -> int:
    return int(html.split(f'id="{key}">', 1)[1].split("<", 1)[0])


def test_the_village_page_counts_the_adults_due_a_contact(sqlite_world: World) -> None:
    a = sqlite_world.laptop("dir_a")
    with a.store.session() as s:
        for name, contacted in (("郑春梅", False), ("王秋菊", True)):
            person = three_left.add_person(
                s,
                kind="woman",
                name=name,
                birth_date=years_ago(33),
                registered_on=TODAY - timedelta(days=20),
            )
            if contacted:
                three_left.log_visit(s, person_id=person.id, visited_on=TODAY, mode="home")
    assert a.run().ok
    console = admin(sqlite_world.server)
    assert 'id="adults"' not in console.get(f"/console/village/{VILLAGE_A}").text  # off
    switched = {"three_left_behind.enabled": "1", "three_left_behind.contact": "2周"}
    answer = post(console, **switched, effective_from=china_today().isoformat())
    assert answer.status_code == 200, answer.text
    assert a.run().ok
    with a.store.session() as s:  # as of the console's day (China's; UTC's from 16:00)
        due = three_left.contacts_due(s, as_of=china_today())
    html = console.get(f"/console/village/{VILLAGE_A}").text
    assert _number(html, "adults-on-roll") == 2
    assert _number(html, "adults-overdue") == sum(d.overdue for d in due) == 1
    assert _number(html, "adults-due") == sum(not d.overdue for d in due) == 0
    assert "郑春梅" not in html  # numbers only: the adults are not listed here
