"""The Telegram channel end to end: Telegram's real Update JSON, a Bot API stand-in on loopback,
the real Rasa server and action server — in webhook mode (our channel inside a Rasa server
started with a credentials file that lists it) and in long-polling mode (the runner against
the `stack` fixture's Rasa server). No test reaches the internet.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import logging
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from sanic import Sanic
from telegram import Bot

from bot.catalogue import get_catalogue
from bot.channels.telegram.callback_data import (
    FORGET_NO,
    FORGET_YES,
    LISTEN,
    MAX_CALLBACK_DATA_BYTES,
)
from bot.channels.telegram.config import SECRET_HEADER, TelegramConfig
from bot.channels.telegram.handlers import Turn, build_application
from bot.channels.telegram.incoming import parse_update
from bot.channels.telegram.replies import MAX_MESSAGE_LENGTH, Replier, utf16_length
from bot.channels.telegram.store import ChannelStore
from bot.channels.telegram.texts import channel_text
from bot.channels.telegram.webhook import TelegramInput, TelegramOutput
from bot.i18n import text
from bot.languages import LANGUAGES, NATIVE_NAMES
from bot.paths import PROJECT_ROOT
from bot.process import free_port
from bot.rasa_client import RasaUnavailable
from bot.settings import TelegramSettings, load_settings
from bot.speech import MAX_CHARS, Synthesizer, ogg_opus_seconds
from bot.stack import polling_server, rasa_server
from tests.e2e.conftest import TOKEN as RASA_API_TOKEN
from tests.e2e.telegram_standin import (
    EDITED,
    START,
    START_PLAIN,
    TEXT,
    VOICE,
    BotApiStandIn,
    Call,
    Upload,
    button_update,
    message_update,
)

pytestmark = pytest.mark.e2e

BOT_TOKEN = "123456789:kotobot-e2e-TOKEN-never-logged"
SECRET = "kotobot_e2e-webhook-secret"
_TELEGRAM_ENV = (
    "TELEGRAM_BOT_TOKEN",
    "TELEGRAM_API_BASE_URL",
    "TELEGRAM_WEBHOOK_SECRET",
    "TELEGRAM_WEBHOOK_URL",
    "RASA_URL",
)
_ids = itertools.count(1000)


def _telegram_env(standin: BotApiStandIn, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in _TELEGRAM_ENV}
    return {
        **env,
        "TELEGRAM_BOT_TOKEN": BOT_TOKEN,
        "TELEGRAM_API_BASE_URL": standin.base_url,
        **extra,
    }


@dataclass
class Channel:
    """One way Telegram reaches the bot, with the stand-in that plays Telegram."""

    mode: str
    standin: BotApiStandIn
    database_url: str
    push: Callable[[dict[str, Any]], None]
    log_file: Path
    speech_dir: Path  # where the bot caches what it has spoken
    webhook_url: str = ""

    def chat(self) -> int:
        return 500_000 + next(_ids)

    def update_id(self) -> int:
        return 10_000_000 + next(_ids)

    def say(self, chat: int, message: str, **changes: Any) -> list[Call]:
        """A text message from `chat` (the aiogram sample); the bot's settled replies."""
        before = len(self.standin.calls_of("sendMessage", chat))
        self.push(message_update(TEXT, self.update_id(), chat, text=message, **changes))
        return self.standin.settle(chat, after=before)[before:]

    def command(self, chat: int, command: str, **changes: Any) -> list[Call]:
        before = len(self.standin.calls_of("sendMessage", chat))
        self.push(message_update(START, self.update_id(), chat, text=command, **changes))
        return self.standin.settle(chat, after=before)[before:]

    def press(self, chat: int, data: str, message: dict[str, Any] | None = None) -> list[Call]:
        """Press a button (the callback query sample); the bot's settled replies."""
        before = len(self.standin.calls_of("sendMessage", chat))
        update = button_update(self.update_id(), chat, data, message)
        self.push(update)
        query_id = update["callback_query"]["id"]
        self.standin.wait_for(
            "answerCallbackQuery", where=lambda params: params["callback_query_id"] == query_id
        )
        return self.standin.settle(chat, after=before)[before:]

    def events(self, chat: int) -> int:
        engine = sa.create_engine(self.database_url)
        try:
            with engine.connect() as connection:
                query = sa.text("SELECT COUNT(*) FROM events WHERE sender_id = :s")
                return int(connection.execute(query, {"s": f"tg-{chat}"}).scalar() or 0)
        finally:
            engine.dispose()


