"""季度核实 on the real store: one check a child a quarter, dated in its quarter and not
after today, only for a child in difficulty; edits keep the quarter; the worklist asks
for it and the child's file lists it."""

from __future__ import annotations

from datetime import date, timedelta
from io import BytesIO

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from childcare_desktop.core.errors import Kind, ValidationError
from childcare_desktop.core.quarters import bounds, previous, quarter_label, quarter_of
from childcare_desktop.core.vocab import BenefitsRight, FamilyChange
from childcare_desktop.core.worklist import WorkKind
from childcare_desktop.messages import describe
from childcare_desktop.services import categories, files, printing, quarterly_checks, worklist
from childcare_desktop.storage.models import AuditEntry
from childcare_desktop.storage.store import Store
from tests.factories import make_child, years_ago

TODAY = date.today()
QUARTER = quarter_of(TODAY)


def _check(s: object, child_id: str, **over: object) -> object:
    values: dict[str, object] = {
        "checked_on": TODAY,
        "changes": ["经济状况变化"],
        "change_note": "父亲失业",
        "benefits_ok": "no",
        "benefits_note": "低保待遇需复核",
        "checked_by": "李主任",
    }
    values.update(over)
    return quarterly_checks.record_quarterly_check(s, child_id=child_id, **values)  # type: ignore[arg-type]


def test_a_child_not_in_difficulty_is_refused_in_plain_chinese(store: Store) -> None:
    with store.session() as s:
        child = make_child(s, categories=["left_behind"], birth_date=years_ago(10))
        with pytest.raises(ValidationError) as refused:
            _check(s, child.id)
        assert refused.value.kind is Kind.NOT_IN_DIFFICULTY
        assert refused.value.field == "checked_on"
        assert describe(refused.value).startswith("该儿童不是困境儿童，无需季度核实")


def test_a_child_whose_difficulty_ended_before_the_day_is_refused(store: Store) -> None:
    with store.session() as s:
        child = make_child(
            s,
            categories=["poverty"],
            registered_on=TODAY - timedelta(days=400),
            birth_date=years_ago(10),
        )
        (held,) = categories.memberships(s, child.id)
        categories.end_category(
            s, membership_id=held.id, ended_on=TODAY - timedelta(days=200), reason="脱贫"
        )
        with pytest.raises(ValidationError) as refused:
            _check(s, child.id)
        assert refused.value.kind is Kind.NOT_IN_DIFFICULTY


def test_a_check_is_recorded_once_a_quarter_and_edited_after(store: Store) -> None:
    with store.session() as s:
        child = make_child(s, categories=["poverty"], birth_date=years_ago(10))
        first = _check(s, child.id, changes=["经济状况变化", "健康变化"])
        assert first.quarter == QUARTER  # type: ignore[attr-defined]
        assert first.changes == (FamilyChange.ECONOMY, FamilyChange.HEALTH)  # type: ignore[attr-defined]
        assert first.benefits_ok is BenefitsRight.NO  # type: ignore[attr-defined]
        with pytest.raises(ValidationError) as twice:
            _check(s, child.id, changes=["无变化"])
        assert twice.value.kind is Kind.QUARTER_CHECKED
        assert describe(twice.value).startswith(f"该儿童{QUARTER}已于{TODAY.isoformat()}核实")
        edited = quarterly_checks.edit_quarterly_check(
            s,
            check_id=first.id,
            changes=["无变化"],
            benefits_ok="yes",
            quarter="1999Q1",  # type: ignore[attr-defined]
        )
        assert (edited.quarter, edited.changes, edited.benefits_ok) == (
            QUARTER,
            (FamilyChange.NONE,),
            BenefitsRight.YES,
        )
        (listed,) = files.get_child_file(s, child_id=child.id).quarterly_checks
        assert listed == edited
        actions = s.scalars(select(AuditEntry.action).where(AuditEntry.child_id == child.id))
        assert {"quarterly_check_recorded", "quarterly_check_edited"} <= set(actions)


