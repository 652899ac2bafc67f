"""The 🔊 button and /listen on Telegram, against the Bot API stand-in on loopback and a tracker
database written the way Rasa writes it (Rasa itself is in tests/e2e/test_telegram.py)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.channels.telegram.callback_data import LISTEN, MAX_CALLBACK_DATA_BYTES
from bot.channels.telegram.config import TelegramConfig
from bot.channels.telegram.handlers import Turn, build_application
from bot.channels.telegram.incoming import parse_update
from bot.channels.telegram.listen import spoken_answer, telegram_synthesizer
from bot.channels.telegram.replies import keyboard, with_listen_button
from bot.channels.telegram.store import ChannelStore
from bot.channels.telegram.texts import channel_text
from bot.channels.telegram.webhook import TelegramInput
from bot.languages import LANGUAGES
from bot.speech import Synthesizer, missing_tools, ogg_opus_seconds
from tests.e2e.telegram_standin import (
    START,
    TEXT,
    BotApiStandIn,
    Call,
    Upload,
    button_update,
    message_update,
)
from tests.events_table import add_events, create_events_table

BOT_TOKEN = "123456789:kotobot-listen-test"
LONG_PAYLOAD = '/ask_service{"service":"' + "kaikukortti-" * 8 + '"}'
needs_speech = pytest.mark.skipif(bool(missing_tools()), reason="espeak-ng/opusenc missing")


def _buttons(call: Call) -> list[dict[str, Any]]:
    markup = call.params.get("reply_markup") or {}
    return [b for row in markup.get("inline_keyboard") or [] for b in row]


# --- the keyboard ----------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_listen_button_goes_below_the_keyboard_in_the_users_language(language):
    markup = keyboard([("Kaikukortti", "/ask_kaikukortti"), ("Työ", "/help")])
    with_button = with_listen_button(markup, language)
    rows = with_button.inline_keyboard
    assert [[b.text for b in row] for row in rows[:-1]] == [["Kaikukortti"], ["Työ"]]
    (listen,) = rows[-1]
    assert listen.text == channel_text("listen_button", language)
    assert listen.text.startswith("🔊 ")
    assert listen.callback_data == LISTEN
    data = [b.callback_data for row in rows for b in row]
    assert all(len(d.encode("utf-8")) <= MAX_CALLBACK_DATA_BYTES for d in data)


def test_a_message_without_keyboard_gets_the_listen_button_alone():
    (row,) = with_listen_button(None, "ar").inline_keyboard
    assert [(b.text, b.callback_data) for b in row] == [("🔊 استمع", LISTEN)]


def test_what_is_read_aloud_is_the_answer_then_its_choices_unless_too_long():
    answer = [
        {"event": "bot", "text": "Hei!"},
        {
            "event": "bot",
            "text": "Valitse aihe:",
            "data": {"buttons": [{"title": "Perheet", "payload": "/x"}, {"title": "Työ?"}]},
        },
    ]
    assert spoken_answer(answer) == "Hei!\nValitse aihe:\nPerheet.\nTyö?"
    assert spoken_answer(answer, max_chars=20) == "Hei!\nValitse aihe:"
    assert spoken_answer([]) == ""


# --- through the handler, against the stand-in -----------------------------------------------


class Tracker:
    """An `events` table as Rasa's SQL tracker store keeps it, and a fake Rasa that answers a
    message with fixed replies and logs them there."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.replies: list[dict[str, Any]] = []
        create_events_table(url)

    def log(self, sender: str, type_name: str, data: dict[str, Any]) -> None:
        add_events(self.url, [(sender, type_name, {"event": type_name, **data})])

    async def deliver(self, turn: Turn) -> list[dict[str, Any]]:
        self.log(turn.sender_id, "user", {"text": turn.text})
        for reply in self.replies:
            data = {"buttons": reply["buttons"]} if reply.get("buttons") else {}
            self.log(turn.sender_id, "bot", {"text": reply.get("text"), "data": data})
        return list(self.replies)


@pytest.fixture
def standin() -> Iterator[BotApiStandIn]:
    server = BotApiStandIn(BOT_TOKEN)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def tracker(tmp_path: Path) -> Tracker:
    return Tracker(f"sqlite:///{tmp_path / 'tracker.db'}")


def _handle(
    standin: BotApiStandIn,
    tracker: Tracker,
    synthesizer: Synthesizer | None,
    updates: list[dict[str, Any]],
) -> None:
    async def scenario() -> None:
        config = TelegramConfig(token=BOT_TOKEN, api_base_url=standin.base_url)
        store = ChannelStore(tracker.url)
        app = build_application(config, store, tracker.deliver, tracker.url, synthesizer)
        await app.initialize()
        try:
            for raw in updates:
                update = parse_update(raw, app.bot)
                assert update is not None
                await app.process_update(update)
        finally:
            await app.shutdown()
            store.close()

    asyncio.run(scenario())


def _say(chat: int, text: str, update_id: int = 1) -> dict[str, Any]:
    return message_update(TEXT, update_id, chat, text=text)


def _listen_command(chat: int, update_id: int = 2, language_code: str = "fi") -> dict[str, Any]:
    return message_update(START, update_id, chat, text="/listen", language_code=language_code)


