"""One guard for every input channel: rate limit, empty and over-long messages, and an
apology when Rasa produced no reply.

Rasa 3.6 (rasa/core/processor.py `_run_action`) catches the exception of a custom action
whose server is unreachable, logs it and carries on without a reply; the REST channel returns
`[]` and the socket.io channel emits nothing. Here every message gets at least one reply, so
no reply means something failed and the person is told so in their language.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import OutputChannel, UserMessage

from bot.guard.clean import clean_text, is_blank
from bot.guard.language import conversation_language
from bot.guard.limits import MAX_MESSAGE_CHARS, RateLimit, SenderRateLimiter
from bot.guard.texts import guard_text

log = logging.getLogger("kotobot.guard")

Handler = Callable[[UserMessage], Awaitable[Any]]


class CountingOutput(OutputChannel):
    """Passes every reply on to the channel's own output and counts them."""

    def __init__(self, inner: OutputChannel) -> None:
        self.inner = inner
        self.sent = 0

    def name(self) -> str:  # type: ignore[override]  # responses per channel use the real name
        return self.inner.name()

    async def send_response(self, recipient_id: str, message: dict[str, Any]) -> None:
        self.sent += 1
        await self.inner.send_response(recipient_id, message)


class MessageGuard:
    """Wraps Rasa's `on_new_message` for one channel. `agent` gives the Rasa agent (or None);
    `limit` is the channel's settings' (RateLimit.of(settings.guard))."""

    def __init__(self, on_new_message: Handler, agent: Callable[[], Any], limit: RateLimit) -> None:
        self._on_new_message = on_new_message
        self._agent = agent
        self.limiter = SenderRateLimiter(limit)

    async def __call__(self, message: UserMessage) -> None:
        sender_id = message.sender_id
        text = clean_text(message.text or "")
        if not self.limiter.allow(sender_id):
            log.debug("a sender is writing too fast; the message was not handled")
            await self._reply(message, "rate_limited")
            return
        if len(text) > MAX_MESSAGE_CHARS:
            await self._reply(message, "too_long")
            return
        if is_blank(text):
            await self._reply(message, "empty_message")
            return
        message.text = text.strip()
        counting = CountingOutput(message.output_channel)
        message.output_channel = counting
        try:
            await self._on_new_message(message)
        except Exception as error:
            # The exception's text may quote the message: only its type is logged at ERROR.
            log.error("handling a message failed: %s", type(error).__name__)
            log.debug("handling a message failed", exc_info=True)
        if counting.sent == 0:
            log.warning("a message got no reply (is the action server down?); apologising")
            await self._reply(message, "unavailable", counting.inner)

    async def _reply(
        self, message: UserMessage, key: str, output: OutputChannel | None = None
    ) -> None:
        language = await conversation_language(self._agent(), message.sender_id, message.metadata)
        output = output or message.output_channel
        await output.send_text_message(message.sender_id, guard_text(key, language))
