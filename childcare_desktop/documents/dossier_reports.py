"""The dossier's confidential sections, last and printed only for a role that may see
them: the mandatory reports (never the reporter) and the clues."""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from ..core.printing import DossierDocument
from ..core.report_deadlines import StageState, StageStatus
from ..core.vocab import Situation
from .base import BODY, SMALL, WARNING, gap, grid, markup, pairs, para, text
from .layout import Numbering, section


def reports(doc: DossierDocument, w: float, number: Numbering) -> list[Flowable]:
    """强制报告（保密）: each report, its follow-ups and its stages' deadlines."""
    if not doc.include_reports:
        return []
    out: list[Flowable] = [
        section(
            number("强制报告（保密）"),
            para("本节内容保密，仅限有权限人员查阅；报告人信息不得外泄。", WARNING),
            *([] if doc.file.incidents else [para("无", BODY)]),
        )
    ]
    if not doc.file.incidents:
        return out
    for report in doc.file.incidents:
        situations = "；".join(text(Situation.parse(s) or s) for s in report.situations)
        out.append(
            pairs(
                [
                    ("发现时间", report.discovered_at),
                    ("报告时间", report.reported_at),
                    ("报告至", report.reported_to),
                    ("回执号", report.receipt_no),
                    ("报告情形", situations),
                    ("报告方式", report.report_method),
                ],
                w,
            )
        )
        out.append(markup(f"情况描述：{text(report.description)}", BODY))
        if report.followups:
            out.append(
                grid(
                    [["阶段", "日期", "措施", "结果"]]
                    + [[f.stage, f.on_date, f.action, f.result] for f in report.followups],
                    [22 * mm, 22 * mm, (w - 44 * mm) / 2, (w - 44 * mm) / 2],
                )
            )
        if report.stages:
            out.append(markup("各阶段时限（按县级政策）：", BODY))
            out.append(
                grid(
                    [["阶段", "时限", "完成日期", "是否按时"]]
                    + [[s.stage, s.due_on, s.done_on, stage_words(s)] for s in report.stages],
                    [30 * mm, 30 * mm, 30 * mm, w - 90 * mm],
                )
            )
        out.append(gap(2))
    out.append(para("报告人身份按规定保密，不在本档案中打印。", SMALL))
    return out


def clues(doc: DossierDocument, w: float, number: Numbering) -> list[Flowable]:
    """线索 about the child: confidential as the reports, printed with them only."""
    if not doc.include_reports:
        return []
    if not doc.file.clues:
        return [section(number("线索（保密）"), para("无", BODY))]
    rows: list[list[Any]] = [["接收时间", "来源", "反映内容", "处理", "结果"]]
    for c in doc.file.clues:
        source = _label(c.source) + (f"（{c.source_detail}）" if c.source_detail else "")
        handling = f"{_label(c.handling)}\n{c.handled_on}" if c.handling else c.state
        outcome = f"{_label(c.outcome)}\n{c.closed_on}" if c.outcome else "—"
        rows.append([c.received_at, source, c.content, handling, outcome])
    widths = [28 * mm, 30 * mm, w - 114 * mm, 28 * mm, 28 * mm]
    return [section(number("线索（保密）"), grid(rows, widths))]


def _label(value: Any) -> str:
    """A code's label (a code this version does not know, as it is); cells escape it."""
    return str(getattr(value, "label", value))


def stage_words(status: StageStatus) -> str:
    """按时完成 / 逾期3天完成 / 逾期3天 / 未到期 / 已结案，无需办理."""
    if status.state is StageState.MET:
        return "按时完成"
    if status.state is StageState.DONE_LATE:
        return f"逾期{status.late_days}天完成"
    if status.state is StageState.LATE:
        return f"逾期{status.late_days}天，未办"
    if status.state is StageState.DUE:
        return "未到期"
    return "已结案，无需办理"
