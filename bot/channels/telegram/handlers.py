"""One update, handled the same way in webhook and polling mode: text goes to Rasa (its
replies to one message are sent together, the last with the 🔊 button), commands, the /forget
question and the 🔊 button are the channel's, everything it cannot read gets a polite notice.

Updates of one chat are handled one after another (so replies keep their order); different
chats run side by side, and a failure in one is logged and ends there.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from telegram import Update

from bot.channels.telegram.callback_data import FORGET_NO, FORGET_YES, LISTEN, is_channel_data
from bot.channels.telegram.incoming import Incoming, Kind, read_update
from bot.channels.telegram.listen import Listener
from bot.channels.telegram.replies import Replier, forget_keyboard, language_keyboard
from bot.channels.telegram.store import ChannelStore
from bot.channels.telegram.texts import channel_text
from bot.languages import DEFAULT_LANGUAGE, normalise_hint
from bot.privacy import forget_conversation
from bot.speech import Synthesizer

log = logging.getLogger("kotobot.telegram")

HELP_PAYLOAD = "/help"


def greeting_payload(language_code: str | None) -> str:
    """What /start sends to Rasa: the greet intent, in the user's Telegram language when it
    is one of the six (else the conversation's language)."""
    hint = normalise_hint(language_code)
    return f'/greet{{"language":"{hint}"}}' if hint else "/greet"


@dataclass(frozen=True)
class Turn:
    """A message for Rasa and the chat its replies go to."""

    sender_id: str
    chat_id: int
    text: str
    metadata: dict[str, Any]


# Passes a turn to Rasa and returns Rasa's replies (dicts with "text", "buttons", ...); raises
# when Rasa cannot answer.
Deliver = Callable[[Turn], Awaitable[Sequence[Mapping[str, Any]]]]


class ChatLocks:
    """One lock per chat that has an update in progress."""

    def __init__(self) -> None:
        self._locks: dict[int, asyncio.Lock] = {}
        self._holders: dict[int, int] = {}

    @contextlib.asynccontextmanager
    async def hold(self, chat_id: int) -> AsyncIterator[None]:
        lock = self._locks.setdefault(chat_id, asyncio.Lock())
        self._holders[chat_id] = self._holders.get(chat_id, 0) + 1
        try:
            async with lock:
                yield
        finally:
            self._holders[chat_id] -= 1
            if not self._holders[chat_id]:
                del self._holders[chat_id], self._locks[chat_id]

    def __len__(self) -> int:
        return len(self._locks)


class UpdateHandler:
    """Handles updates for one bot; `deliver` is how turns reach Rasa in this mode. Without a
    `synthesizer` (this machine cannot speak) answers get no 🔊 button and /listen says so."""

    def __init__(
        self,
        replier: Replier,
        store: ChannelStore,
        deliver: Deliver,
        database_url: str,
        synthesizer: Synthesizer | None = None,
    ) -> None:
        self._replier = replier
        self._store = store
        self._deliver = deliver
        self._database_url = database_url
        self._listener = Listener(replier, store, synthesizer)
        replier.listen = self._listener.available  # the button only where it can work
        self.locks = ChatLocks()

    async def handle(self, update: Update) -> None:
        """Handle one update; never raises."""
        try:
            incoming = read_update(update)
        except Exception as error:  # an update of a shape we did not foresee
            log.error("telegram: update %s unreadable: %s", update.update_id, type(error).__name__)
            return
        if incoming.kind is Kind.IGNORED or incoming.chat_id is None:
            if incoming.callback_query_id:
                await self._replier.answer_button(incoming.callback_query_id)
            return
        async with self.locks.hold(incoming.chat_id):
            try:
                await self._dispatch(incoming)
            except Exception as error:  # one person's failure never stops the others
                log.error(
                    "telegram: update %s failed: %s", incoming.update_id, type(error).__name__
                )
                log.debug("telegram: update %s failure", incoming.update_id, exc_info=True)

    async def _dispatch(self, incoming: Incoming) -> None:
        if incoming.kind is Kind.TEXT and incoming.text:
            await self._to_rasa(incoming, incoming.text)
        elif incoming.kind is Kind.COMMAND:
            await self._command(incoming)
        elif incoming.kind is Kind.BUTTON:
            await self._button(incoming)
        elif incoming.kind is Kind.EDITED:
            await self._notice(incoming, "edited_message")
        elif incoming.kind is Kind.NOT_TEXT:
            await self._notice(incoming, "only_text")

    async def _language(self, incoming: Incoming) -> str:
        """The conversation's language, else the user's Telegram language, else English."""
        return (
            await self._store.language_of(incoming.sender_id) or incoming.hint or (DEFAULT_LANGUAGE)
        )

    async def _notice(self, incoming: Incoming, key: str) -> None:
        assert incoming.chat_id is not None
        language = await self._language(incoming)
        await self._replier.send_text(incoming.chat_id, channel_text(key, language))

    async def _to_rasa(self, incoming: Incoming, text: str) -> None:
        assert incoming.chat_id is not None
        turn = Turn(incoming.sender_id, incoming.chat_id, text, dict(incoming.metadata))
        try:
            replies = await self._deliver(turn)
        except Exception as error:  # Rasa down or failing: say so rather than stay silent
            log.error(
                "telegram: no answer from Rasa for update %s: %s",
                incoming.update_id,
                type(error).__name__,
            )
            await self._notice(incoming, "unavailable")
            return
        # After the turn, so the language is the one this message may have switched to.
        language = await self._language(incoming)
        await self._replier.send_answer(incoming.chat_id, replies, language)

    async def _listen(self, incoming: Incoming) -> None:
        assert incoming.chat_id is not None
        language = await self._language(incoming)
        await self._listener.read_aloud(incoming.chat_id, incoming.sender_id, language)

    async def _command(self, incoming: Incoming) -> None:
        assert incoming.chat_id is not None
        if incoming.text == "start":
            await self._to_rasa(incoming, greeting_payload(incoming.language_code))
            await self._language_prompt(incoming)
        elif incoming.text == "language":
            await self._language_prompt(incoming)
        elif incoming.text == "help":
            await self._to_rasa(incoming, HELP_PAYLOAD)
        elif incoming.text == "listen":
            await self._listen(incoming)
        elif incoming.text == "forget":
            language = await self._language(incoming)
            await self._replier.send_text(
                incoming.chat_id,
                channel_text("forget_question", language),
                forget_keyboard(language),
            )

    async def _language_prompt(self, incoming: Incoming) -> None:
        assert incoming.chat_id is not None
        language = await self._language(incoming)
        await self._replier.send_text(
            incoming.chat_id, channel_text("language_prompt", language), language_keyboard()
        )

    async def _button(self, incoming: Incoming) -> None:
        assert incoming.chat_id is not None and incoming.callback_query_id is not None
        await self._replier.answer_button(incoming.callback_query_id)
        data = incoming.text
        if not data:
            return
        if data == LISTEN:
            await self._listen(incoming)
            return
        if data in (FORGET_YES, FORGET_NO):
            if incoming.button_message_id is not None:
                await self._replier.remove_keyboard(incoming.chat_id, incoming.button_message_id)
            if data == FORGET_YES:
                await self._forget(incoming)
            else:
                await self._notice(incoming, "forget_kept")
            return
        payload = await self._store.payload_of(data)
        if payload is None or is_channel_data(payload):
            payload = HELP_PAYLOAD  # a button from before a restart we cannot read: the menu
        await self._to_rasa(incoming, payload)

    async def _forget(self, incoming: Incoming) -> None:
        assert incoming.chat_id is not None
        language = await self._language(incoming)
        try:
            deleted = await asyncio.to_thread(
                forget_conversation, self._database_url, incoming.sender_id
            )
        except sa.exc.SQLAlchemyError as error:
            log.error("telegram: could not delete a conversation: %s", type(error).__name__)
            await self._replier.send_text(incoming.chat_id, channel_text("unavailable", language))
            return
        log.info("telegram: deleted a conversation on request (%d events)", deleted)
        await self._replier.send_text(incoming.chat_id, channel_text("forget_done", language))
