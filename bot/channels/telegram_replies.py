"""Sending to Telegram: Rasa's replies as messages with inline keyboards, the channel's own
messages, answers to button presses and the command menu; every call through the retries of
`telegram_retry`. Text is sent without a parse mode, so nothing in it needs escaping."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import Any

from telegram import Bot, InlineKeyboardMarkup

from bot.channels.telegram_common import command_menus, keyboard, split_text
from bot.channels.telegram_retry import Sleep, call_telegram
from bot.channels.telegram_store import ChannelStore

log = logging.getLogger("kotobot.telegram")

# Telegram refuses a message without text; a keyboard Rasa sends without any gets this.
KEYBOARD_ONLY_TEXT = "⬇️"


class Replier:
    """Sends to Telegram chats through one Bot."""

    def __init__(self, bot: Bot, store: ChannelStore, sleep: Sleep | None = None) -> None:
        self.bot = bot
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

    async def send_reply(self, chat_id: int, reply: Mapping[str, Any]) -> None:
        """One of Rasa's replies ({"text", "buttons" or "quick_replies", "image", ...})."""
        buttons = reply.get("buttons") or reply.get("quick_replies") or []
        markup = await self.reply_keyboard(buttons) if buttons else None
        text = str(reply.get("text") or "")
        if text or markup:
            await self.send_text(chat_id, text, markup)
        for link in (reply.get("image"), reply.get("attachment")):
            if isinstance(link, str) and link:
                await self.send_text(chat_id, link)
        if reply.get("custom"):
            log.debug("telegram: a custom reply was not sent (Telegram shows text only)")

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
