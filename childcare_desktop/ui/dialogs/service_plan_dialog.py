"""制定／修订服务计划 (四级分类服务): the dialog that writes a child's service plan,
filled from the county's default plan of the child's colour.

A revision for the same colour starts from the current plan (the director's own words);
choosing another colour fills in that colour's county default, unless the director has
already typed over the measures, the responsible or the frequency.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtWidgets import QComboBox, QWidget

from ...core.records import ServicePlanRecord
from ...core.service_plans import PlanDefault
from ...core.vocab import RiskColour
from ...services import service_plans
from ..i18n import tr
from ..tasks import Tasks
from ..widgets.form import CHOICE, DATE, NOTE, Field
from .record_dialog import RecordDialog
from .specs import DAY

PLAN = [
    Field("colour", "风险等级", CHOICE, RiskColour, required=True),
    Field("measures", "服务措施（每行一项）", NOTE, required=True),
    Field("responsible", "责任人", required=True),
    Field("frequency", "服务频次", required=True, hint="如：每周联系一次，每月入户走访一次"),
    Field("written_on", "制定日期", DATE, required=True, hint=str(DAY)),
    Field("review_due", "复核日期", DATE, hint=str(DAY)),
]
_FROM_DEFAULT = ("measures", "responsible", "frequency")
MEASURES_HEIGHT = 132  # four or five measures in sight


def write_plan(
    tasks: Tasks,
    parent: QWidget | None,
    child_id: str,
    template: Mapping[str, Any],
    defaults: Mapping[RiskColour, PlanDefault],
    current: ServicePlanRecord | None = None,
) -> RecordDialog:
    """制定服务计划 (or 修订 when the child has one), filled from ``template``."""

    def submit(values: dict[str, Any]) -> Any:
        return lambda s: service_plans.write_plan(s, child_id=child_id, **values)

    values = dict(template)
    own = current is not None and current.colour is template["colour"]
    if own:
        assert current is not None
        values.update({k: getattr(current, k) for k in _FROM_DEFAULT})
    colour = tr("vocab", template["colour"].label)
    intro = (
        tr("dialogs", "按当前服务计划预填（{colour}色），请按评估结果修订。")
        if own
        else tr("dialogs", "按县级默认服务计划（{colour}色）预填，可按儿童情况修改。")
    )
    dialog = RecordDialog(
        tasks,
        tr("dialogs", "修订服务计划") if current else tr("dialogs", "制定服务计划"),
        PLAN,
        submit,
        parent,
        intro=intro.format(colour=colour),
        values=values,
    )
    dialog.form.editors["measures"].setFixedHeight(MEASURES_HEIGHT)
    combo = dialog.form.editors["colour"]
    assert isinstance(combo, QComboBox)
    combo.currentIndexChanged.connect(lambda _i: _refill(dialog, combo, defaults))
    return dialog


def _refill(
    dialog: RecordDialog, combo: QComboBox, defaults: Mapping[RiskColour, PlanDefault]
) -> None:
    """Another colour chosen: its county default, over what the director has not typed."""
    colour = RiskColour.parse(combo.currentData())
    default = defaults.get(colour) if colour else None
    if default is None:
        return
    offered = {
        "measures": default.measures_text,
        "responsible": default.responsible,
        "frequency": default.frequency,
    }
    touched = set(dialog.form.touched)
    dialog.form.set_values({k: v for k, v in offered.items() if k not in touched})
    dialog.form.touched |= touched  # set_values forgets them: what was typed stays typed
