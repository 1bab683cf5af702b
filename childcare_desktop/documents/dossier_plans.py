"""The dossier's 分类服务计划 section (四级分类服务): the current plan in full (what is
done, by whom, how often), whether it is due for review, and the earlier plans."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from ..core.printing import DossierDocument
from ..core.records import ServicePlanRecord
from ..core.worklist import WorkKind
from .base import BODY, CELL, grid, markup, pairs, para, text

_DUE = {WorkKind.SERVICE_PLAN_MISSING: "待制定", WorkKind.SERVICE_PLAN_REVIEW: "待复核"}


def service_plans(doc: DossierDocument, w: float) -> list[Flowable]:
    """The current plan, then the history (newest first), or a line saying there is none."""
    plans = doc.file.service_plans
    due = next(
        (f"{_DUE[i.kind]}（{i.due_on.isoformat()}起）" for i in doc.file.work if i.kind in _DUE), ""
    )
    if not plans:
        return [para(f"尚未制定服务计划{'，' + due if due else ''}", BODY)]
    current = plans[0]
    out: list[Flowable] = [
        pairs(
            [
                ("风险等级", f"{text(current.colour)}色"),
                ("制定日期", current.written_on),
                ("责任人", current.responsible),
                ("服务频次", current.frequency),
                ("复核日期", current.review_due),
                ("计划状态", due or "在用"),
            ],
            w,
        ),
        markup("服务措施：<br/>" + _numbered(current), BODY),
    ]
    if len(plans) > 1:
        out.append(para("历次服务计划", BODY))
        rows = [
            [
                p.written_on,
                f"{text(p.colour)}色",
                markup(_numbered(p), CELL),
                p.responsible,
                p.frequency,
            ]
            for p in plans[1:]
        ]
        out.append(
            grid(
                [["制定日期", "风险等级", "服务措施", "责任人", "服务频次"], *rows],
                [22 * mm, 18 * mm, w - 112 * mm, 38 * mm, 34 * mm],
            )
        )
    return out


def _numbered(plan: ServicePlanRecord) -> str:
    """The measures one a line, numbered, as safe markup."""
    lines = plan.measures.splitlines()
    return "<br/>".join(f"{n}. {text(line)}" for n, line in enumerate(lines, start=1))