def test_dates_outside_the_quarter_or_in_the_future_are_refused(store: Store) -> None:
    with store.session() as s:
        child = make_child(
            s,
            categories=["poverty"],
            registered_on=TODAY - timedelta(days=400),
            birth_date=years_ago(10),
        )
        with pytest.raises(ValidationError) as future:
            _check(s, child.id, checked_on=TODAY + timedelta(days=1), quarter=QUARTER)
        assert (future.value.kind, future.value.field) == (Kind.DATE_IN_FUTURE, "checked_on")
        last_quarter = previous(QUARTER)
        first, last = bounds(last_quarter)
        with pytest.raises(ValidationError) as outside:
            _check(s, child.id, checked_on=TODAY, quarter=last_quarter)
        assert (outside.value.kind, outside.value.field) == (Kind.OUTSIDE_QUARTER, "checked_on")
        assert describe(outside.value).startswith(
            f"核实日期{TODAY.isoformat()}不在{last_quarter}内（{first.isoformat()}至"
            f"{last.isoformat()}）"
        )
        for typed in ("2026Q5", "9999Q4", "0000Q1"):  # 9999Q4 ended past the calendar
            with pytest.raises(ValidationError) as bad:
                _check(s, child.id, quarter=typed)
            assert (bad.value.kind, bad.value.field) == (Kind.QUARTER_INVALID, "quarter")
        with pytest.raises(ValidationError) as mixed:
            _check(s, child.id, changes=["无变化", "健康变化"])
        assert mixed.value.kind is Kind.NO_CHANGE_WITH_CHANGES
        wide = last_quarter.translate({c: c + 0xFEE0 for c in range(0x30, 0x3A)}).lower()
        late = _check(s, child.id, checked_on=last - timedelta(days=3), quarter=wide)
        assert late.quarter == last_quarter  # type: ignore[attr-defined]  # as compared


def test_the_worklist_asks_until_the_quarter_is_checked(store: Store) -> None:
    last_quarter = previous(QUARTER)
    first, last = bounds(last_quarter)
    days_before = last - timedelta(days=3)  # the last quarter's last days: due soon
    with store.session() as s:
        child = make_child(
            s,
            categories=["poverty"],
            registered_on=first + timedelta(days=5),  # nothing to check before
            birth_date=years_ago(10),
        )
        make_child(s, name="李四", categories=["left_behind"], registered_on=days_before)

        def due(as_of: date) -> list[tuple[object, ...]]:
            items = worklist.get_worklist(s, as_of=as_of).items
            return [
                (i.child_id, i.due_on, i.overdue_days, i.detail)
                for i in items
                if i.kind is WorkKind.QUARTERLY_CHECK
            ]

        assert due(days_before) == [(child.id, last, 0, last_quarter)]
        overdue = (TODAY - last).days
        assert due(TODAY) == [(child.id, last, overdue, last_quarter)]  # red until done
        (work,) = [w for w in files.get_child_file(s, child_id=child.id).work if w.detail]
        assert work.kind is WorkKind.QUARTERLY_CHECK
        _check(s, child.id, checked_on=days_before, quarter=last_quarter)
        assert due(days_before) == []
        assert all(days == 0 for _c, _d, days, _q in due(TODAY))


def test_the_dossier_lists_the_childs_checks(store: Store) -> None:
    with store.session() as s:
        child = make_child(s, name="柳小河", categories=["poverty"], birth_date=years_ago(10))
        left = make_child(s, name="田小禾", categories=["left_behind"])
        _check(s, child.id)
        pdf = printing.dossier(s, child_id=child.id)
        other = printing.dossier(s, child_id=left.id)
    words = "".join(p.extract_text() for p in PdfReader(BytesIO(pdf)).pages)
    words = words.replace(" ", "").replace("\n", "")
    for expected in ("十一、困境儿童季度核实", quarter_label(QUARTER), "经济状况变化", "父亲失业"):
        assert expected in words, expected
    assert "待遇需调整" in words and "低保待遇需复核" in words
    others = "".join(p.extract_text() for p in PdfReader(BytesIO(other)).pages)
    assert "季度核实" not in others  # a child only 留守 has no such section
