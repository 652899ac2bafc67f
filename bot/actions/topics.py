"""action_show_topics: the browse menu (topics, then the services of a topic)."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from bot.actions.common import conversation_language, language_choice, latest_entity, send
from bot.answers import topic_services_reply, topics_reply
from bot.catalogue import get_catalogue


class ActionShowTopics(Action):
    """Shows the topics as buttons; with a `topic` entity, that topic's services."""

    def name(self) -> str:
        return "action_show_topics"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        catalogue = get_catalogue()
        language = conversation_language(tracker)
        topic = latest_entity(tracker, "topic")
        reply = topic_services_reply(catalogue, topic, language) if topic else None
        send(dispatcher, [reply or topics_reply(catalogue, language), *language_choice(tracker)])
        return []
