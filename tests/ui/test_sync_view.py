"""同步 in the app, against a real county server on a loopback port: enrolling, 立即同步
with progress, the conflicts inbox and its badge, editing during a sync, auto-sync."""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtWidgets import QLabel

from childcare_desktop.services import syncing
from childcare_desktop.storage.models import Child
from childcare_desktop.ui.syncer import Timings
from tests.factories import make_child
from tests.sync.conftest import VILLAGE_A, Laptop, LiveServer, make_laptop, sqlite_server
from tests.ui.conftest import run

__all__ = ["make_laptop", "sqlite_server"]  # fixtures used by the tests below

QUIET = Timings(first_check_ms=3_600_000, offline_first_ms=3_600_000, online_ms=3_600_000)
QUICK = Timings(
    first_check_ms=30,
    offline_first_ms=40,
    offline_max_ms=160,
    online_ms=3_600_000,
    stale_ms=3_600_000,
    ping_timeout_s=2.0,
    request_timeout_s=10.0,
)


def on_store(qtbot: Any, main: Any, job: Callable[[Any], Any]) -> Any:
    """Run ``job(store)`` on the app's database thread and return its result."""
    box: list[Any] = []
    main.tasks.run_with_store(job, box.append)
    qtbot.waitUntil(lambda: bool(box), timeout=10_000)
    return box[0]


def show_sync_page(qtbot: Any, main: Any) -> Any:
    view = main.sync
    with qtbot.waitSignal(view.loaded, timeout=10_000):
        if view.stale:
            main.show_page("sync")  # loads it
        else:
            main.show_page("sync")
            view.refresh()
    return view


def enroll_app(qtbot: Any, main: Any, server: LiveServer, user: str = "wang") -> None:
    code = server.code(user)
    on_store(
        qtbot,
        main,
        lambda store: syncing.enroll(store, server.url, user=user, code=code, label="app"),
    )


def set_phone(qtbot: Any, main: Any, child_id: str, phone: str) -> None:
    def job(session: Any) -> None:
        session.get(Child, child_id).phone = phone

    run(qtbot, main, job)


def new_child(qtbot: Any, main: Any, name: str = "陈小雨") -> str:
    return run(qtbot, main, lambda session: make_child(session, name=name).id)


def sync_and_wait(qtbot: Any, main: Any) -> Any:
    with qtbot.waitSignal(main.syncer.finished, timeout=30_000) as finished:
        main.sync.sync_button.click()
    return finished.args[0]


@pytest.fixture
def app(main: Any) -> Any:
    main.syncer.set_timings(QUIET)  # no checks of its own unless a test asks for them
    return main


def test_enrolling_from_the_form_says_what_went_wrong_in_chinese(
    qtbot: Any, app: Any, sqlite_server: LiveServer
) -> None:
    sqlite_server.user("wang", "director", VILLAGE_A)
    view = show_sync_page(qtbot, app)
    assert view.server_pages.currentIndex() == 1  # the 登记本机 form
    assert not view.sync_box.isEnabled()
    view.enroll_url.setText(sqlite_server.url)
    view.enroll_user.setText("wang")
    view.enroll_code.setText("not-the-code")
    with qtbot.waitSignal(view.enroll_failed, timeout=20_000) as failed:
        view.enroll_button.click()
    assert "登记码错误" in failed.args[0]
    view.enroll_url.setText("http://127.0.0.1:9")  # nothing listens there
    view.enroll_code.setText(sqlite_server.code("wang"))
    with qtbot.waitSignal(view.enroll_failed, timeout=20_000) as failed:
        view.enroll_button.click()
    assert "连不上县服务器" in failed.args[0]
    view.enroll_url.setText(sqlite_server.url + "/")
    with qtbot.waitSignal(view.enrolled, timeout=20_000) as done:
        view.enroll_button.click()
    assert done.args[0]["user"] == "wang"
    qtbot.waitUntil(lambda: view.server_pages.currentIndex() == 0, timeout=10_000)
    assert view.server.text() == sqlite_server.url
    assert "wang" in view.user.text() and "儿童主任" in view.user.text()
    assert view.last_ok.text() == "尚未同步"
    assert view.sync_box.isEnabled()
    assert syncing.status(_store(app, qtbot)).enrolled


