"""Save a picture of every main screen and dialog, on a demo store, at 1366x768.

    python docs/screenshots.py OUTDIR [--language zh_CN|en]

Runs offscreen when there is no display. Settings and the demo store go to a temporary
folder, so nothing of the user's is touched. The README shows the pictures.

It lives outside the app package because it starts a county server (sync.server) for the
同步 pictures: the app itself talks to the server only over HTTP, through sync.client
(an import-linter contract keeps it so). Run it with the project installed (``.[server]``).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

SIZE = (1366, 768)


def wait_for(signal: Any, timeout_ms: int = 15_000) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    signal.connect(loop.quit)
    QTimer.singleShot(timeout_ms, loop.quit)
    loop.exec()


def settle(ms: int = 150) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def capture(outdir: Path, language: str, *, large: bool = False) -> list[Path]:
    from PySide6.QtCore import QCoreApplication, QSettings

    from childcare_desktop.ui.app import build_app
    from childcare_desktop.ui.views.child_file_parts import TABS
    from childcare_desktop.ui.views.settings_view import LANGUAGE_KEY, LARGE_FONT_KEY

    # The app's own settings file (build_app names it too, after reading the settings).
    QCoreApplication.setOrganizationName("childcare")
    QCoreApplication.setApplicationName("childcare-desktop")
    QSettings().setValue(LANGUAGE_KEY, language)
    QSettings().setValue(LARGE_FONT_KEY, large)
    _app, controller = build_app([sys.argv[0]])
    sys.excepthook = sys.__excepthook__  # a failing step says so here, not in a bug dialog
    saved: list[Path] = []

    def shot(widget: Any, name: str) -> None:
        settle()
        path = outdir / f"{name}.png"
        widget.grab().save(str(path))
        saved.append(path)

    unlock = controller.unlock
    unlock.resize(620, 420)
    unlock.ask_create(Path(tempfile.gettempdir()) / "childcare.db")
    unlock.first.setText("a-passphrase")
    unlock.show()
    shot(unlock, "01-first-run")
    controller.open_demo()
    wait_for(controller.main_shown, 120_000)
    main = controller.main
    assert main is not None
    main.resize(*SIZE)
    wait_for(main.workbench.loaded)
    shot(main, "02-workbench")
    _plan_screens(main, shot)
    main.show_page("roster")
    wait_for(main.roster.loaded)
    shot(main, "03-roster")
    initials = _initials(main)
    main.roster.search.setText(initials)
    shot(main, f"04-roster-search-{initials}")
    main.roster.search.clear()
    child = _busiest_child(main)
    main.open_child(child, "basic")
    wait_for(main.file.loaded)
    for index, key in enumerate(TABS):  # the file's own order: a new part is shot too
        main.file.sections.show_part(key)
        shot(main, f"05-file-{index + 1}-{key}")
    dialogs: list[tuple[str, Callable[[], Any]]] = [
        ("06-dialog-new-child", main.new_child),
        ("07-dialog-visit", main.file.log_visit),
        ("08-dialog-assessment", lambda: main.file.action_buttons["assess"].click()),
        ("09-dialog-report", lambda: main.file.action_buttons["report"].click()),
        ("10-dialog-exit", lambda: main.file.action_buttons["exit"].click()),
        ("11-dialog-family", lambda: main.file.family.buttons[_tr_file("添加家庭成员")].click()),
        ("12-dialog-carer", lambda: main.file.carers.buttons[_tr_file("添加照护人")].click()),
        ("13-dialog-agreement", lambda: main.file.agreements.buttons[_tr_file("起草协议")].click()),
        ("14-dialog-assistance", lambda: main.file.assistance.buttons[_tr_file("添加")].click()),
        ("14-dialog-service-plan", main.file.plans.write_button.click),
    ]
    opened: list[Any] = []
    main.dialog_opened.connect(opened.append)
    for name, open_it in dialogs:
        opened.clear()
        open_it()
        settle(400)
        if opened:
            shot(opened[-1], name)
            opened[-1].form.mark_clean()
            opened[-1].reject()
    _quarterly_screens(main, shot)
    main.print_child(_child_with_agreement(main), "agreement")
    _preview(main)
    shot(main, "15-print-agreement")
    main.printing.select_child(child, "summary")
    _preview(main)
    shot(main, "15-print-summary")
    _import_screens(main, shot)
    main.show_page("settings")
    shot(main, "18-settings")
    main.show_page("clues")  # 线索登记 (issue 18)
    settle(600)
    shot(main, "18-clues")
    for page in ("work_log", "three_left"):  # 工作日志 and 三留守 (on in the demo's policy)
        main.show_page(page)
        settle(600)
        shot(main, f"18-{page.replace('_', '-')}")
    try:
        _sync_screens(controller, main, shot)  # from here on the demo stands for a real village
        controller.lock()
        shot(controller.unlock, "19-locked")
        _supervisor_screens(controller, shot)
    finally:
        controller.tasks.shutdown()  # no app.exec() here, so aboutToQuit never comes
    return saved


def _supervisor_screens(controller: Any, shot: Callable[[Any, str], None]) -> None:
    """A supervisor's store (a demo township of four villages): the 工作台 with its table
    of villages, the roster opened on one village from that table, 审核, 转移, 疑似重复,
    同步情况 and 批量打印."""
    from PySide6.QtCore import Qt

    from childcare_desktop.services import stores
    from childcare_desktop.services.demo_township import build_demo_township

    path = Path(tempfile.mkdtemp(prefix="childcare-township-")) / "township.db"
    passphrase = "a-township-passphrase-2"
    store = stores.create(path, passphrase, actor="周督导", region_code=None)
    with store.session() as session:
        build_demo_township(session, villages=4, children=16)
    _township_synced(store)
    store.close()
    controller.unlock.ask_unlock(path)
    controller.unlock.passphrase.setText(passphrase)
    controller.unlock.unlock_button.click()
    wait_for(controller.main_shown, 60_000)
    main = controller.main
    main.show_page("workbench")
    main.workbench.refresh()
    wait_for(main.workbench.loaded)
    shot(main, "22-supervisor-workbench")
    table = main.workbench.villages.table
    table.setFocus()
    table.selectRow(1)
    main.show_village(table.model().record(1).code)
    wait_for(main.roster.loaded)
    shot(main, "23-supervisor-roster-village")
    _review_screens(main, shot)
    _transfer_screens(main, shot)
    _duplicate_screens(main, shot)
    main.show_page("sync")
    wait_for(main.sync.loaded)
    for left in (main.sync.enroll_url, main.sync.enroll_user, main.sync.enroll_label):
        left.clear()  # the village's, typed before this store was unlocked
    main.sync.result.clear()
    main.sync.tabs.setCurrentIndex(3)
    shot(main, "30-supervisor-sync-health")
    main.show_page("roster")
    main.printing.open_batch(None, "visit-sheet")
    dialog = main.printing.batch_dialog
    while dialog.villages.count() == 0:
        settle(20)
    for row in (0, 1):
        dialog.villages.item(row).setCheckState(Qt.CheckState.Checked)
    shot(dialog, "31-supervisor-batch-print")
    dialog.reject()
    controller.lock()
    _director_answers(controller, shot)


def _director_answers(controller: Any, shot: Callable[[Any, str], None]) -> None:
    """A director's 工作台 after the township answered: one item returned, two approved.
    The answers are made in the village's demo store as the supervisor's laptop makes
    them (the review records sync down to the village as they are)."""
    from childcare_desktop.core.roles import Role
    from childcare_desktop.core.vocab import ReviewKind
    from childcare_desktop.services import reviews, stores
    from childcare_desktop.services.demo import build_demo_village
    from childcare_desktop.services.review_items import subjects
    from childcare_desktop.storage import settings

    path = Path(tempfile.mkdtemp(prefix="childcare-village-")) / "village.db"
    passphrase = "a-village-passphrase-2"
    store = stores.create(path, passphrase, actor="周督导", region_code=None)
    with store.session() as session:
        build_demo_village(session, children=40)
        settings.write(session, settings.ROLE, Role.SUPERVISOR.value)
        items = sorted(subjects(session), key=lambda s: (s.on is None, s.on), reverse=True)
        registration = next(s for s in items if s.kind is ReviewKind.REGISTRATION)
        reviews.return_item(
            session,
            item=registration.item_id,
            comment="户籍地址请写到村民小组，并补上监护人的联系电话。",
        )
        items.remove(registration)
        for item in items[1:3]:
            reviews.approve(session, item=item.item_id)
        settings.write(session, settings.ROLE, Role.DIRECTOR.value)
    store.close()
    controller.unlock.ask_unlock(path)
    controller.unlock.passphrase.setText(passphrase)
    controller.unlock.unlock_button.click()
    wait_for(controller.main_shown, 60_000)
    main = controller.main
    main.show_page("workbench")
    main.workbench.refresh()
    wait_for(main.workbench.loaded)
    shot(main, "32-director-review-answers")


def _township_synced(store: Any) -> None:
    """The demo township stands for a township's laptop that has synced (as the village
    does for the 同步 screens): the county's role and scope, and its last report of the
    villages' laptops (one village not synced for three weeks, one laptop's clock off)."""
    from childcare_desktop.services.demo import DIRECTOR
    from childcare_desktop.services.demo_township import demo_village_codes
    from childcare_desktop.storage.syncstore import StoreSync

    codes = demo_village_codes(4)
    with store.connection() as conn:
        conn.exec_driver_sql(
            "UPDATE sync_state SET user_name = ?, role = 'supervisor', scope = ? WHERE id = 1",
            (DIRECTOR, codes[0][:9]),
        )
    now = int(time.time() * 1000)
    hour, day = 3_600_000, 86_400_000
    laptops = [  # region, user, label, last report (ago), pending, set aside, clock offset
        (codes[0], "李秀英", "柳溪村笔记本", 2 * hour, 0, 0, 1_200),
        (codes[1], "王建国", "东坪村笔记本", 26 * hour, 3, 0, -800),
        (codes[2], "张桂芳", "石桥村笔记本", 21 * day, 17, 0, 2_000),
        (codes[3], "刘文华", "桃源村笔记本", 5 * hour, 0, 1, 0),
        (codes[3], "赵明", "桃源村备用机", 3 * day, 1, 0, 26 * 60_000),
    ]
    devices = [
        {
            "device": f"dev-{n + 1}",
            "region": region,
            "user": user,
            "label": label,
            "reported_ms": now - ago,
            "last_ok_ms": now - ago,
            "pending": pending,
            "set_aside": aside,
            "clock_offset_ms": offset,
        }
        for n, (region, user, label, ago, pending, aside, offset) in enumerate(laptops)
    ]
    StoreSync(store).receive_health(devices, at_ms=now - 10 * 60_000)


def _review_screens(main: Any, shot: Callable[[Any, str], None]) -> None:
    """审核 with the newest children's registrations waiting, then 退回's comment."""
    view = main.review
    view.stale = True  # shown, the page loads once (a second load would drop the selection)
    main.show_page("review")
    wait_for(view.loaded)
    settle()
    view.table.selectRow(0)
    shot(main, "24-supervisor-review")
    dialog = view.return_item()
    dialog.text.setPlainText("身份证号与户口簿不一致，请核对后改正出生日期。")
    shot(dialog, "25-supervisor-review-return")
    dialog.reject()


def _transfer_screens(main: Any, shot: Callable[[Any, str], None]) -> None:
    """编辑 › 转移… with a village's request waiting, then a child's 转出… dialog."""
    from childcare_desktop.ui.views.transfer_list import open_transfers

    dialog = open_transfers(main)
    while not dialog.records:
        settle(20)
    dialog.table.selectRow(0)
    shot(dialog, "26-supervisor-transfers")
    dialog.reject()
    child = main.roster.model.records[0].id
    main.open_child(child, "basic")
    wait_for(main.file.loaded)
    opened: list[Any] = []
    main.dialog_opened.connect(opened.append)
    main.file.action_buttons["transfer"].click()
    settle(400)
    main.dialog_opened.disconnect(opened.append)
    form = opened[-1]
    form.form.editors["to_region"].setCurrentIndex(0)
    form.form.editors["reason"].setPlainText("全家搬到邻村新房居住")
    shot(form, "27-supervisor-transfer-request")
    form.form.mark_clean()
    form.reject()


def _duplicate_screens(main: Any, shot: Callable[[Any, str], None]) -> None:
    """疑似重复: the pair the county served, then the two files side by side."""
    main.show_page("duplicates")
    view = main.duplicates
    while not view.cases:
        settle(20)
    shot(main, "28-supervisor-duplicates")
    opened: list[Any] = []
    view.dialog_opened.connect(opened.append)
    view.compare()
    while not opened:
        settle(20)
    shot(opened[-1], "29-supervisor-duplicate-compare")
    opened[-1].reject()


def _import_screens(main: Any, shot: Callable[[Any, str], None]) -> None:
    """从 Excel 导入: the column mapping of a 登记表-style ledger, then the dry run's rows."""
    folder = Path(tempfile.mkdtemp(prefix="childcare-ledger-"))
    path = folder / "柳溪村留守儿童登记表.xlsx"
    _sample_ledger(path)
    main.show_page("roster")
    wizard = main.import_ledger()
    wizard.open_file(path)
    wait_for(wizard.previewed)
    wizard.next()
    shot(wizard, "20-import-mapping")
    wizard.next()
    wait_for(wizard.checked, 60_000)
    shot(wizard, "21-import-check")
    wizard.reject()
    shutil.rmtree(folder, ignore_errors=True)


