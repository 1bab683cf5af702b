"""月报: a month's work - visits done against visits due, new children, exits, reports."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from ..core.printing import MonthlyReport, PrintContext
from ..core.vocab import VisitMode
from .base import SUBTITLE, TITLE, build, gap, grid, para, usable_width
from .layout import signoff

DOC_TITLE = "儿童关爱服务工作月报"


def monthly_pdf(report: MonthlyReport, context: PrintContext) -> bytes:
    return build(_story(report, context), DOC_TITLE, context)


def _rate(done: int, due: int) -> str:
    return f"{done * 100 // due}%" if due else "—"


def _case_rows(report: MonthlyReport) -> list[list[object]]:
    """发现问题和解决方案, 辍学劝返 and the 工作日志 (issue 18)."""
    c = report.cases
    if c is None:
        return []
    return [
        ["发现问题", c.problems_found, "本月发现并记录的问题"],
        ["问题结案", c.problems_closed, "本月解决并结案"],
        ["逾期未解决问题", c.problems_overdue, "月末仍未解决且已过完成时限"],
        ["新增辍学", c.dropouts_new, "本月辍学的儿童"],
        ["劝返复学", c.dropouts_returned, "本月经劝返已返校"],
        ["劝返中", c.dropouts_open, "月末仍在劝返（未返校、未书面报告）"],
        ["工作日志", c.work_log_entries, "本月记录的工作日志条数"],
    ]


def _story(report: MonthlyReport, context: PrintContext) -> list[Flowable]:
    w = usable_width()
    rows = [
        ["项目", "数量", "说明"],
        ["月末在册儿童", report.children_at_end, ""],
        ["本月新增", report.new_children, "本月上报（登记）的儿童"],
        ["本月退出", report.exited, ""],
        ["应入户走访", report.home_visits_due, "按县级走访频次，本月到期的入户走访"],
        [
            "已入户走访",
            report.home_visits_done,
            f"完成率 {_rate(report.home_visits_done, report.home_visits_due)}",
        ],
        ["应联系", report.contacts_due, "电话、视频或入户"],
        [
            "已联系",
            report.contacts_done,
            f"完成率 {_rate(report.contacts_done, report.contacts_due)}",
        ],
        *[
            [f"　{m.label}", report.visits_by_mode.get(m.value, 0), "本月记录的走访次数"]
            for m in VisitMode
        ],
        ["监护情况评估", report.assessments, ""],
        ["签订委托照护协议", report.agreements_signed, ""],
        ["协议到期", report.agreements_expired, "本月期满且未续签"],
        ["强制报告", report.reports_filed, "详情见各儿童档案（保密）"],
        ["月末逾期事项", report.overdue_at_end, "见工作台"],
        *_case_rows(report),
        ["接收线索", report.clues_received, "12355、12349、学校、村民等反映"],
        ["已处理线索", report.clues_handled, "转为强制报告、走访或记为备注"],
    ]
    return [
        para(DOC_TITLE, TITLE),
        para(f"{report.area}　{report.month:%Y年%m月}", SUBTITLE),
        gap(),
        grid(rows, [48 * mm, 24 * mm, w - 72 * mm]),
        gap(6),
        signoff(
            "填报单位",
            context.place,
            [
                "儿童主任：____________　　儿童督导员：____________",
                "报送日期：______年____月____日",
            ],
            w,
        ),
    ]
