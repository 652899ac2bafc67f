"""What the bot does with an update, the same in webhook and polling mode: one
python-telegram-bot Application (`build_application`) with a handler for each kind of update.
Text goes to Rasa (its replies to one message are sent together, the last with the 🔊 button);
commands, the /forget question and the 🔊 button are the channel's; what it cannot read gets a
polite notice. Only private chats are served; other updates match no handler.

Updates of one chat are handled one after another (`ChatOrder`, so replies keep their order);
different chats run side by side, and a failure in one is logged (`log_failure`) and ends
there. The Bot API is called through python-telegram-bot's AIORateLimiter (Telegram's overall
and per-group limits) and the retries of `retry`.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from telegram import Update
from telegram.ext import (
    AIORateLimiter,
    Application,
    BaseUpdateProcessor,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from bot.channels.telegram.callback_data import FORGET_NO, FORGET_YES, LISTEN, is_channel_data
from bot.channels.telegram.config import TelegramConfig
from bot.channels.telegram.incoming import COMMANDS, Incoming, Kind, TolerantBot, read_update
from bot.channels.telegram.listen import Listener
from bot.channels.telegram.replies import Replier, forget_keyboard, language_keyboard
from bot.channels.telegram.retry import quiet_http_logs
from bot.channels.telegram.store import ChannelStore
from bot.channels.telegram.texts import channel_text
from bot.languages import DEFAULT_LANGUAGE, normalise_hint
from bot.privacy import forget_conversation
from bot.speech import Synthesizer

log = logging.getLogger("kotobot.telegram")

HELP_PAYLOAD = "/help"
# Updates in progress at once (each chat's own are one after another).
MAX_CONCURRENT_UPDATES = 256

TelegramApplication = Application[Any, Any, Any, Any, Any, Any]


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


def greeting_payload(language_code: str | None) -> str:
    """What /start sends to Rasa: the greet intent, in the user's Telegram language when it
    is one of the six (else the conversation's language)."""
    hint = normalise_hint(language_code)
    return f'/greet{{"language":"{hint}"}}' if hint else "/greet"


class ChatOrder(BaseUpdateProcessor):
    """python-telegram-bot's update processor, keeping each chat's updates in order: one chat's
    updates one after another, different chats side by side (up to MAX_CONCURRENT_UPDATES)."""

    def __init__(self, max_concurrent_updates: int = MAX_CONCURRENT_UPDATES) -> None:
        super().__init__(max_concurrent_updates)
        self._locks: dict[int, asyncio.Lock] = {}
        self._holders: dict[int, int] = {}

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        chat = _chat_of(update)
        if chat is None:
            await coroutine
            return
        lock = self._locks.setdefault(chat, asyncio.Lock())
        self._holders[chat] = self._holders.get(chat, 0) + 1
        try:
            async with lock:
                await coroutine
        finally:
            self._holders[chat] -= 1
            if not self._holders[chat]:
                del self._holders[chat], self._locks[chat]

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        pass

    @property
    def chats_in_progress(self) -> int:
        return len(self._locks)


def _chat_of(update: object) -> int | None:
    """The chat an update belongs to (a private chat's id is its user's id)."""
    if not isinstance(update, Update):
        return None
    if update.effective_chat is not None:
        return update.effective_chat.id
    return update.effective_user.id if update.effective_user is not None else None


async def log_failure(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The Application's error handler: one person's failure is logged by its kind (never with
    the update, which holds the message) and never stops the others."""
    update_id = update.update_id if isinstance(update, Update) else None
    log.error("telegram: update %s failed: %s", update_id, type(context.error).__name__)
    log.debug("telegram: update %s failure", update_id, exc_info=context.error)


def build_application(
    config: TelegramConfig,
    store: ChannelStore,
    deliver: Deliver,
    database_url: str,
    synthesizer: Synthesizer | None = None,
) -> TelegramApplication:
    """The Application both modes run: `deliver` is how turns reach Rasa in this mode; without
    a `synthesizer` (this machine cannot speak) answers get no 🔊 button and /listen says so.
    The Replier it sends with is `replier_of(application)`."""
    quiet_http_logs()
    bot = TolerantBot(config.token, base_url=config.api_base_url, rate_limiter=AIORateLimiter())
    application = Application.builder().bot(bot).concurrent_updates(ChatOrder()).build()
    replier = Replier(application.bot, store)
    chats = Chats(replier, store, deliver, database_url, synthesizer)
    private = filters.ChatType.PRIVATE
    message = private & filters.UpdateType.MESSAGE
    application.add_handlers(
        [
            CommandHandler(COMMANDS, chats.on_message, filters=message),
            MessageHandler(message & filters.TEXT, chats.on_message),
            MessageHandler(message, chats.on_other),
            MessageHandler(private & filters.UpdateType.EDITED_MESSAGE, chats.on_edited),
            CallbackQueryHandler(chats.on_button),
        ]
    )
    application.add_error_handler(log_failure)
    application.bot_data["replier"] = replier
    return application


def replier_of(application: TelegramApplication) -> Replier:
    replier: Replier = application.bot_data["replier"]
    return replier


class Chats:
    """The handlers' callbacks: what a private chat's update asks for, and the answer."""

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

    # --- the handlers' callbacks -----------------------------------------------------------

    async def on_message(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """A command, or text for Rasa (a command without Telegram's entity is still one)."""
        incoming = read_update(update)
        if incoming.kind is Kind.COMMAND:
            await self._command(incoming)
        elif incoming.kind is Kind.TEXT and incoming.text:
            await self._to_rasa(incoming, incoming.text)

    async def on_other(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Voice, photos, stickers, documents, locations...: a notice (service messages:
        nothing)."""
        incoming = read_update(update)
        if incoming.kind is Kind.NOT_TEXT:
            await self._notice(incoming, "only_text")

    async def on_edited(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await self._notice(read_update(update), "edited_message")

    async def on_button(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        incoming = read_update(update)
        assert incoming.callback_query_id is not None
        await self._replier.answer_button(incoming.callback_query_id)
        if incoming.kind is Kind.BUTTON and incoming.text:
            await self._button(incoming, incoming.text)

    # --- what they do ----------------------------------------------------------------------

    async def _language(self, incoming: Incoming) -> str:
        """The conversation's language, else the user's Telegram language, else English."""
        return (
            await self._store.language_of(incoming.sender_id) or incoming.hint or DEFAULT_LANGUAGE
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

    async def _button(self, incoming: Incoming, data: str) -> None:
        assert incoming.chat_id is not None
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
