"""转出…: ask to move a child to another village of the county (issue 15)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from ...core.records import ChildFile
from ...services import transfers
from ..i18n import tr
from ..tasks import Tasks
from ..widgets.form_fields import NOTE, VILLAGE, Field
from ..widgets.village_field import VillageField
from .record_dialog import RecordDialog

FIELDS = [
    Field("to_region", "转入村", VILLAGE, required=True, hint="从列表中选择，或填12位村级区划代码"),
    Field("reason", "转移原因", NOTE, required=True),
]


def request_transfer(tasks: Tasks, parent: QWidget | None, file: ChildFile) -> RecordDialog:
    child = file.child

    def submit(values: dict[str, Any]) -> Any:
        return lambda s: transfers.request_transfer(
            s, child_id=child.id, to_region=values["to_region"], reason=values["reason"]
        )

    dialog = RecordDialog(
        tasks,
        tr("transfers", "转出…"),
        FIELDS,
        submit,
        parent,
        intro=tr(
            "transfers",
            "{name}一家搬到本县另一个村时申请转移：转入村所在乡镇的督导员接收后"
            "（跨乡镇由县级接收），下次同步时整份档案转入新村，本村保留转移记录。",
        ).format(name=child.name),
        confirm=lambda r: tr("transfers", "已申请转移（{name} → {to}）").format(
            name=r.child_name, to=r.to_label
        ),
    )
    field = dialog.form.editors["to_region"]
    assert isinstance(field, VillageField)

    def offer(found: list[tuple[str, str]]) -> None:
        field.clear()
        for code, label in found:
            field.addItem(label if label == code else f"{label}（{code}）", code)
        field.setCurrentIndex(-1)

    tasks.run(lambda s: transfers.destinations(s, child_id=child.id), offer)
    return dialog
