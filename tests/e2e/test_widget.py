"""The website widget in headless Chromium, served by `python -m bot.widget`, against the real
Rasa server of the `stack` fixture.

The browser sees the page at the first http origin of the stack's CORS_ORIGINS (by default
http://localhost:8080): Chromium's --host-resolver-rules sends that address to the widget
server's free port, so the test runs on the origin that the Rasa server allows.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import pytest

from bot.answers import topic_services_reply, topics_reply
from bot.catalogue import get_catalogue
from bot.i18n import text
from bot.paths import PROJECT_ROOT
from bot.process import free_port
from tests.e2e.chromium import ARTIFACTS, CHROMIUM_ARGS

if TYPE_CHECKING:  # imported where used, so that collecting the unit tests needs no browser
    from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.e2e

CHROMIUM = Path("/usr/bin/chromium")
TIMEOUT_MS = 30_000


# --- fixtures ---------------------------------------------------------------------------------


def _allowed_http_origin(cors_origins: str) -> str:
    for origin in cors_origins.split():
        parts = urlsplit(origin)
        if parts.scheme == "http" and parts.hostname and not parts.hostname[0].isdigit():
            return f"http://{parts.netloc}"
    pytest.fail(
        f"CORS_ORIGINS ({cors_origins!r}) has no http origin with a host name to serve from"
    )


@dataclass
class WidgetServer:
    origin: str  # what the browser sees
    port: int  # where python -m bot.widget listens


@pytest.fixture(scope="module")
def widget_server(stack) -> Iterator[WidgetServer]:
    port = free_port()
    log_path = stack.log_dir / "widget.log"
    with log_path.open("w") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "bot.widget"],
            cwd=PROJECT_ROOT,
            env={
                **os.environ,
                "WIDGET_HOST": "127.0.0.1",
                "WIDGET_PORT": str(port),
                "RASA_PUBLIC_URL": stack.base,
            },
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            deadline = time.monotonic() + 30
            while True:
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=1):
                        break
                except OSError:
                    if process.poll() is not None or time.monotonic() > deadline:
                        pytest.fail("the widget server did not start:\n" + log_path.read_text())
                    time.sleep(0.2)
            yield WidgetServer(_allowed_http_origin(stack.settings.cors_origins), port)
        finally:
            process.terminate()
            process.wait(10)


@pytest.fixture(scope="module")
def browser(widget_server: WidgetServer) -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail("headless Chromium is missing: apt-get install -y chromium")
    from playwright.sync_api import sync_playwright

    host = urlsplit(widget_server.origin).netloc
    rules = f"--host-resolver-rules=MAP {host} 127.0.0.1:{widget_server.port}"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=[*CHROMIUM_ARGS, rules]
        )
        try:
            yield browser
        finally:
            browser.close()


class Widget:
    """The widget on the demo page, driven as a person would."""

    def __init__(self, page: Page, origin: str) -> None:
        self.page = page
        self.origin = origin

    def open(self) -> None:
        self.page.goto(self.origin + "/")
        self.page.get_by_role("button", name="Kysy Kotobotilta").click()
        self.wait_online()

    def wait_online(self) -> None:
        self.page.wait_for_selector(
            ".kotobot[data-status=online]", state="attached", timeout=TIMEOUT_MS
        )

    def say(self, message: str) -> None:
        self.page.fill("#kotobot-input", message)
        self.page.press("#kotobot-input", "Enter")

    def bot_texts(self) -> list[str]:
        return self.page.eval_on_selector_all(
            ".kotobot__msg--bot", "nodes => nodes.map(n => n.innerText.trim())"
        )

    def user_texts(self) -> list[str]:
        return self.page.eval_on_selector_all(
            ".kotobot__msg--user", "nodes => nodes.map(n => n.innerText.trim())"
        )

    def wait_for_answer(self, last_text: str) -> None:
        """Until the last bot bubble says `last_text`."""
        from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

        try:
            self.page.wait_for_function(
                """expected => {
                    const bubbles = document.querySelectorAll('.kotobot__msg--bot');
                    const last = bubbles[bubbles.length - 1];
                    return last !== undefined && last.innerText.trim() === expected;
                }""",
                arg=last_text,
                timeout=TIMEOUT_MS,
            )
        except PlaywrightTimeoutError:
            pytest.fail(
                f"the browser did not get the answer {last_text!r}; it shows {self.bot_texts()}. "
                "If the server's tracker has the reply, the socket.io channel did not put the "
                "browser in its session's room: credentials.yml must use "
                "bot.channels.socketio.channel.SocketIOInput (see bot/widget/README.md)."
            )

    def reply_titles(self) -> list[str]:
        return self.page.eval_on_selector_all(
            ".kotobot__reply", "nodes => nodes.map(n => n.textContent)"
        )

    def session_token(self) -> str | None:
        """The signed session id the server issued, as the widget keeps it."""
        return self.page.evaluate("localStorage.getItem('kotobot.session')")

    def session_id(self) -> str:
        """The conversation id on the server: the token without its signature."""
        token = self.session_token() or ""
        return token.rsplit(".", 1)[0]

    def screenshot(self, name: str) -> Path:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTIFACTS / name
        self.page.screenshot(path=str(path))
        print(f"screenshot: {path}")
        return path


@pytest.fixture
def widget(browser: Browser, widget_server: WidgetServer) -> Iterator[Widget]:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        yield Widget(page, widget_server.origin)
    finally:
        context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"


def _variant(domain_responses, name: str, language: str) -> str:
    return next(v["text"] for v in domain_responses[name] if v["condition"][0]["value"] == language)


def _user_messages(stack, session: str, count: int) -> list[str]:
    """The user messages the server keeps for a session, once it has stored `count` of them.

    Replies reach the browser before Rasa saves the turn, so the tracker is asked until then.
    """
    deadline = time.monotonic() + 15
    while True:
        events = stack.tracker(session)["events"]
        said = [e["text"] for e in events if e["event"] == "user"]
        if len(said) >= count or time.monotonic() > deadline:
            return said
        time.sleep(0.2)


def _direction(widget: Widget, selector: str) -> str:
    return widget.page.eval_on_selector(selector, "n => getComputedStyle(n).direction")


# --- what a person does -------------------------------------------------------------------------


def test_an_arabic_question_gets_a_right_to_left_answer_with_buttons(widget, domain_responses):
    catalogue = get_catalogue()
    widget.open()
    widget.page.select_option("#kotobot-language", "ar")
    widget.wait_for_answer(text("language_changed", "ar"))
    root = widget.page.locator("#kotobot")
    assert root.get_attribute("dir") == "rtl" and root.get_attribute("lang") == "ar"
    assert widget.page.locator(".kotobot__send").inner_text() == "إرسال"
    assert widget.page.get_attribute("#kotobot-input", "placeholder") == "اكتب رسالتك…"

    widget.say("مرحبا")
    topics = topics_reply(catalogue, "ar")
    widget.wait_for_answer(topics.text)
    assert _variant(domain_responses, "utter_greet", "ar") in widget.bot_texts()
    last_bot = ".kotobot__msg--bot >> nth=-1"
    assert widget.page.get_attribute(last_bot, "dir") == "rtl"
    assert _direction(widget, last_bot) == "rtl"
    # Right to left as a reader sees it: the bot's bubble starts at the right edge of the log.
    bubble = widget.page.locator(last_bot).bounding_box()
    log = widget.page.locator(".kotobot__log").bounding_box()
    assert bubble and log
    assert log["x"] + log["width"] - (bubble["x"] + bubble["width"]) < 30
    assert widget.reply_titles() == [button["title"] for button in topics.buttons]
    widget.screenshot("widget-ar.png")

    # A button sends its payload and shows its title as the user's message.
    families = catalogue.topic("families")
    widget.page.get_by_role("button", name=families.name["ar"]).click()
    services = topic_services_reply(catalogue, "families", "ar")
    widget.wait_for_answer(services.text)
    assert widget.user_texts()[-1] == families.name["ar"]
    assert widget.reply_titles() == [button["title"] for button in services.buttons]
    # An Arabic title that starts with a Finnish name still reads right to left.
    mixed = next(b["title"] for b in services.buttons if b["title"][0].isascii())
    assert _direction(widget, f".kotobot__reply >> text={mixed}") == "rtl"


def test_the_conversation_and_its_history_survive_a_reload(widget, stack, domain_responses):
    widget.open()
    widget.say("hei")
    topics = topics_reply(get_catalogue(), "fi")
    widget.wait_for_answer(topics.text)
    before = (widget.user_texts(), widget.bot_texts(), widget.reply_titles())
    session = widget.session_id()
    widget.screenshot("widget-fi.png")

    widget.page.reload()
    widget.wait_online()  # the panel stays open
    assert (widget.user_texts(), widget.bot_texts(), widget.reply_titles()) == before
    assert widget.session_id() == session

    # The same conversation goes on: the server has both messages under one sender.
    work = get_catalogue().topic("work")
    widget.page.get_by_role("button", name=work.name["fi"]).click()
    widget.wait_for_answer(topic_services_reply(get_catalogue(), "work", "fi").text)
    assert _user_messages(stack, session, 2) == ["hei", '/help{"topic":"work"}']


def test_choosing_a_language_switches_the_bot_and_the_widget(widget, stack, domain_responses):
    widget.open()
    widget.say("hei")
    widget.wait_for_answer(topics_reply(get_catalogue(), "fi").text)

    widget.page.select_option("#kotobot-language", "sv")
    widget.wait_for_answer(text("language_changed", "sv"))
    assert widget.user_texts()[-1] == "Svenska"
    assert widget.page.locator(".kotobot__send").inner_text() == "Skicka"
    assert widget.page.locator(".kotobot__title").inner_text() == "Fråga Kotobot"
    assert widget.page.locator("#kotobot").get_attribute("dir") == "ltr"

    # The next answer is Swedish, also for a message that tells no language by itself.
    session = widget.session_id()
    widget.say("👍")
    assert len(_user_messages(stack, session, 3)) == 3
    events = stack.tracker(session)["events"]
    last_user = max(i for i, e in enumerate(events) if e["event"] == "user")
    answer = [e["text"] for e in events[last_user:] if e["event"] == "bot"]
    assert answer, "the server did not answer"
    widget.wait_for_answer(answer[-1])
    assert widget.bot_texts()[-len(answer) :] == answer
    swedish = {_variant(domain_responses, name, "sv") for name in domain_responses}
    swedish |= {text("choose_topic", "sv")}
    assert set(answer) <= swedish
    # The widget's language went to the bot with every message.
    hints = [e.get("metadata", {}).get("language") for e in events if e["event"] == "user"]
    assert hints == ["fi", "sv", "sv"]


def test_the_widget_works_with_the_keyboard_alone(widget):
    page = widget.page
    page.goto(widget.origin + "/")
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('kotobot__launcher')"):
            break
    else:
        pytest.fail("Tab never reached the chat button")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "kotobot-input"
    widget.wait_online()
    page.keyboard.type("hei")
    page.keyboard.press("Enter")
    widget.wait_for_answer(topics_reply(get_catalogue(), "fi").text)

    for _ in range(20):
        page.keyboard.press("Shift+Tab")
        if page.evaluate("document.activeElement.classList.contains('kotobot__reply')"):
            break
    else:
        pytest.fail("the keyboard never reached the answer's buttons")
    outline = page.evaluate(
        "(() => { const s = getComputedStyle(document.activeElement);"
        " return [s.outlineStyle, parseFloat(s.outlineWidth)]; })()"
    )
    assert outline[0] != "none" and outline[1] >= 2, "the focused button shows no outline"
    title = page.evaluate("document.activeElement.textContent")
    page.keyboard.press("Enter")
    assert widget.user_texts()[-1] == title
    assert page.evaluate("document.activeElement.id") == "kotobot-input"
    page.keyboard.press("Escape")
    assert page.locator("#kotobot-panel").is_hidden()
    assert page.evaluate("document.activeElement.classList.contains('kotobot__launcher')")


def test_every_control_has_a_label_and_messages_are_announced(widget):
    widget.open()
    page = widget.page
    controls = [
        page.get_by_role("button", name="Sulje keskustelu"),
        page.get_by_role("combobox", name="Kieli"),
        page.get_by_role("button", name="Unohda minut"),
        page.get_by_role("textbox", name="Viestisi"),
        page.get_by_role("button", name="Lähetä"),
    ]
    assert all(control.count() == 1 for control in controls)
    log = page.get_by_role("log", name="Keskustelu")
    assert log.get_attribute("aria-live") == "polite"
    assert page.get_by_role("combobox", name="Kieli").locator("option").all_inner_texts() == [
        "Suomi",
        "Svenska",
        "English",
        "العربية",
        "Русский",
        "Українська",
    ]


def test_the_history_keeps_the_last_100_messages(widget):
    widget.open()
    history = [{"from": "user", "text": f"viesti {n}"} for n in range(120)]
    widget.page.evaluate("h => localStorage.setItem('kotobot.history', JSON.stringify(h))", history)
    widget.page.reload()
    widget.wait_online()
    shown = widget.user_texts()
    assert len(shown) == 100 and shown[0] == "viesti 20" and shown[-1] == "viesti 119"
    widget.say("hei")
    widget.wait_for_answer(topics_reply(get_catalogue(), "fi").text)
    stored = widget.page.evaluate("JSON.parse(localStorage.getItem('kotobot.history'))")
    assert len(stored) == 100 and stored[-1]["text"] == topics_reply(get_catalogue(), "fi").text


def test_it_is_readable_on_a_phone(browser, widget_server):
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True)
    try:
        widget = Widget(context.new_page(), widget_server.origin)
        widget.open()
        widget.page.select_option("#kotobot-language", "ar")
        widget.wait_for_answer(text("language_changed", "ar"))
        widget.say("مرحبا")
        widget.wait_for_answer(topics_reply(get_catalogue(), "ar").text)
        page = widget.page
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
        panel = page.locator("#kotobot-panel").bounding_box()
        assert panel and panel["x"] >= 0 and panel["x"] + panel["width"] <= 360
        for selector in (".kotobot__msg", ".kotobot__reply", "#kotobot-input", ".kotobot__send"):
            for box in [n.bounding_box() for n in page.locator(selector).all()]:
                assert box and box["x"] >= 0 and box["x"] + box["width"] <= 360, selector
        for selector in ("#kotobot-input", ".kotobot__send"):
            box = page.locator(selector).bounding_box()
            assert box and box["y"] + box["height"] <= 740, f"{selector} is below the screen"
        assert (
            page.eval_on_selector("#kotobot-input", "n => parseFloat(getComputedStyle(n).fontSize)")
            >= 16
        )
        widget.screenshot("widget-phone-ar.png")
    finally:
        context.close()


def test_text_has_enough_contrast_in_the_browser(widget):
    widget.open()
    widget.say("hei")
    widget.wait_for_answer(topics_reply(get_catalogue(), "fi").text)
    widget.page.focus("#kotobot-input")
    pairs = widget.page.evaluate(
        """() => {
            const rgb = c => c.match(/[\\d.]+/g).map(Number);
            const background = node => {
                for (let n = node; n; n = n.parentElement) {
                    const c = rgb(getComputedStyle(n).backgroundColor);
                    if (c.length < 4 || c[3] > 0) return getComputedStyle(n).backgroundColor;
                }
                return 'rgb(255, 255, 255)';
            };
            const nodes = [...document.querySelectorAll('.kotobot *')].filter(n =>
                [...n.childNodes].some(c => c.nodeType === 3 && c.textContent.trim()) &&
                n.getClientRects().length && !n.closest('.kotobot__sr'));
            const pairs = nodes.map(n => [n.className || n.tagName, getComputedStyle(n).color,
                                          background(n)]);
            const input = document.querySelector('#kotobot-input');
            pairs.push(['placeholder', getComputedStyle(input, '::placeholder').color,
                        background(input)]);
            return pairs;
        }"""
    )

    def luminance(colour: str) -> float:
        channels = [int(float(v)) / 255 for v in colour[colour.index("(") + 1 : -1].split(",")[:3]]
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    def ratio(a: str, b: str) -> float:
        high, low = sorted((luminance(a), luminance(b)), reverse=True)
        return (high + 0.05) / (low + 0.05)

    assert len(pairs) >= 10
    low = [(name, fg, bg, round(ratio(fg, bg), 2)) for name, fg, bg in pairs if ratio(fg, bg) < 4.5]
    assert not low


def test_bot_text_is_rendered_as_text_with_safe_links(widget):
    widget.open()
    crafted = (
        '<img src=x onerror="window.injected=1">Tervetuloa!\n'
        "Lue lisää: https://www.kauniainen.fi/kotoutuminen.\n"
        "• Kysy: nina.reis@kauniainen.fi\n"
        "• javascript:window.injected=2\n"
        "Toinen rivi"
    )
    history = [{"from": "user", "text": "<b>hei</b>"}, {"from": "bot", "text": crafted}]
    widget.page.evaluate("h => localStorage.setItem('kotobot.history', JSON.stringify(h))", history)
    widget.page.reload()
    widget.wait_online()
    page = widget.page
    assert page.evaluate("window.injected") is None
    assert page.locator(".kotobot__log img, .kotobot__log b").count() == 0
    assert widget.user_texts() == ["<b>hei</b>"]
    bubble = page.locator(".kotobot__msg--bot")
    assert (
        bubble.locator("p").first.inner_text().startswith('<img src=x onerror="window.injected=1">')
    )
    assert bubble.locator("br").count() == 1  # the two lines of the first paragraph
    assert bubble.locator("li").all_inner_texts() == [
        "Kysy: nina.reis@kauniainen.fi",
        "javascript:window.injected=2",
    ]
    links = bubble.locator("a").evaluate_all(
        "nodes => nodes.map(n => [n.textContent, n.getAttribute('href'), n.rel, n.target])"
    )
    assert links == [
        [
            "https://www.kauniainen.fi/kotoutuminen",
            "https://www.kauniainen.fi/kotoutuminen",
            "noopener noreferrer",
            "_blank",
        ],
        ["nina.reis@kauniainen.fi", "mailto:nina.reis@kauniainen.fi", "noopener noreferrer", ""],
    ]


def test_forget_me_clears_the_history_and_starts_a_new_session(widget, stack):
    widget.open()
    widget.say("hei")
    widget.wait_for_answer(topics_reply(get_catalogue(), "fi").text)
    old_session = widget.session_id()

    widget.page.get_by_role("button", name="Unohda minut").click()
    assert widget.user_texts() == [] and widget.bot_texts() == [] and widget.reply_titles() == []
    assert widget.page.evaluate("localStorage.getItem('kotobot.history')") is None
    # the server issues the new session id
    widget.page.wait_for_function(
        """old => {
            const token = localStorage.getItem('kotobot.session');
            return token && !token.startsWith(old + '.');
        }""",
        arg=old_session,
        timeout=TIMEOUT_MS,
    )
    new_session = widget.session_id()
    assert new_session and new_session != old_session
    # The server deleted the old conversation too, and the widget says so.
    status = widget.page.locator("[role=status]")
    status.filter(has_text="Keskustelu poistettiin tästä selaimesta ja palvelimelta.").wait_for(
        timeout=TIMEOUT_MS
    )
    assert [e for e in stack.tracker(old_session)["events"] if e["event"] == "user"] == []

    widget.page.reload()
    widget.wait_online()
    assert widget.bot_texts() == []
    widget.say("moi")
    widget.page.wait_for_selector(".kotobot__msg--bot", timeout=TIMEOUT_MS)
    assert _user_messages(stack, new_session, 1) == ["moi"]


def test_polling_works_from_the_allowed_origin(widget, stack):
    """The fallback transport for networks that block WebSockets: plain HTTP, so CORS applies."""
    widget.open()
    result = widget.page.evaluate(
        """server => new Promise(resolve => {
            const socket = io(server, {transports: ['polling'], reconnection: false});
            socket.on('connect', () => socket.emit('session_request', {session_id: 'polling'}));
            socket.on('session_confirm', id => { socket.close(); resolve(id); });
            socket.on('connect_error', error => resolve('error: ' + error.message));
        })""",
        stack.base,
    )
    assert result.startswith("web-"), result  # the server's own id, not the one asked for


def test_the_widget_reconnects_by_itself_after_the_server_restarts(widget, stack, domain_responses):
    widget.open()
    widget.say("hei")
    widget.wait_for_answer(topics_reply(get_catalogue(), "fi").text)
    session = widget.session_id()

    stack.rasa.stop()
    status = widget.page.locator("[role=status]")
    status.filter(has_text="Yhteys katkesi – yhdistetään uudelleen…").wait_for(timeout=TIMEOUT_MS)
    widget.say("kiitos")  # written while the server is away: sent when it is back
    stack.restart_rasa()
    widget.wait_online()
    widget.wait_for_answer(_variant(domain_responses, "utter_you_are_welcome", "fi"))
    assert status.inner_text() == ""
    assert _user_messages(stack, session, 2) == ["hei", "kiitos"]
