"""A socket.io client for the e2e tests: python-socketio's AsyncClient against the Rasa server,
speaking the widget's protocol (session_request, session_confirm, user_uttered, bot_uttered).

The server issues the session id: the client presents `session_id` (a token it kept, or
anything else) and continues with the token `session_confirm` gives back; `conversation_id`
is the tracker's sender id (the token without its signature).

Long polling, not WebSocket: python-engineio's WebSocket client needs aiohttp's
ClientWSTimeout (aiohttp >= 3.10), and Rasa 3.6 pins aiohttp 3.9.
"""

from __future__ import annotations

import asyncio
from typing import Any

import aiohttp
import socketio


class WidgetClient:
    """One widget session: connect, join the session's room, say things, collect replies."""

    def __init__(
        self,
        base_url: str,
        session_id: str | None = None,
        source: str | None = None,
        language: str | None = None,
    ) -> None:
        """`source`: the loopback address to connect from (127.0.0.x), to be another client;
        `language`: the widget's language, sent with the session request."""
        self.base_url = base_url
        self.language = language
        self.session_id = session_id
        self.conversation_id = session_id
        self.refusal: dict[str, Any] | None = None
        self._source = source
        self.client = socketio.AsyncClient(reconnection=False)
        self.replies: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        self._confirmed = asyncio.Event()
        self.client.on("bot_uttered", self._on_reply)
        self.client.on("session_confirm", self._on_confirm)
        self.client.on("session_refused", self._on_refused)

    async def _on_reply(self, data: dict[str, Any]) -> None:
        await self.replies.put(data)

    async def _on_confirm(self, session_id: str) -> None:
        self.session_id = session_id
        self.conversation_id = session_id.rsplit(".", 1)[0] if "." in session_id else session_id
        self._confirmed.set()

    async def _on_refused(self, notice: dict[str, Any]) -> None:
        self.refusal = notice
        self._confirmed.set()

    async def __aenter__(self) -> WidgetClient:
        if self._source:
            connector = aiohttp.TCPConnector(local_addr=(self._source, 0))
            self.client.eio.http = aiohttp.ClientSession(connector=connector)
        await self.client.connect(self.base_url, transports=["polling"], wait_timeout=20)
        extra = {"language": self.language} if self.language else {}
        await self.request_session(self.session_id, **extra)
        return self

    async def request_session(self, session_id: str | None, **extra: Any) -> None:
        """Ask for a session (again); waits for the confirmation or the refusal."""
        self._confirmed.clear()
        await self.client.emit("session_request", {"session_id": session_id, **extra})
        await asyncio.wait_for(self._confirmed.wait(), 20)

    async def __aexit__(self, *_: object) -> None:
        # Without abort the client waits for the long poll to end (up to the 25 s ping).
        await self.client.eio.disconnect(abort=True)
        if self.client.eio.http is not None:
            await self.client.eio.http.close()

    async def emit(self, data: Any) -> None:
        await self.client.emit("user_uttered", data)

    async def say(self, text: Any, quiet: float = 1.5, **metadata: Any) -> list[dict[str, Any]]:
        """Send a message; the replies until none came for `quiet` seconds (first: 60 s)."""
        body: dict[str, Any] = {"message": text, "session_id": self.session_id}
        if metadata:
            body["metadata"] = metadata
        await self.emit(body)
        return await self.collect(quiet)

    async def collect(self, quiet: float = 1.5, first: float = 60.0) -> list[dict[str, Any]]:
        replies: list[dict[str, Any]] = []
        try:
            replies.append(await asyncio.wait_for(self.replies.get(), first))
            while True:
                replies.append(await asyncio.wait_for(self.replies.get(), quiet))
        except asyncio.TimeoutError:
            return replies

    def connected(self) -> bool:
        return self.client.connected