@needs_speech
def test_the_button_on_the_last_reply_sends_the_whole_answer_as_a_voice_message(
    standin, tracker, tmp_path
):
    chat = 11
    tracker.log(f"tg-{chat}", "slot", {"name": "language", "value": "fi"})
    tracker.replies = [
        {"text": "Hei! Olen Kotobot."},
        {
            "text": "Valitse aihe:",
            "buttons": [
                {"title": "Kaikukortti", "payload": "/ask_kaikukortti"},
                {"title": "Pitkä", "payload": LONG_PAYLOAD},
            ],
        },
    ]
    synthesizer = Synthesizer(tmp_path / "speech")
    _handle(standin, tracker, synthesizer, [_say(chat, "hei")])
    first, last = standin.calls_of("sendMessage", chat)
    assert _buttons(first) == [], "only the last reply of an answer has the button"
    titles = [b["text"] for b in _buttons(last)]
    assert titles == ["Kaikukortti", "Pitkä", "🔊 Kuuntele"]
    assert all(len(b["callback_data"].encode()) <= MAX_CALLBACK_DATA_BYTES for b in _buttons(last))

    listen = _buttons(last)[-1]["callback_data"]
    _handle(standin, tracker, synthesizer, [button_update(3, chat, listen)])
    assert standin.calls_of("answerCallbackQuery")
    (action,) = standin.calls_of("sendChatAction", chat)  # while the speech is being made
    assert action.params["action"] == "record_voice"
    (voice,) = standin.calls_of("sendVoice", chat)
    upload = voice.params["voice"]
    assert isinstance(upload, Upload)
    assert upload.data.startswith(b"OggS") and b"OpusHead" in upload.data[:200]
    seconds = ogg_opus_seconds(upload.data)
    assert seconds > 0.5 and int(voice.params["duration"]) == max(1, round(seconds))
    # What was spoken is the whole answer, in Finnish: the cache gives back these very bytes.
    expected = "Hei! Olen Kotobot.\nValitse aihe:\nKaikukortti.\nPitkä."
    assert synthesizer.speak(expected, "fi").audio == upload.data
    assert len(standin.calls_of("sendMessage", chat)) == 2, "no notice besides the voice"
    _handle(standin, tracker, synthesizer, [_listen_command(chat, 4)])
    assert len(standin.calls_of("sendVoice", chat)) == 2
    assert len(standin.calls_of("sendChatAction", chat)) == 1, "a spoken answer is sent at once"


@needs_speech
def test_listen_reads_only_the_last_answer_and_says_when_there_is_none(standin, tracker, tmp_path):
    synthesizer = Synthesizer(tmp_path / "speech")
    _handle(standin, tracker, synthesizer, [_listen_command(21, language_code="sv")])
    (notice,) = standin.calls_of("sendMessage", 21)
    assert notice.params["text"] == channel_text("listen_nothing", "sv")
    assert not standin.calls_of("sendVoice")

    chat = 22
    tracker.log(f"tg-{chat}", "slot", {"name": "language", "value": "ru"})
    tracker.replies = [{"text": "Старый ответ про курсы финского языка."}]
    _handle(standin, tracker, synthesizer, [_say(chat, "курсы")])
    tracker.replies = [{"text": "Здравствуйте!"}]
    _handle(standin, tracker, synthesizer, [_say(chat, "привет"), _listen_command(chat)])
    (voice,) = standin.calls_of("sendVoice", chat)
    assert synthesizer.speak("Здравствуйте!", "ru").audio == voice.params["voice"].data


def test_an_answer_too_long_to_speak_gets_a_notice_in_the_users_language(
    standin, tracker, tmp_path
):
    chat = 31
    tracker.log(f"tg-{chat}", "slot", {"name": "language", "value": "uk"})
    tracker.replies = [{"text": "Дуже довга відповідь, яку не можна прочитати вголос."}]
    short = Synthesizer(tmp_path / "speech", max_chars=10)
    _handle(standin, tracker, short, [_say(chat, "привіт"), button_update(2, chat, LISTEN)])
    *_, notice = standin.calls_of("sendMessage", chat)
    assert notice.params["text"] == channel_text("listen_failed", "uk")
    assert not standin.calls_of("sendVoice")
    assert standin.calls_of("answerCallbackQuery")


def test_without_the_speech_tools_there_is_no_button_and_listen_says_it_is_off(
    standin, tracker, tmp_path, monkeypatch, caplog
):
    monkeypatch.setattr("bot.speech.shutil.which", lambda tool: None)
    caplog.set_level(logging.WARNING, logger="kotobot.telegram")
    synthesizer = telegram_synthesizer(tmp_path)
    assert synthesizer is None
    (warning,) = [r.getMessage() for r in caplog.records]
    assert "/listen are off" in warning and "espeak-ng" in warning and "opusenc" in warning

    chat = 41
    tracker.log(f"tg-{chat}", "slot", {"name": "language", "value": "ar"})
    tracker.replies = [{"text": "مرحبا!", "buttons": [{"title": "العمل", "payload": "/help"}]}]
    _handle(standin, tracker, synthesizer, [_say(chat, "مرحبا"), _listen_command(chat, 2)])
    answer, notice = standin.calls_of("sendMessage", chat)
    assert [b["text"] for b in _buttons(answer)] == ["العمل"]
    assert notice.params["text"] == channel_text("listen_off", "ar")
    assert not standin.calls_of("sendVoice")


def test_a_turn_without_text_gets_no_button(standin, tracker, tmp_path):
    tracker.replies = [{"image": "https://example.org/map.png"}]
    _handle(standin, tracker, Synthesizer(tmp_path), [_say(51, "map")])
    (link,) = standin.calls_of("sendMessage", 51)
    assert link.params["text"] == "https://example.org/map.png" and not _buttons(link)


def test_the_webhook_channel_says_at_start_up_why_reading_aloud_is_off(monkeypatch, caplog):
    monkeypatch.setattr("bot.speech.shutil.which", lambda tool: None)
    caplog.set_level(logging.WARNING, logger="kotobot.telegram")
    TelegramInput(TelegramConfig(token="123:abc", webhook_secret="s3cret"))
    (warning,) = [r.getMessage() for r in caplog.records]
    assert "/listen are off" in warning and "espeak-ng and opusenc not installed" in warning
