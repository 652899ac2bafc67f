"""Conversation ids the server issues and signs, so a client can only continue its own.

An issued token is `<conversation id>.<signature>`; the conversation id is `<prefix>-<random>`
(`web-` for the widget, `rest-` for untrusted REST callers) and the signature an HMAC-SHA256
of the channel and the id under SESSION_SECRET. Only the id is stored as the sender: the
token, which alone lets someone continue (or delete) the conversation, stays with the client.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

WIDGET = "web"
REST = "rest"
TELEGRAM = "tg"
SIGNATURE_CHARS = 32


class SessionIds:
    """Issues and checks signed conversation ids with one secret."""

    def __init__(self, secret: str) -> None:
        self._key = secret.encode("utf-8")

    def _sign(self, channel: str, conversation_id: str) -> str:
        mac = hmac.new(self._key, f"session:{channel}:{conversation_id}".encode(), hashlib.sha256)
        return base64.urlsafe_b64encode(mac.digest()).decode()[:SIGNATURE_CHARS]

    def issue(self, channel: str) -> tuple[str, str]:
        """A fresh (conversation id, token) of `channel`."""
        conversation_id = f"{channel}-{secrets.token_hex(16)}"
        return conversation_id, f"{conversation_id}.{self._sign(channel, conversation_id)}"

    def verify(self, channel: str, token: object) -> str | None:
        """The conversation id a token of `channel` stands for, or None if it is not one the
        server issued (unsigned, forged, another channel's, not a string)."""
        if not isinstance(token, str) or len(token) > 200 or "." not in token:
            return None
        conversation_id, _, signature = token.rpartition(".")
        if not conversation_id.startswith(f"{channel}-"):
            return None
        return (
            conversation_id
            if hmac.compare_digest(signature, self._sign(channel, conversation_id))
            else None
        )

    def client_key(self, address: str) -> str:
        """A pseudonym of a client address: counts can be kept per address without storing
        the address itself."""
        mac = hmac.new(self._key, f"client:{address}".encode(), hashlib.sha256)
        return mac.hexdigest()[:24]


def foreign_channel(sender: str) -> bool:
    """An id of a channel a REST caller must not speak for (Telegram's, the widget's)."""
    return sender.startswith((f"{TELEGRAM}-", f"{WIDGET}-"))