def _store(main: Any, qtbot: Any) -> Any:
    return on_store(qtbot, main, lambda store: store)


def test_sync_now_shows_progress_and_what_was_sent(
    qtbot: Any, app: Any, sqlite_server: LiveServer, make_laptop: Callable[..., Laptop]
) -> None:
    sqlite_server.user("wang", "director", VILLAGE_A)
    enroll_app(qtbot, app, sqlite_server)
    child_id = new_child(qtbot, app, "李<小>&明")
    view = show_sync_page(qtbot, app)
    pending = int(view.pending.text().split()[0])
    assert pending > 0
    phases: list[str] = []
    app.syncer.progress.connect(lambda phase, _done, _total: phases.append(phase))
    with qtbot.waitSignal(app.syncer.started, timeout=5_000):
        view.sync_button.click()
    assert not view.sync_button.isEnabled() and view.progress.isVisible()
    assert app.sync_label.text() == "正在同步…"
    with qtbot.waitSignal(app.syncer.finished, timeout=30_000) as finished:
        pass
    report = finished.args[0]
    assert report.ok and report.pushed == pending
    assert phases[0] == "hello" and "push" in phases
    qtbot.waitUntil(lambda: view.pending.text() == "0 条", timeout=10_000)
    assert view.last_ok.text() != "尚未同步"
    assert f"上传 {pending} 条" in view.result.text()
    assert view.sync_button.isEnabled() and not view.progress.isVisible()
    qtbot.waitUntil(lambda: app.sync_label.text().startswith("已同步 "), timeout=10_000)
    # The county server really has it: another laptop of the village gets the child.
    other = make_laptop("b", sqlite_server, user="wang")
    assert other.run().ok
    with other.store.session() as session:
        assert session.get(Child, child_id).name == "李<小>&明"


def test_a_conflict_shows_in_the_inbox_and_resolving_it_clears_the_badge(
    qtbot: Any, app: Any, sqlite_server: LiveServer, make_laptop: Callable[..., Laptop]
) -> None:
    sqlite_server.user("wang", "director", VILLAGE_A)
    enroll_app(qtbot, app, sqlite_server)
    child_id = new_child(qtbot, app)
    view = show_sync_page(qtbot, app)
    assert sync_and_wait(qtbot, app).ok
    other = make_laptop("b", sqlite_server, user="wang")
    assert other.run().ok
    set_phone(qtbot, app, child_id, "13800000001")
    with other.store.session() as session:
        session.get(Child, child_id).phone = "13900000002"
    assert sync_and_wait(qtbot, app).ok
    assert other.run().conflicts == 1
    assert app.badges == (0, 0)
    report = sync_and_wait(qtbot, app)  # brings the conflict down to this laptop
    assert report.ok
    qtbot.waitUntil(lambda: app.badges == (1, 0), timeout=10_000)
    qtbot.waitUntil(lambda: len(view.cards) == 1, timeout=10_000)
    assert "1 处冲突待处理" in app.nav.item(4).toolTip()
    assert view.tabs.tabText(0) == "冲突待处理（1）"
    card = view.cards[0]
    assert card.title() == "陈小雨 · 家庭联系电话"
    assert card.findChild(QLabel, "policy").text().startswith("两台电脑同时修改")
    shown = {card.findChild(QLabel, f"value_{i}").text() for i in (1, 2)}
    assert shown == {"13800000001", "13900000002（当前显示）"}
    assert [c.user for c in card.conflict.candidates] == ["wang", "wang"]
    assert all(c.received is not None for c in card.conflict.candidates)
    keep_first = next(
        b
        for b, c in zip(card.keep_buttons, card.conflict.candidates, strict=True)
        if c.value == "13800000001"
    )
    with qtbot.waitSignal(view.resolved, timeout=10_000):
        keep_first.click()
    qtbot.waitUntil(lambda: app.badges == (0, 0), timeout=10_000)
    assert app.nav.item(4).toolTip() == ""
    phone = on_store(qtbot, app, lambda store: _phone(store, child_id))
    assert phone == "13800000001"  # shown at once, before the next sync
    assert sync_and_wait(qtbot, app).ok
    assert other.run().ok
    with other.store.session() as session:
        assert session.get(Child, child_id).phone == "13800000001"
    assert syncing.conflicts(other.store) == []


