"""The import wizard's village, in a township's store (a supervisor's): the village of
the ledger's rows that name none. A director's store files every row under its own
village, and the row stays hidden."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from ...services.villages import held_villages
from ..i18n import tr
from ..tasks import Tasks
from ..widgets.labels import plain
from ..widgets.village_field import VillageField


class VillageRow(QWidget):
    def __init__(self, tasks: Tasks, township: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("village_row")
        self.township = township
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(plain(QLabel(tr("import", "没有村级区划代码的行记入"))))
        self.field = VillageField(tr("import", "从列表中选择，或输入村名、12位代码"))
        self.field.setObjectName("default_village")
        self.field.setMinimumWidth(260)
        row.addWidget(self.field, 1)
        self.setVisible(township is not None)
        if township is not None:
            tasks.run(
                held_villages,
                self.field.set_villages,
            )

    def village(self) -> str | None:
        """The village chosen (None: none chosen, or a director's store)."""
        code = self.field.code()
        return code if code and self.township is not None else None

    def missing(self, named_in_rows: bool) -> str:
        """Why the import cannot go on yet: a township's rows need a village; or ""."""
        if self.township is None or named_in_rows or self.village():
            return ""
        return tr(
            "import",
            "本乡镇档案库：请选择这些儿童所在的村，或把表中的村级区划代码列对照为“村级区划代码”。",
        )
