"""Small helpers shared by the actions."""

from __future__ import annotations

from collections.abc import Iterable

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot.answers import Reply, language_buttons
from bot.i18n import text
from bot.languages import DEFAULT_LANGUAGE, LANGUAGES


def conversation_language(tracker: Tracker) -> str:
    """The `language` slot, or the default when it holds something unexpected."""
    language = tracker.get_slot("language")
    return language if language in LANGUAGES else DEFAULT_LANGUAGE


def language_undecided(tracker: Tracker) -> bool:
    """Whether nothing has told the conversation's language yet: no client hint (the widget
    and Telegram send one), no message the detector was sure of ("ok", "Kaikukortti?", an
    emoji), no switch. The reply then uses the default language and offers the six."""
    events = tracker.events or []
    return any(e.get("event") == "user" for e in events) and not any(
        e.get("event") == "slot" and e.get("name") == "language" for e in events
    )


def language_choice(tracker: Tracker) -> list[Reply]:
    """The six language buttons while the conversation's language is undecided, else none."""
    if not language_undecided(tracker):
        return []
    return [Reply(text("ask_language", conversation_language(tracker)), language_buttons())]


def latest_entity(tracker: Tracker, entity: str) -> str | None:
    return next(tracker.get_latest_entity_values(entity), None)


def send(dispatcher: CollectingDispatcher, replies: Iterable[Reply]) -> None:
    for reply in replies:
        dispatcher.utter_message(text=reply.text, buttons=reply.buttons or None)