def _sample_ledger(path: Path) -> None:
    """A small invented ledger as villages type them, with a few rows that need a look."""
    from openpyxl import Workbook

    from childcare_desktop.core.identity import check_digit

    def number(birth: str, seq: int) -> str:
        first17 = f"349901{birth}{seq:03d}"
        return first17 + check_digit(first17)

    book = Workbook()
    ws = book.active
    ws.title = "登记表"
    ws.append(["柳溪村农村留守儿童花名册"])
    ws.merge_cells("A1:J1")
    ws.append(
        [
            "序号",
            "姓名",
            "性别",
            "出生日期",
            "身份证号",
            "父亲",
            None,
            "监护人",
            "联系电话",
            "是否寄宿",
        ]
    )
    ws.append([None, None, None, None, None, "姓名", "务工地点", None, None, None])
    for cells in ("A2:A3", "B2:B3", "C2:C3", "D2:D3", "E2:E3", "F2:G2", "H2:H3", "I2:I3", "J2:J3"):
        ws.merge_cells(cells)
    rows = [
        (
            "林  晓",
            "女",
            "2015.3.8",
            number("20150308", 102),
            "林大海",
            "广东深圳",
            "奶奶",
            "13800001111",
            "√",
        ),
        (
            "周子涵",
            "男",
            "2014年9月1日",
            number("20140901", 311),
            "周强",
            "浙江省宁波市",
            "外婆",
            "13900002222，13700003333",
            "否",
        ),
        (
            "吴小雨",
            "女",
            "2016-11",
            number("20161120", 204),
            "吴建",
            "江苏苏州",
            "爷爷",
            "13600004444",
            "有",
        ),
        ("郑一鸣", "男", "", 3.49901201503e17, "", "", "", "", ""),
        (
            "王 芳",
            "女",
            "2013/5/6",
            number("20130506", 100),
            "王军",
            "福建厦门",
            "姑姑",
            "0591-1234567",
            "无",
        ),
    ]
    for index, row in enumerate(rows, start=1):
        ws.append([index, *row])
    ws.append(["填表人：王芳"])
    book.save(path)