def _phone(store: Any, child_id: str) -> str:
    with store.session() as session:
        return session.get(Child, child_id).phone


def test_a_merged_value_can_be_typed_and_identity_fields_say_they_need_review(
    qtbot: Any, app: Any, sqlite_server: LiveServer, make_laptop: Callable[..., Laptop]
) -> None:
    sqlite_server.user("wang", "director", VILLAGE_A)
    enroll_app(qtbot, app, sqlite_server)
    child_id = new_child(qtbot, app)
    view = show_sync_page(qtbot, app)
    assert sync_and_wait(qtbot, app).ok
    other = make_laptop("b", sqlite_server, user="wang")
    assert other.run().ok
    with other.store.session() as session:
        sex = session.get(Child, child_id).sex
        session.get(Child, child_id).sex = "male" if sex == "female" else "female"
    assert other.run().ok
    set_phone(qtbot, app, child_id, "13800000001")

    def edit_sex(session: Any) -> None:
        session.get(Child, child_id).sex = "unknown"

    run(qtbot, app, edit_sex)
    report = sync_and_wait(qtbot, app)
    assert report.ok and report.kept == 1
    qtbot.waitUntil(lambda: len(view.cards) == 1, timeout=10_000)
    card = view.cards[0]
    assert card.title().endswith("性别")
    policy = card.findChild(QLabel, "policy").text()
    assert policy.startswith("身份信息需审核")
    card.merged.setText("不是性别")
    card.merge_button.click()
    assert "无法识别" in card.message.text()
    card.merged.setText("女")
    with qtbot.waitSignal(view.resolved, timeout=10_000):
        card.merge_button.click()
    qtbot.waitUntil(lambda: app.badges == (0, 0), timeout=10_000)

    def sex_now(store: Any) -> str:
        with store.session() as session:
            return session.get(Child, child_id).sex

    assert on_store(qtbot, app, sex_now) == "female"


def test_editing_goes_on_while_a_sync_waits_on_the_server(
    qtbot: Any, app: Any, sqlite_server: LiveServer
) -> None:
    sqlite_server.user("wang", "director", VILLAGE_A)
    enroll_app(qtbot, app, sqlite_server)
    child_id = new_child(qtbot, app)
    reached, release = threading.Event(), threading.Event()

    def hold() -> None:  # the server stalls mid-push, as on a slow link
        reached.set()
        release.wait(20)

    sqlite_server.app.state.failpoints["push.before_commit"] = hold
    before = on_store(qtbot, app, lambda store: syncing.status(store).pending)
    show_sync_page(qtbot, app)
    with qtbot.waitSignal(app.syncer.started, timeout=5_000):
        app.sync.sync_button.click()
    qtbot.waitUntil(reached.is_set, timeout=10_000)
    try:
        set_phone(qtbot, app, child_id, "13700000007")  # through the database thread
        other = new_child(qtbot, app, "周小平")
        assert app.syncer.running  # the sync is still waiting on the server
        assert run(qtbot, app, lambda session: session.get(Child, other).name) == "周小平"
    finally:
        release.set()
    with qtbot.waitSignal(app.syncer.finished, timeout=30_000) as finished:
        pass
    # The edits made meanwhile were saved, and went up in the same sync's next batch.
    assert finished.args[0].ok and finished.args[0].pushed > before
    assert on_store(qtbot, app, lambda store: syncing.status(store).pending) == 0


