"""Sending to Telegram: Rasa's replies as messages with inline keyboards (the 🔊 button on the
last one of an answer), the channel's own messages, voice messages, answers to button presses
and the command menu; every call through the retries of `telegram_retry`. Text is sent
without a parse mode, so nothing in it needs escaping."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import Any

from telegram import Bot, InlineKeyboardMarkup, InputFile
from telegram.constants import ChatAction

from bot.channels.telegram_common import command_menus, keyboard, split_text, with_listen_button
from bot.channels.telegram_retry import Sleep, call_telegram
from bot.channels.telegram_store import ChannelStore

log = logging.getLogger("kotobot.telegram")

# Telegram refuses a message without text; a keyboard Rasa sends without any gets this.
KEYBOARD_ONLY_TEXT = "⬇️"


class Replier:
    """Sends to Telegram chats through one Bot; `listen` offers the 🔊 button on answers (only
    when this machine can speak)."""

    def __init__(
        self, bot: Bot, store: ChannelStore, sleep: Sleep | None = None, listen: bool = False
    ) -> None:
        self.bot = bot
        self.listen = listen
        self._store = store
        self._retry_options: dict[str, Any] = {"sleep": sleep} if sleep else {}

    async def send_text(
        self, chat_id: int, text: str, markup: InlineKeyboardMarkup | None = None
    ) -> bool:
        """Send `text` (split when longer than Telegram allows; the keyboard goes with the last
        part). False when a part could not be delivered (the rest is then not sent)."""
        parts = split_text(text) or ([KEYBOARD_ONLY_TEXT] if markup else [])
        for index, part in enumerate(parts):
            part_markup = markup if index == len(parts) - 1 else None

            async def send(part: str = part, part_markup: Any = part_markup) -> Any:
                return await self.bot.send_message(chat_id, part, reply_markup=part_markup)

            sent = await call_telegram(
                f"sendMessage to chat {chat_id}", send, idempotent=False, **self._retry_options
            )
            if sent is None:
                return False
        return True

    async def reply_keyboard(self, buttons: Sequence[Mapping[str, Any]]) -> InlineKeyboardMarkup:
        """Rasa's buttons as an inline keyboard, one per row: the payload is the callback data
        (a short key when it is too long); a button with only a URL is a link."""
        pressed: list[tuple[str, str]] = []
        links: list[tuple[str, str]] = []
        for button in buttons:
            title = str(button.get("title") or "").strip()
            payload = button.get("payload")
            url = button.get("url")
            if not title:
                continue
            if isinstance(url, str) and url and (button.get("type") == "web_url" or not payload):
                links.append((title, url))
            elif isinstance(payload, str) and payload:
                pressed.append((title, await self._store.callback_data(payload)))
        return keyboard(pressed, urls=links)

    async def send_answer(
        self, chat_id: int, replies: Sequence[Mapping[str, Any]], language: str
    ) -> None:
        """Rasa's replies to one message, in order; the last one with text carries the 🔊
        button (labelled in `language`), which reads them all aloud."""
        with_text = [i for i, reply in enumerate(replies) if str(reply.get("text") or "").strip()]
        listen_at = with_text[-1] if self.listen and with_text else None
        for index, reply in enumerate(replies):
            await self.send_reply(chat_id, reply, language if index == listen_at else None)

    async def send_reply(
        self, chat_id: int, reply: Mapping[str, Any], listen_language: str | None = None
    ) -> None:
        """One of Rasa's replies ({"text", "buttons" or "quick_replies", "image", ...}); with
        `listen_language`, the 🔊 button goes below its keyboard."""
        buttons = reply.get("buttons") or reply.get("quick_replies") or []
        markup = await self.reply_keyboard(buttons) if buttons else None
        text = str(reply.get("text") or "")
        if text.strip() and listen_language:
            markup = with_listen_button(markup, listen_language)
        if text or markup:
            await self.send_text(chat_id, text, markup)
        for link in (reply.get("image"), reply.get("attachment")):
            if isinstance(link, str) and link:
                await self.send_text(chat_id, link)
        if reply.get("custom"):
            log.debug("telegram: a custom reply was not sent (Telegram shows text only)")

    async def send_voice(self, chat_id: int, audio: bytes, seconds: float) -> bool:
        """Ogg/Opus audio as a voice message (sendVoice, with its duration in seconds)."""

        async def send() -> Any:
            voice = InputFile(audio, filename="kotobot.ogg")
            return await self.bot.send_voice(chat_id, voice, duration=max(1, round(seconds)))

        sent = await call_telegram(
            f"sendVoice to chat {chat_id}", send, idempotent=False, **self._retry_options
        )
        return sent is not None

    async def show_recording(self, chat_id: int) -> None:
        """ "recording a voice message…" in the chat while speech is made (a few seconds)."""

        async def action() -> Any:
            return await self.bot.send_chat_action(chat_id, ChatAction.RECORD_VOICE)

        await call_telegram(
            f"sendChatAction to chat {chat_id}", action, idempotent=True, **self._retry_options
        )

    async def answer_button(self, query_id: str) -> None:
        """Stop the button's spinner (answerCallbackQuery); harmless to repeat."""

        async def answer() -> Any:
            return await self.bot.answer_callback_query(query_id)

        await call_telegram("answerCallbackQuery", answer, idempotent=True, **self._retry_options)

    async def remove_keyboard(self, chat_id: int, message_id: int) -> None:
        """Take the buttons off a message, so a question cannot be answered twice."""

        async def edit() -> Any:
            return await self.bot.edit_message_reply_markup(chat_id, message_id, reply_markup=None)

        await call_telegram(
            f"editMessageReplyMarkup in chat {chat_id}",
            edit,
            idempotent=True,
            **self._retry_options,
        )

    async def publish_commands(self) -> bool:
        """The command menu in each of the six languages (and English for everyone else)."""
        published = True
        for language, commands in command_menus():

            async def publish(language: str | None = language, commands: Any = commands) -> Any:
                return await self.bot.set_my_commands(commands, language_code=language)

            done = await call_telegram(
                f"setMyCommands ({language or 'default'})",
                publish,
                idempotent=True,
                **self._retry_options,
            )
            published = published and bool(done)
        return published