def _sync_screens(controller: Any, main: Any, shot: Callable[[Any, str], None]) -> None:
    """同步 against a real county server on a loopback port (needs the ``server`` extra):
    the enrollment form, then a sync, a second laptop of the village editing the same
    fields, and the conflicts inbox with what each side typed."""
    try:
        server = _LoopbackServer()
    except ImportError:  # pragma: no cover - the server extra is not installed
        print("skipping the sync screens: pip install -e '.[server]'", file=sys.stderr)
        return
    from childcare_desktop.core.vocab import VisitMode
    from childcare_desktop.services import children, stores, syncing
    from childcare_desktop.services.demo import DIRECTOR, VILLAGE
    from childcare_desktop.services.roster import search_roster
    from childcare_desktop.storage import settings
    from childcare_desktop.storage.models import Visit
    from childcare_desktop.ui.syncer import Timings

    # A demo store is never enrolled (its village is invented): for these screens the
    # script takes the demo's children as a real village's, and says so in the README.
    _call(main, lambda session: settings.write(session, settings.DEMO, False))
    controller.reconfigure()
    while not main.demo_banner.isHidden():
        settle(20)
    hour = 3_600_000
    main.syncer.set_timings(Timings(first_check_ms=hour, offline_first_ms=hour, online_ms=hour))
    try:
        server.user(DIRECTOR, "director", VILLAGE)
        server.user("李强", "director", VILLAGE)
        view = main.sync
        main.show_page("sync")
        wait_for(view.loaded)
        view.enroll_url.setText(server.url)
        view.enroll_user.setText(DIRECTOR)
        view.enroll_code.setText(server.code(DIRECTOR))
        view.enroll_label.setText(f"{DIRECTOR}的笔记本")
        shot(main, "16-sync-enroll")
        view.enroll_button.click()
        wait_for(view.enrolled)
        wait_for(view.loaded)  # the page shows the enrolled laptop: 立即同步 is enabled
        view.sync_button.click()
        wait_for(main.syncer.finished, 120_000)
        # A second laptop of the village (another director) gets everything ...
        other = stores.create(
            Path(server.folder) / "other.db",
            "another-passphrase-2",
            actor="李强",
            region_code=VILLAGE,
        )
        syncing.enroll(other, server.url, user="李强", code=server.code("李强"), label="李强")
        assert syncing.run(other).ok
        child_id = _call(main, lambda session: search_roster(session)[1].id)
        # ... and both edit the same fields of one child before syncing.
        mine = {"phone": "13812345678", "current_address": "东坪村三组12号", "health": "weak"}
        theirs = {"phone": "13987654321", "current_address": "东坪村五组8号（奶奶家）"}
        theirs["health"] = "chronic"
        _call(main, lambda session: children.update_child(session, child_id=child_id, **mine))
        with other.session() as session:
            children.update_child(session, child_id=child_id, **theirs)
        server.skew_clock(2 * 86400 * 1000 + 3600 * 1000)  # this laptop's clock is behind
        view.sync_button.click()
        wait_for(main.syncer.finished, 60_000)
        assert syncing.run(other).ok
        view.sync_button.click()
        wait_for(main.syncer.finished, 60_000)
        wait_for(view.loaded)
        main.show_page("workbench")
        main.show_page("sync")
        view.refresh()
        wait_for(view.loaded)
        view.tabs.setCurrentIndex(0)
        shot(main, "17-sync-conflicts")
        # A visit typed on a laptop whose clock was two years ahead arrives flagged.
        with other.session() as session:
            session.add(
                Visit(
                    id=str(uuid.uuid4()),
                    child_id=child_id,
                    region_code=VILLAGE,
                    visited_on=date.today() + timedelta(days=730),
                    mode=VisitMode.HOME,
                )
            )
        assert syncing.run(other).ok
        view.sync_button.click()
        wait_for(main.syncer.finished, 60_000)
        wait_for(view.loaded)
        view.tabs.setCurrentIndex(2)
        shot(main, "17-sync-flagged")
        other.close()
        # U盘同步: a bundle written to the stick, relayed, its reply read back.
        stick = Path(server.folder) / "usb"
        stick.mkdir()
        view.bundles.folder.setText(str(stick))
        for button in (view.bundles.export_button, view.bundles.relay_button):
            button.click()
            wait_for(view.bundles.done, 60_000)
        view.bundles.import_button.click()
        wait_for(view.bundles.done, 60_000)
        view.tabs.setCurrentIndex(0)
        shot(main, "33-sync-usb-bundle")
    finally:
        server.close()


