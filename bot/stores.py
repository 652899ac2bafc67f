"""The stores endpoints.yml names: a tracker store that masks personal data before it writes,
and a lock store chosen by one URL."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

from rasa.core.lock_store import InMemoryLockStore, LockStore, RedisLockStore
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig

from bot.masking import mask


def mask_event_data(data: dict[str, Any]) -> dict[str, Any]:
    """The event's dict with e-mail addresses, phone numbers, HETUs and IBANs masked in every
    text a person wrote or was shown: user and bot messages and text slot values."""
    masked = dict(data)
    if isinstance(masked.get("text"), str):
        masked["text"] = mask(masked["text"])
    parse_data = masked.get("parse_data")
    if isinstance(parse_data, dict) and isinstance(parse_data.get("text"), str):
        masked["parse_data"] = {**parse_data, "text": mask(parse_data["text"])}
    if masked.get("event") == "slot" and isinstance(masked.get("value"), str):
        masked["value"] = mask(masked["value"])
    return masked


class _MaskedEvent:
    """What SQLTrackerStore.save reads of an event (type_name, as_dict), masked."""

    def __init__(self, event: Any) -> None:
        self.type_name = event.type_name
        self._event = event

    def as_dict(self) -> dict[str, Any]:
        return mask_event_data(self._event.as_dict())


class MaskingSQLTrackerStore(SQLTrackerStore):
    """Rasa's SQL tracker store (SQLite or PostgreSQL by URL) whose stored conversation logs
    never hold the personal data newcomers type. What a newcomer consents to send in a handoff
    goes to the handoff outbox instead (bot/handoff/outbox.py)."""

    def _additional_events(self, session: Any, tracker: DialogueStateTracker) -> Iterator[Any]:
        return (_MaskedEvent(event) for event in super()._additional_events(session, tracker))


class UrlLockStore:
    """`memory://` gives Rasa's in-memory lock store, `redis://[:password@]host:port/db` Redis's.

    Rasa builds a custom lock store by calling its class with `endpoint_config=`; this class
    returns one of Rasa's own stores, so the locking itself stays Rasa's.
    """

    def __new__(cls, endpoint_config: EndpointConfig, **_: Any) -> LockStore:  # type: ignore[misc]
        url = (endpoint_config.url or "memory://").strip()
        parts = urlsplit(url)
        if parts.scheme in ("", "memory"):
            return InMemoryLockStore()
        if parts.scheme in ("redis", "rediss"):
            return RedisLockStore(
                host=parts.hostname or "localhost",
                port=parts.port or 6379,
                db=int(parts.path.lstrip("/") or 0),
                password=parts.password,
                use_ssl=parts.scheme == "rediss",
            )
        raise ValueError(
            f"LOCK_STORE_URL must start with memory:// or redis://, got {parts.scheme}://"
        )
