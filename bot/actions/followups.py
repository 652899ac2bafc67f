"""Follow-up questions about the service in context, and questions asked inside the form.

action_answer_followup answers `ask_cost`, `ask_location`, … and `ask_more` about the service
in the `service` slot (the last one answered), from the catalogue's details. A question asked
while `handoff_form` waits for an answer is answered by action_answer_in_form, which then
leaves the form (nothing is sent) and offers the coordinator again with a button.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.actions.common import conversation_language, latest_entity, send
from bot.answers import (
    FOLLOWUP_INTENTS,
    Reply,
    coordinator_button,
    followup_replies,
    service_detail_replies,
    service_replies,
    topic_services_reply,
    topics_reply,
)
from bot.catalogue import get_catalogue
from bot.i18n import text

HANDOFF_SLOTS = ["handoff_consent", "handoff_contact", "handoff_description", "handoff_confirm"]


def latest_intent(tracker: Tracker) -> str | None:
    return (tracker.latest_message.get("intent") or {}).get("name")


def is_question(intent: str | None) -> bool:
    """A question the assistant answers itself: a service, a follow-up, or the topics."""
    return bool(intent) and (
        intent in FOLLOWUP_INTENTS
        or get_catalogue().by_intent(intent) is not None
        or intent == "help"
    )


def answer_question(tracker: Tracker) -> tuple[list[Reply], list[EventType]]:
    """The replies to the latest message when it is a question (see is_question)."""
    catalogue = get_catalogue()
    language = conversation_language(tracker)
    intent = latest_intent(tracker)
    group = tracker.get_slot("target_group")
    service = catalogue.by_intent(intent)
    if service is not None:
        message = tracker.latest_message.get("text") or ""
        detail = service_detail_replies(catalogue, service, message, language, group)
        return detail or service_replies(catalogue, service, language, group), [
            SlotSet("service", service.id)
        ]
    if intent in FOLLOWUP_INTENTS:
        current = catalogue.services.get(tracker.get_slot("service") or "")
        return followup_replies(catalogue, current, FOLLOWUP_INTENTS[intent], language, group), []
    topic = latest_entity(tracker, "topic")
    reply = topic_services_reply(catalogue, topic, language) if topic else None
    return [reply or topics_reply(catalogue, language)], []


class ActionAnswerFollowup(Action):
    """Answers a follow-up question about the service in context; keeps the `service` slot."""

    def name(self) -> str:
        return "action_answer_followup"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        replies, events = answer_question(tracker)
        send(dispatcher, replies)
        return events


def leave_form_events() -> list[EventType]:
    return [ActiveLoop(None), SlotSet("requested_slot", None)] + [
        SlotSet(slot, None) for slot in HANDOFF_SLOTS
    ]


def left_form_reply(language: str) -> Reply:
    return Reply(text("handoff_left", language), [coordinator_button(language)])
