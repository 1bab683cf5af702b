"""On a director's 工作台: the township's answers (审核结果). A return comes first, with the
supervisor's comment large, and a button to the child's file; approvals in one line.

A returned record the director has corrected since reads "已修改，等待复审" until the
supervisor answers again. The panel is hidden while there is nothing to say, and on a
supervisor's store (the 审核 page is theirs).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ...core.vocab import ReviewDecision
from ...services import reviews
from ..i18n import tr
from ..tasks import Tasks
from ..widgets.labels import plain
from .review_view import TAB_FOR

RETURNS_SHOWN = 4  # more would push the worklist off the screen
APPROVALS_SHOWN = 3
RECENT_DAYS = 14  # an approval is news for two weeks


def _load(session: Any) -> list[reviews.ReviewAnswer]:
    if reviews.may_review(session):
        return []
    return reviews.answers(session)


class ReviewAnswersPanel(QFrame):
    open_child = Signal(str, str)  # child id, tab
    loaded = Signal()

    def __init__(self, tasks: Tasks, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.setObjectName("review_answers")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(8, 6, 8, 6)
        self.returns: list[reviews.ReviewAnswer] = []
        self.approvals: list[reviews.ReviewAnswer] = []
        self.hide()

    def refresh(self) -> None:
        self.tasks.run(_load, self.show_answers)

    def show_answers(self, answers: list[reviews.ReviewAnswer]) -> None:
        returned = [a for a in answers if a.decision is ReviewDecision.RETURNED]
        since = date.today() - timedelta(days=RECENT_DAYS)
        self.returns = returned
        self.approvals = [
            a
            for a in answers
            if a.decision is ReviewDecision.APPROVED and a.current and a.decided_at.date() >= since
        ]
        self._clear()
        if self.returns:
            self._add_returns()
        if self.approvals:
            self._add_approvals()
        self.setVisible(bool(self.returns or self.approvals))
        self.loaded.emit()

    def _clear(self) -> None:
        while self.layout_.count():
            item = self.layout_.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.setParent(None)  # out of the panel now, not at the next event loop
                widget.deleteLater()

    def _add_returns(self) -> None:
        waiting = [a for a in self.returns if a.current]
        text = (
            tr("review", "审核退回 {n} 项：请按督导员的意见改正").format(n=len(waiting))
            if waiting
            else tr("review", "退回的事项已修改，等待督导员复审")
        )
        head = plain(QLabel(text))
        head.setObjectName("returns_head")
        head.setStyleSheet("font-weight: bold; color: #8b1a1a;")
        self.layout_.addWidget(head)
        grid_holder = QWidget()
        grid = QGridLayout(grid_holder)
        grid.setContentsMargins(0, 0, 0, 0)
        for row, answer in enumerate(self.returns[:RETURNS_SHOWN]):
            self._add_return(grid, row, answer)
        grid.setColumnStretch(1, 1)
        self.layout_.addWidget(grid_holder)
        if len(self.returns) > RETURNS_SHOWN:
            more = len(self.returns) - RETURNS_SHOWN
            self.layout_.addWidget(plain(QLabel(tr("review", "另有 {n} 项未列出").format(n=more))))

    def _add_return(self, grid: QGridLayout, row: int, answer: reviews.ReviewAnswer) -> None:
        what = tr("review", "{kind}　{name}（{who} {day}）").format(
            kind=tr("vocab", answer.kind.label),
            name=answer.child_name,
            who=answer.decided_by or "",
            day=answer.decided_at.strftime("%m-%d"),
        )
        grid.addWidget(plain(QLabel(what)), row, 0)
        if answer.current:
            comment = plain(QLabel(answer.comment or ""))
            comment.setObjectName("return_comment")
            font = QFont(self.font())  # larger than the text around it, large text too
            font.setPointSizeF(font.pointSizeF() * 1.15)
            font.setBold(True)
            comment.setFont(font)
            comment.setStyleSheet("color: #8b1a1a;")
        else:
            comment = plain(QLabel(tr("review", "已修改，等待复审")))
            comment.setStyleSheet("color: palette(mid);")
        comment.setWordWrap(True)
        grid.addWidget(comment, row, 1)
        button = QPushButton(tr("review", "打开档案"))
        button.clicked.connect(
            lambda _=False, a=answer: self.open_child.emit(a.child_id, TAB_FOR.get(a.kind, "basic"))
        )
        grid.addWidget(button, row, 2)

    def _add_approvals(self) -> None:
        shown = "；".join(
            f"{tr('vocab', a.kind.label)} {a.child_name}" for a in self.approvals[:APPROVALS_SHOWN]
        )
        if len(self.approvals) > APPROVALS_SHOWN:
            shown += tr("review", " 等")
        line = plain(
            QLabel(
                tr("review", "审核通过 {n} 项：{items}").format(n=len(self.approvals), items=shown)
            )
        )
        line.setObjectName("approvals")
        line.setStyleSheet("color: #2e6b30;")
        line.setWordWrap(True)
        self.layout_.addWidget(line)
