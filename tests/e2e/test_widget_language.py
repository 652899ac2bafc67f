"""The widget in the newcomer's language, in headless Chromium against the real servers: the
panel follows the conversation's language, answers are read aloud, axe-core finds no serious
or critical violation, a keyboard alone is enough, and it reflows at 360 px and 200 % zoom.

The fixtures (the widget server, the browser) are tests/e2e/test_widget.py's.
"""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from bot.answers import topics_reply
from bot.catalogue import get_catalogue
from bot.i18n import text
from bot.languages import LANGUAGES
from bot.widget.assets import WIDGET_DIR
from tests.e2e import test_widget as base
from tests.e2e.test_widget import TIMEOUT_MS, Widget

# tests/e2e/test_widget.py's fixtures, by name: its widget server, browser and demo page.
widget_server = base.widget_server
browser = base.browser
widget = base.widget

pytestmark = pytest.mark.e2e

AXE = WIDGET_DIR / "node_modules" / "axe-core" / "axe.min.js"
# An unemployed job seeker asks how to get onto a Finnish course (tests/dialogues/ar.yml).
ARABIC_QUESTION = (
    "السلام عليكم، انا عاطل عن العمل ومسجل في مكتب العمل. كيف اقدر ادخل دورة اللغة الفنلندية؟"
)

# What the panel shows in each language (the widget's own texts, bot/widget/static/…js).
PANEL = {
    "fi": {"title": "Kysy Kotobotilta", "send": "Lähetä", "forget": "Unohda minut"},
    "ar": {"title": "اسأل Kotobot", "send": "إرسال", "forget": "احذف بياناتي"},
}
LISTEN = {
    "fi": "Kuuntele",
    "sv": "Lyssna",
    "en": "Listen",
    "ar": "استمع",
    "ru": "Прослушать",
    "uk": "Прослухати",
}
STOP = {"fi": "Pysäytä", "ar": "إيقاف"}


def _panel(page: Any) -> dict[str, Any]:
    """What a person sees of the panel's own parts."""
    return page.evaluate(
        """() => {
            const q = s => document.querySelector(s);
            const root = q('#kotobot');
            return {
                lang: root.getAttribute('lang'),
                dir: root.getAttribute('dir'),
                direction: getComputedStyle(q('#kotobot-panel')).direction,
                title: q('.kotobot__title').textContent,
                launcher: q('.kotobot__launcher').textContent,
                language: q('#kotobot-language').selectedOptions[0].textContent,
                forget: q('.kotobot__forget').textContent,
                send: q('.kotobot__send').textContent,
                placeholder: q('#kotobot-input').placeholder,
                close: q('.kotobot__close').getAttribute('aria-label'),
                closeX: q('.kotobot__close').getBoundingClientRect().x,
                titleX: q('.kotobot__title').getBoundingClientRect().x,
                sendX: q('.kotobot__send').getBoundingClientRect().x,
                inputX: q('#kotobot-input').getBoundingClientRect().x,
            };
        }"""
    )


def _assert_arabic_panel(page: Any) -> None:
    panel = _panel(page)
    assert (panel["lang"], panel["dir"], panel["direction"]) == ("ar", "rtl", "rtl"), panel
    assert panel["title"] == panel["launcher"] == PANEL["ar"]["title"]
    assert panel["language"] == "العربية"
    assert panel["forget"] == PANEL["ar"]["forget"] and panel["send"] == PANEL["ar"]["send"]
    assert panel["placeholder"] == "اكتب رسالتك…" and panel["close"] == "إغلاق المحادثة"
    # Mirrored: the close button left of the title, the send button left of the input.
    assert panel["closeX"] < panel["titleX"] and panel["sendX"] < panel["inputX"]


