"""`POST /speech` on the widget server: a bot message's text in, Ogg/Opus speech out.

Who may call it: browsers on the allowed origins (`CORS_ORIGINS`, plus the widget server's
own). The body is small JSON, refused unread when it says it is larger than a message can be;
making new audio is rate-limited per client address (serving cached audio is not), so a
client cannot keep both cores busy by changing texts.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from http import HTTPStatus

from bot.guard.limits import RateLimit, SenderRateLimiter
from bot.speech import MAX_CHARS, SpeechError, Synthesizer, unavailable_reason
from bot.widget.assets import Asset

log = logging.getLogger("kotobot.widget")

MAX_BODY_BYTES = 4 * MAX_CHARS + 200  # the longest text in UTF-8 plus its JSON
NEW_AUDIO_PER_MINUTE = 20
JSON_TYPE = "application/json"


def _json(data: object) -> Asset:
    return Asset(json.dumps(data).encode() + b"\n", JSON_TYPE)


@dataclass
class SpeechEndpoint:
    synthesizer: Synthesizer
    allowed_origins: frozenset[str]
    limiter: SenderRateLimiter

    @classmethod
    def create(cls, synthesizer: Synthesizer, origins: tuple[str, ...]) -> SpeechEndpoint:
        limit = RateLimit(messages=NEW_AUDIO_PER_MINUTE, seconds=60)
        return cls(synthesizer, frozenset(origins), SenderRateLimiter(limit))

    def cors_headers(self, origin: str | None) -> tuple[tuple[str, str], ...]:
        if origin is None or origin not in self.allowed_origins:
            return ()
        return (
            ("Access-Control-Allow-Origin", origin),
            ("Access-Control-Allow-Methods", "POST"),
            ("Access-Control-Allow-Headers", "Content-Type"),
            ("Access-Control-Max-Age", "600"),
            ("Vary", "Origin"),
        )

    def status(self) -> Asset:
        """Whether the widget should show its listen controls."""
        reason = unavailable_reason()
        return _json({"available": reason is None})

    def respond(
        self,
        origin: str | None,
        content_length: str | None,
        read: Callable[[int], bytes],
        client: str,
    ) -> tuple[HTTPStatus, Asset]:
        if origin is not None and origin not in self.allowed_origins:
            return HTTPStatus.FORBIDDEN, _json({"error": "origin not allowed"})
        if not self.synthesizer.available:
            return HTTPStatus.SERVICE_UNAVAILABLE, _json({"error": "speech is off"})
        try:
            length = int(content_length or "")
        except ValueError:
            return HTTPStatus.LENGTH_REQUIRED, _json({"error": "Content-Length required"})
        if not 0 < length <= MAX_BODY_BYTES:
            return HTTPStatus.REQUEST_ENTITY_TOO_LARGE, _json({"error": "body too large"})
        try:
            request = json.loads(read(length))
            text, language = request["text"], request["language"]
            if not isinstance(text, str) or not isinstance(language, str):
                raise TypeError
        except (ValueError, KeyError, TypeError):
            return HTTPStatus.BAD_REQUEST, _json({"error": 'expected {"text", "language"}'})
        if not self.synthesizer.cached(text, language) and not self.limiter.allow(client):
            return HTTPStatus.TOO_MANY_REQUESTS, _json({"error": "too many requests"})
        try:
            speech = self.synthesizer.speak(text, language)
        except SpeechError as error:
            log.info("speech refused: %s", error)
            return HTTPStatus.BAD_REQUEST, _json({"error": str(error)})
        headers = (("Cache-Control", "private, max-age=86400"),)
        return HTTPStatus.OK, Asset(speech.audio, "audio/ogg", headers)
