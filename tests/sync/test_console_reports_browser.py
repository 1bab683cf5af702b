"""The 报表 page in a real browser (Debian's chromium driven by Selenium, against the real
server on loopback with PostgreSQL): the county's 汇总表 is chosen, downloaded into the
folder set in Chrome's preferences under its Chinese name, and read back.

Screenshots at 1366x768 go to pytest's temporary folder, or ``$CHILDCARE_CONSOLE_SHOTS``."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from childcare_desktop.documents import summary as summary_doc
from tests.sync import test_console_browser as base
from tests.sync.conftest import Laptop, LiveServer
from tests.sync.console import PASSWORD, add_staff
from tests.sync.test_console_reports import _fill, _pdf_text, _server
from tests.sync.township import COUNTY, World, make_world

pytestmark = base.pytestmark  # slow; skipped without chromium and its driver


@pytest.fixture
def downloads(tmp_path: Path) -> Path:
    folder = tmp_path / "downloads"
    folder.mkdir()
    return folder


@pytest.fixture
def browser(downloads: Path) -> Iterator[object]:
    prefs = {
        "download.default_directory": str(downloads),
        "download.prompt_for_download": False,
        "download.directory_upgrade": True,
    }
    yield from base.chrome(prefs)


@pytest.fixture
def pg_world(pg_server: LiveServer, make_laptop: Callable[..., Laptop]) -> World:
    return make_world(pg_server, make_laptop)


def test_download_the_county_summary_as_pdf(
    pg_world: World, browser: object, downloads: Path, tmp_path: Path
) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import Select, WebDriverWait

    world = pg_world
    _fill(world)
    add_staff(world.server.db, "wangfang", "county-admin")
    shots = Path(os.environ.get("CHILDCARE_CONSOLE_SHOTS") or tmp_path / "shots")
    shots.mkdir(parents=True, exist_ok=True)
    driver = browser  # a selenium WebDriver
    wait = WebDriverWait(driver, 20)  # type: ignore[arg-type]
    find = driver.find_element  # type: ignore[attr-defined]

    driver.get(world.server.url + "/console/login")  # type: ignore[attr-defined]
    find(By.ID, "name").send_keys("wangfang")
    find(By.ID, "password").send_keys(PASSWORD)
    find(By.ID, "submit").click()
    wait.until(ec.url_to_be(world.server.url + "/console/"))
    find(By.LINK_TEXT, "报表").click()
    wait.until(ec.presence_of_element_located((By.ID, "report-form")))
    Select(find(By.ID, "scope")).select_by_value(COUNTY)
    Select(find(By.ID, "doc")).select_by_value("summary")
    Select(find(By.ID, "format")).select_by_value("pdf")
    driver.save_screenshot(str(shots / "console-reports.png"))  # type: ignore[attr-defined]
    find(By.ID, "download").click()

    def downloaded(_driver: object) -> Path | None:
        """The PDF once chromium has finished writing it (no partial file left, and the
        file not empty: chromium may show the final name before the bytes are in)."""
        files = list(downloads.iterdir())
        if any(p.suffix == ".crdownload" for p in files):
            return None
        done = [p for p in files if p.suffix == ".pdf" and p.stat().st_size > 0]
        return done[0] if done else None

    pdf = wait.until(downloaded)
    beijing = (datetime.now(UTC) + timedelta(hours=8)).date()  # the form's day by default
    assert pdf.name == f"汇总表-清河县-{beijing.isoformat()}.pdf"
    text = _pdf_text(pdf.read_bytes())
    table, _ = _server(world, COUNTY, beijing)
    assert summary_doc.DOC_TITLE in text and "青石镇" in text and "白沙乡" in text
    assert f"儿童总数61{table.grand_total()}" in text
    assert "打印人：wangfang" in text