def test_an_arabic_question_on_a_finnish_page_makes_the_whole_panel_arabic(widget, stack):
    # The server's answer to the same question in a new conversation from a Finnish page.
    replies = stack.say("oracle-ar", ARABIC_QUESTION, language="fi")
    # socket.io sends a text's paragraphs as messages of their own (Rasa's SocketIOOutput)
    expected = [part for r in replies for part in r["text"].strip().split("\n\n")]
    assert all(re.search("[\u0600-\u06ff]", answer) for answer in expected), expected
    widget.open()
    page = widget.page
    before = _panel(page)
    assert (before["lang"], before["dir"], before["title"]) == ("fi", "ltr", "Kysy Kotobotilta")

    widget.say(ARABIC_QUESTION)
    page.wait_for_function(
        "n => JSON.parse(localStorage.getItem('kotobot.history') || '[]')"
        ".filter(e => e.from === 'bot').length >= n",
        arg=len(expected),
        timeout=TIMEOUT_MS,
    )
    shown = page.evaluate(
        "JSON.parse(localStorage.getItem('kotobot.history')).filter(e => e.from === 'bot')"
    )
    assert [entry["text"] for entry in shown] == expected
    assert {entry["language"] for entry in shown} == {"ar"}
    answers = widget.bot_texts()
    assert page.get_attribute(".kotobot__msg--bot >> nth=-1", "lang") == "ar"
    _assert_arabic_panel(page)
    assert page.evaluate("localStorage.getItem('kotobot.language')") == "ar"
    widget.screenshot("widget-fi-page-ar-panel.png")

    page.reload()
    widget.wait_online()  # the panel stays open
    _assert_arabic_panel(page)
    assert widget.bot_texts() == answers
    assert page.get_attribute(".kotobot__msg--bot >> nth=-1", "lang") == "ar"


def test_each_answer_can_be_listened_to_in_its_language(widget):
    widget.open()
    page = widget.page
    asked: list[dict[str, str]] = []
    page.on(
        "request",
        lambda r: (
            asked.append(json.loads(r.post_data or "{}"))
            if r.method == "POST" and r.url.endswith("/speech")
            else None
        ),
    )
    for language in ("sv", "en", "ar", "ru", "uk", "fi"):
        page.select_option("#kotobot-language", language)
        widget.wait_for_answer(text("language_changed", language))
        listen = page.get_by_role("button", name=LISTEN[language], exact=True).last
        listen.click()
        # Playing, as a person sees and hears it: the button says so while the audio plays.
        page.wait_for_function(
            """() => {
                const audio = document.querySelector('.kotobot__audio');
                const buttons = document.querySelectorAll('.kotobot__listen');
                const button = buttons[buttons.length - 1];
                return audio.duration > 0 && !audio.paused && button.dataset.state === 'playing';
            }""",
            timeout=TIMEOUT_MS,
        )
        assert asked[-1] == {"text": text("language_changed", language), "language": language}
        # It goes back to "listen" when the audio ends.
        page.wait_for_function(
            "() => document.querySelector('.kotobot__audio').ended", timeout=TIMEOUT_MS
        )
        assert listen.get_attribute("data-state") == "idle"
        assert listen.inner_text().strip() == LISTEN[language]
    assert [a["language"] for a in asked] == ["sv", "en", "ar", "ru", "uk", "fi"]


def test_a_second_press_stops_the_audio(widget):
    widget.open()
    widget.say("hei")
    widget.wait_for_answer(topics_reply(get_catalogue(), "fi").text)
    page = widget.page
    greeting = page.locator(".kotobot__row--bot").filter(has_text="Hei! Olen Kotobot")
    listen = greeting.locator(".kotobot__listen")  # its name changes while it plays
    assert listen.get_attribute("aria-describedby") == greeting.locator(
        ".kotobot__msg"
    ).get_attribute("id")
    greeting.get_by_role("button", name=LISTEN["fi"], exact=True).click()
    page.wait_for_function(
        """() => {
            const audio = document.querySelector('.kotobot__audio');
            return audio.duration > 2 && audio.currentTime > 0 && !audio.paused;
        }""",
        timeout=TIMEOUT_MS,
    )
    assert listen.get_attribute("data-state") == "playing"
    assert listen.inner_text().strip() == STOP["fi"]
    listen.click()
    state = page.evaluate(
        "(() => { const a = document.querySelector('.kotobot__audio');"
        " return [a.paused, a.ended]; })()"
    )
    assert state == [True, False], "stopped before its end"
    assert listen.get_attribute("data-state") == "idle"
    assert listen.inner_text().strip() == LISTEN["fi"]


