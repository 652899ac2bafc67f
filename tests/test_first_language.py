"""The first message's language: a client hint or a confident detection decides; otherwise
the reply offers the six languages."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot.actions import ActionAnswerService, ActionShowTopics
from bot.actions.common import language_undecided
from bot.answers import language_buttons
from bot.nlu.components import LanguageDetector


def _tracker(intent: str, events: list[dict[str, Any]], language: str = "en") -> Tracker:
    return Tracker(
        sender_id="first",
        slots={"language": language, "target_group": None, "service": None},
        latest_message={"intent": {"name": intent, "confidence": 1.0}, "entities": []},
        events=events,
        paused=False,
        followup_action=None,
        active_loop={},
        latest_action_name="action_listen",
    )


USER = {"event": "user", "text": "ok"}
LANGUAGE_SET = {"event": "slot", "name": "language", "value": "fi"}


def _messages(action, tracker: Tracker) -> list[dict[str, Any]]:
    dispatcher = CollectingDispatcher()
    asyncio.run(action.run(dispatcher, tracker, {}))
    return dispatcher.messages


def test_undecided_until_something_tells_the_language() -> None:
    assert language_undecided(_tracker("affirm", [USER]))
    assert not language_undecided(_tracker("affirm", [USER, LANGUAGE_SET, USER]))
    assert not language_undecided(_tracker("affirm", []))


@pytest.mark.parametrize(
    ("action", "intent"), [(ActionAnswerService(), "ask_kaikukortti"), (ActionShowTopics(), "help")]
)
def test_an_undecided_first_message_gets_the_six_languages_after_the_answer(action, intent):
    messages = _messages(action, _tracker(intent, [USER]))
    assert messages[-1]["buttons"] == language_buttons()
    assert len(messages) >= 2  # the answer itself comes first


@pytest.mark.parametrize(
    ("action", "intent"), [(ActionAnswerService(), "ask_kaikukortti"), (ActionShowTopics(), "help")]
)
def test_a_known_language_gets_no_language_buttons(action, intent):
    messages = _messages(action, _tracker(intent, [USER, LANGUAGE_SET], language="fi"))
    assert all(m["buttons"] != language_buttons() for m in messages)


def _detected(text: str, hint: str | None = None) -> str | None:
    message = Message({TEXT: text, "metadata": {"language": hint} if hint else {}})
    message.set(INTENT, {"name": "affirm", "confidence": 0.9})
    message.set(INTENT_RANKING_KEY, [{"name": "affirm", "confidence": 0.9}])
    LanguageDetector().process([message])
    return next(
        (e["value"] for e in message.get("entities", []) if e["entity"] == "language"), None
    )


@pytest.mark.parametrize("hint", ["fi", "sv", "en", "ar", "ru", "uk"])
def test_a_short_message_follows_the_client_hint(hint: str) -> None:
    assert _detected("ok", hint=hint) == hint
    assert _detected("Kaikukortti?", hint=hint) == hint


def test_without_a_hint_a_short_message_tells_nothing() -> None:
    assert _detected("ok") is None
    assert _detected("👍") is None


def test_a_hint_does_not_override_what_the_text_says() -> None:
    assert _detected("Где можно учить финский язык?", hint="en") == "ru"
    assert _detected("where do I get the kaikukortti?", hint="fi") == "en"
