"""The Telegram channel's pure logic, on the real Update JSON Telegram sends."""

from __future__ import annotations

import asyncio

import pytest
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TimedOut

from bot.channels.telegram.callback_data import (
    CHANNEL_DATA_PREFIX,
    FORGET_NO,
    FORGET_YES,
    MAX_CALLBACK_DATA_BYTES,
)
from bot.channels.telegram.config import TelegramConfig, describe_mode
from bot.channels.telegram.handlers import ChatOrder, greeting_payload
from bot.channels.telegram.incoming import (
    COMMANDS,
    Kind,
    chat_id_of,
    command_of,
    parse_update,
    read_update,
    repair_update_json,
    sender_id_of,
)
from bot.channels.telegram.replies import (
    MAX_MESSAGE_LENGTH,
    forget_keyboard,
    language_keyboard,
    split_text,
    utf16_length,
)
from bot.channels.telegram.retry import call_telegram
from bot.channels.telegram.setup import command_menus
from bot.channels.telegram.store import ChannelStore
from bot.channels.telegram.texts import channel_text
from bot.languages import LANGUAGES, NATIVE_NAMES
from tests.e2e.telegram_standin import (
    BUTTON,
    EDITED,
    START,
    START_PLAIN,
    TEXT,
    VOICE,
    message_update,
    sample,
)
from tests.events_table import add_events, create_events_table


def _read(raw: dict):
    update = parse_update(raw)
    assert update is not None
    return read_update(update)


# --- reading updates -------------------------------------------------------------------------


def test_a_text_message_becomes_sender_text_and_metadata():
    incoming = _read(sample(TEXT))
    assert incoming.kind is Kind.TEXT
    assert (incoming.sender_id, incoming.text) == ("tg-12345678", "Hi, world!")
    assert incoming.metadata == {"language": "ru", "channel": "telegram"}


@pytest.mark.parametrize("prefix", [START, START_PLAIN])
def test_start_is_a_command_with_or_without_its_entity_and_is_bot(prefix):
    incoming = _read(sample(prefix))
    assert (incoming.kind, incoming.text) == (Kind.COMMAND, "start")


def test_the_telegram_language_is_metadata_and_a_hint():
    incoming = _read(sample(START))
    assert incoming.metadata == {"language": "en-GB", "channel": "telegram"}
    assert incoming.hint == "en"
    assert _read(sample(START_PLAIN)).hint is None


def test_a_button_press_without_message_is_answered_in_the_users_private_chat():
    incoming = _read(sample(BUTTON))
    assert incoming.kind is Kind.BUTTON
    assert incoming.chat_id == 1111111 and incoming.sender_id == "tg-1111111"
    assert incoming.text == "Data from button callback"
    assert incoming.callback_query_id == "4382bfdwdsb323b2d9"
    assert incoming.button_message_id is None


def test_edited_and_voice_messages_are_not_text():
    assert _read(sample(EDITED)).kind is Kind.EDITED
    voice = _read(sample(VOICE))
    assert voice.kind is Kind.NOT_TEXT and voice.chat_id == 1111111


def test_group_messages_are_ignored():
    raw = sample(TEXT)
    raw["message"]["chat"] = {"id": -100123, "type": "supergroup", "title": "Newcomers"}
    assert _read(raw).kind is Kind.IGNORED


def test_an_update_python_telegram_bot_cannot_read_is_reduced_to_its_id():
    raw = sample(TEXT)
    raw["message"]["date"] = "yesterday"
    assert repair_update_json(raw) == {"update_id": 123456789}
    assert _read(raw).kind is Kind.IGNORED
    assert repair_update_json({"no": "update"}) is None
    assert repair_update_json([1, 2]) is None


def test_content_python_telegram_bot_cannot_read_is_not_text():
    raw = sample(TEXT)
    del raw["message"]["text"]
    raw["message"]["hologram"] = {"file_id": "x"}  # a content type newer than the library
    assert _read(raw).kind is Kind.NOT_TEXT
    raw = sample(VOICE)  # Telegram's own example lacks voice.file_unique_id
    assert _read(raw).kind is Kind.NOT_TEXT


