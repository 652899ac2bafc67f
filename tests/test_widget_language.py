"""The socket.io channel's language parts without servers: the client's hint (the widget's
metadata, rasa-webchat's customData) and bot messages that carry the conversation's language."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from bot.channels.socketio.hints import client_metadata, language_hint, payload_with_language
from bot.channels.socketio.output import TurnOutput


def test_rasa_webchats_custom_data_is_read_like_the_widgets_metadata():
    webchat = {"message": "/greet", "customData": {"language": "uk"}, "session_id": "x"}
    assert client_metadata(webchat, "metadata") == {"language": "uk"}
    widget = {"customData": {"language": "fi"}, "metadata": {"language": "fi"}}
    assert client_metadata(widget, "metadata") == {"language": "fi"}
    assert client_metadata({"metadata": '{"language": "ar"}'}, "metadata") == {"language": "ar"}
    assert client_metadata({"customData": "not json", "metadata": [1]}, "metadata") == {}


@pytest.mark.parametrize(
    ("value", "expected"),
    [("uk", "uk"), ("uk-UA", "uk"), ("AR", "ar"), ("de", None), (3, None), (None, None)],
)
def test_a_hint_is_one_of_the_six_languages_or_nothing(value, expected):
    assert language_hint({"language": value}) == expected


@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        ("/greet", '/greet{"language": "uk"}'),
        ('/help{"topic": "work"}', '/help{"topic": "work", "language": "uk"}'),
        # a payload that names its language, or is not a payload, is left as it is
        ('/choose_language{"language": "sv"}', '/choose_language{"language": "sv"}'),
        ("hei", "hei"),
        ("/help{not json}", "/help{not json}"),
        ("/greet@0.9", "/greet@0.9"),
    ],
)
def test_a_payload_gets_the_hint_as_its_language_entity(payload, expected):
    assert payload_with_language(payload, "uk") == expected


def test_no_hint_changes_nothing():
    assert payload_with_language("/greet", None) == "/greet"


class _Sio:
    def __init__(self) -> None:
        self.emitted: list[tuple[str, Any, str]] = []

    async def emit(self, event: str, data: Any, room: str) -> None:
        self.emitted.append((event, data, room))


def test_a_turns_messages_go_out_at_its_end_with_the_conversations_language():
    sio = _Sio()
    output = TurnOutput(sio, "bot_uttered")  # type: ignore[arg-type]

    async def turn() -> int:
        await output.send_text_message("web-1", "مرحبًا!\n\nكيف أساعدك؟")
        await output.send_text_with_buttons("web-1", "اختر", [{"title": "عمل", "payload": "/x"}])
        held = len(sio.emitted)
        await output.flush("ar")
        return held

    assert asyncio.run(turn()) == 0  # nothing before the turn is over
    assert [(event, room) for event, _, room in sio.emitted] == [("bot_uttered", "web-1")] * 3
    assert [data["language"] for _, data, _ in sio.emitted] == ["ar", "ar", "ar"]
    assert sio.emitted[0][1]["text"] == "مرحبًا!"
    assert sio.emitted[2][1]["quick_replies"][0]["title"] == "عمل"
    asyncio.run(output.flush("ar"))
    assert len(sio.emitted) == 3  # each message once