def test_no_listen_buttons_when_the_server_cannot_speak(widget):
    """GET /speech says {"available": false} (no espeak-ng here): nothing to press in vain."""
    page = widget.page
    page.route(
        "**/speech",
        lambda route: (
            route.fulfill(json={"available": False})
            if route.request.method == "GET"
            else route.abort()
        ),
    )
    widget.open()
    widget.say("hei")
    widget.wait_for_answer(topics_reply(get_catalogue(), "fi").text)
    assert page.locator(".kotobot__listen").count() >= 2
    assert page.get_by_role("button", name=LISTEN["fi"]).count() == 0


# --- axe-core --------------------------------------------------------------------------------


def _axe(page: Any) -> list[dict[str, Any]]:
    """axe-core's serious and critical violations on the whole page (the demo and the widget).

    axe-core comes from node_modules (npm, pinned in bot/widget/package.json), evaluated in the
    page: the demo page's CSP allows no inline script, and DevTools evaluation is not a script.
    """
    if not AXE.is_file():
        pytest.fail(f"axe-core is missing ({AXE}): npm ci --prefix {WIDGET_DIR}")
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        """async () => {
            const result = await axe.run(document, {resultTypes: ['violations']});
            return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => n.target.join(' ') + ': ' + n.failureSummary)}));
        }"""
    )
    return [v for v in result if v["impact"] in ("serious", "critical")]


def test_axe_finds_nothing_serious_closed_open_and_in_arabic(widget):
    page = widget.page
    page.goto(widget.origin + "/")
    page.wait_for_selector(".kotobot__launcher", timeout=TIMEOUT_MS)
    assert _axe(page) == [], "closed"

    page.get_by_role("button", name="Kysy Kotobotilta").click()
    widget.wait_online()
    assert _axe(page) == [], "open"

    widget.say("مرحبا")
    widget.wait_for_answer(topics_reply(get_catalogue(), "ar").text)
    page.wait_for_selector(".kotobot__listen:not([hidden])", timeout=TIMEOUT_MS)
    assert _axe(page) == [], "an Arabic conversation"


# --- keyboard and reflow ---------------------------------------------------------------------


def _focused(page: Any, class_name: str) -> bool:
    return page.evaluate(f"document.activeElement.classList.contains('{class_name}')")


def _tab_to(page: Any, class_name: str, key: str = "Tab", limit: int = 40) -> None:
    for _ in range(limit):
        page.keyboard.press(key)
        if _focused(page, class_name):
            return
    pytest.fail(f"{key} never reached .{class_name}")


