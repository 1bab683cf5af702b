"""强制报告 in the child's file: the reports above; below, each stage of the chosen report
(通报乡镇, 应急处置, 评估帮扶, 监护干预, 受理反馈) with its deadline under the county policy,
the day it was done and whether the deadline was met, late ones in red."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSplitter, QWidget

from ...core.records import IncidentRecord
from ...core.report_deadlines import StageState, StageStatus
from ..i18n import tr
from ..models.record_table_model import Column, RecordTableModel
from ..models.worklist_table_model import OVERDUE_COLOUR
from .child_tabs import Action, RecordsTab

STAGE_COLUMNS = [
    Column("阶段", lambda s: s.stage),
    Column("时限", lambda s: s.due_on),
    Column("完成日期", lambda s: s.done_on),
    Column("是否按时", lambda s: stage_state_text(s)),
]
LATE = (StageState.LATE, StageState.DONE_LATE)


def stage_state_text(status: StageStatus) -> str:
    """按时完成 / 逾期3天完成 / 逾期3天 / 待办 / 已结案，无需办理."""
    if status.state is StageState.MET:
        return tr("file", "按时完成")
    if status.state is StageState.DONE_LATE:
        return tr("file", "逾期{days}天完成").format(days=status.late_days)
    if status.state is StageState.LATE:
        return tr("file", "逾期{days}天").format(days=status.late_days)
    if status.state is StageState.DUE:
        return tr("file", "待办")
    return tr("file", "已结案，无需办理")


class StageTableModel(RecordTableModel):
    """The stages; a late one (done late or still open) reads in dark red."""

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (
            role == Qt.ItemDataRole.ForegroundRole
            and index.isValid()
            and 0 <= index.row() < self.rowCount()
            and self.record(index.row()).state in LATE
        ):
            return OVERDUE_COLOUR
        return super().data(index, role)


class ReportBox(QSplitter):
    """The reports and, below, the stages of the one selected."""

    def __init__(
        self,
        columns: Sequence[Column],
        actions: Sequence[Action],
        title: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(Qt.Orientation.Vertical, parent)
        self.reports = RecordsTab("incidents", columns, actions, title=title)
        self.stages = RecordsTab(
            "report_stages",
            STAGE_COLUMNS,
            [],
            title=tr("file", "各阶段时限（按县级政策）"),
            model_type=StageTableModel,
        )
        self.addWidget(self.reports)
        self.addWidget(self.stages)
        self.reports.table.selectionModel().selectionChanged.connect(self._chosen)
        self._records: tuple[IncidentRecord, ...] = ()

    # RecordsTab's interface, for the file view
    @property
    def table(self) -> Any:
        return self.reports.table

    @property
    def model(self) -> RecordTableModel:
        return self.reports.model

    @property
    def buttons(self) -> Any:
        return self.reports.buttons

    def selected(self) -> Any:
        return self.reports.selected()

    def set_records(self, records: Sequence[IncidentRecord], chosen: str = "") -> None:
        """Show the reports; select the one whose id is ``chosen`` (else the newest)."""
        self._records = tuple(records)
        self.reports.set_records(records)
        ids = [r.id for r in self.reports.model.records]
        row = ids.index(chosen) if chosen in ids else 0
        if ids:
            self.reports.table.selectRow(row)
        self._chosen()

    def _chosen(self, *_args: object) -> None:
        report = self.reports.selected()
        self.stages.set_records(report.stages if report is not None else ())


__all__ = ["ReportBox", "StageTableModel", "stage_state_text"]
