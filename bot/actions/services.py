"""action_answer_service: answer a service question from the catalogue."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.actions.common import conversation_language, language_choice, send
from bot.answers import (
    MAX_WORDS_OF_A_DETAIL_QUESTION,
    Reply,
    asked_topic,
    followup_replies,
    service_detail_replies,
    service_replies,
    topics_reply,
)
from bot.catalogue import Catalogue, Service, get_catalogue
from bot.i18n import text
from bot.languages import asks_about_a_language, learns_a_language, without_language_names


class ActionAnswerService(Action):
    """Answers `ask_<service>` intents, and the follow-up when the person states their group.

    The service comes from the intent, else from the `service` slot (the question the
    target-group buttons answer). Sets `service` as soon as it is known. A short question
    that names the service and asks a detail ("сколько стоит Kaikukortti?") gets the detail.
    """

    def name(self) -> str:
        return "action_answer_service"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        catalogue = get_catalogue()
        language = conversation_language(tracker)
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        service = catalogue.by_intent(intent) or catalogue.services.get(
            tracker.get_slot("service") or ""
        )
        if service is None:
            topics = topics_reply(catalogue, language)
            send(dispatcher, [Reply(text("target_group_noted", language)), topics])
            return []
        group = tracker.get_slot("target_group")
        # A question naming the service and one of its details ("is the kaikukortti free?")
        # is answered with that detail; the `service` slot is set for the follow-ups.
        detail = None
        if catalogue.by_intent(intent) is service:
            message = tracker.latest_message.get("text") or ""
            detail = service_detail_replies(catalogue, service, message, language, group)
            in_context = catalogue.services.get(tracker.get_slot("service") or "")
            if detail is None and in_context is service:
                detail = _detail_asked_again(catalogue, service, message, language, group)
            elif (
                detail is None
                and in_context
                and _names_only_a_language(catalogue, service, message)
            ):
                # "finns det svenskspråkig undervisning?" after the answer about daycare: the
                # language word made it the Swedish course; it asks about the daycare.
                service = in_context
                detail = followup_replies(catalogue, service, "teaching_language", language, group)
        replies = detail or service_replies(catalogue, service, language, group)
        send(dispatcher, [*replies, *language_choice(tracker)])
        return [SlotSet("service", service.id)]


def _detail_asked_again(
    catalogue: Catalogue, service: Service, message: str, language: str, group: str | None
) -> list[Reply] | None:
    """A short question about the service just answered that asks a detail ("måste studierna
    vara på finska?" after self-motivated study): that detail, or that the programme does
    not say it, rather than the first answer again."""
    if len(message.split()) > MAX_WORDS_OF_A_DETAIL_QUESTION:
        return None
    topic = asked_topic(message)
    if topic is None and asks_about_a_language(message):
        topic = "teaching_language"
    return followup_replies(catalogue, service, topic, language, group) if topic else None


def _names_only_a_language(catalogue: Catalogue, service: Service, message: str) -> bool:
    """Whether a short question names `service` only by a language, and asks about that
    language rather than about learning it: "finns det svenskspråkig undervisning?" names the
    Swedish course by "svensk" alone; "можно учить шведский?" learns it, and "onko
    ruotsinkielistä kotoutumiskoulutusta?" names a service besides."""
    if len(message.split()) > MAX_WORDS_OF_A_DETAIL_QUESTION or learns_a_language(message):
        return False
    rest = without_language_names(message)
    return (
        catalogue.names_service(service, message)
        and not catalogue.services_named(rest)
        and asks_about_a_language(message)
    )
