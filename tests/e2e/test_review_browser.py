"""The review tool in a real browser: headless Debian Chromium driven by Playwright against
`python -m bot.review` on loopback, over a tracker store written by Rasa's SQLTrackerStore.

A coordinator whose browser asks for Finnish signs in, filters Arabic conversations with a
handoff, opens one, marks it reviewed and downloads the filtered list as CSV, all in Finnish;
another chooses Swedish and finds it again after signing out, on another browser. axe-core
(npm, bot/review/node_modules, injected by the test, never served by the tool) checks every
page: no serious or critical accessibility violations.
"""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.review.paths import NODE_MODULES, VENDOR_FILES
from tests.e2e.chromium import ARTIFACTS, CHROMIUM_ARGS
from tests.security.review_server import PASSWORD, USER
from tests.security.review_server import review_server as running_review

pytestmark = pytest.mark.e2e

CHROMIUM = Path("/usr/bin/chromium")
AXE = NODE_MODULES / "axe-core" / "axe.min.js"
# axe-core's impact levels that fail the test.
BLOCKING = ("serious", "critical")


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
    with running_review(tmp_path_factory.mktemp("review-var")) as server:
        yield server.base


@pytest.fixture
def browser(chromium: Path):
    from playwright.sync_api import sync_playwright

    assert AXE.exists(), "axe-core is not installed: npm ci --prefix bot/review"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(chromium), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield browser
        finally:
            browser.close()


def _new_page(browser, locale: str):
    """A fresh browser profile whose Accept-Language is `locale`, with axe-core loaded into
    every page (an init script, so the pages' Content-Security-Policy stays as it is)."""
    context = browser.new_context(accept_downloads=True, locale=locale)
    context.add_init_script(path=str(AXE))
    page = context.new_page()
    page.set_default_timeout(15_000)
    return page


@pytest.fixture
def page(browser):
    page = _new_page(browser, "fi-FI")
    try:
        yield page
    finally:
        page.context.close()


def assert_accessible(page) -> None:
    """axe-core's WCAG 2.x A/AA and best-practice rules on the page as it is now: no serious
    or critical violations (the rest are printed)."""
    violations = page.evaluate(
        """async () => (await window.axe.run(document, {resultTypes: ["violations"]}))
            .violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                   nodes: v.nodes.slice(0, 5).map(n => n.target.join(" "))}))"""
    )
    for violation in violations:
        print(page.url, violation)
    assert [v for v in violations if v["impact"] in BLOCKING] == [], page.url


def _sign_in(page, base: str, name: str, password: str, button: str) -> None:
    page.goto(base + "/")
    assert "/login" in page.url
    assert_accessible(page)
    page.get_by_label(name, exact=True).fill(USER)
    page.get_by_label(password, exact=True).fill(PASSWORD)
    page.get_by_role("button", name=button, exact=True).click()
    page.wait_for_url(base + "/")


