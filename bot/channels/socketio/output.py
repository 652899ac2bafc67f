"""Bot messages that carry the conversation's language, so that the widget can follow it.

The `language` slot decides every reply's language, and it is known for certain only once the
turn is over (Rasa saves the tracker then). So the replies of one turn are held back until
`flush`, which sends each of them with `"language": "<code>"` read from the saved tracker: the
widget switches its panel (texts, `lang`, `dir`) to it and reads the message aloud in it.
Clients that do not know the field (rasa-webchat) ignore it. Holding a turn's replies back costs
nothing a person would see: the widget shows its typing dots meanwhile.
"""

from __future__ import annotations

from typing import Any

from rasa.core.channels.socketio import SocketIOOutput
from socketio import AsyncServer


class TurnOutput(SocketIOOutput):
    """Rasa's socket.io output, collecting one turn's messages until `flush`."""

    def __init__(self, sio: AsyncServer, bot_message_evt: str) -> None:
        super().__init__(sio, bot_message_evt)
        self.held: list[tuple[str, Any]] = []

    async def _send_message(self, socket_id: str, response: Any) -> None:
        self.held.append((socket_id, response))

    async def flush(self, language: str | None) -> None:
        """Send the held messages, each with the conversation's language when it is known."""
        held, self.held = self.held, []
        for room, response in held:
            if language and isinstance(response, dict):
                response = {**response, "language": language}
            await self.sio.emit(self.bot_message_evt, response, room=room)