class _LoopbackServer:
    """The county server (SQLite file) on a free loopback port, for the pictures."""

    def __init__(self) -> None:
        import socket
        import threading

        import uvicorn

        from sync.server import app as server_app
        from sync.server.db import Database, sqlite_url

        self._app_module = server_app
        self._real_now = server_app.now_ms
        self.folder = tempfile.mkdtemp(prefix="childcare-server-")
        self.db = Database(sqlite_url(Path(self.folder) / "server.db"))
        self.db.migrate()
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        config = uvicorn.Config(server_app.create_app(self.db), log_level="warning", lifespan="off")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(
            target=self.server.run, kwargs={"sockets": [self.sock]}, daemon=True
        )
        self.thread.start()
        while not self.server.started:
            self.thread.join(0.01)

    def user(self, name: str, role: str, region: str) -> None:
        from sync.server import accounts

        with self.db.write() as conn:
            accounts.create_user(conn, name, role, region, now_ms=self._app_module.now_ms())

    def code(self, name: str) -> str:
        from sync.server import accounts

        with self.db.write() as conn:
            return accounts.issue_code(conn, name, now_ms=self._app_module.now_ms())

    def skew_clock(self, ms: int) -> None:
        """The server's clock runs ``ms`` ahead of this machine's (to show the warning)."""
        real = self._real_now
        self._app_module.now_ms = lambda: real() + ms

    def close(self) -> None:
        self._app_module.now_ms = self._real_now
        self.server.should_exit = True
        self.thread.join(10)
        self.sock.close()
        self.db.dispose()


