"""季度核实: the dialog that records a quarter's verification of a child in difficulty,
and the one that corrects it (the quarter stays)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from PySide6.QtWidgets import QWidget

from ...core.quarters import bounds, quarter_of, recent
from ...core.records import ChildRecord, QuarterlyCheckRecord
from ...core.vocab import BenefitsRight, FamilyChange
from ...services import quarterly_checks
from ..i18n import tr
from ..quarter_text import quarter_text
from ..tasks import Tasks
from ..widgets.form import CHOICE, DATE, MULTI, NOTE, RECORD, Field
from .record_dialog import RecordDialog
from .specs import DAY

CHOOSABLE = 4  # this quarter and the three before: a paper check entered late

CHECK = [
    Field("quarter", "季度", RECORD, required=True),
    Field("checked_on", "核实日期", DATE, required=True, hint=str(DAY)),
    Field("changes", "家庭情况变化", MULTI, FamilyChange, required=True),
    Field("change_note", "变化情况", NOTE),
    Field("benefits_ok", "待遇是否仍然合适", CHOICE, BenefitsRight, required=True),
    Field("benefits_note", "待遇说明", NOTE),
    Field("checked_by", "核实人", required=True),
]


def quarter_options(today: date) -> tuple[tuple[str, str], ...]:
    """The quarters a check may be recorded for, this one first."""
    return tuple((quarter_text(q), q) for q in recent(today, CHOOSABLE))


def record_check(
    tasks: Tasks,
    parent: QWidget | None,
    child: ChildRecord,
    checked_by: str = "",
    quarter: str | None = None,
) -> RecordDialog:
    """季度核实: ``quarter`` chosen (the worklist's overdue one), else this quarter."""
    today = date.today()
    fields = [replace(CHECK[0], options=quarter_options(today)), *CHECK[1:]]
    chosen = quarter or quarter_of(today)
    # a past quarter's check is dated in it: its last day, for the user to correct
    on = today if chosen == quarter_of(today) else bounds(chosen)[1]

    def submit(values: dict[str, Any]) -> Any:
        return lambda s: quarterly_checks.record_quarterly_check(s, child_id=child.id, **values)

    return RecordDialog(
        tasks,
        tr("dialogs", "季度核实"),
        fields,
        submit,
        parent,
        intro=tr("dialogs", "核实{name}的家庭情况，核实后向乡镇报告。").format(name=child.name),
        values={"quarter": chosen, "checked_on": on, "checked_by": checked_by},
    )


def edit_check(tasks: Tasks, parent: QWidget | None, check: QuarterlyCheckRecord) -> RecordDialog:
    """修改季度核实: every field but the quarter."""
    fields = [
        replace(CHECK[0], read_only=True, options=((quarter_text(check.quarter), check.quarter),)),
        *CHECK[1:],
    ]
    stored = {f.name: getattr(check, f.name) for f in CHECK}

    def submit(values: dict[str, Any]) -> Any:
        return lambda s: quarterly_checks.edit_quarterly_check(s, check_id=check.id, **values)

    return RecordDialog(
        tasks, tr("dialogs", "修改季度核实"), fields, submit, parent, values=stored, stored=stored
    )