def test_auto_sync_starts_when_the_server_answers_and_stops_when_turned_off(
    qtbot: Any, app: Any, sqlite_server: LiveServer
) -> None:
    sqlite_server.user("wang", "director", VILLAGE_A)
    enroll_app(qtbot, app, sqlite_server)
    new_child(qtbot, app)
    # The server is "away": the laptop checks, finds nothing, and backs off.
    on_store(qtbot, app, lambda store: syncing.set_server(store, "http://127.0.0.1:9"))
    pings: list[bool] = []
    app.syncer.pinged.connect(pings.append)
    started: list[bool] = []
    app.syncer.started.connect(started.append)
    reports: list[Any] = []
    app.syncer.finished.connect(reports.append)
    app.syncer.set_timings(QUICK)
    app.syncer.start()
    qtbot.waitUntil(lambda: len(pings) >= 3, timeout=20_000)
    assert not any(pings) and not started
    assert QUICK.offline_first_ms < app.syncer._delay <= QUICK.offline_max_ms  # backing off
    qtbot.waitUntil(lambda: app.sync_label.text().startswith("离线，"), timeout=5_000)
    assert "条修改待同步" in app.sync_label.text()
    # Connectivity returns: the next check finds the server and syncs by itself.
    on_store(qtbot, app, lambda store: syncing.set_server(store, sqlite_server.url))
    qtbot.waitUntil(lambda: bool(reports), timeout=30_000)
    assert reports[0].ok and reports[0].pushed > 0
    assert pings[-1] is True and started == [True]  # an automatic sync, not asked for
    qtbot.waitUntil(lambda: app.sync_label.text().startswith("已同步 "), timeout=5_000)
    # Turned off on the page: no more checks, and the store remembers it.
    view = show_sync_page(qtbot, app)
    assert view.auto.isChecked()
    view.auto.click()
    qtbot.waitUntil(
        lambda: not on_store(qtbot, app, lambda store: syncing.status(store).auto_sync),
        timeout=5_000,
    )
    app.syncer.set_timings(dataclasses.replace(QUICK, online_ms=30, stale_ms=0))
    new_child(qtbot, app, "周小平")
    with qtbot.assertNotEmitted(app.syncer.check_started, wait=600):
        pass
    assert not app.syncer.timer.isActive() and len(started) == 1
    assert on_store(qtbot, app, lambda store: syncing.status(store).pending) > 0
    # And on again: it syncs the new child by itself.
    with qtbot.waitSignal(app.syncer.finished, timeout=30_000) as finished:
        view.auto.click()
    assert finished.args[0].ok and finished.args[0].pushed > 0
    assert started == [True, True]


def test_locking_stops_a_running_sync_before_the_store_closes(
    qtbot: Any, app: Any, controller: Any, sqlite_server: LiveServer
) -> None:
    sqlite_server.user("wang", "director", VILLAGE_A)
    enroll_app(qtbot, app, sqlite_server)
    new_child(qtbot, app)
    reached, release = threading.Event(), threading.Event()

    def hold() -> None:
        reached.set()
        release.wait(20)

    sqlite_server.app.state.failpoints["push.before_commit"] = hold
    show_sync_page(qtbot, app)
    reports: list[Any] = []
    app.syncer.finished.connect(reports.append)
    app.sync.sync_button.click()
    qtbot.waitUntil(reached.is_set, timeout=10_000)
    with qtbot.waitSignal(controller.session.locked, timeout=30_000):
        controller.lock()
        release.set()
    qtbot.waitUntil(lambda: bool(reports), timeout=10_000)
    assert not app.syncer.running
    assert [r.error for r in reports] == ["cancelled"]  # stopped at the next safe point
    assert controller.unlock.isVisible()
