"""The per-sender rate limit (20 messages per 10 s by default) on the REST and socket.io
channels: past it a short text in the conversation's language, and the message is not handled."""

from __future__ import annotations

import asyncio
import time
import uuid

import pytest

from bot.guard.texts import guard_text
from bot.settings import GuardSettings
from tests.e2e.sockets import WidgetClient

pytestmark = pytest.mark.e2e

# The defaults (the stack's environment sets no RATE_LIMIT_*).
DEFAULT_MESSAGES = GuardSettings().rate_limit_messages
DEFAULT_SECONDS = GuardSettings().rate_limit_seconds


def _user_messages(stack, sender: str) -> int:
    return sum(1 for e in stack.tracker(sender)["events"] if e["event"] == "user")


def test_rest_past_the_limit_gets_a_polite_text_and_is_not_handled(stack):
    sender = f"rate-{uuid.uuid4().hex}"
    started = time.monotonic()
    answers = [stack.say(sender, "kiitos") for _ in range(DEFAULT_MESSAGES + 3)]
    assert time.monotonic() - started < DEFAULT_SECONDS, "the messages came within the window"
    limited = [guard_text("rate_limited", "fi")]
    assert all([r["text"] for r in a] != limited for a in answers[:DEFAULT_MESSAGES])
    assert all([r["text"] for r in a] == limited for a in answers[DEFAULT_MESSAGES:])
    assert _user_messages(stack, sender) == DEFAULT_MESSAGES, "refused messages are not handled"

    time.sleep(DEFAULT_SECONDS - (time.monotonic() - started) + 0.5)
    assert [r["text"] for r in stack.say(sender, "kiitos")] != limited, "the window moved on"


def test_socketio_past_the_limit_gets_a_polite_text_in_the_conversations_language(stack):
    async def scenario() -> list[list[dict]]:
        async with WidgetClient(stack.base, f"rate-{uuid.uuid4().hex}") as widget:
            return [
                await widget.say("شكرا", quiet=0.2, language="ar")
                for _ in range(DEFAULT_MESSAGES + 2)
            ]

    started = time.monotonic()
    answers = asyncio.run(scenario())
    assert time.monotonic() - started < DEFAULT_SECONDS, "the messages came within the window"
    limited = [guard_text("rate_limited", "ar")]
    assert all([r["text"] for r in a] != limited for a in answers[:DEFAULT_MESSAGES])
    assert all([r["text"] for r in a] == limited for a in answers[DEFAULT_MESSAGES:])
