"""Faults: the action server or the Rasa server dies mid-conversation.

When the action server is down Rasa 3.6 logs the failed custom action and answers nothing;
the channels (bot/guard) then apologise in the conversation's language, and the conversation
goes on normally once the action server is back. A SIGKILLed Rasa server loses nothing: the
conversation continues from the tracker store.
"""

from __future__ import annotations

import asyncio

import pytest

from bot.answers import service_replies
from bot.catalogue import get_catalogue
from bot.guard.texts import guard_text
from tests.e2e.sockets import WidgetClient

pytestmark = pytest.mark.e2e

ASSESSMENT = "service_needs_assessment"
QUESTIONS = {
    "fi": "mistä mä saan alkukartoituksen?",
    "uk": "де пройти оцінку потреби в послугах?",
    "ar": "ما هو تقييم احتياجات الخدمة للمهاجرين الجدد؟",
}


def _expected_answer(language: str, group: str | None = None) -> list[str]:
    catalogue = get_catalogue()
    return [
        r.text for r in service_replies(catalogue, catalogue.services[ASSESSMENT], language, group)
    ]


def test_rest_apologises_while_the_action_server_is_down_and_then_goes_on(stack):
    stack.say("fault-rest", "hei")
    stack.actions.kill()
    try:
        # An ongoing Finnish conversation, and a new one whose first message is Ukrainian.
        replies = stack.say("fault-rest", QUESTIONS["fi"])
        assert [r["text"] for r in replies] == [guard_text("unavailable", "fi")]
        replies = stack.say("fault-rest-new", QUESTIONS["uk"])
        assert [r["text"] for r in replies] == [guard_text("unavailable", "uk")]
    finally:
        stack.restart_actions_and_sender()
    replies = stack.say("fault-rest", QUESTIONS["fi"])
    assert [r["text"] for r in replies] == _expected_answer("fi")
    replies = stack.say("fault-rest", '/inform_target_group{"target_group":"job_seeker"}')
    assert [r["text"] for r in replies] == _expected_answer("fi", "job_seeker")


def test_the_widget_channel_apologises_while_the_action_server_is_down(stack):
    async def scenario() -> None:
        async with WidgetClient(stack.base, "fault-socket") as widget:
            await widget.say("مرحبا")
            stack.actions.kill()
            try:
                replies = await widget.say(QUESTIONS["ar"])
                assert [r["text"] for r in replies] == [guard_text("unavailable", "ar")]
            finally:
                await asyncio.to_thread(stack.restart_actions_and_sender)
            replies = await widget.say(QUESTIONS["ar"])
            # socket.io sends each paragraph of a reply as its own message
            texts = "\n\n".join(r["text"] for r in replies)
            assert texts == "\n\n".join(_expected_answer("ar"))

    asyncio.run(scenario())


def test_a_conversation_goes_on_after_the_rasa_server_is_killed(stack):
    sender = "fault-kill-rasa"
    stack.say(sender, "привіт")
    stack.say(sender, QUESTIONS["uk"])
    before = stack.tracker(sender)["slots"]
    assert (before["language"], before["service"]) == ("uk", ASSESSMENT)

    stack.rasa.kill()  # SIGKILL: no chance to flush or close anything
    stack.restart_rasa()

    slots = stack.tracker(sender)["slots"]
    assert (slots["language"], slots["service"]) == ("uk", ASSESSMENT)
    payload = '/inform_target_group{"target_group":"outside_labour_force"}'
    replies = stack.say(sender, payload)
    assert [r["text"] for r in replies] == _expected_answer("uk", "outside_labour_force")
