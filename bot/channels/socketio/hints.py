"""The client's language hint, where Rasa would lose it: intent payloads and rasa-webchat.

rasa-webchat (npm `rasa-webchat` 1.0.1) sends `{"message", "customData", "session_id"}` with
every `user_uttered`, the first being its `initPayload` (e.g. "/greet"), and nothing but
`{"session_id"}` with `session_request`. Rasa's channel reads only its `metadata_key`
("metadata"), so its `customData: {"language": "uk"}` never reached the bot. And a payload
skips language detection (Rasa's RegexMessageHandler sets the entities from the payload alone),
so even a read hint would not decide the greeting's language. Here the hint goes into the
metadata, and a payload in a conversation that has no language yet gets it as its `language`
entity: it is what the detector does with a hint when a message does not tell. A hint never
overrides a language the conversation already has, and is only ever one of the six.
"""

from __future__ import annotations

import json
import re
from typing import Any

from bot.languages import LANGUAGES

_PAYLOAD = re.compile(r"/(?P<intent>[^{@\s]+)(?P<entities>\{.*\})?", re.S)


def client_metadata(data: dict[str, Any], metadata_key: str) -> dict[str, Any]:
    """The event's metadata: `customData` (web chat widgets) under `metadata_key` (Rasa's)."""
    merged: dict[str, Any] = {}
    for key in ("customData", metadata_key):
        value = data.get(key)
        if isinstance(value, str):
            try:
                value = json.loads(value)
            except (ValueError, RecursionError):
                value = None
        if isinstance(value, dict):
            merged.update(value)
    return merged


def language_hint(metadata: dict[str, Any]) -> str | None:
    value = metadata.get("language")
    if not isinstance(value, str):
        return None
    code = value.strip().lower().split("-")[0]
    return code if code in LANGUAGES else None


def payload_with_language(text: str, hint: str | None) -> str:
    """`/intent` (or `/intent{...}`) with `"language": hint` added when it names none."""
    found = _PAYLOAD.fullmatch(text.strip())
    if hint is None or found is None:
        return text
    entities: Any = {}
    if found.group("entities"):
        try:
            entities = json.loads(found.group("entities"))
        except (ValueError, RecursionError):
            return text
    if not isinstance(entities, dict) or "language" in entities:
        return text
    entities["language"] = hint
    return f"/{found.group('intent')}{json.dumps(entities, ensure_ascii=False)}"
