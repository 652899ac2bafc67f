"""The language the guard answers in: the conversation's, else the client's hint, else English."""

from __future__ import annotations

import logging
from typing import Any

from rasa.shared.core.events import SlotSet

from bot.languages import DEFAULT_LANGUAGE, LANGUAGES

log = logging.getLogger(__name__)


async def conversation_language(agent: Any, sender_id: str, metadata: Any) -> str:
    """The `language` slot as last set in the tracker store (its initial value `en` does not
    count: a new conversation has told nothing yet), else metadata["language"], else English.

    `agent` is the Rasa server's Agent (app.ctx.agent) or None outside the server.
    """
    language = await slot_language(agent, sender_id)
    if language:
        return language
    hint = metadata.get("language") if isinstance(metadata, dict) else None
    return hint if isinstance(hint, str) and hint in LANGUAGES else DEFAULT_LANGUAGE


async def slot_language(agent: Any, sender_id: str) -> str | None:
    """The `language` slot as last set in the saved tracker; None when it never was."""
    store = getattr(agent, "tracker_store", None)
    if store is None:
        return None
    try:
        tracker = await store.retrieve(sender_id)
    except Exception as error:  # the store may be what failed
        log.warning("cannot read the conversation's language (%s)", type(error).__name__)
        return None
    if tracker is None:
        return None
    for event in reversed(tracker.events):
        if isinstance(event, SlotSet) and event.key == "language" and event.value in LANGUAGES:
            return event.value
    return None
