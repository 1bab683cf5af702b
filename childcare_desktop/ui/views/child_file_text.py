"""What the child's file says about itself: the header, the line under it, and each part's
count of records and what is due in it (the marks of the file's list)."""

from __future__ import annotations

from collections import defaultdict

from ...core.records import ChildFile
from ...core.vocab import RiskColour
from ...core.work_items import WorkItem, WorkKind
from ..i18n import tr
from ..models.record_table_model import COLOUR_BRUSHES
from ..models.worklist_table_model import report_stage_text, state_text, work_label
from . import child_tabs as tabs
from .workbench_view import TAB_FOR

# The part of the file where an item's work is done; a clue is handled on 线索登记, but it is
# the 线索 part of the file that holds it.
DUE_PART = {**TAB_FOR, WorkKind.CLUE: "clues"}


def header_text(file: ChildFile) -> str:
    child = file.child
    age = tr("file", "{age}周岁").format(age=file.age) if file.age is not None else ""
    return f"{child.name}　{tr('vocab', child.sex.label)}　{age}"


def details_text(file: ChildFile) -> str:
    """在册 or 退出, the colour, the categories held, the file number; what is due."""
    latest = file.latest_assessment
    colour = tr("vocab", latest.colour.label) if latest else tr("vocab", "未评估")
    status = tr("vocab", "在册") if file.active else tr("vocab", "退出")
    held = [c.category for c in file.categories if c.ended_on is None]
    work = "；".join(work_text(w) for w in file.work)
    return tr("file", "{status}　风险等级：{colour}　类别：{held}　档案编号：{no}").format(
        status=status,
        colour=colour,
        held=tabs.categories_text(held),
        no=file.child.file_no or "",
    ) + ("\n" + tr("file", "应办：") + work if work else "")


def derived_text(file: ChildFile) -> str:
    """The birth date and age, and when each category ends by age."""
    child = file.child
    parts = []
    if child.birth_date:
        parts.append(
            tr("file", "出生日期 {day}，{age}周岁").format(
                day=child.birth_date.isoformat(), age=file.age
            )
        )
    for c in file.categories:
        if c.ended_on is None and c.ends_by_age_on:
            parts.append(
                tr("file", "{category}至 {day}（按年龄）").format(
                    category=tr("vocab", c.category.label), day=tabs.last_day(c.ends_by_age_on)
                )
            )
    return "；".join(parts)


def work_text(item: WorkItem) -> str:
    if item.kind is WorkKind.REPORT_STAGE:
        return report_stage_text(item)
    return f"{work_label(item.kind)}（{state_text(item)}）"


def colour_style(colour: RiskColour | None) -> str:
    if colour is None:
        return ""
    return f"background: {COLOUR_BRUSHES[colour].name()}; padding: 4px;"


def part_counts(file: ChildFile) -> dict[str, int | None]:
    """How many records each part holds; 基本信息 and 历史记录 are not counted."""
    return {
        "basic": None,
        "family": len(file.family),
        "care": len(file.carers) + len(file.agreements),
        "visits": len(file.visits),
        "assessments": len(file.assessments),
        "quarterly": len(file.quarterly_checks),
        "problems": len(file.problems),
        "plans": len(file.service_plans),
        "assistance": len(file.assistance),
        "dropouts": len(file.dropouts),
        "pairing": len(file.pairings) + len(file.school_notices),
        "incidents": len(file.incidents),
        "clues": len(file.clues),
        "attachments": len(file.attachments),
        "history": None,
    }


def part_due(file: ChildFile) -> dict[str, str]:
    """Each part with work due in it, and that work in words."""
    due: dict[str, list[str]] = defaultdict(list)
    for item in file.work:
        due[DUE_PART[item.kind]].append(work_text(item))
    return {part: "；".join(texts) for part, texts in due.items()}
