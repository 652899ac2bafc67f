"""Rasa's socket.io input channel, with session persistence that works on python-socketio 5.x
and the widget's "forget me".

Rasa 3.6's `session_request` handler calls `sio.enter_room(...)` without `await`; since
python-socketio made `AsyncServer.enter_room` a coroutine, the client never joins its session's
room, and with `session_persistence: true` every bot reply goes to an empty room: the widget
waits for ever (RasaHQ/rasa#13027, still open). This channel replaces that handler and adds
`forget_session`, which deletes the conversation of a session the client has joined. Messages
go through the guard (bot/channels/socketio_guard.py): rate limit, empty and over-long messages,
and an apology when Rasa produced no reply.

credentials.yml names it by its import path instead of `socketio:`; its settings are the same.
"""

from __future__ import annotations

import asyncio
import inspect
import logging
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.socketio import SocketIOInput as RasaSocketIOInput
from sanic import Blueprint

from bot.channels.socketio_guard import install_guarded_message_handler
from bot.channels.socketio_origins import restrict_origins
from bot.privacy import forget_conversation
from bot.settings import get_settings

log = logging.getLogger(__name__)


class SocketIOInput(RasaSocketIOInput):
    """socket.io for the website widget: `session_request` really joins the session's room."""

    @classmethod
    def name(cls) -> str:
        return "socketio"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        blueprint = super().blueprint(on_new_message)
        sio = self.sio
        assert sio is not None  # set by the parent's blueprint()
        restrict_origins(sio)  # Rasa accepts every origin: bot/channels/socketio_origins.py
        self.guard = install_guarded_message_handler(self, sio, blueprint, on_new_message)

        @sio.on("session_request", namespace=self.namespace)
        async def session_request(sid: str, data: dict[str, Any] | None = None) -> None:
            requested = data.get("session_id") if isinstance(data, dict) else None
            session_id = str(requested) if requested else uuid.uuid4().hex
            if self.session_persistence:
                joined = sio.enter_room(sid, session_id, namespace=self.namespace)
                if inspect.isawaitable(joined):  # a coroutine in today's python-socketio 5.x
                    await joined
            await sio.emit("session_confirm", session_id, room=sid, namespace=self.namespace)
            log.debug("socket.io client %s joined its session", sid)

        @sio.on("forget_session", namespace=self.namespace)
        async def forget_session(sid: str, data: dict[str, Any] | None = None) -> dict[str, bool]:
            """Only a session this client joined (so knows the secret id of) can be deleted."""
            session_id = data.get("session_id") if isinstance(data, dict) else None
            if not session_id or session_id not in sio.rooms(sid, namespace=self.namespace):
                return {"forgotten": False}
            deleted = await asyncio.to_thread(
                forget_conversation, get_settings().database_url, str(session_id)
            )
            left = sio.leave_room(sid, session_id, namespace=self.namespace)
            if inspect.isawaitable(left):
                await left
            log.info("a widget user had their conversation deleted (%d events)", deleted)
            return {"forgotten": True}

        return blueprint
