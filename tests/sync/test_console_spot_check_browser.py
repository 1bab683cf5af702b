"""抽查 in a real browser (Debian's chromium driven by Selenium) against the real server
on loopback with PostgreSQL: draw a sample of a township's files, record each file's
checklist (one 不合格 with its note), see the check 完成 and its finding, and download
the result table, read back with pdftotext."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import requests

from sync.server import spot_checks
from tests.sync import test_console_browser as base
from tests.sync.conftest import TOWNSHIP, LiveServer
from tests.sync.console import PASSWORD, add_staff
from tests.sync.test_spot_checks import fill
from tests.sync.township import make_world

pytestmark = base.pytestmark  # slow; skipped without chromium and its driver
browser = base.browser  # the fixture: headless chromium at 1366x768


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_draw_a_sample_record_findings_and_download_the_result(
    pg_server: LiveServer, browser: Any, make_laptop: Callable[..., Any], tmp_path: Path
) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import Select, WebDriverWait

    server, driver = pg_server, browser
    shots = base._shots(tmp_path)
    ids = fill(make_world(server, make_laptop))  # five files in township 1, one elsewhere
    add_staff(server.db, "wangfang", "county-admin")
    wait = WebDriverWait(driver, 10)
    find = driver.find_element
    driver.get(server.url + "/console/login")
    find(By.ID, "name").send_keys("wangfang")
    find(By.ID, "password").send_keys(PASSWORD)
    find(By.ID, "submit").click()
    wait.until(ec.url_to_be(server.url + "/console/"))

    find(By.LINK_TEXT, "抽查").click()
    wait.until(ec.presence_of_element_located((By.ID, "draw")))
    Select(find(By.ID, "scope")).select_by_value(TOWNSHIP)
    size = find(By.ID, "size")
    size.clear()
    size.send_keys("9")  # more than the township's five files: refused in words
    find(By.ID, "draw").click()
    message = wait.until(ec.presence_of_element_located((By.ID, "message"))).text
    assert "抽查份数须为1到5之间的整数" in message
    size = find(By.ID, "size")
    size.clear()
    size.send_keys("3")
    seed = find(By.ID, "seed")
    seed.clear()
    seed.send_keys("20261201")
    driver.save_screenshot(str(shots / "console-spot-checks.png"))
    find(By.ID, "draw").click()
    wait.until(ec.presence_of_element_located((By.ID, "files")))
    assert find(By.ID, "seed").text == "20261201"
    assert "random.Random(种子).sample" in find(By.ID, "method").text
    rows = find(By.CSS_SELECTOR, "#files tbody").find_elements(By.TAG_NAME, "tr")
    drawn = [r.get_attribute("data-child") for r in rows]
    township = sorted(v for k, v in ids.items() if k != "孙小芳")
    assert drawn == spot_checks.redraw(township, "20261201", 3)
    check_url = driver.current_url

    for n, child in enumerate(drawn):
        find(By.CSS_SELECTOR, f"#f-{child} a.record").click()
        wait.until(ec.presence_of_element_located((By.ID, "checklist")))
        for key, _ in spot_checks.ITEMS:
            verdict = "fail" if (n, key) == (0, "agreement") else "na" if key == "other" else "pass"
            find(By.ID, f"{key}-{verdict}").click()
        if n == 0:
            find(By.ID, "note-agreement").send_keys("协议已过期未续签")
            driver.save_screenshot(str(shots / "console-spot-check-file.png"))
        find(By.ID, "save").click()
        wait.until(ec.url_to_be(f"{check_url}#f-{child}"))
    assert find(By.ID, "state").text == "完成"
    finding = find(By.CSS_SELECTOR, "#findings tbody tr")
    assert "协议有效" in finding.text and "协议已过期未续签" in finding.text
    assert "待整改" in finding.text
    driver.save_screenshot(str(shots / "console-spot-check.png"))

    # The PDF the link gives, fetched with the browser's session.
    href = find(By.ID, "pdf").get_attribute("href")
    cookies = {c["name"]: c["value"] for c in driver.get_cookies()}
    answer = requests.get(href, cookies=cookies, timeout=30)
    assert answer.status_code == 200 and answer.headers["content-type"] == "application/pdf"
    pdf = tmp_path / "spot.pdf"
    pdf.write_bytes(answer.content)
    shutil.copy(pdf, shots / "spot-check.pdf")
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "档案管理抽查结果表" in text and "20261201" in text and "wangfang" in text
    assert "协议已过期未续签" in text and "不合格" in text
    names = {v: k for k, v in ids.items()}
    assert all(names[c] in text for c in drawn)  # an administrator prints the names
