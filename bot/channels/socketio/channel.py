"""Rasa's socket.io input channel, with server-issued session ids, session persistence that
works on python-socketio 5.x and the widget's "forget me".

Session ids. Rasa's channel joins whatever room a client names in `session_request` and takes
the sender from each `user_uttered`, so anyone who knows or guesses an id speaks in that
conversation. Here the server issues every id (bot/identity/session_ids.py): `session_request`
presents the signed token the widget kept (a reload or reconnect continues its conversation) or
none; a token the server did not sign (forged, unsigned, another channel's such as `tg-…`) gets
a fresh conversation instead. The socket is bound to that one conversation, and every handler
uses the binding, never an id from the event. New conversations are limited per client address
(NEW_CONVERSATIONS_PER_HOUR); past it the client gets `session_refused` with a short text.

Rasa 3.6's `session_request` handler also calls `sio.enter_room(...)` without `await`; since
python-socketio made `AsyncServer.enter_room` a coroutine, the client never joins its session's
room, and with `session_persistence: true` every bot reply goes to an empty room
(RasaHQ/rasa#13027, still open). `forget_session` deletes the conversation of a signed token
(holding it is what owning the conversation means). Messages go through the guard
(guard.py).

credentials.yml names it by its import path instead of `socketio:`; its settings are the same.
"""

from __future__ import annotations

import asyncio
import inspect
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.socketio import SocketIOInput as RasaSocketIOInput
from sanic import Blueprint
from socketio import AsyncServer

from bot.channels.socketio.guard import install_guarded_message_handler
from bot.channels.socketio.origins import restrict_origins
from bot.guard.texts import guard_text
from bot.identity.clients import client_address, new_conversation_limit, session_ids
from bot.identity.session_ids import WIDGET
from bot.languages import LANGUAGES
from bot.privacy import forget_conversation
from bot.settings import Settings, get_settings

log = logging.getLogger(__name__)


async def _maybe_await(value: Any) -> None:
    if inspect.isawaitable(value):  # a coroutine in today's python-socketio 5.x
        await value


class SocketIOInput(RasaSocketIOInput):
    """socket.io for the website widget: each socket speaks in the one conversation the server
    issued to it."""

    @classmethod
    def name(cls) -> str:
        return "socketio"

    def __init__(self, *args: Any, settings: Settings | None = None, **kwargs: Any) -> None:
        """Rasa's arguments; `settings`: this process's when Rasa builds the channel."""
        super().__init__(*args, **kwargs)
        self.settings = settings or get_settings()

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        blueprint = super().blueprint(on_new_message)
        sio = self.sio
        assert sio is not None  # set by the parent's blueprint()
        settings = self.settings
        # Rasa accepts every origin: origins.py
        restrict_origins(sio, settings.cors_origins.split())
        self.bound: dict[str, str] = {}  # socket id -> conversation id
        self.addresses: dict[str, str] = {}  # socket id -> client address
        self.guard = install_guarded_message_handler(
            self, settings, sio, blueprint, on_new_message, self.conversation_of, self.address_of
        )
        ids = session_ids(settings)
        self._track_connections(sio)

        @sio.on("session_request", namespace=self.namespace)
        async def session_request(sid: str, data: dict[str, Any] | None = None) -> None:
            data = data if isinstance(data, dict) else {}
            if not self.session_persistence:  # the sender is the socket id (Rasa's behaviour)
                await sio.emit("session_confirm", sid, room=sid, namespace=self.namespace)
                return
            presented = data.get("session_id")
            conversation_id = ids.verify(WIDGET, presented)
            token = presented
            if conversation_id is None:
                if presented:
                    log.info("a widget presented a session id the server did not issue")
                if not new_conversation_limit(settings).allow(self.address_of(sid), "widget"):
                    language = data.get("language")
                    language = language if language in LANGUAGES else None
                    notice = {"text": guard_text("too_many_conversations", language)}
                    await sio.emit("session_refused", notice, room=sid, namespace=self.namespace)
                    return
                conversation_id, token = ids.issue(WIDGET)
            previous = self.bound.get(sid)
            if previous and previous != conversation_id:
                await _maybe_await(sio.leave_room(sid, previous, namespace=self.namespace))
            await _maybe_await(sio.enter_room(sid, conversation_id, namespace=self.namespace))
            self.bound[sid] = conversation_id
            await sio.emit("session_confirm", token, room=sid, namespace=self.namespace)
            log.debug("socket.io client %s joined its session", sid)

        @sio.on("forget_session", namespace=self.namespace)
        async def forget_session(sid: str, data: dict[str, Any] | None = None) -> dict[str, bool]:
            """Deletes the conversation of a token this server signed, and nothing else."""
            token = data.get("session_id") if isinstance(data, dict) else None
            conversation_id = ids.verify(WIDGET, token)
            if conversation_id is None:
                return {"forgotten": False}
            deleted = await asyncio.to_thread(
                forget_conversation, settings.database_url, conversation_id
            )
            if self.bound.get(sid) == conversation_id:
                del self.bound[sid]
                await _maybe_await(sio.leave_room(sid, conversation_id, namespace=self.namespace))
            log.info("a widget user had their conversation deleted (%d events)", deleted)
            return {"forgotten": True}

        return blueprint

    def conversation_of(self, sid: str) -> str | None:
        """The conversation a socket is bound to (None before its `session_request`)."""
        return self.bound.get(sid)

    def address_of(self, sid: str) -> str:
        return self.addresses.get(sid, "unknown")

    def _track_connections(self, sio: AsyncServer) -> None:
        """Wrap Rasa's connect and disconnect handlers: remember each socket's client address
        on connect, forget the socket's binding on disconnect."""
        handlers = sio.handlers.get(self.namespace or "/", {})
        rasa_connect = handlers.get("connect")
        rasa_disconnect = handlers.get("disconnect")

        @sio.on("connect", namespace=self.namespace)
        async def connect(sid: str, environ: dict[str, Any], auth: Any = None) -> bool | None:
            accepted = await rasa_connect(sid, environ, auth) if rasa_connect else True
            if accepted is not False:
                request = environ.get("sanic.request")
                header = self.settings.identity.client_address_header
                self.addresses[sid] = client_address(request, header) if request else "unknown"
            return accepted

        @sio.on("disconnect", namespace=self.namespace)
        async def disconnect(sid: str, *args: Any) -> None:
            self.bound.pop(sid, None)
            self.addresses.pop(sid, None)
            if rasa_disconnect:
                await rasa_disconnect(sid)
