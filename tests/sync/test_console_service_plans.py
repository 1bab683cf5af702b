"""The 县级政策 page sets the county's default service plan of a colour (四级分类服务):
shown in its own table, a change reaches a laptop's 制定服务计划 dialog values, an
empty list of measures is refused beside its field."""

from __future__ import annotations

import html
import re
from datetime import date

from childcare_desktop.core.policy import DEFAULT_POLICY
from childcare_desktop.core.vocab import RiskColour
from childcare_desktop.services import assessments, plan_defaults
from sync.server import county_policy
from tests.factories import make_child
from tests.sync.test_console_policy_edit import admin, china_today, form_of, post
from tests.sync.township import COUNTY, World

RED = "service_plans.red"


def test_a_new_default_plan_reaches_the_laptops_plan(world: World) -> None:
    console = admin(world.server)
    shown = form_of(console.get("/console/policy").text)
    red = DEFAULT_POLICY.service_plans[RiskColour.RED]
    assert shown[f"{RED}.measures"] == red.measures_text
    assert shown[f"{RED}.responsible"] == red.responsible
    answer = post(
        console,
        **{
            f"{RED}.measures": "每周入户一次\n\n  联系学校班主任  ",
            f"{RED}.frequency": "每周一次",
            "effective_from": china_today().isoformat(),
        },
    )
    assert answer.status_code == 200, answer.text
    with world.server.db.read() as conn:
        (stored,) = county_policy.stored(conn, COUNTY)
    assert stored["body"] == {
        "service_plans": {
            "red": {"measures": ["每周入户一次", "联系学校班主任"], "frequency": "每周一次"}
        }
    }
    assert "红色 · 服务措施" in answer.text.split('data-version="1"', 1)[1].split("</tr>", 1)[0]

    laptop = world.laptop("dir_a")
    with laptop.store.session() as s:
        child = make_child(s, name="石小兰")
        # the laptop's own day (its clock in China is the console's day; this machine's
        # may be a day behind it, from 16:00 UTC)
        assessments.assess_guardianship(
            s, child_id=child.id, assessed_on=date.today(), level="poor", colour="red"
        )
    assert laptop.run().ok
    with laptop.store.session() as s:
        values = plan_defaults.plan_template(s, child_id=child.id, as_of=china_today())
    assert values["measures"] == "每周入户一次\n联系学校班主任"
    assert (values["frequency"], values["responsible"]) == ("每周一次", red.responsible)


def test_no_measure_is_refused_beside_its_field(sqlite_world: World) -> None:
    console = admin(sqlite_world.server)
    answer = post(console, **{f"{RED}.measures": "  \n "})
    assert answer.status_code == 400
    text = html.unescape(answer.text)
    said = text.split('id="message">', 1)[1].split("</p>", 1)[0]
    assert "“红色 · 服务措施”：请至少填写一项措施（每行一项）。" in said
    (marked,) = re.findall(r'id="f-([^"]+)"[^>]*aria-invalid="true"', answer.text)
    assert marked == f"{RED}.measures"
    with sqlite_world.server.db.read() as conn:
        assert county_policy.stored(conn, COUNTY) == []


def test_a_viewer_sees_the_default_plans(sqlite_world: World) -> None:
    viewer = admin(sqlite_world.server, "kan", "county-viewer")
    page = viewer.get("/console/policy").text
    table = page.split('id="service-plans"', 1)[1].split("</table>", 1)[0]
    assert DEFAULT_POLICY.service_plans[RiskColour.YELLOW].measures[0] in table
    assert table.count("<tr data-colour=") == 4
