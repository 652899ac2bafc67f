"""A socket.io client for the e2e tests: python-socketio's AsyncClient against the Rasa server,
speaking the widget's protocol (session_request, user_uttered, bot_uttered).

Long polling, not WebSocket: python-engineio's WebSocket client needs aiohttp's
ClientWSTimeout (aiohttp >= 3.10), and Rasa 3.6 pins aiohttp 3.9.
"""

from __future__ import annotations

import asyncio
from typing import Any

import socketio


class WidgetClient:
    """One widget session: connect, join the session's room, say things, collect replies."""

    def __init__(self, base_url: str, session_id: str) -> None:
        self.base_url = base_url
        self.session_id = session_id
        self.client = socketio.AsyncClient(reconnection=False)
        self.replies: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        self._confirmed = asyncio.Event()
        self.client.on("bot_uttered", self._on_reply)
        self.client.on("session_confirm", self._on_confirm)

    async def _on_reply(self, data: dict[str, Any]) -> None:
        await self.replies.put(data)

    async def _on_confirm(self, _session_id: str) -> None:
        self._confirmed.set()

    async def __aenter__(self) -> WidgetClient:
        await self.client.connect(self.base_url, transports=["polling"], wait_timeout=20)
        await self.client.emit("session_request", {"session_id": self.session_id})
        await asyncio.wait_for(self._confirmed.wait(), 20)
        return self

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
