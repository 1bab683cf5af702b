"""儿童档案 (the dossier): one child's whole file, for the cabinet (一人一档)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether

from ..core.printing import DossierDocument, PrintContext
from ..core.quarters import quarter_label
from ..core.vocab import CategoryFamily, EconomicSource
from . import dossier_cases, dossier_people, dossier_reports
from .base import (
    BODY,
    SUBTITLE,
    TITLE,
    build,
    gap,
    grid,
    markup,
    pairs,
    para,
    text,
    usable_width,
)
from .dossier_pairing import pairing_sections
from .dossier_plans import service_plans
from .layout import Numbering, section

DOC_TITLE = "儿童档案"


def dossier_pdf(doc: DossierDocument, context: PrintContext) -> bytes:
    return build(
        dossier_story(doc, context),
        DOC_TITLE,
        context,
        confidential_note="含强制报告（保密）"
        if doc.include_reports and doc.file.incidents
        else "",
    )


def dossier_story(doc: DossierDocument, context: PrintContext) -> list[Flowable]:
    """The dossier's sections in order; each heading stays with the start of its content,
    and a long table starts where the page has room instead of on a page of its own."""
    file, child, w = doc.file, doc.file.child, usable_width()
    number = Numbering()
    story: list[Flowable] = [
        para(f"{DOC_TITLE}（一人一档）", TITLE),
        para(
            f"档案编号：{child.file_no or '—'}　　截至 {file.as_of.isoformat()}　　"
            f"{'在册' if file.active else '已退出'}",
            SUBTITLE,
        ),
        gap(),
        section(number("基本情况"), pairs(_basics(doc, context), w)),
        section(number("儿童类别"), _categories(doc, w)),
        section(number("家庭成员"), dossier_people.family(doc, context, w)),
        section(number("委托照护"), *dossier_people.care(doc, context, w)),
        section(number("监护情况评估"), *_assessments(doc, w)),
        section(number("走访记录"), _visits(doc, w)),
        section(number("救助帮扶"), _assistance(doc, w)),
        section(number("附件"), _attachments(doc, w)),
        section(number("发现问题和解决方案"), *dossier_cases.problems(doc, w)),
        section(number("辍学劝返"), *dossier_cases.dropouts(doc, w)),
        *_quarterly(doc, w, number),
        section(number("分类服务计划"), *service_plans(doc, w)),
        *pairing_sections(doc, w, number),
        # The confidential sections last, printed only for some: the others keep their
        # numbers whoever prints.
        *dossier_reports.reports(doc, w, number),
        *dossier_reports.clues(doc, w, number),
        gap(6),
        KeepTogether(
            [
                markup(
                    "填表人（儿童主任）签名：________________　　复核人（儿童督导员）签名：________________",
                    BODY,
                ),
                markup("日期：______年____月____日", BODY),
            ]
        ),
    ]
    return story


def _basics(doc: DossierDocument, context: PrintContext) -> list[tuple[str, Any]]:
    file, child = doc.file, doc.file.child
    return [
        ("姓名", child.name),
        ("性别", child.sex),
        ("出生日期", child.birth_date),
        ("年龄", f"{file.age}周岁" if file.age is not None else None),
        ("证件类型", child.id_type),
        ("证件号码", context.id_text(child.id_number)),
        ("民族", child.ethnicity),
        ("是否登记户口", child.hukou_registered),
        ("户籍性质", child.hukou_type),
        ("户籍地址", child.hukou_address),
        ("现居住地址", child.current_address),
        ("联系电话", child.phone),
        ("健康状况", child.health),
        ("残疾类别/等级", _disability(child)),
        ("就学情况", child.school_stage),
        ("学校/年级", _school(child)),
        ("是否寄宿", child.boarding),
        ("家庭经济来源", _sources(child.economic_sources)),
        ("委托照料原因", child.entrust_reason),
        ("有无委托照护人", child.has_carer),
        ("上报日期", child.registered_on),
        ("备注", child.notes),
    ]


def _categories(doc: DossierDocument, w: float) -> Flowable:
    if not doc.file.categories:
        return para("无", BODY)
    return grid(
        [["类别", "认定日期", "退出日期", "退出原因", "按年龄截止"]]
        + [
            [c.category, c.recognized_on, c.ended_on, c.end_reason, _last_day(c.ends_by_age_on)]
            for c in doc.file.categories
        ],
        [50 * mm, 28 * mm, 28 * mm, 38 * mm, w - 144 * mm],
    )


def _assessments(doc: DossierDocument, w: float) -> list[Flowable]:
    latest = doc.file.latest_assessment
    if latest is None:
        return [para("尚未评估", BODY)]
    summary = (
        f"最近一次：{text(latest.assessed_on)}　监护情况：{text(latest.level)}"
        f"　风险等级：{text(latest.colour)}"
    )
    rows = [[a.assessed_on, a.level, a.colour, a.assessor, a.reason] for a in doc.file.assessments]
    return [
        para(summary, BODY),
        grid(
            [["评估日期", "监护情况", "风险等级", "评估人", "依据"], *rows],
            [24 * mm, 20 * mm, 18 * mm, 24 * mm, w - 86 * mm],
        ),
    ]


def _assistance(doc: DossierDocument, w: float) -> Flowable:
    if not doc.file.assistance:
        return para("无", BODY)
    return grid(
        [["项目", "开始", "结束", "金额（元）", "周期", "提供单位"]]
        + [
            [a.kind, a.start_date, a.end_date, a.amount_yuan, a.period, a.provider]
            for a in doc.file.assistance
        ],
        [52 * mm, 22 * mm, 22 * mm, 20 * mm, 16 * mm, w - 132 * mm],
    )


def _attachments(doc: DossierDocument, w: float) -> Flowable:
    if not doc.file.attachments:
        return para("无", BODY)
    return grid(
        [["文件名", "类型", "大小", "说明"]]
        + [[a.name, a.mime, f"{round(a.size / 1024)} KB", a.note] for a in doc.file.attachments],
        [70 * mm, 35 * mm, 20 * mm, w - 125 * mm],
    )


def _quarterly(doc: DossierDocument, w: float, number: Numbering) -> list[Flowable]:
    """九、季度核实: a child in difficulty's quarterly checks (none: for a 困境 child the
    section says so; other children have no such section)."""
    checks = doc.file.quarterly_checks
    in_difficulty = any(
        c.category.family is CategoryFamily.DIFFICULTY and c.ended_on is None
        for c in doc.file.categories
    )
    if not checks and not in_difficulty:
        return []
    if not checks:
        return [section(number("困境儿童季度核实"), para("尚无季度核实记录", BODY))]
    rows: list[list[Any]] = [
        ["季度", "核实日期", "家庭情况变化", "变化情况", "待遇", "待遇说明", "核实人"]
    ]
    rows += [
        [
            quarter_label(c.quarter),
            c.checked_on,
            c.changes,
            c.change_note,
            c.benefits_ok,
            c.benefits_note,
            c.checked_by,
        ]
        for c in checks
    ]
    free = (w - 118 * mm) / 2
    widths = [31 * mm, 20 * mm, 28 * mm, free, 22 * mm, free, 17 * mm]
    return [section(number("困境儿童季度核实"), grid(rows, widths))]


def _visits(doc: DossierDocument, w: float) -> Flowable:
    visits = sorted(doc.file.visits, key=lambda v: v.visited_on)  # oldest first, as in a log book
    if not visits:
        return para("暂无走访记录", BODY)
    rows: list[list[Any]] = [["序号", "日期", "方式", "走访人", "见到儿童", "发现问题", "处理措施"]]
    for n, v in enumerate(visits, start=1):
        rows.append(
            [
                n,
                v.visited_on,
                v.mode,
                v.visitor,
                v.met_child,
                v.findings or v.child_condition,
                v.actions or v.notes,
            ]
        )
    return grid(
        rows,
        [10 * mm, 22 * mm, 18 * mm, 17 * mm, 14 * mm, (w - 81 * mm) / 2, (w - 81 * mm) / 2],
        zebra=True,
    )


def _disability(child: Any) -> str | None:
    if child.disability_kind is None and child.disability_grade is None:
        return None
    kind = child.disability_kind.label if child.disability_kind else ""
    return f"{kind}{f' {child.disability_grade}级' if child.disability_grade else ''}"


def _school(child: Any) -> str | None:
    parts = [p for p in (child.school_name, child.school_grade) if p]
    return " ".join(parts) or None


def _sources(codes: tuple[str, ...]) -> str | None:
    labels = [m.label for m in (EconomicSource.parse(c) for c in codes) if m]
    return "、".join(labels) or None


def _last_day(first_day_after: Any) -> Any:
    return first_day_after - timedelta(days=1) if first_day_after else None
