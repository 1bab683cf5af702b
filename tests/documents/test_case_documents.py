"""Issue 18 on paper and in the export: the dossier lists each problem with its steps and
outcome and each dropout with its 劝返; the 月报 counts problems found, closed and overdue,
dropouts new, back at school and still persuaded, and the month's 工作日志 entries; the JSON
export carries them all. Each PDF is read back."""

from __future__ import annotations

import io
import json
import re
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from pypdf import PdfReader

from childcare_desktop.services import dropouts, exports, printing, problems, visits, work_log
from childcare_desktop.storage.store import Store
from tests.factories import make_child, years_ago

TODAY = date.today()
MONTH = (TODAY.replace(day=1) - timedelta(days=1)).replace(day=1)  # last month


def _text(pdf: bytes) -> str:
    return "".join(re.sub(r"\s+", "", p.extract_text()) for p in PdfReader(io.BytesIO(pdf)).pages)


def _day(n: int) -> date:
    return MONTH + timedelta(days=n)


def _file(s: Any) -> dict[str, Any]:
    """A child with a solved problem from a visit, an overdue one, a reported dropout."""
    child = make_child(s, name="柳小溪", birth_date=years_ago(12), school_name="青石镇中学")
    visit = visits.log_visit(s, child_id=child.id, visited_on=_day(1), mode="home")
    solved = problems.record_problem(
        s,
        child_id=child.id,
        kind="documents",
        description="未办理户口登记",
        found_on=_day(1),
        visit_id=visit.id,
        handled_by="村委会",
        target_on=_day(20),
    )
    problems.add_step(
        s, problem_id=solved.id, on_date=_day(3), action="陪同家长到派出所", result="材料不全"
    )
    problems.close_problem(s, problem_id=solved.id, closed_on=_day(6), solution="已办理户口登记")
    late = problems.record_problem(
        s,
        child_id=child.id,
        kind="safety",
        description="住房漏雨",
        found_on=_day(2),
        target_on=_day(4),
    )
    left = dropouts.record_dropout(s, child_id=child.id, left_on=_day(2), reason="厌学")
    for n, outcome in ((3, "未返校"), (5, "拒绝")):
        dropouts.add_persuasion(
            s, dropout_id=left.id, on_date=_day(n), outcome=outcome, method=f"入户劝返{n}"
        )
    dropouts.mark_reported(s, dropout_id=left.id, reported_on=_day(7))
    work_log.add_entry(s, logged_on=_day(8), kind="会议", title="问题协调会", children=[child.id])
    return {"child": child, "visit": visit, "solved": solved, "late": late, "dropout": left}


def test_the_dossier_lists_each_problem_its_steps_its_outcome_and_each_dropout(
    store: Store,
) -> None:
    with store.session() as s:
        made = _file(s)
        content = _text(printing.dossier(s, child_id=made["child"].id))
    order = [content.index(t) for t in ("八、附件", "九、发现问题和解决方案", "十、辍学劝返")]
    assert order == sorted(order)
    problems_part = content[order[1] : order[2]]
    assert f"1．［证件］未办理户口登记发现日期：{_day(1)}（走访{_day(1)}）" in problems_part
    assert f"责任人（单位）：村委会完成时限：{_day(20)}" in problems_part
    assert f"{_day(3)}陪同家长到派出所材料不全" in problems_part
    assert f"结案：{_day(6)}解决情况：已办理户口登记" in problems_part
    assert "2．［安全］住房漏雨" in problems_part and "尚未解决（已逾期）" in problems_part
    dropout_part = content[order[2] :]
    assert f"辍学日期：{_day(2)}学校/年级：青石镇中学" in dropout_part
    assert "状态：已书面报告" in dropout_part and f"书面报告日期：{_day(7)}" in dropout_part
    assert dropout_part.index("入户劝返3") < dropout_part.index("入户劝返5")


def test_a_child_with_none_prints_none_in_both_sections(store: Store) -> None:
    with store.session() as s:
        child = make_child(s)
        content = _text(printing.dossier(s, child_id=child.id))
    assert "九、发现问题和解决方案无十、辍学劝返无" in content


def test_the_monthly_report_counts_problems_dropouts_and_the_work_log(store: Store) -> None:
    with store.session() as s:
        made = _file(s)
        # an older dropout still persuaded, one brought back this month, a log of another month
        child = make_child(s, name="柳小河", birth_date=years_ago(13))
        dropouts.record_dropout(
            s, child_id=child.id, left_on=MONTH - timedelta(days=10), reason="外出务工"
        )
        back = dropouts.record_dropout(s, child_id=child.id, left_on=_day(4), reason="疾病")
        dropouts.add_persuasion(s, dropout_id=back.id, on_date=_day(9), outcome="已返校")
        work_log.add_entry(s, logged_on=_day(10), kind="培训", title="儿童主任培训")
        work_log.add_entry(s, logged_on=MONTH - timedelta(days=3), kind="其他", title="上月")
        cases = printing.monthly_report(s, month=MONTH).cases
        content = _text(printing.monthly(s, month=MONTH))
    assert cases is not None
    assert (cases.problems_found, cases.problems_closed, cases.problems_overdue) == (2, 1, 1)
    assert (cases.dropouts_new, cases.dropouts_returned, cases.dropouts_open) == (2, 1, 1)
    assert cases.work_log_entries == 2
    for row in (
        "发现问题2本月发现并记录的问题",
        "问题结案1本月解决并结案",
        "逾期未解决问题1月末仍未解决且已过完成时限",
        "新增辍学2本月辍学的儿童",
        "劝返复学1本月经劝返已返校",
        "劝返中1月末仍在劝返",
        "工作日志2本月记录的工作日志条数",
    ):
        assert row in content, row
    assert made["late"].id  # the overdue one is the 住房漏雨 problem


def test_the_json_export_carries_problems_dropouts_and_the_work_log(
    store: Store, tmp_path: Path
) -> None:
    with store.session() as s:
        made = _file(s)
        exports.export_json(s, tmp_path / "out.json")
    (child,) = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))["children"]
    by_text = {p["description"]: p for p in child["problems"]}
    solved = by_text["未办理户口登记"]
    assert (solved["state"], solved["solution"], solved["visit_id"]) == (
        "closed",
        "已办理户口登记",
        made["visit"].id,
    )
    assert [(st["action"], st["result"]) for st in solved["steps"]] == [
        ("陪同家长到派出所", "材料不全")
    ]
    assert by_text["住房漏雨"]["steps"] == []
    (dropout,) = child["dropouts"]
    assert dropout["state"] == "reported"
    assert [a["method"] for a in dropout["attempts"]] == ["入户劝返3", "入户劝返5"]
    assert [(w["title"], w["kind"]) for w in child["work_log"]] == [("问题协调会", "meeting")]
    assert all("deleted" not in st for st in solved["steps"])


def test_in_the_month_still_running_nothing_due_later_is_overdue(store: Store) -> None:
    with store.session() as s:
        child = make_child(s, birth_date=years_ago(9))
        problems.record_problem(
            s,
            child_id=child.id,
            kind="health",
            description="未按时接种疫苗",
            found_on=TODAY,
            target_on=TODAY + timedelta(days=1),
        )
        cases = printing.monthly_report(s, month=TODAY).cases
    assert cases is not None
    assert (cases.problems_found, cases.problems_overdue) == (1, 0)
