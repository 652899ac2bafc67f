"""The socket.io channel's `user_uttered` handler with the guard (bot/guard).

Rasa 3.6's handler passes any event data on as it is: data that is not an object raises inside
python-socketio, metadata that is not JSON raises, and a failed custom action leaves the
widget waiting in silence. This handler, installed by bot/widget/channel.py over Rasa's,
ignores events without a usable session id (as Rasa does, with one warning), treats anything
but a string message as empty, and gives every message to the guard: rate limit, empty and
over-long messages answered politely, an apology when Rasa produced no reply.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.socketio import SocketIOInput, SocketIOOutput
from sanic import Blueprint, Sanic
from socketio import AsyncServer

from bot.guard.clean import has_control_characters
from bot.guard.guard import MessageGuard
from bot.guard.limits import MAX_SENDER_CHARS

log = logging.getLogger("kotobot.socketio")


def install_guarded_message_handler(
    channel: SocketIOInput,
    sio: AsyncServer,
    blueprint: Blueprint,
    on_new_message: Callable[[UserMessage], Awaitable[Any]],
) -> MessageGuard:
    """Replace the channel's `user_message_evt` handler; returns the guard (for its limiter)."""
    app_ref: dict[str, Sanic] = {}

    @blueprint.listener("before_server_start")
    async def remember_app(app: Sanic, _loop: Any) -> None:
        app_ref["app"] = app

    guard = MessageGuard(
        on_new_message,
        agent=lambda: getattr(getattr(app_ref.get("app"), "ctx", None), "agent", None),
    )

    @sio.on(channel.user_message_evt, namespace=channel.namespace)
    async def handle_message(sid: str, data: Any = None) -> None:
        data = data if isinstance(data, dict) else {}
        if channel.session_persistence:
            sender_id = data.get("session_id")
            if not _usable_id(sender_id):
                log.warning("a socket.io message without a usable session id was ignored")
                return
        else:
            sender_id = sid
        text = data.get("message")
        message = UserMessage(
            text if isinstance(text, str) else "",
            SocketIOOutput(sio, channel.bot_message_evt),
            sender_id,
            input_channel=channel.name(),
            metadata=_metadata(data.get(channel.metadata_key)),
        )
        await guard(message)

    return guard


def _usable_id(value: Any) -> bool:
    return (
        isinstance(value, str)
        and 0 < len(value) <= MAX_SENDER_CHARS
        and bool(value.strip())
        and not has_control_characters(value)
    )


def _metadata(value: Any) -> dict[str, Any]:
    """The event's metadata as an object: a JSON string is parsed; anything else is dropped."""
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except (ValueError, RecursionError):
            return {}
    return value if isinstance(value, dict) else {}
