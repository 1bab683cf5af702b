"""Save a picture of every page of the county console, at 1366x768, in a real browser.

    python docs/console_screenshots.py OUTDIR

A county server (SQLite, a temporary folder) on a loopback port gets a township's work
the way a real one does: an invented township of four villages (the demo's synthetic
children, never a real person) is built on a supervisor's laptop store, enrolled and
synced. Then Debian's chromium (driven by Selenium through chromium-driver) logs in as a
county administrator with a TOTP code and saves each page. The README shows the pictures.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from screenshots import _LoopbackServer  # noqa: E402  (the same server the app's pictures use)

PASSWORD = "lantern-river-sleepy-7"
SUPERVISOR = "周丽华"
# (file name, path, what must be on the page); {village} and {township} filled in.
PAGES = (
    ("c01-login", "/console/login", "登录"),
    ("c02-dashboard", "/console/", "全县总览"),
    ("c03-township", "/console/township/{township}", "各村"),
    ("c04-village", "/console/village/{village}", "在册儿童"),
    ("c05-sync", "/console/sync", "同步情况"),
    ("c06-reports", "/console/reports", "报表"),
    ("c07-duplicates", "/console/duplicates", "疑似重复"),
    ("c08-quarantine", "/console/quarantine", "搁置的修改"),
    ("c09-audit", "/console/audit", "查阅记录"),
    ("c10-users", "/console/users", "用户"),
    ("c11-devices", "/console/devices", "设备"),
    ("c12-codes", "/console/codes", "登记码"),
    ("c13-regions", "/console/regions", "区划名称"),
    ("c14-policy", "/console/policy", "县级政策"),
    ("c15-account", "/console/account", "我的账户"),
    ("c07-spot-checks", "/console/spot-checks", "抽查"),
    ("c16-spot-check", "/console/spot-checks/{check}", "抽查"),
)


def fill(server: Any) -> dict[str, str]:
    """A supervisor's store of an invented township, enrolled and synced; the places."""
    from childcare_desktop.core.roles import Role
    from childcare_desktop.services import demo, demo_township, stores, syncing
    from childcare_desktop.storage import settings
    from sync.server import regions
    from sync.server.app import now_ms

    folder = Path(server.folder)
    store = stores.create(
        folder / "township.db",
        "township-passphrase-2",
        actor=SUPERVISOR,
        region_code=demo.TOWNSHIP,
        role=Role.SUPERVISOR.value,
    )
    with store.session() as session:
        demo_township.build_demo_township(session, villages=4, children=24, own_work=True)
        settings.write(session, settings.DEMO, False)  # its synthetic children go to this server
    server.user(SUPERVISOR, Role.SUPERVISOR.value, demo.TOWNSHIP)
    code = server.code(SUPERVISOR)
    syncing.enroll(store, server.url, user=SUPERVISOR, code=code, label="乡镇办公室电脑")
    for _ in range(5):  # a few pages of pushes
        if syncing.run(store).ok and not syncing.status(store).pending:
            break
    with server.db.write() as conn:
        names = dict(demo_township.demo_place_names(4))
        regions.import_names(conn, names, now_ms=now_ms())
    _held_edit(server, store)
    return {
        "township": demo.TOWNSHIP,
        "village": demo_township.demo_village_codes(4)[0],
        "check": _spot_check(server),
    }


def _held_edit(server: Any, store: Any) -> None:
    """One change the server sets aside (for 搁置的修改): the county has since moved the
    supervisor's account to another township, and the laptop edits a child of the old one."""
    from sqlalchemy import update

    from childcare_desktop.services import children, syncing
    from childcare_desktop.services.roster import search_roster
    from sync.server import schema as s

    with server.db.write() as conn:
        moved = s.user.c.name == SUPERVISOR
        conn.execute(update(s.user).where(moved).values(region="349901102"))
    with store.session() as session:
        child = search_roster(session)[0]
        children.update_child(session, child_id=child.id, phone="13712345678")
    syncing.run(store)