def _post_update(url: str, update: dict[str, Any], secret: str | None = SECRET) -> int:
    headers = {"Content-Type": "application/json"}
    if secret is not None:
        headers[SECRET_HEADER] = secret
    request = urllib.request.Request(url, data=json.dumps(update).encode(), headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


@pytest.fixture(scope="module")
def webhook(stack, tmp_path_factory) -> Iterator[Channel]:
    """A Rasa server with our channel in its credentials, sharing the stack's action server."""
    standin = BotApiStandIn(BOT_TOKEN)
    standin.start()
    var_dir = tmp_path_factory.mktemp("telegram-webhook")
    settings = stack.settings.replace(
        var_dir=var_dir,
        rasa_port=free_port(),
        database_url=f"sqlite:///{var_dir / 'tracker.db'}",
    )
    credentials = var_dir / "credentials.yml"
    credentials.write_text(
        "rest:\nbot.channels.telegram.webhook.TelegramInput:\n", encoding="utf-8"
    )
    log_path = var_dir / "rasa.log"
    log = log_path.open("w")
    server = rasa_server(settings, RASA_API_TOKEN, log=log)
    server.command[server.command.index("--credentials") + 1] = str(credentials)
    server.env = {**server.env, **_telegram_env(standin, TELEGRAM_WEBHOOK_SECRET=SECRET)}
    url = f"http://127.0.0.1:{settings.rasa_port}/webhooks/telegram/webhook"
    try:
        server.start()
        server.wait_ready(timeout=240)
        yield Channel(
            "webhook",
            standin,
            settings.database_url,
            lambda u: _assert_ok(url, u),
            log_path,
            var_dir / "speech",
            url,
        )
    except Exception:
        print("--- telegram webhook rasa.log ---\n" + log_path.read_text()[-5000:])
        raise
    finally:
        server.stop()
        log.close()
        standin.stop()


def _assert_ok(url: str, update: dict[str, Any]) -> None:
    assert _post_update(url, update) == 200


@pytest.fixture(scope="module")
def polling(stack, tmp_path_factory) -> Iterator[Channel]:
    """The polling runner as the run command starts it, against the stack's Rasa server."""
    standin = BotApiStandIn(BOT_TOKEN)
    standin.start()
    log_path = tmp_path_factory.mktemp("telegram-polling") / "polling.log"
    log = log_path.open("w")
    settings = stack.settings.replace(
        telegram=TelegramSettings(token=BOT_TOKEN, api_base_url=standin.base_url),
        rasa_api_token=RASA_API_TOKEN,  # so it waits for the model to be loaded
    )
    runner = polling_server(settings, log)
    assert runner is not None
    try:
        runner.start()
        standin.wait_for("getUpdates", timeout=120)
        yield Channel(
            "polling",
            standin,
            stack.settings.database_url,
            standin.push,
            log_path,
            stack.settings.var_dir / "speech",
        )
    except Exception:
        print("--- polling.log ---\n" + log_path.read_text()[-5000:])
        raise
    finally:
        runner.stop()
        log.close()
        standin.stop()


@pytest.fixture(params=["webhook", "polling"])
def telegram(request) -> Channel:
    return request.getfixturevalue(request.param)


def _variant(domain_responses, name: str, language: str) -> str:
    return next(v["text"] for v in domain_responses[name] if v["condition"][0]["value"] == language)


def _titles(call: Call) -> list[str]:
    """The titles of a message's buttons, without the 🔊 button."""
    return [b["text"] for b in call.buttons if b.get("callback_data") != LISTEN]


def _listen_button(call: Call) -> dict[str, Any] | None:
    return next((b for b in call.buttons if b.get("callback_data") == LISTEN), None)


# --- conversations ---------------------------------------------------------------------------


def test_polling_starts_by_taking_over_from_any_webhook_and_setting_the_command_menu(polling):
    assert polling.standin.calls_of("deleteWebhook")
    menus = polling.standin.calls_of("setMyCommands")
    assert sorted(c.params.get("language_code", "") for c in menus) == sorted(["", *LANGUAGES])
    ukrainian = next(c for c in menus if c.params.get("language_code") == "uk")
    assert [c["command"] for c in ukrainian.params["commands"]] == [
        "start",
        "language",
        "help",
        "forget",
        "listen",
    ]
    assert ukrainian.params["commands"][3]["description"] == channel_text("command_forget", "uk")
    assert ukrainian.params["commands"][4]["description"] == channel_text("command_listen", "uk")


@pytest.mark.parametrize(("greeting", "language"), [("مرحبا", "ar"), ("привіт", "uk")])
def test_a_greeting_is_answered_in_its_language_and_the_buttons_lead_to_a_service(
    telegram, domain_responses, greeting, language
):
    chat = telegram.chat()
    greet, menu = telegram.say(chat, greeting)  # the sample's language_code is "ru"
    assert greet.params["text"] == _variant(domain_responses, "utter_greet", language)
    assert menu.params["text"] == text("choose_topic", language)
    assert _listen_button(greet) is None, "the 🔊 button is on the answer's last message"
    listen = _listen_button(menu)
    assert listen is not None and listen["text"] == channel_text("listen_button", language)
    catalogue = get_catalogue()
    assert _titles(menu) == [topic.name[language] for topic in catalogue.topics]

    families = next(b for b in menu.buttons if b["callback_data"] == '/help{"topic":"families"}')
    (services,) = telegram.press(chat, families["callback_data"])
    topic = catalogue.topic("families")
    assert services.params["text"] == text("choose_service", language, topic=topic.name[language])
    assert _titles(services) == [catalogue.services[s].name[language] for s in topic.services]

    first = services.buttons[0]
    answer = telegram.press(chat, first["callback_data"])
    assert answer and answer[0].params["text"].startswith(first["text"])
    assert telegram.standin.calls_of("answerCallbackQuery")


@pytest.mark.parametrize("prefix", [START, START_PLAIN])
def test_start_greets_in_the_telegram_language_and_offers_the_six_languages(
    telegram, domain_responses, prefix
):
    chat = telegram.chat()
    telegram.push(message_update(prefix, telegram.update_id(), chat))
    replies = telegram.standin.settle(chat)
    # START's user has language_code en-GB; START_PLAIN's has none: English by default.
    assert replies[0].params["text"] == _variant(domain_responses, "utter_greet", "en")
    assert replies[1].params["text"] == text("choose_topic", "en")
    prompt = replies[-1]
    assert prompt.params["text"] == channel_text("language_prompt", "en")
    assert [(b["text"], b["callback_data"]) for b in prompt.buttons] == [
        (NATIVE_NAMES[code], f'/choose_language{{"language":"{code}"}}') for code in LANGUAGES
    ]


def test_start_uses_a_ukrainian_telegram_and_the_language_buttons_switch(
    telegram, domain_responses
):
    chat = telegram.chat()
    replies = telegram.command(chat, "/start", language_code="uk")
    assert replies[0].params["text"] == _variant(domain_responses, "utter_greet", "uk")
    assert replies[-1].params["text"] == channel_text("language_prompt", "uk")
    swedish = next(b for b in replies[-1].buttons if b["text"] == NATIVE_NAMES["sv"])
    (switched,) = telegram.press(chat, swedish["callback_data"])
    assert switched.params["text"] == text("language_changed", "sv")


def test_language_and_help_commands(telegram):
    chat = telegram.chat()
    telegram.say(chat, "привіт")
    (prompt,) = telegram.command(chat, "/language")
    assert prompt.params["text"] == channel_text("language_prompt", "uk")
    assert _titles(prompt) == [NATIVE_NAMES[code] for code in LANGUAGES]
    (menu,) = telegram.command(chat, "/help")
    assert menu.params["text"] == text("choose_topic", "uk")
    assert _titles(menu) == [topic.name["uk"] for topic in get_catalogue().topics]


def test_voice_and_edited_messages_get_a_polite_notice_in_the_users_language(telegram):
    stranger = telegram.chat()
    telegram.push(message_update(VOICE, telegram.update_id(), stranger))
    (notice,) = telegram.standin.settle(stranger)
    assert notice.params["text"] == channel_text("only_text", "en")
    telegram.push(message_update(EDITED, telegram.update_id(), stranger))
    (edited,) = telegram.standin.settle(stranger, after=1)[1:]
    assert edited.params["text"] == channel_text("edited_message", "en")

    arabic = telegram.chat()
    before = len(telegram.say(arabic, "مرحبا"))
    telegram.push(message_update(VOICE, telegram.update_id(), arabic))
    (notice,) = telegram.standin.settle(arabic, after=before)[before:]
    assert notice.params["text"] == channel_text("only_text", "ar")


def _heard(replies: list[Call]) -> str:
    """What the voice message says: the answer's messages, then the titles of their buttons
    (each a short sentence), as a person reads them on the screen."""
    lines: list[str] = []
    for reply in replies:
        lines.append(reply.params["text"])
        lines += [t if t[-1] in ".!?:;…؟" else f"{t}." for t in _titles(reply)]
    heard = "\n".join(lines)
    if len(heard) > MAX_CHARS:  # too long with the choices: the messages alone
        heard = "\n".join(reply.params["text"] for reply in replies)
    return heard


def _voice_of(telegram: Channel, chat: int, language: str, answer: list[Call]) -> None:
    """Exactly one voice message reached `chat`: Ogg/Opus, over half a second, and the bot's
    speech of the answer in `language` (the cache gives back these very bytes)."""
    (voice,) = telegram.standin.wait_for("sendVoice", chat)
    time.sleep(1.5)
    assert len(telegram.standin.calls_of("sendVoice", chat, failed=None)) == 1
    upload = voice.params["voice"]
    assert isinstance(upload, Upload)
    audio = upload.data
    assert audio.startswith(b"OggS") and b"OpusHead" in audio[:200]
    seconds = ogg_opus_seconds(audio)
    assert seconds > 0.5
    assert int(voice.params["duration"]) == max(1, round(seconds))
    assert Synthesizer(telegram.speech_dir).speak(_heard(answer), language).audio == audio


def test_the_listen_button_sends_the_answer_as_a_voice_message_in_its_language(telegram):
    chat = telegram.chat()
    answer = telegram.say(chat, "привіт")  # the sample's Telegram language is "ru"
    listen = _listen_button(answer[-1])
    assert listen is not None and listen["text"] == channel_text("listen_button", "uk")
    assert len(listen["callback_data"].encode()) <= MAX_CALLBACK_DATA_BYTES
    messages = len(telegram.standin.calls_of("sendMessage", chat))
    update = button_update(telegram.update_id(), chat, listen["callback_data"], answer[-1].result)
    telegram.push(update)
    query_id = update["callback_query"]["id"]
    telegram.standin.wait_for(
        "answerCallbackQuery", where=lambda params: params["callback_query_id"] == query_id
    )
    _voice_of(telegram, chat, "uk", answer)
    assert len(telegram.standin.calls_of("sendMessage", chat)) == messages, "no notice"


def test_listen_reads_the_last_answer_aloud_and_says_when_there_is_none(telegram):
    chat = telegram.chat()
    (notice,) = telegram.command(chat, "/listen", language_code="ar")
    assert notice.params["text"] == channel_text("listen_nothing", "ar")
    assert not telegram.standin.calls_of("sendVoice", chat)
    answer = telegram.say(chat, "مرحبا")
    telegram.push(message_update(START, telegram.update_id(), chat, text="/listen"))
    _voice_of(telegram, chat, "ar", answer)


def test_forget_asks_first_and_deletes_the_conversation_from_the_tracker_store(telegram):
    chat = telegram.chat()
    telegram.say(chat, "привіт")
    assert telegram.events(chat) > 0

    (question,) = telegram.command(chat, "/forget")
    assert question.params["text"] == channel_text("forget_question", "uk")
    assert [(b["text"], b["callback_data"]) for b in question.buttons] == [
        (channel_text("forget_yes", "uk"), FORGET_YES),
        (channel_text("forget_no", "uk"), FORGET_NO),
    ]
    # "No", pressed on the question as Telegram sends it (with the message): nothing deleted,
    # and the question loses its buttons.
    (kept,) = telegram.press(chat, FORGET_NO, message=question.result)
    assert kept.params["text"] == channel_text("forget_kept", "uk")
    assert telegram.events(chat) > 0
    edits = telegram.standin.calls_of("editMessageReplyMarkup", chat)
    assert [e.params["message_id"] for e in edits] == [str(question.result["message_id"])]

    (done,) = telegram.press(chat, FORGET_YES)  # the documentation's shape, without message
    assert done.params["text"] == channel_text("forget_done", "uk")
    assert telegram.events(chat) == 0
    (nothing,) = telegram.command(chat, "/listen", language_code="uk")
    assert nothing.params["text"] == channel_text("listen_nothing", "uk"), "the answer is gone"


def test_one_blocked_user_does_not_stop_the_others(telegram, domain_responses):
    blocked, other = telegram.chat(), telegram.chat()
    telegram.standin.fail(
        "sendMessage",
        status=403,
        description="Forbidden: bot was blocked by the user",
        times=100,
        when=lambda params: int(params["chat_id"]) == blocked,
    )
    telegram.push(message_update(TEXT, telegram.update_id(), blocked, text="hello"))
    replies = telegram.say(other, "hello")
    # "hello" is typed alike in every language: the sample user's language_code ("ru") decides.
    assert replies[0].params["text"] == _variant(domain_responses, "utter_greet", "ru")
    assert telegram.standin.calls_of("sendMessage", blocked, failed=True)
    assert not telegram.standin.calls_of("sendMessage", blocked)


def test_flood_control_and_a_dropped_connection_are_retried_without_duplicates(
    telegram, domain_responses
):
    chat = telegram.chat()
    to_chat = {"when": lambda params: int(params["chat_id"]) == chat}
    telegram.standin.fail(
        "sendMessage",
        status=429,
        description="Too Many Requests: retry after 1",
        parameters={"retry_after": 1},
        **to_chat,
    )
    telegram.standin.fail("sendMessage", status=0, **to_chat)
    replies = telegram.say(chat, "hello")  # the sample user's language_code is "ru"
    assert [r.params["text"] for r in replies] == [
        _variant(domain_responses, "utter_greet", "ru"),
        text("choose_topic", "ru"),
    ]
    assert len(telegram.standin.calls_of("sendMessage", chat, failed=True)) == 2


def test_user_messages_and_the_token_stay_out_of_the_logs(telegram):
    chat = telegram.chat()
    telegram.say(chat, "my neighbour Zyxwvut needs a kaikukortti")
    logs = telegram.log_file.read_text(encoding="utf-8", errors="replace")
    assert "Zyxwvut" not in logs
    assert BOT_TOKEN not in logs and BOT_TOKEN.split(":")[1] not in logs


# --- webhook mode only -----------------------------------------------------------------------


def test_the_webhook_answers_before_the_bot_has_replied(webhook):
    chat = webhook.chat()
    url = webhook.webhook_url
    status = _post_update(url, message_update(TEXT, webhook.update_id(), chat, text="hei"))
    answered = time.monotonic()
    assert status == 200
    first_reply = webhook.standin.wait_for("sendMessage", chat)[0]
    assert answered < first_reply.at


@pytest.mark.parametrize(
    "secret", [None, "wrong-secret", SECRET + "x"], ids=["missing", "wrong", "longer"]
)
def test_the_webhook_refuses_updates_without_the_secret(webhook, secret):
    chat = webhook.chat()
    update = message_update(TEXT, webhook.update_id(), chat, text="hei")
    assert _post_update(webhook.webhook_url, update, secret=secret) == 403
    time.sleep(2)
    assert not webhook.standin.calls_of("sendMessage", chat, failed=None)


def test_an_update_delivered_twice_is_answered_once(webhook, domain_responses):
    chat = webhook.chat()
    update = message_update(TEXT, webhook.update_id(), chat, text="hei")
    assert _post_update(webhook.webhook_url, update) == 200
    assert _post_update(webhook.webhook_url, update) == 200
    replies = webhook.standin.settle(chat)
    assert [r.params["text"] for r in replies] == [
        _variant(domain_responses, "utter_greet", "fi"),
        text("choose_topic", "fi"),
    ]


def test_the_webhook_acknowledges_what_it_cannot_read(webhook):
    url = webhook.webhook_url
    assert _post_update(url, {"update_id": webhook.update_id(), "poll": "?"}) == 200
    assert _post_update(url, {"not": "an update"}) == 200


def test_a_long_payload_button_works_across_processes(webhook):
    """The button is made by one process (here the test) and pressed in the Rasa server's."""
    chat = webhook.chat()
    payload = '/help{"topic":"families","from":"' + "a-long-campaign-reference-" * 3 + '"}'
    store = ChannelStore(webhook.database_url)
    try:
        data = asyncio.run(store.callback_data(payload))
    finally:
        store.close()
    assert len(data.encode()) <= 64
    services = webhook.press(chat, data)[0]  # (then the language buttons: no language known yet)
    topic = get_catalogue().topic("families")
    assert services.params["text"] == text("choose_service", "en", topic=topic.name["en"])


# --- pieces against the stand-in -------------------------------------------------------------


def test_a_long_reply_is_split_at_paragraphs_with_the_keyboard_on_the_last_part():
    standin = BotApiStandIn(BOT_TOKEN)
    standin.start()
    paragraphs = [f"{i}. " + "Kauniaisten kotoutumispalvelut auttavat. " * 30 for i in range(12)]
    long_text = "\n\n".join(p.strip() for p in paragraphs)
    long_payload = "/ask_" + "kaikukortti_" * 8
    buttons = [
        {"title": "Kaikukortti", "payload": "/ask_kaikukortti"},
        {"title": "Long", "payload": long_payload},
    ]

    async def send() -> None:
        bot = Bot(BOT_TOKEN, base_url=standin.base_url)
        output = TelegramOutput(Replier(bot, ChannelStore(None)))
        await output.send_response("tg-77", {"text": long_text, "buttons": buttons})
        await bot.shutdown()

    try:
        asyncio.run(send())
        parts = standin.calls_of("sendMessage", 77)
    finally:
        standin.stop()
    assert len(parts) == 4
    assert all(utf16_length(p.params["text"]) <= MAX_MESSAGE_LENGTH for p in parts)
    assert "\n\n".join(p.params["text"] for p in parts) == long_text
    assert all(p.params["text"][0].isdigit() for p in parts), "split inside a paragraph"
    assert [p.keyboard for p in parts[:-1]] == [[], [], []]
    data = [b["callback_data"] for b in parts[-1].buttons]
    assert data[0] == "/ask_kaikukortti"
    assert data[1] != long_payload and len(data[1].encode()) <= 64
    assert "parse_mode" not in parts[0].params


def test_when_rasa_cannot_answer_the_user_hears_so_in_their_language():
    standin = BotApiStandIn(BOT_TOKEN)
    standin.start()

    async def rasa_is_down(turn: Turn) -> None:
        raise RasaUnavailable("the Rasa server refused the connection")

    async def handle() -> None:
        config = TelegramConfig(token=BOT_TOKEN, api_base_url=standin.base_url)
        app = build_application(config, ChannelStore(None), rasa_is_down, "sqlite://")
        await app.initialize()
        update = parse_update(message_update(TEXT, 1, 88, text="где найти курсы?"), app.bot)
        assert update is not None
        await app.process_update(update)
        await app.shutdown()

    try:
        asyncio.run(handle())
        (notice,) = standin.calls_of("sendMessage", 88)
    finally:
        standin.stop()
    assert notice.params["text"] == channel_text("unavailable", "ru")  # the sample's language


def test_the_channel_is_off_without_a_token(caplog):
    """The channel's own route in a bare Sanic app: 503, one warning, nothing else breaks."""
    caplog.set_level(logging.WARNING, logger="kotobot.telegram")
    channel = TelegramInput(TelegramConfig(token=""))
    received: list[Any] = []

    async def on_new_message(message: Any) -> None:
        received.append(message)

    async def scenario() -> list[int]:
        app = Sanic(f"telegram_off_{next(_ids)}")
        app.blueprint(channel.blueprint(on_new_message), url_prefix="/webhooks/telegram")
        port = free_port()
        server = await app.create_server(
            host="127.0.0.1", port=port, return_asyncio_server=True, access_log=False
        )
        assert server is not None
        await server.startup()
        try:
            loop = asyncio.get_running_loop()
            url = f"http://127.0.0.1:{port}/webhooks/telegram/webhook"
            update = message_update(TEXT, 1, 1, text="hei")
            return [await loop.run_in_executor(None, _post_update, url, update) for _ in range(2)]
        finally:
            server.close()
            await server.wait_closed()

    assert asyncio.run(scenario()) == [503, 503]
    assert not received
    warnings = [r for r in caplog.records if "Telegram webhook channel is off" in r.getMessage()]
    assert len(warnings) == 1 and "TELEGRAM_BOT_TOKEN" in warnings[0].getMessage()


def test_the_setup_command_sets_the_menu_and_the_webhook_with_its_secret():
    standin = BotApiStandIn(BOT_TOKEN)
    standin.start()
    try:
        result = subprocess.run(
            [sys.executable, "-m", "bot.channels.telegram.setup"],
            cwd=PROJECT_ROOT,
            env=_telegram_env(
                standin,
                TELEGRAM_WEBHOOK_URL="https://kotobot.example/webhooks/telegram/webhook",
                TELEGRAM_WEBHOOK_SECRET=SECRET,
            ),
            capture_output=True,
            text=True,
            timeout=120,
        )
        menus = standin.calls_of("setMyCommands")
        (webhook,) = standin.calls_of("setWebhook")
    finally:
        standin.stop()
    assert result.returncode == 0, result.stdout + result.stderr
    assert sorted(c.params.get("language_code", "") for c in menus) == sorted(["", *LANGUAGES])
    assert webhook.params["url"] == "https://kotobot.example/webhooks/telegram/webhook"
    assert webhook.params["secret_token"] == SECRET
    assert webhook.params["allowed_updates"] == ["message", "edited_message", "callback_query"]
    assert BOT_TOKEN not in result.stdout + result.stderr


def test_the_polling_runner_without_a_token_says_telegram_is_off():
    env = {k: v for k, v in os.environ.items() if k not in _TELEGRAM_ENV}
    result = subprocess.run(
        [sys.executable, "-m", "bot.channels.telegram.polling"],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0
    assert "Telegram is off" in result.stdout
    assert polling_server(load_settings(env)) is None
    webhook = {
        "TELEGRAM_BOT_TOKEN": BOT_TOKEN,
        "TELEGRAM_WEBHOOK_URL": "https://kotobot.example/webhooks/telegram/webhook",
    }
    assert polling_server(load_settings({**env, **webhook})) is None, "webhook mode: no polling"


def test_the_polling_runner_stops_with_a_clear_message_when_the_token_is_rejected(stack):
    standin = BotApiStandIn("a-different-token")
    standin.start()
    try:
        result = subprocess.run(
            [sys.executable, "-m", "bot.channels.telegram.polling"],
            cwd=PROJECT_ROOT,
            env=_telegram_env(
                standin,
                RASA_URL=stack.base,
                RASA_API_TOKEN=RASA_API_TOKEN,  # the stack's, not a token left in var/ by make run
                KOTOBOT_VAR_DIR=str(stack.settings.var_dir),
            ),
            capture_output=True,
            text=True,
            timeout=120,
        )
    finally:
        standin.stop()
    output = result.stdout + result.stderr
    assert result.returncode == 2, output
    assert "rejected TELEGRAM_BOT_TOKEN" in output
    assert BOT_TOKEN not in output and "Traceback" not in output
