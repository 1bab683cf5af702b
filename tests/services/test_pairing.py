"""结对帮扶 and 告知学校 on the real store: the rules of a pairing, its contacts and its end,
a school notice, and the worklist's monthly contact and school-notice items."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from childcare_desktop.core.errors import Kind, StateError, ValidationError
from childcare_desktop.core.pairing_work import PairingFacts, contact_due, month_end
from childcare_desktop.core.vocab import HelperRole, NoticeContent, NoticeMode
from childcare_desktop.core.worklist import WorkKind
from childcare_desktop.messages import describe
from childcare_desktop.services import children, files, pairing, school_notices, worklist
from childcare_desktop.storage.models import AuditEntry
from childcare_desktop.storage.store import Store
from tests.factories import make_child, years_ago

TODAY = date.today()


def test_a_pairing_needs_a_helper_a_past_date_after_the_birth_and_a_real_phone(
    store: Store,
) -> None:
    with store.session() as s:
        child = make_child(s, birth_date=years_ago(8))

        def refused(**values: object) -> ValidationError:
            values = {"helper_name": "李老师", "helper_role": "教师", "since": TODAY, **values}
            with pytest.raises(ValidationError) as caught:
                pairing.add_pairing(s, child_id=child.id, **values)
            return caught.value

        assert refused(helper_name="  ").kind is Kind.REQUIRED
        assert refused(helper_role=None).field == "helper_role"
        assert refused(since=TODAY + timedelta(days=1)).kind is Kind.DATE_IN_FUTURE
        before = refused(since=years_ago(9))
        assert before.kind is Kind.DATE_BEFORE_BIRTH
        assert describe(before).startswith("结对日期早于儿童出生日期")
        assert refused(phone="12345").field == "phone"
        made = pairing.add_pairing(
            s,
            child_id=child.id,
            helper_name="李老师",
            helper_role="教师",
            phone="13800138000",
            since=TODAY - timedelta(days=40),
        )
        assert made.helper_role is HelperRole.TEACHER and made.active


def test_a_contact_lies_within_the_pairing_and_a_pairing_ends_once(store: Store) -> None:
    with store.session() as s:
        child = make_child(s, birth_date=years_ago(8))
        since = TODAY - timedelta(days=90)
        p = pairing.add_pairing(
            s, child_id=child.id, helper_name="王书记", helper_role="党员", since=since
        )
        with pytest.raises(ValidationError) as early:
            pairing.add_contact(
                s, pairing_id=p.id, contacted_on=since - timedelta(days=1), mode="电话"
            )
        assert early.value.kind is Kind.OUTSIDE_PAIRING
        assert describe(early.value).startswith(
            f"联系日期{(since - timedelta(days=1)).isoformat()}不在结对期间"
        )
        with pytest.raises(ValidationError) as future:
            pairing.add_contact(
                s, pairing_id=p.id, contacted_on=TODAY + timedelta(days=1), mode="电话"
            )
        assert future.value.kind is Kind.DATE_IN_FUTURE
        pairing.add_contact(
            s,
            pairing_id=p.id,
            contacted_on=TODAY - timedelta(days=10),
            mode="入户",
            content="辅导作业",
        )
        with pytest.raises(ValidationError) as before_contact:
            pairing.end_pairing(
                s, pairing_id=p.id, until=TODAY - timedelta(days=20), end_reason="调离"
            )
        assert before_contact.value.kind is Kind.ENDS_BEFORE_CONTACT
        with pytest.raises(ValidationError) as no_reason:
            pairing.end_pairing(s, pairing_id=p.id, until=TODAY, end_reason="")
        assert no_reason.value.field == "end_reason"
        ended = pairing.end_pairing(
            s, pairing_id=p.id, until=TODAY - timedelta(days=5), end_reason="调离"
        )
        assert not ended.active and len(ended.contacts) == 1
        with pytest.raises(ValidationError) as after_end:
            pairing.add_contact(s, pairing_id=p.id, contacted_on=TODAY, mode="视频")
        assert after_end.value.kind is Kind.OUTSIDE_PAIRING
        # a contact made while it ran may still be logged late
        pairing.add_contact(s, pairing_id=p.id, contacted_on=TODAY - timedelta(days=6), mode="视频")
        with pytest.raises(StateError) as twice:
            pairing.end_pairing(s, pairing_id=p.id, until=TODAY, end_reason="再次")
        assert twice.value.kind is Kind.PAIRING_ENDED
        file = files.get_child_file(s, child_id=child.id)
        assert [len(x.contacts) for x in file.pairings] == [2]
        actions = s.scalars(select(AuditEntry.action).where(AuditEntry.action.like("pairing%")))
        assert list(actions) == [
            "pairing_added",
            "pairing_contact_recorded",
            "pairing_ended",
            "pairing_contact_recorded",
        ]


def test_the_monthly_contact_is_due_at_month_end_and_overdue_after() -> None:
    as_of = date(2026, 11, 20)
    fresh = PairingFacts("p", "c", "李", date(2026, 11, 3), None)
    assert contact_due(fresh, as_of) == date(2026, 11, 30)  # this month, not late yet
    last_month = fresh._replace(since=date(2026, 9, 1), last_contact_on=date(2026, 10, 31))
    assert contact_due(last_month, as_of) == date(2026, 11, 30)
    lapsed = last_month._replace(last_contact_on=date(2026, 9, 15))
    assert contact_due(lapsed, as_of) == date(2026, 10, 31)  # October went by without one
    assert contact_due(lapsed._replace(last_contact_on=date(2026, 11, 1)), as_of) is None
    assert month_end(date(2028, 2, 3)) == date(2028, 2, 29)


def test_a_pairing_without_a_contact_this_month_is_on_the_worklist(store: Store) -> None:
    with store.session() as s:
        child = make_child(s, birth_date=years_ago(8), name="赵小兰")
        since = TODAY.replace(day=1) - timedelta(days=45)  # started the month before last
        p = pairing.add_pairing(
            s, child_id=child.id, helper_name="周志愿", helper_role="志愿者", since=since
        )

        def items() -> list[tuple[date, int, str]]:
            found = worklist.get_worklist(s).items
            return [
                (i.due_on, i.overdue_days, i.detail)
                for i in found
                if i.kind is WorkKind.PAIRING_CONTACT
            ]

        assert items() == [(month_end(since), (TODAY - month_end(since)).days, "周志愿")]
        pairing.add_contact(s, pairing_id=p.id, contacted_on=TODAY, mode="电话")
        assert items() == []  # in touch this month
        file = files.get_child_file(s, child_id=child.id)
        assert WorkKind.PAIRING_CONTACT not in [w.kind for w in file.work]


def test_a_left_behind_child_in_school_needs_the_school_told(store: Store) -> None:
    with store.session() as s:
        registered = TODAY - timedelta(days=40)
        child = make_child(
            s,
            birth_date=years_ago(9),
            school_stage="小学",
            school_name="城关二小",
            registered_on=registered,
        )
        make_child(s, birth_date=years_ago(9), name="李四", school_stage="不在学")

        def owed() -> list[tuple[str, date, int]]:
            found = worklist.get_worklist(s).items
            return [
                (i.child_name, i.due_on, i.overdue_days)
                for i in found
                if i.kind is WorkKind.SCHOOL_NOTICE
            ]

        assert owed() == [("张三", registered + timedelta(days=30), 10)]
        with pytest.raises(ValidationError) as nothing_told:
            school_notices.record_notice(s, child_id=child.id, told_on=TODAY, mode="当面")
        assert nothing_told.value.field == "contents"
        with pytest.raises(ValidationError) as before_birth:
            school_notices.record_notice(
                s, child_id=child.id, told_on=years_ago(10), mode="当面", contents=["situation"]
            )
        assert before_birth.value.kind is Kind.DATE_BEFORE_BIRTH
        notice = school_notices.record_notice(
            s,
            child_id=child.id,
            told_on=TODAY - timedelta(days=2),
            mode="书面",
            contents=["儿童情况", "父母务工地点", "父母联系方式"],
            told_whom="刘校长",
        )
        assert notice.school_name == "城关二小" and notice.mode is NoticeMode.WRITTEN
        assert set(notice.contents) == {c.value for c in NoticeContent}
        assert owed() == []
        # a new school must be told again, within 30 days of the change
        children.update_child(s, child_id=child.id, school_name="县实验中学", school_stage="初中")
        assert owed() == [("张三", TODAY + timedelta(days=30), 0)]
        assert files.get_child_file(s, child_id=child.id).school_notices[0].told_whom == "刘校长"
