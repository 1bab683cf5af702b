"""The dossier's sections on what the director follows to its end (issue 18): the problems
found and how each was solved (发现问题和解决方案, seed 001), and each dropout with every
attempt to bring the child back (辍学劝返)."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from ..core.printing import DossierDocument
from ..core.records import ProblemRecord
from ..core.vocab import ProblemState
from .base import BODY, gap, grid, markup, para, text


def problems(doc: DossierDocument, w: float) -> list[Flowable]:
    """Each problem: what, found when and where, who acts by when, its steps, its outcome."""
    if not doc.file.problems:
        return [para("无", BODY)]
    out: list[Flowable] = []
    for n, problem in enumerate(sorted(doc.file.problems, key=lambda p: p.found_on), start=1):
        out.append(
            markup(
                f"<b>{n}．［{text(problem.kind)}］{text(problem.description)}</b>"
                f"<br/>发现日期：{text(problem.found_on)}{_source(doc, problem)}"
                f"　责任人（单位）：{text(problem.handled_by, '—')}"
                f"　完成时限：{text(problem.target_on)}",
                BODY,
            )
        )
        if problem.steps:
            out.append(
                grid(
                    [["日期", "所做工作", "结果"]]
                    + [[s.on_date, s.action, s.result] for s in problem.steps],
                    [24 * mm, (w - 24 * mm) * 0.6, (w - 24 * mm) * 0.4],
                )
            )
            out.append(gap(1))
        out.append(para(_outcome(doc, problem), BODY))
        out.append(gap(2))
    return out


def dropouts(doc: DossierDocument, w: float) -> list[Flowable]:
    """Each dropout with its school, reason and state, and every 劝返 in date order."""
    if not doc.file.dropouts:
        return [para("无", BODY)]
    out: list[Flowable] = []
    for dropout in sorted(doc.file.dropouts, key=lambda d: d.left_on):
        school = " ".join(p for p in (dropout.school, dropout.grade) if p) or "—"
        reported = f"　书面报告日期：{text(dropout.reported_on)}" if dropout.reported_on else ""
        out.append(
            markup(
                f"<b>辍学日期：{text(dropout.left_on)}　学校/年级：{text(school)}"
                f"　原因：{text(dropout.reason)}　状态：{text(dropout.state)}</b>{reported}",
                BODY,
            )
        )
        if dropout.attempts:
            out.append(
                grid(
                    [["劝返日期", "劝返人", "方式", "结果", "情况"]]
                    + [
                        [a.on_date, a.done_by, a.method, a.outcome, a.note]
                        for a in dropout.attempts
                    ],
                    [22 * mm, 20 * mm, 34 * mm, 18 * mm, w - 94 * mm],
                )
            )
        else:
            out.append(para("尚无劝返记录", BODY))
        out.append(gap(2))
    return out


def _source(doc: DossierDocument, problem: ProblemRecord) -> str:
    if problem.visit_id:
        visit = next((v for v in doc.file.visits if v.id == problem.visit_id), None)
        return f"（走访 {text(visit.visited_on)}）" if visit else "（走访）"
    if problem.assessment_id:
        found = next((a for a in doc.file.assessments if a.id == problem.assessment_id), None)
        return f"（评估 {text(found.assessed_on)}）" if found else "（评估）"
    return ""


def _outcome(doc: DossierDocument, problem: ProblemRecord) -> str:
    if problem.state is ProblemState.CLOSED:
        return f"结案：{text(problem.closed_on)}　解决情况：{problem.solution or ''}"
    late = problem.overdue_on(doc.file.as_of)
    return "尚未解决（已逾期）" if late else "尚未解决（跟进中）"