def test_repair_adds_only_the_missing_is_bot():
    raw = sample(BUTTON)
    repaired = repair_update_json(raw)
    assert repaired is not None
    assert repaired["callback_query"]["from"]["is_bot"] is False
    assert "is_bot" not in raw["callback_query"]["from"], "the original is left as it was"
    assert repaired["callback_query"]["data"] == raw["callback_query"]["data"]


@pytest.mark.parametrize(
    ("text", "command"),
    [
        ("/start", "start"),
        ("/start welcome-ref", "start"),
        ("/Help@kotobot_bot", "help"),
        ("/forget", "forget"),
        ("/language", "language"),
        ('/help{"topic":"families"}', None),
        ("/ask_kaikukortti", None),
        ("start", None),
        ("/", None),
    ],
)
def test_commands_are_recognised_and_payloads_are_not(text, command):
    assert command_of(text) == command


def test_sender_ids_and_chats_map_both_ways():
    assert sender_id_of(42) == "tg-42" and chat_id_of("tg-42") == 42
    assert chat_id_of("tg--1001") == -1001
    assert chat_id_of("web-42") is None and chat_id_of("tg-x") is None


@pytest.mark.parametrize(
    ("language_code", "payload"),
    [
        ("uk", '/greet{"language":"uk"}'),
        ("en-GB", '/greet{"language":"en"}'),
        ("de", "/greet"),
        (None, "/greet"),
    ],
)
def test_start_greets_in_the_telegram_language_when_it_is_one_of_the_six(language_code, payload):
    assert greeting_payload(language_code) == payload


def test_a_message_update_keeps_the_sample_shape_with_new_ids():
    raw = message_update(START, 7, 99, text="/forget")
    assert raw["message"]["entities"][0]["length"] == len("/forget")
    incoming = _read(raw)
    assert (incoming.update_id, incoming.chat_id, incoming.text) == (7, 99, "forget")


# --- long messages ---------------------------------------------------------------------------


def test_a_short_message_is_not_split():
    assert split_text("  Hei!\n\nMitä kuuluu?  ") == ["Hei!\n\nMitä kuuluu?"]
    assert split_text("   ") == []


def test_a_long_message_is_split_at_paragraphs():
    paragraphs = [f"Paragraph {i}: " + "word " * 300 for i in range(8)]
    text = "\n\n".join(p.strip() for p in paragraphs)
    parts = split_text(text)
    assert len(parts) > 1
    assert all(utf16_length(part) <= MAX_MESSAGE_LENGTH for part in parts)
    assert all(part.startswith("Paragraph") for part in parts), "a paragraph was cut"
    assert "\n\n".join(parts) == text


def test_without_paragraphs_lines_then_words_are_the_boundaries():
    lines = "\n".join("• " + "palvelu " * 40 for _ in range(30))
    parts = split_text(lines, limit=1000)
    assert all(part.startswith("•") for part in parts)
    words = "sana " * 2000
    parts = split_text(words, limit=1000)
    assert all(utf16_length(p) <= 1000 and not p.endswith("san") for p in parts)
    assert " ".join(parts) == words.strip()


def test_a_text_without_spaces_is_cut_hard_and_emoji_count_double():
    parts = split_text("x" * 9000)
    assert [len(p) for p in parts] == [4096, 4096, 808]
    emoji = "🙂" * 3000  # 6000 UTF-16 code units
    parts = split_text(emoji)
    assert all(utf16_length(p) <= MAX_MESSAGE_LENGTH for p in parts)
    assert "".join(parts) == emoji


def test_arabic_text_is_split_without_losing_characters():
    sentence = "يمكنك الحصول على بطاقة كايكوكورتي من الخدمات الاجتماعية في كاونيانين. "
    text = "\n".join((sentence * 5).strip() for _ in range(30))
    parts = split_text(text)
    assert len(parts) > 1 and "\n".join(parts) == text.strip()


