"""The way out, shared by both Telegram modes: Rasa's replies as messages with inline
keyboards (the 🔊 button on the last one of an answer), the channel's own messages, voice
messages and answers to button presses; long texts split as Telegram counts them (UTF-16), and
every call through the retries of `retry`. Text is sent without a parse mode, so nothing in it
needs escaping."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import Any

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, InputFile
from telegram.constants import ChatAction

from bot.answers import language_buttons
from bot.channels.telegram.callback_data import FORGET_NO, FORGET_YES, LISTEN
from bot.channels.telegram.retry import Sleep, call_telegram
from bot.channels.telegram.store import ChannelStore
from bot.channels.telegram.texts import channel_text

log = logging.getLogger("kotobot.telegram")

MAX_MESSAGE_LENGTH = 4096  # Telegram counts UTF-16 code units
# Telegram refuses a message without text; a keyboard Rasa sends without any gets this.
KEYBOARD_ONLY_TEXT = "⬇️"


def utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _longest_prefix(text: str, limit: int) -> str:
    """The longest start of `text` that is at most `limit` UTF-16 code units long."""
    if utf16_length(text) <= limit:
        return text
    units = 0
    for index, char in enumerate(text):
        units += 2 if ord(char) > 0xFFFF else 1
        if units > limit:
            return text[:index]
    return text


def _cut_at(head: str) -> int:
    """Where to end a chunk: the last paragraph break, else line break, else space in its
    second half; failing that, any of them; failing that, the full length."""
    for minimum in (len(head) // 2, 1):
        for separator in ("\n\n", "\n", " "):
            index = head.rfind(separator)
            if index >= minimum:
                return index
    return len(head)


def split_text(text: str, limit: int = MAX_MESSAGE_LENGTH) -> list[str]:
    """`text` as messages of at most `limit` characters (as Telegram counts them), split at
    paragraph, then line, then word boundaries."""
    chunks: list[str] = []
    rest = text.strip()
    while utf16_length(rest) > limit:
        head = _longest_prefix(rest, limit)
        cut = _cut_at(head)
        chunk, rest = rest[:cut].rstrip(), rest[cut:].lstrip()
        if chunk:
            chunks.append(chunk)
    if rest:
        chunks.append(rest)
    return chunks


def keyboard(
    buttons: Sequence[tuple[str, str]], columns: int = 1, urls: Sequence[tuple[str, str]] = ()
) -> InlineKeyboardMarkup | None:
    """An inline keyboard of (title, callback_data) buttons, `columns` per row, and link
    buttons (title, url) after them; None when there are none."""
    row_buttons = [InlineKeyboardButton(title, callback_data=data) for title, data in buttons]
    row_buttons += [InlineKeyboardButton(title, url=url) for title, url in urls]
    if not row_buttons:
        return None
    rows = [row_buttons[i : i + columns] for i in range(0, len(row_buttons), columns)]
    return InlineKeyboardMarkup(rows)


def language_keyboard() -> InlineKeyboardMarkup:
    """The six languages, each named in itself, sending `/choose_language{"language":"xx"}`."""
    markup = keyboard([(b["title"], b["payload"]) for b in language_buttons()], columns=2)
    assert markup is not None
    return markup


def forget_keyboard(language: str) -> InlineKeyboardMarkup:
    markup = keyboard(
        [
            (channel_text("forget_yes", language), FORGET_YES),
            (channel_text("forget_no", language), FORGET_NO),
        ],
        columns=2,
    )
    assert markup is not None
    return markup


def with_listen_button(markup: InlineKeyboardMarkup | None, language: str) -> InlineKeyboardMarkup:
    """`markup` with a last row holding the 🔊 button (in `language`), or that row alone. The
    button's data only says "listen": the text read aloud is the chat's last answer, read
    from the tracker store, never from the button."""
    listen = [InlineKeyboardButton(channel_text("listen_button", language), callback_data=LISTEN)]
    rows = [list(row) for row in markup.inline_keyboard] if markup is not None else []
    return InlineKeyboardMarkup([*rows, listen])


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
