"""The way in, shared by both Telegram modes: repairing Update JSON python-telegram-bot cannot
read (webhook bodies in `parse_update`, polled updates in `TolerantBot`), and reading an Update
into what the bot needs (who, what, in which language).

Pure functions without network or database, so they are tested on Telegram's own JSON.
"""

from __future__ import annotations

import enum
import logging
from dataclasses import dataclass, field
from typing import Any

from telegram import Bot, Message, Update
from telegram.constants import ChatType
from telegram.ext import ExtBot

from bot.languages import normalise_hint

log = logging.getLogger("kotobot.telegram")

CHANNEL = "telegram"
SENDER_PREFIX = "tg-"
COMMANDS: tuple[str, ...] = ("start", "language", "help", "forget", "listen")
ALLOWED_UPDATES: tuple[str, ...] = ("message", "edited_message", "callback_query")
# Where a repaired update names the content python-telegram-bot could not read.
UNREADABLE = "kotobot_unreadable"
_MESSAGE_CORE = frozenset(
    {"message_id", "date", "chat", "from", "text", "entities", "caption", "edit_date"}
)
_QUERY_CORE = frozenset({"id", "from", "data", "chat_instance", "inline_message_id"})

# Keys whose value is a Telegram User. Telegram's own documentation examples omit fields that
# python-telegram-bot requires: a User's `is_bot` and a CallbackQuery's `chat_instance`.
_USER_KEYS = frozenset(
    {"from", "user", "forward_from", "via_bot", "left_chat_member", "new_chat_members"}
)


class Kind(enum.Enum):
    """What an update asks of the bot."""

    TEXT = "text"  # a message for Rasa
    COMMAND = "command"  # one of COMMANDS
    BUTTON = "button"  # a pressed inline button (callback query)
    EDITED = "edited"  # an edited message: not understood
    NOT_TEXT = "not_text"  # voice, photo, sticker, document, location...: not understood
    IGNORED = "ignored"  # service messages, groups, other update types


@dataclass(frozen=True)
class Incoming:
    """An update as the bot sees it. `text` is the message, the command's name or the
    button's callback data; `metadata` is what Rasa receives with the message."""

    update_id: int
    kind: Kind
    chat_id: int | None = None
    text: str | None = None
    language_code: str | None = None
    callback_query_id: str | None = None
    button_message_id: int | None = None  # the message whose button was pressed, if known
    metadata: dict[str, Any] = field(default_factory=dict)

    @property
    def sender_id(self) -> str:
        return sender_id_of(self.chat_id) if self.chat_id is not None else ""

    @property
    def hint(self) -> str | None:
        """The user's Telegram language as one of the six, if it is one."""
        return normalise_hint(self.language_code)


def sender_id_of(chat_id: int) -> str:
    return f"{SENDER_PREFIX}{chat_id}"


def chat_id_of(sender_id: str) -> int | None:
    """The chat of a conversation this channel started ("tg-123" → 123), else None."""
    if not sender_id.startswith(SENDER_PREFIX):
        return None
    try:
        return int(sender_id[len(SENDER_PREFIX) :])
    except ValueError:
        return None


def _with_is_bot(value: Any, is_user: bool = False) -> Any:
    if isinstance(value, list):
        return [_with_is_bot(item, is_user) for item in value]
    if not isinstance(value, dict):
        return value
    fixed = {key: _with_is_bot(item, key in _USER_KEYS) for key, item in value.items()}
    if is_user:
        fixed.setdefault("is_bot", False)
    return fixed


def _readable(update: dict[str, Any]) -> bool:
    try:
        Update.de_json(update, None)
    except (TypeError, KeyError, ValueError, AttributeError):
        return False
    return True


def _reduced(update: dict[str, Any]) -> dict[str, Any]:
    """The update with only the fields the bot reads; any other content of a message is named
    under UNREADABLE (so the person hears that only text is understood)."""
    reduced: dict[str, Any] = {"update_id": update["update_id"]}
    for key in ("message", "edited_message"):
        message = update.get(key)
        if isinstance(message, dict):
            core = {k: v for k, v in message.items() if k in _MESSAGE_CORE}
            others = sorted(k for k in message if k not in _MESSAGE_CORE)
            reduced[key] = {**core, UNREADABLE: others} if others else core
    query = update.get("callback_query")
    if isinstance(query, dict):
        reduced["callback_query"] = {k: v for k, v in query.items() if k in _QUERY_CORE}
    return reduced


