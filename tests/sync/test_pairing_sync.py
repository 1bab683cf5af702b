"""结对帮扶 and 告知学校 through the real server: a director's pairing, its contact, its end
and a school notice reach the township's supervisor, and stay out of another township's."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import text

from childcare_desktop.core.vocab import HelperRole, NoticeMode, PairingContactMode
from childcare_desktop.services import files, pairing, school_notices
from tests.factories import make_child, years_ago
from tests.sync.township import World

TODAY = date.today()


def test_the_supervisor_receives_the_pairing_its_contact_and_the_school_notice(
    world: World,
) -> None:
    a = world.laptop("dir_a")
    with a.store.session() as s:
        child = make_child(
            s,
            name="柳小河",
            birth_date=years_ago(10),
            school_stage="小学",
            school_name="青石镇小学",
        )
        p = pairing.add_pairing(
            s,
            child_id=child.id,
            helper_name="陈干部",
            helper_role="干部",
            phone="13800138000",
            since=TODAY - timedelta(days=60),
        )
        pairing.add_contact(
            s,
            pairing_id=p.id,
            contacted_on=TODAY - timedelta(days=3),
            mode="入户",
            content="送学习用品",
        )
        school_notices.record_notice(
            s,
            child_id=child.id,
            told_on=TODAY - timedelta(days=1),
            mode="电话",
            contents=["situation", "parents_contact"],
            told_whom="王老师",
        )
    assert a.run().ok
    sup = world.laptop("sup_1")
    assert sup.run().ok
    with sup.store.session() as s:
        file = files.get_child_file(s, child_id=child.id)
    (got,) = file.pairings
    assert (got.helper_name, got.helper_role, got.phone, got.until) == (
        "陈干部",
        HelperRole.CADRE,
        "13800138000",
        None,
    )
    assert [(c.mode, c.content) for c in got.contacts] == [(PairingContactMode.HOME, "送学习用品")]
    (notice,) = file.school_notices
    assert (notice.school_name, notice.mode, notice.contents, notice.told_whom) == (
        "青石镇小学",
        NoticeMode.PHONE,
        ("parents_contact", "situation"),
        "王老师",
    )
    # the end of the pairing follows on the next sync
    with a.store.session() as s:
        pairing.end_pairing(s, pairing_id=p.id, until=TODAY, end_reason="工作调动")
    assert a.run().ok and sup.run().ok
    with sup.store.session() as s:
        (ended,) = pairing.list_pairings(s, child_id=child.id)
        assert (ended.until, ended.end_reason) == (TODAY, "工作调动")
        assert pairing.active_pairings(s) == []
    other = world.laptop("sup_2")
    assert other.run().ok
    with other.store.session() as s:
        for table in ("pairing", "pairing_contact", "school_notice"):
            assert s.execute(text(f"SELECT count(*) FROM {table}")).scalar() == 0
