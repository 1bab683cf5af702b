"""辍学: recording a dropout, persuading the child back (劝返), the worklist's weekly
reminder and the written report when persuasion fails."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from childcare_desktop.core.errors import Kind, StateError, ValidationError
from childcare_desktop.core.vocab import DropoutReason, DropoutState
from childcare_desktop.core.worklist import WorkKind
from childcare_desktop.messages import describe
from childcare_desktop.services import dropouts, files, worklist
from childcare_desktop.storage.models import AuditEntry
from childcare_desktop.storage.store import Store
from tests.factories import make_child, years_ago

TODAY = date.today()


def test_a_dropout_before_the_birth_is_refused_in_plain_chinese(store: Store) -> None:
    with store.session() as s:
        child = make_child(s, birth_date=years_ago(12))
        with pytest.raises(ValidationError) as refused:
            dropouts.record_dropout(
                s, child_id=child.id, left_on=years_ago(13), reason=DropoutReason.DISLIKE
            )
        assert refused.value.kind is Kind.DATE_BEFORE_BIRTH
        assert describe(refused.value).startswith("辍学日期早于儿童出生日期")
        with pytest.raises(ValidationError) as future:
            dropouts.record_dropout(
                s, child_id=child.id, left_on=TODAY + timedelta(days=1), reason="其他"
            )
        assert future.value.kind is Kind.DATE_IN_FUTURE


def test_a_persuasion_before_the_dropout_is_refused(store: Store) -> None:
    with store.session() as s:
        child = make_child(s, birth_date=years_ago(12))
        left = TODAY - timedelta(days=20)
        d = dropouts.record_dropout(s, child_id=child.id, left_on=left, reason="厌学")
        with pytest.raises(ValidationError) as refused:
            dropouts.add_persuasion(
                s, dropout_id=d.id, on_date=left - timedelta(days=1), outcome="未返校"
            )
        assert refused.value.kind is Kind.BEFORE_DROPOUT
        assert describe(refused.value).startswith(
            f"劝返日期{(left - timedelta(days=1)).isoformat()}早于辍学日期{left.isoformat()}"
        )


def test_two_failed_attempts_call_for_the_report_and_it_closes_the_dropout(store: Store) -> None:
    with store.session() as s:
        child = make_child(s, birth_date=years_ago(12), school_name="城关二小")
        left = TODAY - timedelta(days=30)
        d = dropouts.record_dropout(s, child_id=child.id, left_on=left, reason="poverty")
        assert d.school == "城关二小" and d.state is DropoutState.OPEN
        for days, outcome in ((25, "未返校"), (10, "拒绝")):
            dropouts.add_persuasion(
                s,
                dropout_id=d.id,
                on_date=TODAY - timedelta(days=days),
                outcome=outcome,
                done_by="李主任",
                method="入户劝返",
            )
        again = dropouts.get_dropout(s, dropout_id=d.id)
        assert dropouts.report_due(again) and len(again.attempts) == 2
        done = dropouts.mark_reported(s, dropout_id=d.id)
        assert done.state is DropoutState.REPORTED and done.reported_on == TODAY
        with pytest.raises(StateError):
            dropouts.add_persuasion(s, dropout_id=d.id, on_date=TODAY, outcome="未返校")
        actions = s.scalars(select(AuditEntry.action).order_by(AuditEntry.id)).all()
        assert [a for a in actions if "dropout" in a or "persuasion" in a] == [
            "dropout_recorded",
            "persuasion_recorded",
            "persuasion_recorded",
            "dropout_reported",
        ]
        assert files.get_child_file(s, child_id=child.id).dropouts[0].state is DropoutState.REPORTED


def test_an_open_dropout_not_persuaded_for_a_week_is_due(store: Store) -> None:
    with store.session() as s:
        child = make_child(s, birth_date=years_ago(12))
        d = dropouts.record_dropout(
            s, child_id=child.id, left_on=TODAY - timedelta(days=20), reason="外出务工"
        )

        def due() -> list[int]:
            items = worklist.get_worklist(s).items
            return [i.overdue_days for i in items if i.kind is WorkKind.DROPOUT_PERSUASION]

        assert due() == [20]  # never persuaded: due since the child left
        file = files.get_child_file(s, child_id=child.id)
        assert [w.kind for w in file.work if w.ref == d.id] == [WorkKind.DROPOUT_PERSUASION]
        dropouts.add_persuasion(
            s, dropout_id=d.id, on_date=TODAY - timedelta(days=3), outcome="拒绝"
        )
        assert due() == []  # persuaded in the last week
        dropouts.add_persuasion(s, dropout_id=d.id, on_date=TODAY, outcome="已返校")
        assert dropouts.get_dropout(s, dropout_id=d.id).state is DropoutState.RETURNED


def test_the_written_report_names_the_child_the_school_and_every_attempt(store: Store) -> None:
    import io

    from pypdf import PdfReader

    from childcare_desktop.services import dropout_report

    with store.session() as s:
        child = make_child(s, name="柳小河", birth_date=years_ago(13))
        d = dropouts.record_dropout(
            s,
            child_id=child.id,
            left_on=TODAY - timedelta(days=30),
            reason="厌学",
            school="青石镇中学",
            grade="初一",
        )
        for days, outcome in ((20, "未返校"), (5, "拒绝")):
            dropouts.add_persuasion(
                s,
                dropout_id=d.id,
                on_date=TODAY - timedelta(days=days),
                outcome=outcome,
                done_by="李主任",
                method="入户劝返",
            )
        pdf = dropout_report.report(s, dropout_id=d.id)
        assert dropouts.get_dropout(s, dropout_id=d.id).reported_on == TODAY
    words = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    for expected in (
        "书面报告",
        "柳小河",
        "青石镇中学",
        "初一",
        "厌学",
        "未返校",
        "拒绝",
        "县级教育行政部门",
        "签名",
        (TODAY - timedelta(days=30)).isoformat(),
    ):
        assert expected in words.replace(" ", "").replace("\n", ""), expected