def _quarterly_screens(main: Any, shot: Callable[[Any, str], None]) -> None:
    """季度核实: the file's tab, its dialog, the worklist's items, the report's dialog."""
    from childcare_desktop.services.quarterly_checks import list_quarterly_checks
    from childcare_desktop.services.roster import search_roster

    def job(session: Any) -> str:
        return next(
            c.id for c in search_roster(session) if list_quarterly_checks(session, child_id=c.id)
        )

    main.open_child(_call(main, job), "quarterly")
    wait_for(main.file.loaded)
    shot(main, "05-file-quarterly")
    for name, open_it in (
        ("14-dialog-quarterly", main.file.quarterly.record),
        ("16-dialog-quarterly-report", main.menus.actions["quarterly_report"].trigger),
    ):
        opened: list[Any] = []
        main.dialog_opened.connect(opened.append)
        open_it()
        settle(400)
        main.dialog_opened.disconnect(opened.append)
        shot(opened[-1], name)
        if hasattr(opened[-1], "form"):
            opened[-1].form.mark_clean()
        opened[-1].reject()
    main.show_page("workbench")
    wait_for(main.workbench.loaded)
    bench = main.workbench
    bench.kind.setCurrentIndex(bench.kind.findData("quarterly"))
    shot(main, "02-workbench-quarterly")
    bench.kind.setCurrentIndex(0)