# --- buttons ---------------------------------------------------------------------------------


def test_language_buttons_name_each_language_in_itself():
    buttons = [b for row in language_keyboard().inline_keyboard for b in row]
    assert [(b.text, b.callback_data) for b in buttons] == [
        (NATIVE_NAMES[code], f'/choose_language{{"language":"{code}"}}') for code in LANGUAGES
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_forget_buttons_are_in_the_users_language(language):
    buttons = [b for row in forget_keyboard(language).inline_keyboard for b in row]
    assert [(b.text, b.callback_data) for b in buttons] == [
        (channel_text("forget_yes", language), FORGET_YES),
        (channel_text("forget_no", language), FORGET_NO),
    ]


def test_short_payloads_are_callback_data_as_they_are():
    store = ChannelStore(None)
    payload = '/inform_target_group{"target_group":"outside_labour_force"}'
    assert asyncio.run(store.callback_data(payload)) == payload


def test_long_payloads_travel_as_a_short_key_and_come_back():
    store = ChannelStore(None)
    payload = '/help{"topic":"families","note":"' + "ä" * 80 + '"}'
    data = asyncio.run(store.callback_data(payload))
    assert len(data.encode("utf-8")) <= MAX_CALLBACK_DATA_BYTES
    assert asyncio.run(store.callback_data(payload)) == data, "the same payload, the same key"
    assert asyncio.run(store.payload_of(data)) == payload
    assert asyncio.run(store.payload_of(data[:-1] + "?")) is None


def test_a_payload_that_looks_like_channel_data_is_mapped_too():
    store = ChannelStore(None)
    data = asyncio.run(store.callback_data(FORGET_YES))
    assert data != FORGET_YES and data.startswith(CHANNEL_DATA_PREFIX)
    assert asyncio.run(store.payload_of(data)) == FORGET_YES


def test_long_payloads_survive_a_restart_in_the_database(tmp_path):
    url = f"sqlite:///{tmp_path / 'tracker.db'}"
    payload = "/ask_" + "x" * 100
    first = ChannelStore(url)
    data = asyncio.run(first.callback_data(payload))
    first.close()
    second = ChannelStore(url)
    try:
        assert asyncio.run(second.payload_of(data)) == payload
    finally:
        second.close()


# --- the conversation's language -------------------------------------------------------------


def _events_table(url: str, rows: list[tuple[str, str, dict]]) -> None:
    create_events_table(url)
    add_events(url, rows)


def test_the_language_is_the_last_value_of_the_language_slot(tmp_path):
    url = f"sqlite:///{tmp_path / 'tracker.db'}"
    _events_table(
        url,
        [
            ("tg-1", "slot", {"event": "slot", "name": "language", "value": "ru"}),
            ("tg-1", "user", {"event": "user", "text": "привіт"}),
            ("tg-1", "slot", {"event": "slot", "name": "language", "value": "uk"}),
            ("tg-1", "slot", {"event": "slot", "name": "service", "value": "kaikukortti"}),
            ("tg-2", "slot", {"event": "slot", "name": "language", "value": "ar"}),
        ],
    )
    store = ChannelStore(url)
    try:
        assert asyncio.run(store.language_of("tg-1")) == "uk"
        assert asyncio.run(store.language_of("tg-2")) == "ar"
        assert asyncio.run(store.language_of("tg-3")) is None
    finally:
        store.close()


def test_no_tracker_table_yet_means_no_language(tmp_path):
    store = ChannelStore(f"sqlite:///{tmp_path / 'empty.db'}")
    try:
        assert asyncio.run(store.language_of("tg-1")) is None
    finally:
        store.close()


# --- texts and the command menu --------------------------------------------------------------


def test_the_command_menu_exists_in_six_languages_and_english_by_default():
    menus = command_menus()
    assert [language for language, _ in menus] == [None, *LANGUAGES]
    for language, commands in menus:
        assert [c.command for c in commands] == list(COMMANDS)
        assert all(3 <= len(c.description) <= 256 for c in commands), language
    assert menus[0][1] == dict(menus[1:])["en"]


def test_the_webhook_secret_must_be_what_telegram_accepts():
    assert TelegramConfig(token="t", webhook_secret="abc_DEF-123").secret_is_valid
    assert not TelegramConfig(token="t", webhook_secret="").secret_is_valid
    assert not TelegramConfig(token="t", webhook_secret="has space").secret_is_valid
    config = TelegramConfig(token="123:SECRET-TOKEN", webhook_secret="SECRET-HEADER")
    assert "SECRET" not in repr(config)


# --- retries and ordering --------------------------------------------------------------------


class _Flaky:
    """A Bot API call that fails with the given errors first, then succeeds."""

    def __init__(self, *errors: Exception) -> None:
        self.errors = list(errors)
        self.calls = 0

    async def __call__(self) -> str:
        self.calls += 1
        if self.errors:
            raise self.errors.pop(0)
        return "sent"


def _retry(call: _Flaky, idempotent: bool) -> tuple[str | None, list[float]]:
    slept: list[float] = []

    async def sleep(seconds: float) -> None:
        slept.append(seconds)

    result = asyncio.run(call_telegram("test", call, idempotent=idempotent, sleep=sleep))
    return result, slept


def test_flood_control_waits_as_long_as_telegram_says():
    result, slept = _retry(_Flaky(RetryAfter(3)), idempotent=False)
    assert result == "sent" and slept == [3.0]


def test_network_errors_are_retried_with_backoff_then_given_up():
    result, slept = _retry(_Flaky(NetworkError("a"), NetworkError("b")), idempotent=False)
    assert result == "sent" and slept == [0.5, 1.0]
    flaky = _Flaky(*[NetworkError("down")] * 10)
    result, slept = _retry(flaky, idempotent=False)
    assert result is None and flaky.calls == 4 and slept == [0.5, 1.0, 2.0]


def test_a_timed_out_send_is_not_repeated_but_an_idempotent_call_is():
    flaky = _Flaky(TimedOut())
    assert _retry(flaky, idempotent=False) == (None, []) and flaky.calls == 1
    assert _retry(_Flaky(TimedOut()), idempotent=True)[0] == "sent"


@pytest.mark.parametrize("error", [Forbidden("bot was blocked"), BadRequest("chat not found")])
def test_errors_that_another_try_cannot_fix_are_not_retried(error):
    flaky = _Flaky(error)
    assert _retry(flaky, idempotent=True) == (None, []) and flaky.calls == 1


def test_a_chats_updates_run_in_order_and_other_chats_in_parallel():
    """ChatOrder is the Application's update processor in both modes."""

    async def scenario() -> list[str]:
        order = ChatOrder()
        events: list[str] = []

        async def work(name: str, seconds: float) -> None:
            events.append(f"{name} starts")
            await asyncio.sleep(seconds)
            events.append(f"{name} ends")

        def update(chat: int) -> object:
            return parse_update(message_update(TEXT, 1, chat, text="hei"))

        async with order:
            await asyncio.gather(
                order.process_update(update(1), work("a1", 0.05)),
                order.process_update(update(1), work("a2", 0)),
                order.process_update(update(2), work("b", 0)),
            )
        assert order.chats_in_progress == 0, "locks of finished chats are dropped"
        return events

    events = asyncio.run(scenario())
    assert events.index("a1 ends") < events.index("a2 starts")
    assert events.index("b ends") < events.index("a1 ends")


def test_the_run_command_can_say_which_mode_telegram_is_in():
    base = "http://127.0.0.1:5005"
    assert describe_mode(TelegramConfig(), base).startswith("off")
    assert describe_mode(TelegramConfig(token="t"), base).startswith("long polling")
    webhook = describe_mode(TelegramConfig(token="t", webhook_url="https://x.example/hook"), base)
    assert webhook.startswith("webhook https://x.example/hook")
    assert f"{base}/webhooks/telegram/webhook" in webhook
