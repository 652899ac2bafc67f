"""action_switch_language: confirm a language switch, or offer the six languages."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from bot.actions.common import conversation_language, send
from bot.answers import Reply, language_buttons
from bot.i18n import text


class ActionSwitchLanguage(Action):
    """The slot was already set from the request's `language` entity (by Rasa's slot mapping)
    if the person named a language; the action only says so, or asks which one."""

    def name(self) -> str:
        return "action_switch_language"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        language = conversation_language(tracker)
        entities = tracker.latest_message.get("entities") or []
        switched = any(
            e.get("entity") == "language" and e.get("method") in ("switch", None) for e in entities
        )
        if switched:
            send(dispatcher, [Reply(text("language_changed", language))])
        else:
            send(dispatcher, [Reply(text("ask_language", language), language_buttons())])
        return []
