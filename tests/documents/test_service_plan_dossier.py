"""The dossier's 分类服务计划 section, read back from the PDF: the current plan in full
(its colour, measures numbered, who, how often, the review date, whether it is due), and
the earlier plans; a child with none says so, with the plan to write."""

from __future__ import annotations

import io
import re
from datetime import date, timedelta

from pypdf import PdfReader

from childcare_desktop.services import assessments, plan_defaults, printing, service_plans
from childcare_desktop.storage.store import Store
from tests.factories import make_child, years_ago

TODAY = date.today()


def words(pdf: bytes) -> str:
    return "".join(re.sub(r"\s+", "", p.extract_text()) for p in PdfReader(io.BytesIO(pdf)).pages)


def test_the_dossier_prints_the_current_plan_and_its_history(store: Store) -> None:
    with store.session() as s:
        child = make_child(s, name="石小兰", birth_date=years_ago(9))
        assessments.assess_guardianship(
            s, child_id=child.id, assessed_on=TODAY - timedelta(days=30), level="fair", colour="red"
        )
        none_yet = words(printing.dossier(s, child_id=child.id))
        first = plan_defaults.plan_template(s, child_id=child.id)
        first.update(written_on=TODAY - timedelta(days=29), measures="每周电话联系\n每月入户走访")
        service_plans.write_plan(s, child_id=child.id, **first)
        assessments.assess_guardianship(
            s, child_id=child.id, assessed_on=TODAY - timedelta(days=1), level="fair", colour="blue"
        )
        second = plan_defaults.plan_template(s, child_id=child.id)
        second.update(
            written_on=TODAY, responsible="儿童主任李芳", review_due=TODAY + timedelta(days=90)
        )
        service_plans.write_plan(s, child_id=child.id, **second)
        printed = words(printing.dossier(s, child_id=child.id))
    assert "十一、分类服务计划" in none_yet and "尚未制定服务计划，待制定" in none_yet
    section = printed.split("十一、分类服务计划", 1)[1]
    assert "风险等级蓝色" in section and f"制定日期{TODAY.isoformat()}" in section
    assert "责任人儿童主任李芳" in section and "计划状态在用" in section
    assert f"复核日期{(TODAY + timedelta(days=90)).isoformat()}" in section
    assert "1.每月联系儿童及照护人，每三个月入户走访一次" in section  # blue's default, numbered
    history = section.split("历次服务计划", 1)[1]
    assert (TODAY - timedelta(days=29)).isoformat() in history and "红色" in history
    assert "1.每周电话联系2.每月入户走访" in history
