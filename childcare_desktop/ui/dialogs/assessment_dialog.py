"""监护情况评估: the assessment, which also sets the child's risk colour (四色).

The colour starts at the child's current one: an assessor who does not touch it keeps
it (a child at 黄 does not silently become 蓝 because 一般 suggests 蓝). The colour the
level suggests is shown beside the field, to take or leave.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import QComboBox, QWidget

from ...core.vocab import GuardianshipLevel, RiskColour
from ...services import assessments
from ..i18n import tr
from ..tasks import Tasks
from . import specs
from .record_dialog import RecordDialog


def assessment(
    tasks: Tasks,
    parent: QWidget | None,
    child_id: str,
    assessor: str = "",
    current: RiskColour | None = None,
) -> RecordDialog:
    def submit(values: dict[str, Any]) -> Any:
        return lambda s: assessments.assess_guardianship(s, child_id=child_id, **values)

    keep = (
        tr(
            "dialogs", "风险等级保持当前的“{colour}”，需要时请改选；选空白则按监护情况设定。"
        ).format(colour=tr("vocab", current.label))
        if current is not None
        else tr("dialogs", "风险等级留空时按监护情况设定。")
    )
    dialog = RecordDialog(
        tasks,
        tr("dialogs", "监护情况评估"),
        specs.ASSESSMENT,
        submit,
        parent,
        values={"assessed_on": date.today(), "assessor": assessor, "colour": current},
        intro=tr(
            "dialogs",
            "较好：较好履行监护职责；一般：基本履行，有潜在风险；差：无人监护或监护能力不足。",
        )
        + keep,
    )
    form = dialog.form

    def suggest(*_args: object) -> None:
        note = form.notes["colour"]
        level = GuardianshipLevel.parse(form.value("level") or "")
        if level is None or level not in assessments.DEFAULT_COLOUR:
            note.hide()
            return
        suggested = assessments.DEFAULT_COLOUR[level]
        note.setText(
            tr("dialogs", "按监护情况建议：{colour}").format(colour=tr("vocab", suggested.label))
        )
        note.show()

    level_box = form.editors["level"]
    assert isinstance(level_box, QComboBox)
    level_box.currentIndexChanged.connect(suggest)
    return dialog
