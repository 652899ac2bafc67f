"""The socket.io channel's `user_uttered` handler with the guard (bot/guard).

Rasa 3.6's handler passes any event data on as it is: data that is not an object raises inside
python-socketio, metadata that is not JSON raises, and a failed custom action leaves the widget
waiting in silence; and it takes the sender from the event, so a client speaks in any
conversation it names. This handler, installed by `channel.py` over Rasa's, takes the sender
from the conversation the server bound the socket to (`conversation_of`) and ignores the
event's `session_id`; a socket that has none yet is ignored with one warning. It treats
anything but a string message as empty, puts the server's pseudonym of the client address in
the metadata (for the handoff limits), and gives every message to the guard: rate limit, empty
and over-long messages answered politely, an apology when Rasa produced no reply.

The client's language hint is read from `customData` as well as the metadata key (rasa-webchat
sends only `customData`), and given to an intent payload of a conversation without a language
(hints.py). A turn's replies are sent when the turn is over, each with the
conversation's language (output.py): the widget follows it.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.socketio import SocketIOInput
from sanic import Blueprint, Sanic
from socketio import AsyncServer

from bot.channels.socketio.hints import client_metadata, language_hint, payload_with_language
from bot.channels.socketio.output import TurnOutput
from bot.guard.guard import MessageGuard
from bot.guard.language import conversation_language, slot_language
from bot.guard.limits import RateLimit
from bot.identity.clients import session_ids, with_client_key
from bot.settings import Settings

log = logging.getLogger("kotobot.socketio")


def install_guarded_message_handler(
    channel: SocketIOInput,
    settings: Settings,
    sio: AsyncServer,
    blueprint: Blueprint,
    on_new_message: Callable[[UserMessage], Awaitable[Any]],
    conversation_of: Callable[[str], str | None],
    address_of: Callable[[str], str],
) -> MessageGuard:
    """Replace the channel's `user_message_evt` handler; returns the guard (for its limiter)."""
    app_ref: dict[str, Sanic] = {}

    @blueprint.listener("before_server_start")
    async def remember_app(app: Sanic, _loop: Any) -> None:
        app_ref["app"] = app

    def agent() -> Any:
        return getattr(getattr(app_ref.get("app"), "ctx", None), "agent", None)

    guard = MessageGuard(on_new_message, agent, RateLimit.of(settings.guard))

    @sio.on(channel.user_message_evt, namespace=channel.namespace)
    async def handle_message(sid: str, data: Any = None) -> None:
        data = data if isinstance(data, dict) else {}
        if channel.session_persistence:
            sender_id = conversation_of(sid)
            if sender_id is None:
                log.warning("a socket.io message before its session_request was ignored")
                return
        else:
            sender_id = sid
        text = data.get("message")
        text = text if isinstance(text, str) else ""
        metadata = client_metadata(data, channel.metadata_key)
        hint = language_hint(metadata)
        if text.lstrip().startswith("/") and hint:
            if await slot_language(agent(), sender_id) is None:
                text = payload_with_language(text, hint)
        output = TurnOutput(sio, channel.bot_message_evt)
        message = UserMessage(
            text,
            output,
            sender_id,
            input_channel=channel.name(),
            metadata=with_client_key(metadata, session_ids(settings).client_key(address_of(sid))),
        )
        try:
            await guard(message)
        finally:
            await output.flush(await conversation_language(agent(), sender_id, metadata))

    return guard
