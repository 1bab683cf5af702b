"""四级分类服务 through the real server: a director's service plan and its revision reach
the township's supervisor (the current plan and its history), and stay out of another
township's; the supervisor's worklist follows the plan."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import text

from childcare_desktop.core.vocab import RiskColour
from childcare_desktop.core.worklist import WorkKind
from childcare_desktop.services import assessments, files, plan_defaults, service_plans, worklist
from tests.factories import make_child, years_ago
from tests.sync.township import World

TODAY = date.today()


def test_the_supervisor_receives_the_plan_and_its_history(world: World) -> None:
    a = world.laptop("dir_a")
    with a.store.session() as s:
        child = make_child(s, name="石小兰", birth_date=years_ago(9))
        assessments.assess_guardianship(
            s, child_id=child.id, assessed_on=TODAY - timedelta(days=20), level="poor"
        )
        first = plan_defaults.plan_template(s, child_id=child.id)
        first["written_on"] = TODAY - timedelta(days=19)
        service_plans.write_plan(s, child_id=child.id, **first)
        assessments.assess_guardianship(
            s, child_id=child.id, assessed_on=TODAY - timedelta(days=2), level="poor", colour="red"
        )
        revised = plan_defaults.plan_template(s, child_id=child.id)
        revised["measures"] += "\n联系学校，每周了解在校情况"
        service_plans.write_plan(s, child_id=child.id, **revised)
    assert a.run().ok
    sup = world.laptop("sup_1")
    assert sup.run().ok
    with sup.store.session() as s:
        current, old = files.get_child_file(s, child_id=child.id).service_plans
        due = [i for i in worklist.get_worklist(s).items if i.child_id == child.id]
    assert (current.colour, old.colour) == (RiskColour.RED, RiskColour.YELLOW)
    assert current.written_on == TODAY and current.measures.endswith("联系学校，每周了解在校情况")
    assert current.responsible.startswith("儿童主任") and "每周" in current.frequency
    assert not {WorkKind.SERVICE_PLAN_MISSING, WorkKind.SERVICE_PLAN_REVIEW} & {
        i.kind for i in due
    }  # reviewed after the newer assessment, on the township's laptop too
    other = world.laptop("sup_2")
    assert other.run().ok
    with other.store.session() as s:
        assert s.execute(text("SELECT count(*) FROM service_plan")).scalar() == 0
