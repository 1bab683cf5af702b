"""季度核实 through the real server: a director's quarterly verification reaches the
township's supervisor (the report to the township), and an edit follows it; another
township's supervisor never receives it."""

from __future__ import annotations

from datetime import date

from sqlalchemy import text

from childcare_desktop.core.quarters import quarter_of
from childcare_desktop.core.vocab import BenefitsRight, FamilyChange
from childcare_desktop.services import files, quarterly_checks
from tests.factories import make_child, years_ago
from tests.sync.township import World

TODAY = date.today()


def test_the_supervisor_receives_the_check_and_its_edit(world: World) -> None:
    a = world.laptop("dir_a")
    with a.store.session() as s:
        child = make_child(s, name="柳小河", birth_date=years_ago(11), categories=["poverty"])
        check = quarterly_checks.record_quarterly_check(
            s,
            child_id=child.id,
            checked_on=TODAY,
            changes=["监护人变化", "经济状况变化"],
            change_note="母亲外出务工，由祖母照料",
            benefits_ok="no",
            benefits_note="低保待遇需复核",
            checked_by="李主任",
        )
    assert a.run().ok
    sup = world.laptop("sup_1")
    assert sup.run().ok
    with sup.store.session() as s:
        (got,) = files.get_child_file(s, child_id=child.id).quarterly_checks
    assert (got.quarter, got.checked_on, got.changes, got.benefits_ok, got.checked_by) == (
        quarter_of(TODAY),
        TODAY,
        (FamilyChange.GUARDIAN, FamilyChange.ECONOMY),
        BenefitsRight.NO,
        "李主任",
    )
    assert got.change_note == "母亲外出务工，由祖母照料"

    with a.store.session() as s:
        quarterly_checks.edit_quarterly_check(
            s, check_id=check.id, benefits_ok="yes", benefits_note="已复核，待遇合适"
        )
    assert a.run().ok
    assert sup.run().ok
    with sup.store.session() as s:
        (got,) = quarterly_checks.list_quarterly_checks(s, child_id=child.id)
    assert (got.benefits_ok, got.benefits_note) == (BenefitsRight.YES, "已复核，待遇合适")

    other = world.laptop("sup_2")
    assert other.run().ok
    with other.store.session() as s:
        assert s.execute(text("SELECT count(*) FROM quarterly_check")).scalar() == 0
