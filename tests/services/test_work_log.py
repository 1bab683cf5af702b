"""工作日志 (issue 18): the director's entries, their rules, their links, their audit."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from childcare_desktop.core.errors import Kind, ValidationError
from childcare_desktop.core.vocab import WorkLogKind
from childcare_desktop.services import work_log
from childcare_desktop.storage.models import AuditEntry, Child
from childcare_desktop.storage.store import Store
from tests.factories import make_child

TODAY = date.today()


def test_an_entry_is_filed_listed_by_month_edited_and_deleted(store: Store) -> None:
    with store.session() as s:
        child = make_child(s)
        made = work_log.add_entry(
            s,
            logged_on=TODAY,
            kind="会议",
            title="镇儿童工作例会",
            content="学习新政策",
            place="镇政府",
            children=[child.id],
        )
        assert made.kind is WorkLogKind.MEETING
        assert made.children == ((child.id, "张三"),)
        assert [e.id for e in work_log.entries(s, TODAY.year, TODAY.month)] == [made.id]
        last = TODAY.replace(day=1) - timedelta(days=1)
        assert work_log.entries(s, last.year, last.month) == []
        edited = work_log.edit_entry(s, made.id, title="例会", children=[])
        assert (edited.title, edited.children) == ("例会", ())
        work_log.delete_entry(s, made.id)
        assert work_log.entries(s, TODAY.year, TODAY.month) == []
        actions = [a.action for a in s.scalars(select(AuditEntry)).all()]
    assert actions[-3:] == ["work_log_added", "work_log_edited", "work_log_deleted"]


@pytest.mark.parametrize(
    ("values", "kind", "field"),
    [
        (
            {"logged_on": TODAY + timedelta(days=1), "title": "明天"},
            Kind.DATE_IN_FUTURE,
            "logged_on",
        ),
        ({"logged_on": TODAY, "title": "  "}, Kind.REQUIRED, "title"),
        ({"logged_on": TODAY, "title": "标" * 101}, Kind.TOO_LONG, "title"),
        ({"logged_on": None, "title": "无日期"}, Kind.REQUIRED, "logged_on"),
    ],
)
def test_an_entry_breaking_a_rule_is_refused(
    store: Store, values: dict[str, object], kind: Kind, field: str
) -> None:
    with store.session() as s, pytest.raises(ValidationError) as err:
        work_log.add_entry(s, kind="training", **values)
    assert (err.value.kind, err.value.field) == (kind, field)


def test_a_child_of_another_village_cannot_be_linked(store: Store) -> None:
    with store.session() as s:
        child = make_child(s)
        s.get(Child, child.id).region_code = "349901101202"  # as if pulled from village B
        s.flush()
        with pytest.raises(ValidationError) as err:
            work_log.add_entry(s, logged_on=TODAY, kind="phone", title="电话", children=[child.id])
        assert err.value.field == "children"
        assert work_log.entries(s, TODAY.year, TODAY.month) == []


def test_the_months_log_prints_each_entry_with_its_text_safe(store: Store) -> None:
    import io

    from pypdf import PdfReader

    with store.session() as s:
        child = make_child(s, name="李小明")
        work_log.add_entry(
            s,
            logged_on=TODAY,
            kind="publicity",
            title="宣传<b>防溺水</b> & 安全",
            content="发放资料 <&> 50份",
            place="村广场",
            children=[child.id],
        )
        pdf = work_log.month_pdf(s, TODAY.year, TODAY.month)
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    flat = text.replace("\n", "").replace(" ", "")
    assert f"工作日志（{TODAY.year}年{TODAY.month}月）" in flat
    for expected in ("宣传", "宣传<b>防溺水</b>&安全", "发放资料<&>50份", "村广场", "李小明"):
        assert expected in flat, expected