def _spot_check(server: Any) -> str:
    """A spot check of the township (5 files, a fixed seed), three files recorded, one
    with a finding; its id."""
    import json
    from datetime import date

    from sqlalchemy import select

    from sync.server import schema as s
    from sync.server import spot_checks
    from sync.server.app import now_ms

    with server.db.write() as conn:
        found = spot_checks.draw(
            conn, "349901101", "5", "20261130", who="郑科长", today=date.today(), now_ms=now_ms()
        )
        sample = json.loads(
            conn.execute(select(s.spot_check.c.sample).where(s.spot_check.c.id == found)).scalar()
        )
        passed = {key: ("pass", "") for key, _ in spot_checks.ITEMS}
        for n, child_id in enumerate(sample[:3]):
            answers = dict(passed)
            if n == 1:
                answers["visits"] = ("fail", "近四个月没有入户走访记录")
            spot_checks.record(conn, found, child_id, answers, who="郑科长", now_ms=now_ms())
    return str(found)


def pdf_page(server: Any, driver: Any, path: str, out: Path) -> Path:
    """The first page of a PDF the console serves, as the browser's session fetches it."""
    import subprocess

    import requests

    cookies = {c["name"]: c["value"] for c in driver.get_cookies()}
    answer = requests.get(server.url + path, cookies=cookies, timeout=30)
    answer.raise_for_status()
    pdf = out.with_suffix(".pdf")
    pdf.write_bytes(answer.content)
    subprocess.run(["pdftoppm", "-png", "-r", "80", "-singlefile", str(pdf), str(out)], check=True)
    pdf.unlink()
    return out.with_suffix(".png")


def admin(server: Any) -> str:
    """A county administrator who logs in with a TOTP code; its secret."""
    from sqlalchemy import select

    from sync.server import schema as s
    from sync.server.app import now_ms
    from sync.server.console import staff

    with server.db.write() as conn:
        staff.create(conn, "郑科长", "county-admin", PASSWORD, require_totp=True, now_ms=now_ms())
        staff.new_totp(conn, "郑科长", now_ms=now_ms())
        query = select(s.staff.c.totp_secret).where(s.staff.c.name == "郑科长")
        return str(conn.execute(query).scalar())


def browser() -> Any:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(shutil.which("chromium"))
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--lang=zh-CN"):
        options.add_argument(argument)
    service = Service(executable_path=str(shutil.which("chromedriver")))
    driver = webdriver.Chrome(options=options, service=service)
    driver.set_window_size(1366, 768)
    return driver


def capture(outdir: Path) -> list[Path]:
    import pyotp
    from selenium.webdriver.common.by import By

    outdir.mkdir(parents=True, exist_ok=True)
    server = _LoopbackServer()
    driver = browser()
    saved = []
    try:
        places = fill(server)
        secret = admin(server)
        for name, path, expect in PAGES:
            driver.get(server.url + path.format(**places))
            if name == "c01-login":
                saved.append(_save(driver, outdir, name, expect))
                driver.find_element(By.ID, "name").send_keys("郑科长")
                driver.find_element(By.ID, "password").send_keys(PASSWORD)
                driver.find_element(By.ID, "submit").click()
                driver.find_element(By.ID, "code").send_keys(pyotp.TOTP(secret).now())
                driver.find_element(By.ID, "submit").click()
                continue
            saved.append(_save(driver, outdir, name, expect))
        sheet = f"/console/spot-checks/{places['check']}/pdf"
        saved.append(pdf_page(server, driver, sheet, outdir / "c17-spot-check-pdf"))
    finally:
        driver.quit()
        server.close()
    return saved


def _save(driver: Any, outdir: Path, name: str, expect: str) -> Path:
    if expect not in driver.page_source:
        raise SystemExit(f"{name}: the page does not say {expect!r}: {driver.current_url}")
    height = driver.execute_script("return document.documentElement.scrollHeight")
    driver.set_window_size(1366, max(768, min(int(height) + 120, 2400)))  # the whole page
    path = outdir / f"{name}.png"
    driver.save_screenshot(str(path))
    driver.set_window_size(1366, 768)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("outdir", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory():
        for path in capture(args.outdir):
            print(path)


if __name__ == "__main__":
    main()
