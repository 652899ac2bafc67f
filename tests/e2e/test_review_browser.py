"""The review tool in a real browser: headless Debian Chromium driven by Playwright against
`python -m bot.review` on loopback, over a tracker store written by Rasa's SQLTrackerStore.

A coordinator signs in, filters Arabic conversations with a handoff, opens one, marks it
reviewed and downloads the filtered list as CSV.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.paths import PROJECT_ROOT
from bot.review.paths import VENDOR_FILES
from bot.servers import free_port
from tests.e2e.chromium import ARTIFACTS, CHROMIUM_ARGS
from tests.review.fixtures import build_fixture_database

pytestmark = pytest.mark.e2e

CHROMIUM = Path("/usr/bin/chromium")
USER, PASSWORD = "aino", "kauniainen-review-2025"


@pytest.fixture(scope="module")
def chromium() -> Path:
    """Debian's Chromium, installed with apt when it is missing (Playwright's own download
    cannot be used here)."""
    if not CHROMIUM.exists() and os.geteuid() == 0 and shutil.which("apt-get"):
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-qq"], check=True, env=env, timeout=600)
        subprocess.run(
            ["apt-get", "install", "-y", "-qq", "chromium"], check=True, env=env, timeout=900
        )
    assert CHROMIUM.exists(), "headless tests need Debian's chromium: apt-get install chromium"
    return CHROMIUM


@pytest.fixture(scope="module")
def review_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    var_dir = tmp_path_factory.mktemp("review-var")
    database = build_fixture_database(var_dir / "tracker.db")
    port = free_port()
    env = {
        **os.environ,
        "KOTOBOT_VAR_DIR": str(var_dir),
        "DATABASE_URL": f"sqlite:///{database}",
        "REVIEW_HOST": "127.0.0.1",
        "REVIEW_PORT": str(port),
        "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
    }
    env.pop("REVIEW_SECRET_KEY", None)
    command = [sys.executable, "-m", "bot.review"]
    subprocess.run(
        [*command, "add-user", USER], input=PASSWORD + "\n", text=True, env=env, check=True
    )
    log = (var_dir / "review.log").open("w")
    server = subprocess.Popen(
        command, env=env, cwd=PROJECT_ROOT, stdout=log, stderr=subprocess.STDOUT
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_ready(f"{base}/login", server)
        yield base
    finally:
        server.terminate()
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()


def _wait_ready(url: str, server: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert server.poll() is None, "the review server exited during start-up"
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            time.sleep(0.3)
    raise AssertionError(f"the review server did not answer within {timeout:.0f} s")


@pytest.fixture
def page(chromium: Path, tmp_path: Path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(chromium), headless=True, args=CHROMIUM_ARGS
        )
        context = browser.new_context(accept_downloads=True, locale="fi-FI")
        page = context.new_page()
        page.set_default_timeout(15_000)
        try:
            yield page
        finally:
            context.close()
            browser.close()


def _sign_in(page, base: str) -> None:
    page.goto(base + "/")
    assert "/login" in page.url
    page.get_by_label("Name").fill(USER)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(base + "/")


def test_a_coordinator_reviews_an_arabic_handoff_and_exports_the_list(page, review_server):
    base = review_server
    _sign_in(page, base)
    assert page.locator("tr[data-sender]").count() == 10

    page.locator("select[name=language]").select_option("ar")
    page.locator("select[name=handoff]").select_option("any")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url("**language=ar**")
    assert "handoff=any" in page.url  # the view can be bookmarked
    rows = page.locator("tr[data-sender]")
    assert sorted(rows.evaluate_all("rs => rs.map(r => r.dataset.sender)")) == [
        "ar-telegram-handoff-sent",
        "ar-web-handoff-failed",
    ]

    page.locator('tr[data-sender="ar-web-handoff-failed"] a').click()
    page.wait_for_url("**/conversations/ar-web-handoff-failed**")
    message = page.get_by_text("أين أحصل على كايكوكورتي؟", exact=True)
    assert message.is_visible()
    assert message.evaluate("e => getComputedStyle(e).direction") == "rtl"
    english = page.get_by_text("Kotobot review", exact=True)
    assert english.evaluate("e => getComputedStyle(e).direction") == "ltr"
    assert page.get_by_text("أريد التحدث مع شخص، رقمي [phone]").is_visible()
    assert "0401234567" not in page.content()
    assert page.locator("#handoff-status").inner_text() == "failed"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "review-transcript.png"), full_page=True)

    page.get_by_role("button", name="Mark reviewed").click()
    page.wait_for_load_state()
    assert page.locator("#review-status").inner_text() == "Reviewed"

    page.get_by_role("link", name="← Conversations").click()
    page.wait_for_url("**language=ar**")
    row = page.locator('tr[data-sender="ar-web-handoff-failed"]')
    assert "Reviewed" in row.inner_text()
    page.screenshot(path=str(ARTIFACTS / "review-list.png"), full_page=True)

    with page.expect_download() as info:
        page.get_by_role("link", name="Export CSV").click()
    download = info.value
    assert download.suggested_filename.endswith(".csv")
    content = Path(download.path()).read_text(encoding="utf-8")
    table = list(csv.DictReader(io.StringIO(content)))
    assert {r["conversation"]: r["review_status"] for r in table} == {
        "ar-web-handoff-failed": "Reviewed",
        "ar-telegram-handoff-sent": "New",
    }
    assert {r["handoff"] for r in table} == {"failed", "sent"}


@pytest.mark.skipif(
    not all(p.exists() for p in VENDOR_FILES.values()),
    reason="Chart.js is not installed: npm ci --prefix bot/review",
)
def test_the_analytics_charts_are_drawn(page, review_server):
    _sign_in(page, review_server)
    page.get_by_role("link", name="Analytics").click()
    page.wait_for_url("**/analytics")
    for chart in ("chart-language", "chart-channel", "chart-services", "chart-fallback"):
        drawn = page.evaluate(f"() => window.Chart.getChart('{chart}') !== undefined")
        assert drawn, chart
    assert page.get_by_text("blorf the wibble").is_visible()
    page.screenshot(path=str(ARTIFACTS / "review-analytics.png"), full_page=True)