def test_a_coordinator_reviews_an_arabic_handoff_and_exports_the_list(page, review_server):
    base = review_server
    _sign_in(page, base, "Käyttäjätunnus", "Salasana", "Kirjaudu")
    assert page.locator("html").get_attribute("lang") == "fi"
    assert page.locator("tr[data-sender]").count() == 10
    assert page.locator("#result-count").inner_text() == "10 keskustelua."
    assert_accessible(page)

    page.locator("form.filters select[name=language]").select_option("ar")
    page.locator("select[name=handoff]").select_option("any")
    page.get_by_role("button", name="Suodata").click()
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
    finnish = page.get_by_text("Kotobot-tarkastelu", exact=True)
    assert finnish.evaluate("e => getComputedStyle(e).direction") == "ltr"
    assert page.get_by_text("أريد التحدث مع شخص، رقمي [phone]").is_visible()
    assert "0401234567" not in page.content()
    assert page.locator("#handoff-status").inner_text() == "epäonnistui"
    assert page.get_by_text("(Suomen aika)").first.is_visible()
    # The entities (and a button's payload) are one click away, on the message's details.
    details = page.locator("details.nlu").first
    assert "intentti greet" in details.locator("summary").inner_text()
    assert not details.get_by_text("language=ar").is_visible()
    details.locator("summary").click()
    assert details.get_by_text("language=ar").is_visible()
    assert_accessible(page)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "review-transcript.png"), full_page=True)

    page.get_by_role("button", name="Merkitse tarkastetuksi").click()
    page.wait_for_load_state()
    assert page.locator("#review-status").inner_text() == "Tarkastettu"

    page.get_by_role("link", name="← Keskustelut").click()
    page.wait_for_url("**language=ar**")
    row = page.locator('tr[data-sender="ar-web-handoff-failed"]')
    assert "Tarkastettu" in row.inner_text()
    page.screenshot(path=str(ARTIFACTS / "review-list.png"), full_page=True)

    with page.expect_download() as info:
        page.get_by_role("link", name="Lataa CSV").click()
    download = info.value
    assert download.suggested_filename.endswith(".csv")
    content = Path(download.path()).read_text(encoding="utf-8")
    table = list(csv.DictReader(io.StringIO(content)))
    assert {r["conversation"]: r["review_status"] for r in table} == {
        "ar-web-handoff-failed": "Reviewed",
        "ar-telegram-handoff-sent": "New",
    }
    assert {r["handoff"] for r in table} == {"failed", "sent"}  # the CSV stays in English

    page.goto(base + "/improve")
    assert page.locator("h1").inner_text() == "Botin parantaminen"
    assert_accessible(page)
    page.goto(base + "/nosuchpage")
    assert page.locator("h1").inner_text() == "Sivua ei löydy"
    assert_accessible(page)

    # The check can fail: a page without its language and a field without a label is refused.
    page.evaluate(
        """() => {
            document.documentElement.removeAttribute("lang");
            document.querySelector("label").replaceWith(document.createElement("input"));
        }"""
    )
    with pytest.raises(AssertionError):
        assert_accessible(page)


@pytest.mark.skipif(
    not all(p.exists() for p in VENDOR_FILES.values()),
    reason="Chart.js is not installed: npm ci --prefix bot/review",
)
def test_the_analytics_charts_are_drawn(page, review_server):
    _sign_in(page, review_server, "Käyttäjätunnus", "Salasana", "Kirjaudu")
    page.get_by_role("link", name="Tilastot").click()
    page.wait_for_url("**/analytics")
    for chart in ("chart-language", "chart-channel", "chart-services", "chart-fallback"):
        drawn = page.evaluate(f"() => window.Chart.getChart('{chart}') !== undefined")
        assert drawn, chart
    legend = page.evaluate(
        "() => window.Chart.getChart('chart-channel').data.datasets.map(d => d.label)"
    )
    assert "Verkkosivu" in legend and "Website" not in legend  # labels from the server
    axis = page.evaluate("() => window.Chart.getChart('chart-language').data.labels")
    assert re.fullmatch(r"\d{1,2}\.\d{1,2}\.", axis[-1])  # "5.12."
    assert page.get_by_text("blorf the wibble").is_visible()
    assert_accessible(page)
    page.screenshot(path=str(ARTIFACTS / "review-analytics.png"), full_page=True)


def test_a_coordinator_chooses_swedish_and_keeps_it_on_another_browser(browser, review_server):
    base = review_server
    page = _new_page(browser, "en-GB")
    try:
        _sign_in(page, base, "Name", "Password", "Sign in")
        assert page.locator("h1").inner_text() == "Conversations"
        page.locator("#ui-language").select_option("sv")
        page.get_by_role("button", name="Change").click()
        page.wait_for_url(base + "/")
        assert page.locator("html").get_attribute("lang") == "sv"
        assert page.locator("h1").inner_text() == "Samtal"
        assert_accessible(page)
        page.get_by_role("button", name="Logga ut").click()
        page.wait_for_url("**/login")
        assert page.get_by_role("button", name="Logga in").is_visible()
    finally:
        page.context.close()
    other = _new_page(browser, "fi-FI")  # another device, whose browser prefers Finnish
    try:
        _sign_in(other, base, "Käyttäjätunnus", "Salasana", "Kirjaudu")
        assert other.locator("h1").inner_text() == "Samtal"
        # Back to Finnish, the language the other tests expect.
        other.locator("#ui-language").select_option("fi")
        other.get_by_role("button", name="Byt").click()
        other.wait_for_url(base + "/")
        assert other.locator("h1").inner_text() == "Keskustelut"
    finally:
        other.context.close()