def _plan_screens(main: Any, shot: Callable[[Any, str], None]) -> None:
    """The 工作台 with a weekly cap on visits (its plan, 计划周), and the cap's dialog;
    then the cap is taken off again, so the other pictures show the demo as it was."""
    from childcare_desktop.services import workload

    box = main.workbench.workload
    box.ask()
    while box.dialog is None:
        settle(20)
    shot(box.dialog, "02-dialog-weekly-cap")
    box.dialog.reject()
    _call(main, lambda s: workload.set_weekly_visit_cap(s, cap=10))
    main.workbench.refresh()
    wait_for(main.workbench.loaded)
    shot(main, "02-workbench-plan")
    _call(main, lambda s: workload.set_weekly_visit_cap(s, cap=None))
    main.workbench.refresh()
    wait_for(main.workbench.loaded)


def _call(main: Any, job: Callable[[Any], Any]) -> Any:
    """Run ``job`` on the database thread and wait for its result (or raise its error)."""
    box: list[tuple[bool, Any]] = []
    main.tasks.run(job, lambda r: box.append((True, r)), lambda e: box.append((False, e)))
    while not box:
        settle(20)
    ok, value = box[0]
    if not ok:
        raise value
    return value


def _preview(main: Any) -> None:
    """Preview the chosen document once the print page has loaded its list of children."""
    view = main.printing
    deadline = time.monotonic() + 10
    while view.stale and time.monotonic() < deadline:
        settle(50)
    view.preview()  # the pages arrive through the event loop, after wait_for connects
    wait_for(view.rendered)


def _child_with_agreement(main: Any) -> str:
    from childcare_desktop.services import agreements
    from childcare_desktop.services.roster import search_roster

    def job(session: Any) -> str:
        for child in search_roster(session):
            if any(
                a.state.value == "signed"
                for a in agreements.list_agreements(session, child_id=child.id)
            ):
                return child.id
        return child.id

    return _call(main, job)


def _busiest_child(main: Any) -> str:
    """A child with a full file: the demo files its reports for red-risk children."""
    from childcare_desktop.core.vocab import RiskColour

    records = main.roster.model.records
    return max(records, key=lambda c: (c.colour is RiskColour.RED, len(c.categories))).id


def _initials(main: Any) -> str:
    """The first two pinyin initials of a child in the roster (what a user would type)."""
    key = main.roster.model.records[0].search_key.split()
    return key[1][:2] if len(key) > 1 else "zh"


def _tr_file(text: str) -> str:
    from childcare_desktop.ui.i18n import tr

    return tr("file", text)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--language", default="zh_CN")
    parser.add_argument("--large", action="store_true", help="大字体 (large text)")
    args = parser.parse_args(argv)
    args.outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as home:
        for var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "CHILDCARE_LOG_DIR"):
            os.environ[var] = str(Path(home) / var.lower())
        if not os.environ.get("DISPLAY"):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        saved = capture(args.outdir, args.language, large=args.large)
    for path in saved:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
