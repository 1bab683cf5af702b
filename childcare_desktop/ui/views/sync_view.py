"""同步: this laptop and the county server (or the form to enroll it), the last good sync,
the changes waiting, the clock, 自动同步 and 立即同步 with its progress; beside it the
conflicts inbox (keep one value or type a merged one) and 暂存待审: the changes the server
set aside and the pulled ones this laptop set aside (``sync_held``), each with whose and why.

Enrolling and syncing talk to the network on the network thread; reading the status,
the conflicts and what was set aside, and resolving a conflict, are short jobs on the
database thread. Nothing here waits on the network in the GUI thread. Every label that
shows data is plain text: a name such as <b>x</b> shows as typed.
"""

from __future__ import annotations

import socket
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...core.errors import DomainError, Kind, StateError
from ...core.roles import Permission, may
from ...services import syncing
from ..i18n import error_text, role_text, tr
from ..syncer import Syncer, clock_text, sync_error_text, when_text
from ..tasks import Tasks
from .bundle_box import BundleBox
from .sync_health_view import SyncHealthView
from .sync_held import FlaggedList, HeldLists
from .sync_text import label, label_of, typed_value, value_text

PHASES = {
    "hello": QT_TRANSLATE_NOOP("sync", "正在连接县服务器…"),
    "push": QT_TRANSLATE_NOOP("sync", "正在上传修改…"),
    "pull": QT_TRANSLATE_NOOP("sync", "正在下载更新…"),
    "blobs": QT_TRANSLATE_NOOP("sync", "正在上传附件…"),
}


class ConflictCard(QGroupBox):
    """One conflicting field: the earlier value, each side's value with who and when."""

    def __init__(self, conflict: syncing.ConflictView, view: SyncView) -> None:
        name = conflict.child_name or tr("sync", "（未知儿童）")
        super().__init__(f"{name} · {label_of(conflict.table, conflict.field)}")
        self.conflict = conflict
        self.setObjectName(f"conflict_{conflict.id}")
        column = QVBoxLayout(self)
        if conflict.policy == "keep_first":
            policy = tr("sync", "身份信息需审核：先到的值暂时保留，请核实证件后确认")
            colour = "#b3261e"
        else:
            policy = tr("sync", "两台电脑同时修改：后到的值暂时显示，请确认")
            colour = "#8a5300"
        note = label(policy, "policy", wrap=True)
        note.setStyleSheet(f"color: {colour};")
        column.addWidget(note)
        if conflict.base_known:
            column.addWidget(
                label(
                    tr("sync", "原来的值：{value}").format(
                        value=value_text(conflict.table, conflict.field, conflict.base_value)
                    ),
                    "base",
                )
            )
        grid = QGridLayout()
        grid.setHorizontalSpacing(14)
        heads = (
            tr("sync", "值"),
            tr("sync", "修改人"),
            tr("sync", "本机时间"),
            tr("sync", "服务器收到"),
        )
        for col, head in enumerate(heads):
            cell = label(head)
            cell.setStyleSheet("color: #555;")
            grid.addWidget(cell, 0, col)
        self.keep_buttons: list[QPushButton] = []
        for row, candidate in enumerate(conflict.candidates, start=1):
            value = value_text(conflict.table, conflict.field, candidate.value)
            if candidate.kept:
                value += tr("sync", "（当前显示）")
            shown = label(value, f"value_{row}")
            if candidate.kept:
                shown.setStyleSheet("font-weight: bold;")
            grid.addWidget(shown, row, 0)
            grid.addWidget(label(candidate.user or ""), row, 1)
            grid.addWidget(label(when_text(candidate.device_time, dated=True)), row, 2)
            grid.addWidget(label(when_text(candidate.received, dated=True)), row, 3)
            keep = QPushButton(tr("sync", "保留此值"))
            keep.setObjectName(f"keep_{row}")
            keep.clicked.connect(lambda _c=False, v=candidate.value: view.resolve(conflict.id, v))
            keep.setEnabled(not conflict.resolution_pending)
            self.keep_buttons.append(keep)
            grid.addWidget(keep, row, 4)
        grid.setColumnStretch(0, 1)
        column.addLayout(grid)
        merge = QHBoxLayout()
        self.merged = QLineEdit()
        self.merged.setObjectName("merged")
        self.merged.setPlaceholderText(tr("sync", "合并为…（输入核实后的值）"))
        self.merge_button = QPushButton(tr("sync", "保存合并值"))
        self.merge_button.setObjectName("merge")
        self.merge_button.clicked.connect(self._merge)
        self.merged.returnPressed.connect(self._merge)
        self.merged.textEdited.connect(lambda _t: self.message.clear())  # being fixed
        merge.addWidget(self.merged, 1)
        merge.addWidget(self.merge_button)
        column.addLayout(merge)
        self.message = label("", "message", wrap=True)
        self.message.setStyleSheet("color: #b3261e;")
        column.addWidget(self.message)
        if conflict.resolution_pending:
            self.merged.setEnabled(False)
            self.merge_button.setEnabled(False)
            waiting = label(tr("sync", "已处理，下次同步时发送到县服务器"), "pending")
            waiting.setStyleSheet("color: #1b6e20;")
            column.addWidget(waiting)
        self._view = view

    def _merge(self) -> None:
        value, understood = typed_value(
            self.conflict.table, self.conflict.field, self.merged.text()
        )
        if not understood:
            self.message.setText(
                tr("sync", "请输入合并后的值")
                if not self.merged.text().strip()
                else tr("sync", "无法识别“{text}”，请输入列表中的选项").format(
                    text=self.merged.text().strip()
                )
            )
            return
        self._view.resolve(self.conflict.id, value)


