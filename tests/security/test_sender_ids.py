"""Conversation ids chosen by the client (issue #14, point 2), as attacks on the real servers.

A Telegram user's conversation is `tg-<chat id>`, and chat ids are public. Before the fix any
REST caller could send {"sender": "tg-…", "input_channel": "telegram"} and any socket.io client
could `session_request` that id: speak as the user, read their handoff draft at the confirm
step, submit it, or delete their conversation with `forget_session`. Every test here fails on
that code and passes once the server issues and checks the ids.
"""

from __future__ import annotations

import asyncio
import json
import secrets

import pytest

from bot.i18n import text
from tests.e2e.sockets import WidgetClient
from tests.security.limits_stack import (
    RestCaller,
    outbox_statuses,
    post,
    secure_stack,  # noqa: F401  (the fixture)
    user_messages,
)

pytestmark = pytest.mark.e2e

CONTACT = "victim.private@example.com"
DESCRIPTION = "My residence permit case, please call me."


def _telegram_user_at_the_confirm_step(stack) -> str:
    """A Telegram user (through the trusted path, as the polling runner speaks) whose handoff
    draft waits for their confirmation; their conversation id."""
    victim = f"tg-{secrets.randbelow(10**9)}"
    stack.say(victim, "hello")
    for message in ("/request_human", "/affirm", CONTACT, DESCRIPTION):
        replies = stack.say(victim, message)
    assert CONTACT in replies[-1]["text"], "the victim sees their draft before sending"
    assert outbox_statuses(stack, victim) == ["draft"]
    return victim


def test_a_rest_caller_cannot_speak_as_a_telegram_user(secure_stack):  # noqa: F811
    stack = secure_stack
    victim = _telegram_user_at_the_confirm_step(stack)
    said = user_messages(stack, victim)
    answers = [
        post(stack, {"sender": victim, "input_channel": "telegram", "message": m}, "127.0.0.2")
        for m in ("what did I write?", "/affirm")
    ]
    answers.append(post(stack, {"sender": victim, "message": "/affirm"}, "127.0.0.2"))
    assert [status for status, _, _ in answers] == [403, 403, 403]
    assert CONTACT not in json.dumps([answer for _, _, answer in answers])
    assert user_messages(stack, victim) == said, "nothing was said in the victim's name"
    assert outbox_statuses(stack, victim) == ["draft"], "the victim's handoff was not submitted"


def test_a_socket_cannot_join_a_telegram_users_conversation_nor_forget_it(secure_stack):  # noqa: F811
    stack = secure_stack
    victim = _telegram_user_at_the_confirm_step(stack)
    said = user_messages(stack, victim)

    async def attack() -> tuple[WidgetClient, list[dict], object]:
        async with WidgetClient(stack.base, victim, source="127.0.0.3") as attacker:
            await attacker.emit({"message": "/affirm", "session_id": victim})
            replies = await attacker.collect(quiet=1.0, first=15)
            forgotten = await attacker.client.call(
                "forget_session", {"session_id": victim}, timeout=20
            )
            return attacker, replies, forgotten

    attacker, replies, forgotten = asyncio.run(attack())
    assert attacker.conversation_id != victim, "the server gave the socket its own conversation"
    assert forgotten == {"forgotten": False}
    assert CONTACT not in json.dumps(replies)
    assert user_messages(stack, victim) == said, "the victim's conversation is intact"
    assert outbox_statuses(stack, victim) == ["draft"], "the victim's handoff was not submitted"


def test_a_widget_session_cannot_be_taken_with_its_id_or_a_forged_token(secure_stack):  # noqa: F811
    stack = secure_stack

    async def scenario() -> tuple[str, list[str], list[dict], object]:
        async with WidgetClient(stack.base, source="127.0.0.4") as victim:
            await victim.say("hei", quiet=0.5)
            conversation = victim.conversation_id
            taken: list[str] = []
            async with WidgetClient(stack.base, conversation, source="127.0.0.5") as attacker:
                taken.append(attacker.conversation_id)
                forged = f"{conversation}.{'A' * 32}"
                for presented in (forged, f"tg-{conversation}", victim.session_id + "x"):
                    await attacker.request_session(presented)
                    taken.append(attacker.conversation_id)
                # bound to its own session, it names the victim's in the message
                await attacker.emit({"message": "kiitos", "session_id": conversation})
                replies = await attacker.collect(quiet=0.5, first=15)
                forgotten = await attacker.client.call(
                    "forget_session", {"session_id": conversation}, timeout=20
                )
            return conversation, taken, replies, forgotten

    conversation, taken, replies, forgotten = asyncio.run(scenario())
    assert conversation not in taken, "every unsigned or forged id got a fresh conversation"
    assert forgotten == {"forgotten": False}
    assert user_messages(stack, conversation) == ["hei"], "only the victim spoke there"
    assert replies, "the attacker is answered, in its own conversation"


def test_a_reconnecting_widget_keeps_its_conversation_and_can_forget_it(secure_stack):  # noqa: F811
    stack = secure_stack

    async def scenario() -> tuple[str, str, object]:
        async with WidgetClient(stack.base, source="127.0.0.6") as first:
            await first.say("hei", quiet=0.5)
            token = first.session_id
        async with WidgetClient(stack.base, token, source="127.0.0.6") as again:
            assert again.session_id == token
            await again.say("kiitos", quiet=0.5)
        assert user_messages(stack, again.conversation_id) == ["hei", "kiitos"]
        async with WidgetClient(stack.base, source="127.0.0.6") as later:
            # a later page still holding the old token deletes that conversation
            forgotten = await later.client.call("forget_session", {"session_id": token})
        return token, again.conversation_id, forgotten

    _, conversation, forgotten = asyncio.run(scenario())
    assert forgotten == {"forgotten": True}
    assert user_messages(stack, conversation) == []


def test_untrusted_rest_callers_get_conversations_nobody_else_can_reach(secure_stack):  # noqa: F811
    stack = secure_stack
    first = RestCaller(stack, "127.0.0.7", "a")  # the README's curl example
    second = RestCaller(stack, "127.0.0.8", "a")
    assert first.say("hei") and first.status == 200
    assert second.say("hello") and second.status == 200
    assert first.say("kiitos") and first.status == 200
    assert first.conversation_id != second.conversation_id
    assert user_messages(stack, first.conversation_id) == ["hei", "kiitos"]
    assert user_messages(stack, second.conversation_id) == ["hello"]
    assert user_messages(stack, "a") == [], "the caller's own word is no conversation id"
    assert text("handoff_consent", "en")  # the texts are loaded (sanity)
