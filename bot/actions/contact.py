"""action_contact_coordinator: how to reach Kauniainen's integration coordinator."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from bot.actions.common import conversation_language, send
from bot.answers import coordinator_contact_reply
from bot.catalogue import get_catalogue


class ActionContactCoordinator(Action):
    """Gives the coordinator's public contact from the catalogue."""

    def name(self) -> str:
        return "action_contact_coordinator"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        send(
            dispatcher, [coordinator_contact_reply(get_catalogue(), conversation_language(tracker))]
        )
        return []
