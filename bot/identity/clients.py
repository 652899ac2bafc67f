"""Client addresses, and the per-address limit on new conversations.

A new conversation costs nothing but a new id, so a limit per conversation (messages per
sender, handoffs per conversation) is reset by asking for another one. These limits count per
client address instead: the peer address of the connection, or, behind a reverse proxy, the
header it sets (CLIENT_ADDRESS_HEADER, e.g. X-Real-IP; set it only when a proxy in front of
the Rasa server always overwrites that header, else clients choose their address).

The count is kept in memory per Rasa server process, like the message rate limit.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from typing import Any

from bot.guard.limits import RateLimit, SenderRateLimiter
from bot.identity.keys import session_secret
from bot.identity.session_ids import SessionIds
from bot.settings import Settings, get_settings

log = logging.getLogger("kotobot.limits")

HOUR = 3600.0
# The message metadata key that carries the client's pseudonym to the actions (handoff limits);
# the channels always overwrite it, so a client cannot set it.
CLIENT_KEY = "kotobot_client"


def client_address(request: Any, header: str) -> str:
    """The address of the client behind a Sanic request (`header`: CLIENT_ADDRESS_HEADER)."""
    if header:
        value = request.headers.get(header, "")
        if value:
            return value.split(",")[-1].strip()  # the hop our proxy added
    return str(getattr(request, "ip", "") or "unknown")


@lru_cache(maxsize=4)
def session_ids(settings: Settings | None = None) -> SessionIds:
    """The signer of these settings, default this process's (SESSION_SECRET, else
    var/session_secret)."""
    return SessionIds(session_secret(settings or get_settings()))


class NewConversationLimit:
    """At most `per_hour` new conversations per client address (sliding hour)."""

    def __init__(self, per_hour: int, ids: SessionIds) -> None:
        self.per_hour = per_hour
        self._ids = ids
        self._limiter = SenderRateLimiter(RateLimit(messages=per_hour, seconds=HOUR))

    def allow(self, address: str, channel: str) -> bool:
        if self._limiter.allow(self._ids.client_key(address)):
            return True
        log.warning(
            "limit: a client address asked for more than %d new %s conversations in an hour; "
            "refused",
            self.per_hour,
            channel,
        )
        return False


@lru_cache(maxsize=4)
def new_conversation_limit(settings: Settings | None = None) -> NewConversationLimit:
    """One count for every channel of this process (REST and socket.io share it)."""
    settings = settings or get_settings()
    return NewConversationLimit(settings.new_conversations_per_hour, session_ids(settings))


def with_client_key(metadata: dict[str, Any] | None, key: str) -> dict[str, Any]:
    """The metadata with the server's client pseudonym in place of anything the client sent."""
    return {**(metadata or {}), CLIENT_KEY: key}