class SyncView(QWidget):
    enrolled = Signal(object)  # who: user, role, region, device
    enroll_failed = Signal(str)
    loaded = Signal()  # status, conflicts and what was set aside shown
    resolved = Signal(str)  # conflict id
    badges_changed = Signal(int, int)  # open conflicts, quarantined

    def __init__(self, tasks: Tasks, syncer: Syncer, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.syncer = syncer
        self.stale = True
        self.status: syncing.SyncStatus | None = None
        self.conflicts: list[syncing.ConflictView] = []
        self.quarantine: list[syncing.SetAside] = []  # this laptop's, by the server
        self.set_aside: list[syncing.SetAside] = []  # pulled ones, by this laptop
        self.flagged: list[syncing.Flagged] = []  # pulled dates the county got early
        self.cards: list[ConflictCard] = []
        self._enrolling = False
        row = QHBoxLayout(self)
        side = QVBoxLayout()
        side.addWidget(self._server_box())
        side.addWidget(self._sync_box())
        self.bundles = BundleBox(tasks)
        side.addWidget(self.bundles)
        self.bundles.done.connect(lambda _text: self.refresh())
        side.addStretch(1)
        holder = QWidget()
        holder.setLayout(side)
        holder.setFixedWidth(430)
        row.addWidget(holder)
        row.addWidget(self._inbox(), 1)
        syncer.status_changed.connect(self._show_status)
        syncer.started.connect(self._started)
        syncer.progress.connect(self._progress)
        syncer.finished.connect(self._finished)
        if syncer.running:  # the page is made on first showing: a sync may be under way
            self._started(syncer.running_auto)

    # -- layout ----------------------------------------------------------------------------

    def _server_box(self) -> QGroupBox:
        box = QGroupBox(tr("sync", "县服务器"))
        column = QVBoxLayout(box)
        self.server_pages = QStackedWidget()
        info = QWidget()
        form = QFormLayout(info)
        form.setContentsMargins(0, 0, 0, 0)
        self.server = label("", "server", wrap=True)
        self.user = label("", "user", wrap=True)
        self.last_ok = label("", "last_ok")
        self.pending = label("", "pending")
        form.addRow(label(tr("sync", "服务器地址")), self.server)
        form.addRow(label(tr("sync", "登记用户")), self.user)
        form.addRow(label(tr("sync", "上次成功同步")), self.last_ok)
        form.addRow(label(tr("sync", "待上传修改")), self.pending)
        self.server_pages.addWidget(info)
        self.server_pages.addWidget(self._enroll_form())
        column.addWidget(self.server_pages)
        return box

    def _enroll_form(self) -> QWidget:
        page = QWidget()
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        hint = label(
            tr(
                "sync",
                "本机尚未在县服务器登记。请填写县民政部门提供的服务器地址、用户名和一次性登记码。",
            ),
            wrap=True,
        )
        column.addWidget(hint)
        form = QFormLayout()
        self.enroll_url = QLineEdit()
        self.enroll_url.setObjectName("enroll_url")
        self.enroll_url.setPlaceholderText("https://…")
        self.enroll_user = QLineEdit()
        self.enroll_user.setObjectName("enroll_user")
        self.enroll_code = QLineEdit()
        self.enroll_code.setObjectName("enroll_code")
        self.enroll_label = QLineEdit(_hostname())
        self.enroll_label.setObjectName("enroll_label")
        form.addRow(label(tr("sync", "服务器地址")), self.enroll_url)
        form.addRow(label(tr("sync", "用户名")), self.enroll_user)
        form.addRow(label(tr("sync", "一次性登记码")), self.enroll_code)
        form.addRow(label(tr("sync", "本机名称")), self.enroll_label)
        self.enroll_allow_http = QCheckBox(tr("sync", "允许不加密的连接（仅供测试）"))
        self.enroll_allow_http.setObjectName("enroll_allow_http")
        form.addRow("", self.enroll_allow_http)
        column.addLayout(form)
        self.enroll_button = QPushButton(tr("sync", "登记本机"))
        self.enroll_button.setObjectName("enroll_button")
        self.enroll_button.clicked.connect(self.enroll)
        for line in (self.enroll_url, self.enroll_user, self.enroll_code, self.enroll_label):
            line.textEdited.connect(self._enroll_edited)
        self.enroll_code.returnPressed.connect(self.enroll)
        column.addWidget(self.enroll_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.enroll_message = label("", "enroll_message", wrap=True)
        self.enroll_message.setStyleSheet("color: #b3261e;")
        column.addWidget(self.enroll_message)
        return page

    def _sync_box(self) -> QGroupBox:
        box = QGroupBox(tr("sync", "同步"))
        self.sync_box = box
        column = QVBoxLayout(box)
        self.auto = QCheckBox(tr("sync", "自动同步（联网时在后台同步，不影响录入）"))
        self.auto.setObjectName("auto")
        self.auto.toggled.connect(self._auto_toggled)
        column.addWidget(self.auto)
        row = QHBoxLayout()
        self.sync_button = QPushButton(tr("sync", "立即同步"))
        self.sync_button.setObjectName("sync_button")
        self.sync_button.clicked.connect(self.sync_now)
        row.addWidget(self.sync_button)
        row.addStretch(1)
        column.addLayout(row)
        self.progress = QProgressBar()
        self.progress.setObjectName("sync_progress")
        self.progress.setVisible(False)
        column.addWidget(self.progress)
        self.phase = label("", "phase")
        column.addWidget(self.phase)
        self.result = label("", "result", wrap=True)
        column.addWidget(self.result)
        self.clock = label("", "clock", wrap=True)
        self.clock.setStyleSheet("color: #b3261e; font-weight: bold;")
        self.clock.setVisible(False)
        column.addWidget(self.clock)
        return box

    def _inbox(self) -> QTabWidget:
        self.tabs = QTabWidget()
        conflicts = QWidget()
        column = QVBoxLayout(conflicts)
        self.conflicts_hint = label("", "conflicts_hint", wrap=True)
        column.addWidget(self.conflicts_hint)
        self.cards_layout = QVBoxLayout()
        self.cards_layout.setAlignment(Qt.AlignmentFlag.AlignTop)
        canvas = QWidget()
        canvas.setLayout(self.cards_layout)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(canvas)
        column.addWidget(scroll, 1)
        self.tabs.addTab(conflicts, "")
        self.held = HeldLists()
        self.tabs.addTab(self.held, "")
        self.flagged_list = FlaggedList()
        self.tabs.addTab(self.flagged_list, "")
        self.health = SyncHealthView(self.tasks)  # supervisors and the county only
        self.tabs.addTab(self.health, tr("sync", "同步情况"))
        self.tabs.setTabVisible(3, False)
        self._tab_titles(0, 0)
        return self.tabs

    def _tab_titles(self, conflicts: int, held: int, flagged: int = 0) -> None:
        titles = (tr("sync", "冲突待处理"), tr("sync", "暂存待审"), tr("sync", "日期存疑"))
        for i, (title, n) in enumerate(zip(titles, (conflicts, held, flagged), strict=True)):
            self.tabs.setTabText(i, f"{title}（{n}）" if n else title)

    # -- loading ---------------------------------------------------------------------------

    def refresh(self) -> None:
        def job(store: Any) -> tuple[Any, ...]:
            return (
                syncing.status(store),
                syncing.conflicts(store),
                syncing.quarantined(store),
                syncing.set_aside(store),
                syncing.flagged(store),
            )

        self.tasks.run_with_store(job, self._loaded, lambda _e: None)
        self.health.refresh()

    def _loaded(self, result: tuple[Any, ...]) -> None:
        status, self.conflicts, self.quarantine, self.set_aside, self.flagged = result
        self._show_status(status)
        self._show_conflicts()
        self.held.fill(self.quarantine, self.set_aside)
        self.flagged_list.fill(self.flagged)
        self.stale = False
        self.loaded.emit()

    def _show_status(self, status: syncing.SyncStatus) -> None:
        self.status = status
        self.server_pages.setCurrentIndex(0 if status.enrolled else 1)
        self.tabs.setTabVisible(3, may(status.role, Permission.SEE_SYNC_HEALTH))
        self.sync_box.setEnabled(status.enrolled and not status.demo)
        self.enroll_button.setEnabled(not status.demo)
        if status.demo:  # said before anyone asks the county for a code
            self._enroll_failed(error_text(StateError(Kind.DEMO_STORE)))
        if status.enrolled:
            role = role_text(status.role)
            self.server.setText(status.server_url or "")
            who = (
                tr("sync", "{user}（{role}，{scope}）")
                if status.scope_name
                else tr("sync", "{user}（{role}，区划 {scope}）")
            )
            scope = status.scope_name or status.scope or ""
            self.user.setText(who.format(user=status.user or "", role=role, scope=scope))
            self.last_ok.setText(when_text(status.last_ok) or tr("sync", "尚未同步"))
            self.pending.setText(tr("sync", "{n} 条").format(n=status.pending))
        self.auto.blockSignals(True)
        self.auto.setChecked(status.auto_sync)
        self.auto.blockSignals(False)
        if status.clock_warning and status.clock_offset_ms is not None:
            self.clock.setText(
                tr(
                    "sync",
                    "本机时钟与县服务器相差约 {gap}，请校准时间；记录会按服务器时间校正显示。",
                ).format(gap=clock_text(status.clock_offset_ms))
            )
            self.clock.setVisible(True)
        else:
            self.clock.setVisible(False)
        if not self.syncer.running and status.last_error and not self.result.text():
            self.result.setText(
                tr("sync", "上次同步未完成：{reason}").format(
                    reason=sync_error_text(status.last_error)
                )
            )
        self._tab_titles(
            status.open_conflicts, status.quarantined + status.set_aside, len(self.flagged)
        )
        self.badges_changed.emit(status.open_conflicts, status.quarantined)

    def _show_conflicts(self) -> None:
        # A merged value being typed survives the reload (a sync may finish meanwhile).
        typed = {card.conflict.id: card.merged.text() for card in self.cards}
        while self.cards_layout.count():
            widget = self.cards_layout.takeAt(0).widget()
            if widget is not None:
                widget.deleteLater()
        self.cards = [ConflictCard(c, self) for c in self.conflicts]
        for card in self.cards:
            if card.merged.isEnabled():
                card.merged.setText(typed.get(card.conflict.id, ""))
            self.cards_layout.addWidget(card)
        self.conflicts_hint.setText(
            tr(
                "sync",
                "同一项信息在两台电脑上被改成了不同的值。各方的值都保留着，"
                "请核实后保留其中一个，或输入合并后的值。",
            )
            if self.conflicts
            else tr("sync", "没有待处理的冲突。")
        )

    # -- enrolling -------------------------------------------------------------------------

    def enroll(self) -> None:
        if self._enrolling:
            return
        url, user = self.enroll_url.text().strip(), self.enroll_user.text().strip()
        code = self.enroll_code.text().strip()
        name = self.enroll_label.text().strip() or user
        allow_http = self.enroll_allow_http.isChecked()
        missing = [
            text
            for text, value in (
                (tr("sync", "服务器地址"), url),
                (tr("sync", "用户名"), user),
                (tr("sync", "一次性登记码"), code),
            )
            if not value
        ]
        if missing:
            self._enroll_failed(tr("sync", "请填写：{fields}").format(fields="、".join(missing)))
            return
        self._enrolling = True
        self.enroll_button.setEnabled(False)
        self.enroll_message.setStyleSheet("color: #555;")
        self.enroll_message.setText(tr("sync", "正在连接县服务器…"))

        def work(job: Any) -> tuple[bool, Any]:
            try:
                return True, syncing.enroll(
                    job.store(), url, user=user, code=code, label=name, allow_http=allow_http
                )
            except syncing.SyncError as exc:
                return False, (exc.code, exc.message)
            except DomainError as exc:  # the demo store (DEMO_STORE)
                return False, ("", error_text(exc))

        def done(result: tuple[bool, Any]) -> None:
            self._enrolling = False
            self.enroll_button.setEnabled(not (self.status and self.status.demo))
            ok, detail = result
            if not ok:
                code_, message = detail
                if code_ == "offline":
                    text = tr("sync", "连不上县服务器，请检查服务器地址和网络后再试。")
                elif not code_:
                    text = message
                else:
                    text = sync_error_text(code_, message)
                self._enroll_failed(text)
                return
            self.enroll_code.clear()
            self.enroll_message.setText("")
            self.result.setText(
                tr("sync", "已登记：{user}。").format(user=detail.get("user", user))
            )
            self.enrolled.emit(detail)
            self.syncer.start()
            self.refresh()

        def failed(error: Exception) -> None:
            self._enrolling = False
            self.enroll_button.setEnabled(True)
            self._enroll_failed(sync_error_text("cancelled"))

        self.tasks.run_beside(work, done, failed)

    def _enroll_edited(self) -> None:
        """What the error was about is being fixed: it no longer applies."""
        if not self._enrolling:
            self.enroll_message.clear()

    def _enroll_failed(self, text: str) -> None:
        self.enroll_message.setStyleSheet("color: #b3261e;")
        self.enroll_message.setText(text)
        self.enroll_failed.emit(text)

    # -- syncing ---------------------------------------------------------------------------

    def sync_now(self) -> None:
        self.syncer.sync_now()

    def _auto_toggled(self, on: bool) -> None:
        self.syncer.set_auto(on)

    def _started(self, auto: bool) -> None:
        self.sync_button.setEnabled(False)
        self.progress.setRange(0, 0)  # busy until the first count arrives
        self.progress.setVisible(True)
        self.phase.setText(tr("sync", "正在自动同步…") if auto else tr("sync", PHASES["hello"]))
        self.result.setText("")

    def _progress(self, phase: str, done: int, total: int) -> None:
        text = tr("sync", PHASES[phase]) if phase in PHASES else phase
        # a pull does not know its total: the count pulled shows that it moves
        self.phase.setText(f"{text} {done}" if done and not total else text)
        if total:
            self.progress.setRange(0, total)
            self.progress.setValue(done)
        else:
            self.progress.setRange(0, 0)

    def _finished(self, report: syncing.SyncReport) -> None:
        self.sync_button.setEnabled(True)
        self.progress.setVisible(False)
        self.phase.setText("")
        if report.ok:
            text = tr("sync", "同步完成：上传 {pushed} 条，下载 {pulled} 条。").format(
                pushed=report.pushed, pulled=report.pulled
            )
            if report.conflicts or report.kept:
                text += tr("sync", "{n} 处修改与他人冲突，请在右侧处理。").format(
                    n=report.conflicts + report.kept
                )
            if report.quarantined:
                text += tr("sync", "{n} 条修改被服务器暂存待审（未丢失）。").format(
                    n=report.quarantined
                )
            if report.rejected:
                text += tr("sync", "{n} 条修改被县里退回，原因见“暂存待审”。").format(
                    n=report.rejected
                )
            if report.requeued:
                text += tr("sync", "县服务器曾从备份恢复，已重新上传 {n} 条修改。").format(
                    n=report.requeued
                )
            if report.new_site:
                text += tr("sync", "本档案库是从另一台电脑复制来的，已改用新的同步编号。")
            self.result.setStyleSheet("color: #1b6e20;")
        else:
            text = tr("sync", "同步未完成：{reason}").format(
                reason=sync_error_text(report.error, report.message)
            )
            self.result.setStyleSheet("color: #b3261e;")
        self.result.setText(text)
        self.refresh()

    # -- the inbox -------------------------------------------------------------------------

    def resolve(self, conflict_id: str, value: Any) -> None:
        def job(store: Any) -> str | None:
            try:
                syncing.resolve(store, conflict_id, value)
            except syncing.SyncError as exc:  # resolved meanwhile by a sync
                return sync_error_text(exc.code, exc.message)
            return None

        def done(problem: str | None) -> None:
            if problem:
                failed_text(problem)
                self.refresh()
                return
            self.resolved.emit(conflict_id)
            self.syncer.refresh()
            self.refresh()

        def failed_text(text: str) -> None:
            for card in self.cards:
                if card.conflict.id == conflict_id:
                    card.message.setText(text)

        def failed(error: Exception) -> None:
            failed_text(error_text(error))  # type: ignore[arg-type]

        self.tasks.run_with_store(job, done, failed)


def _hostname() -> str:
    try:
        return socket.gethostname()
    except OSError:  # pragma: no cover
        return ""