def test_a_whole_conversation_with_the_keyboard_alone(widget):
    page = widget.page
    page.goto(widget.origin + "/")
    _tab_to(page, "kotobot__launcher")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "kotobot-input"
    widget.wait_online()
    page.keyboard.type("hei")
    page.keyboard.press("Enter")
    topics = topics_reply(get_catalogue(), "fi")
    widget.wait_for_answer(topics.text)

    _tab_to(page, "kotobot__reply", "Shift+Tab")
    title = page.evaluate("document.activeElement.textContent")
    answers_before = len(widget.bot_texts())  # counted before: a quick answer is no timeout
    page.keyboard.press("Enter")
    assert widget.user_texts()[-1] == title
    page.wait_for_function(
        "n => document.querySelectorAll('.kotobot__msg--bot').length > n",
        arg=answers_before,
        timeout=TIMEOUT_MS,
    )
    assert page.evaluate("document.activeElement.id") == "kotobot-input"

    _tab_to(page, "kotobot__listen", "Shift+Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == LISTEN["fi"]
    page.keyboard.press("Enter")
    page.wait_for_function(
        "() => document.querySelector('.kotobot__audio').duration > 0", timeout=TIMEOUT_MS
    )
    assert page.evaluate("document.activeElement.dataset.state") == "playing"
    assert page.evaluate("document.activeElement.textContent.trim()") == STOP["fi"]
    page.keyboard.press("Space")
    assert page.evaluate("document.activeElement.dataset.state") == "idle"

    page.keyboard.press("Escape")
    assert page.locator("#kotobot-panel").is_hidden()
    assert _focused(page, "kotobot__launcher")


@pytest.fixture
def small_widget(browser, widget_server) -> Iterator[Any]:
    """Makes widget pages in viewports of the size (and device pixel ratio) a test asks for."""
    contexts: list[Any] = []

    def make(width: int, height: int, scale: float) -> Widget:
        context = browser.new_context(
            viewport={"width": width, "height": height}, device_scale_factor=scale
        )
        contexts.append(context)
        return Widget(context.new_page(), widget_server.origin)

    try:
        yield make
    finally:
        for context in contexts:
            context.close()


@pytest.mark.parametrize(
    ("width", "height", "scale", "name"),
    [
        (360, 740, 1, "360px"),
        # 200 % zoom of a 1280 × 800 window: the page lays out in 640 × 400 CSS pixels.
        (640, 400, 2, "zoom200"),
    ],
)
def test_no_horizontal_scrolling_on_a_phone_or_at_200_percent_zoom(
    small_widget, width, height, scale, name
):
    phone = small_widget(width, height, scale)
    phone.open()
    phone.say("مرحبا")
    phone.wait_for_answer(topics_reply(get_catalogue(), "ar").text)
    page = phone.page
    page.wait_for_selector(".kotobot__listen:not([hidden])", timeout=TIMEOUT_MS)
    fits = page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert fits, page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    for selector in (".kotobot__panel", ".kotobot__msg", ".kotobot__listen", "#kotobot-input"):
        for box in [n.bounding_box() for n in page.locator(selector).all()]:
            assert box and box["x"] >= 0 and box["x"] + box["width"] <= width, selector
    for selector in ("#kotobot-input", ".kotobot__send", ".kotobot__close"):
        box = page.locator(selector).bounding_box()
        assert box and 0 <= box["y"] and box["y"] + box["height"] <= height, selector
    phone.screenshot(f"widget-{name}-ar.png")


# --- rasa-webchat ----------------------------------------------------------------------------


def _run(coroutine: Any) -> Any:
    """asyncio.run in a thread of its own: Playwright's sync API keeps a loop in this one."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def test_rasa_webchat_custom_data_language_is_the_greetings_language(stack, domain_responses):
    """What rasa-webchat 1.0.1 sends over socket.io: `session_request` with only its session id,
    then its initPayload as `user_uttered` with `customData` (and no `metadata`)."""
    from tests.e2e.sockets import WidgetClient

    def greeting(language: str) -> str:
        return next(
            v["text"]
            for v in domain_responses["utter_greet"]
            if v["condition"][0]["value"] == language
        )

    async def scenario() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        async with WidgetClient(stack.base) as webchat:
            await webchat.emit(
                {
                    "message": "/greet",
                    "customData": {"language": "uk"},
                    "session_id": webchat.session_id,
                }
            )
            first = await webchat.collect()
        # A conversation that has its language keeps it: the hint decides nothing then.
        async with WidgetClient(stack.base) as webchat:
            await webchat.emit({"message": "hei", "session_id": webchat.session_id})
            await webchat.collect()
            await webchat.emit(
                {
                    "message": "/greet",
                    "customData": {"language": "uk"},
                    "session_id": webchat.session_id,
                }
            )
            second = await webchat.collect()
        return first, second

    first, second = _run(scenario())
    assert first[0]["text"] == greeting("uk")
    assert first[-1]["text"] == topics_reply(get_catalogue(), "uk").text
    assert {reply.get("language") for reply in first} == {"uk"}
    assert second[0]["text"] == greeting("fi")
    assert {reply.get("language") for reply in second} == {"fi"}


def test_every_language_tags_the_bot_messages(stack):
    """The socket.io channel sends each bot message with the conversation's language."""
    from tests.e2e.sockets import WidgetClient

    messages = {"ar": "مرحبا", "ru": "Здравствуйте", "uk": "Привіт, мені потрібна допомога"}

    async def scenario() -> dict[str, set[str | None]]:
        seen: dict[str, set[str | None]] = {}
        for language, message in messages.items():
            async with WidgetClient(stack.base, language="fi") as client:
                replies = await client.say(message, language="fi")
                seen[language] = {reply.get("language") for reply in replies}
        return seen

    assert _run(scenario()) == {language: {language} for language in messages}
    assert set(messages) <= set(LANGUAGES)
