"""困境儿童家庭情况季度核实报告: the director's quarterly report to the township (seed
004: 每季度核实困境儿童家庭情况…并向乡镇报告): each child in difficulty of the village,
checked or not, the changes found, the benefits to adjust, and who checked.

Plain data in (:class:`QuarterlyReport`), PDF out; every text is escaped by ``base``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from ..core.printing import PrintContext
from ..core.records import QuarterlyCheckRecord
from ..core.vocab import BenefitsRight, FamilyChange
from .base import (
    BODY,
    HEADING,
    SUBTITLE,
    TITLE,
    WARNING,
    build,
    gap,
    grid,
    markup,
    para,
    text,
    usable_width,
)

DOC_TITLE = "困境儿童家庭情况季度核实报告"
NOT_CHECKED = "未核实"


@dataclass(frozen=True, slots=True)
class ReportLine:
    name: str
    sex: str
    age: int | None
    categories: str  # 孤儿、重病儿童
    check: QuarterlyCheckRecord | None  # None: not checked this quarter


@dataclass(frozen=True, slots=True)
class QuarterlyReport:
    quarter: str  # 2026Q4
    label: str  # 2026年第四季度
    lines: tuple[ReportLine, ...]
    on: date  # the report's date

    @property
    def checked(self) -> int:
        return sum(line.check is not None for line in self.lines)

    @property
    def changed(self) -> int:
        return sum(changed(line) for line in self.lines)

    @property
    def benefit_issues(self) -> int:
        return sum(benefit_issue(line) for line in self.lines)


def changed(line: ReportLine) -> bool:
    """Whether the check found something changed in the family."""
    return line.check is not None and any(c is not FamilyChange.NONE for c in line.check.changes)


def benefit_issue(line: ReportLine) -> bool:
    return line.check is not None and line.check.benefits_ok is BenefitsRight.NO


def quarterly_report_pdf(report: QuarterlyReport, context: PrintContext) -> bytes:
    """The report (A4 landscape: the notes have the room), one row a child."""
    return build(_story(report, context), f"{DOC_TITLE}（{report.label}）", context, wide=True)


def _story(report: QuarterlyReport, context: PrintContext) -> list[Flowable]:
    township = f"{context.township}人民政府" if context.township else "乡镇（街道）人民政府"
    story: list[Flowable] = [
        para(DOC_TITLE, TITLE),
        para(f"（{report.label}）　报告单位：{context.place or '（村居名称未设置）'}", SUBTITLE),
        gap(4),
        para(f"{township}：", BODY),
        markup(_summary(report, context), BODY),
        para("一、核实情况", HEADING),
        _table(report),
    ]
    story += _attention(report)
    story += [
        gap(8),
        markup(
            "报告人（儿童主任）签名：________________　　　村（居）民委员会（盖章）<br/><br/>"
            f"报告日期：{text(report.on)}",
            BODY,
        ),
    ]
    return story


def _summary(report: QuarterlyReport, context: PrintContext) -> str:
    total = len(report.lines)
    village = text(context.village) or "本村"
    return (
        f"根据困境儿童关爱保护工作要求，现将{village}{report.label}困境儿童家庭情况核实"
        f"情况报告如下：应核实困境儿童 {total} 人，已核实 {report.checked} 人，"
        f"未核实 {total - report.checked} 人；发现家庭情况变化 {report.changed} 人，"
        f"待遇需调整 {report.benefit_issues} 人。"
    )


def _table(report: QuarterlyReport) -> Flowable:
    if not report.lines:
        return para("本季度没有困境儿童。", BODY)
    header = ["序号", "姓名", "性别", "年龄", "困境类别", "核实日期", "家庭情况变化", "变化情况"]
    header += ["待遇", "待遇说明", "核实人"]
    rows: list[list[object]] = [list(header)]
    rows += [_cells(n, line) for n, line in enumerate(report.lines, 1)]
    widths = [12, 20, 12, 12, 34, 22, 30, 0, 24, 0, 18]
    free = usable_width(wide=True) / mm - sum(widths)
    widths[7] = widths[9] = free / 2
    return grid(rows, [w * mm for w in widths], zebra=True)


def _cells(n: int, line: ReportLine) -> list[object]:
    c = line.check
    found: list[object] = [NOT_CHECKED, "", "", "", "", ""]
    if c is not None:
        found = [c.checked_on, c.changes, c.change_note, c.benefits_ok, c.benefits_note]
        found.append(c.checked_by)
    return [n, line.name, line.sex, line.age, line.categories, *found]


def _attention(report: QuarterlyReport) -> list[Flowable]:
    """二、需乡镇关注的事项: the children not checked, changed, or whose benefits are wrong."""
    notes = []
    for line in report.lines:
        if line.check is None:
            notes.append(f"{line.name}：本季度尚未核实。")
            continue
        if changed(line):
            what = text(line.check.changes)
            notes.append(f"{line.name}：{what}。{text(line.check.change_note)}")
        if benefit_issue(line):
            notes.append(f"{line.name}：待遇需调整。{text(line.check.benefits_note)}")
    if not notes:
        return [para("二、需乡镇关注的事项", HEADING), para("无。", BODY)]
    return [
        para("二、需乡镇关注的事项", HEADING),
        *(markup(f"{n}. {note}", WARNING) for n, note in enumerate(notes, 1)),
    ]