def repair_update_json(raw: object) -> dict[str, Any] | None:
    """Update JSON that python-telegram-bot can read. Telegram's documentation examples (and
    any Bot API newer than the library) may lack fields it requires: `is_bot` and
    `chat_instance` are filled in; failing that, the update is reduced to what the bot reads
    (a message's chat, sender, text; a button's data); failing that, to its `update_id` (so
    polling moves past it and nothing waits behind it). None when `raw` is not an update."""
    if not isinstance(raw, dict) or not isinstance(raw.get("update_id"), int):
        return None
    repaired = _with_is_bot(raw)
    query = repaired.get("callback_query")
    if isinstance(query, dict):
        query.setdefault("chat_instance", "")
    if _readable(repaired):
        return repaired
    reduced = _reduced(repaired)
    if _readable(reduced):
        return reduced
    log.warning("telegram: update %s cannot be read; skipped", raw["update_id"])
    return {"update_id": raw["update_id"]}


class TolerantBot(ExtBot[Any]):
    """An ExtBot that repairs the updates it polls (`repair_update_json`, or reduces them to
    their id), so one odd update neither stops polling for everyone nor lands in a log."""

    async def _post(self, endpoint: str, data: Any = None, *args: Any, **kwargs: Any) -> Any:
        result = await super()._post(endpoint, data, *args, **kwargs)
        if endpoint == "getUpdates" and isinstance(result, list):
            repaired = (repair_update_json(item) for item in result)
            return [item for item in repaired if item is not None]
        return result


def parse_update(raw: object, bot: Bot | None = None) -> Update | None:
    """An Update from webhook JSON (repaired as polling does), or None when it is not one."""
    repaired = repair_update_json(raw)
    return Update.de_json(repaired, bot) if repaired is not None else None


def command_of(text: str) -> str | None:
    """The command a message is ("/start", "/Help@kotobot_bot", "/start ref" → its name), or
    None; a button payload typed as text ("/help{...}") is not a command."""
    if not text.startswith("/"):
        return None
    word = text.split(maxsplit=1)[0][1:]
    name = word.partition("@")[0].lower()
    return name if name in COMMANDS else None


def _metadata(update: Update) -> dict[str, Any]:
    user = update.effective_user
    return {"language": user.language_code if user else None, "channel": CHANNEL}


def read_update(update: Update) -> Incoming:
    """Who sent what: the bot serves private chats; everything else is ignored."""
    user = update.effective_user
    base: dict[str, Any] = {
        "update_id": update.update_id,
        "language_code": user.language_code if user else None,
        "metadata": _metadata(update),
    }
    query = update.callback_query
    if query is not None:
        # Without `message` (e.g. a button of an inline-mode message) the chat is unknown;
        # a private chat's id is the user's id.
        message = query.message
        if message is not None and (message.chat is None or message.chat.type != ChatType.PRIVATE):
            return Incoming(kind=Kind.IGNORED, **base)
        return Incoming(
            kind=Kind.BUTTON,
            chat_id=message.chat.id if message is not None else query.from_user.id,
            text=query.data,
            callback_query_id=query.id,
            button_message_id=message.message_id if message is not None else None,
            **base,
        )
    if update.edited_message is not None:
        return _from_message(update.edited_message, Kind.EDITED, base)
    if update.message is not None:
        return _from_message(update.message, None, base)
    return Incoming(kind=Kind.IGNORED, **base)


def _from_message(message: Message, kind: Kind | None, base: dict[str, Any]) -> Incoming:
    if message.chat is None or message.chat.type != ChatType.PRIVATE:
        return Incoming(kind=Kind.IGNORED, **base)
    chat_id = message.chat.id
    if kind is not None:
        return Incoming(kind=kind, chat_id=chat_id, **base)
    if message.text is not None:
        command = command_of(message.text)
        if command is not None:
            return Incoming(kind=Kind.COMMAND, chat_id=chat_id, text=command, **base)
        return Incoming(kind=Kind.TEXT, chat_id=chat_id, text=message.text, **base)
    if (
        message.effective_attachment is not None
        or message.caption is not None
        or message.api_kwargs  # content the library does not know, or could not read
    ):
        return Incoming(kind=Kind.NOT_TEXT, chat_id=chat_id, **base)
    return Incoming(kind=Kind.IGNORED, **base)  # joins, pins and other service messages
