"""The roster table: every child loaded once, filtered in memory as the user types."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt

from ...core.identity import mask_id
from ...core.records import ChildSummary
from ...core.search import SearchText, matching, normalise_query
from ...core.vocab import Category, RiskColour, SchoolStage
from ..i18n import tr
from .record_table_model import Column, RecordTableModel
from .village_column import VillageLabels, village_column


@dataclass(frozen=True)
class RosterQuery:
    text: str = ""
    status: str = "active"  # active (在册), exited (退出), all
    category: Category | None = None
    colour: RiskColour | None = None
    school_stage: SchoolStage | None = None
    overdue_only: bool = False
    village: str | None = None  # a township's store: one village's children

    def accepts(self, child: ChildSummary) -> bool:
        """The filters other than the text (:func:`matching` finds the text)."""
        if self.village and child.region_code != self.village:
            return False
        if self.status != "all" and child.active != (self.status == "active"):
            return False
        if self.category and self.category not in child.categories:
            return False
        if self.colour and child.colour is not self.colour:
            return False
        if self.school_stage and child.school_stage is not self.school_stage:
            return False
        return not (self.overdue_only and not child.overdue)


COLUMNS = [
    Column("姓名", lambda c: c.name),
    Column("性别", lambda c: c.sex),
    Column("出生日期", lambda c: c.birth_date),
    Column("年龄", lambda c: c.age),
    Column("证件号码", lambda c: mask_id(c.id_number) if c.id_number else ""),
    Column("类别", lambda c: c.categories),
    Column("风险", lambda c: c.colour),
    # beside the risk, not at the far right: in large text the last columns scroll out of sight
    Column("逾期", lambda c: tr("vocab", "逾期") if c.overdue else ""),
    Column("监护情况", lambda c: c.level),
    Column("就学", lambda c: c.school_stage),
    Column("最近走访", lambda c: c.last_visit_on),
    Column("状态", lambda c: tr("vocab", "在册") if c.active else tr("vocab", "退出")),
    Column("档案编号", lambda c: c.file_no),
]


VILLAGE_COLUMN = 1  # beside the name; hidden in a director's store


class RosterTableModel(RecordTableModel):
    def __init__(self, parent: Any = None) -> None:
        self.villages = VillageLabels()
        column = village_column(self.villages, lambda c: c.region_code)
        super().__init__([COLUMNS[0], column, *COLUMNS[1:]], parent)
        self._all: list[ChildSummary] = []
        self._texts: list[SearchText] = []
        self.query = RosterQuery()

    def set_children(self, children: list[ChildSummary]) -> None:
        self._all = list(children)
        self._texts = [
            SearchText.of(c.name, c.search_key, c.id_number, c.file_no) for c in self._all
        ]
        self.apply(self.query)

    def apply(self, query: RosterQuery) -> None:
        """Show the children ``query`` accepts (a few milliseconds for 20,000)."""
        self.query = query
        found = (self._all[i] for i in matching(normalise_query(query.text), self._texts))
        self.set_records([c for c in found if query.accepts(c)])

    @property
    def total(self) -> int:
        return len(self._all)

    def colour_of(self, record: ChildSummary) -> RiskColour | None:
        return record.colour if record.overdue else None

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        village = index.isValid() and index.column() == VILLAGE_COLUMN
        if role == Qt.ItemDataRole.ToolTipRole and village and index.row() < self.rowCount():
            return self.record(index.row()).region_code  # the code; the cell has the name
        return super().data(index, role)
