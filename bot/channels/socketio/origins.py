"""socket.io accepts browsers only from CORS_ORIGINS.

Rasa 3.6 creates its socket.io server with `cors_allowed_origins=[]`, which python-engineio
reads as "CORS handling disabled": any Origin is accepted, so any web page could open a
WebSocket (browsers apply no CORS to WebSockets) or a polling session to the Rasa server and
talk to the bot as its visitor. Here the socket.io server checks the Origin header against
CORS_ORIGINS (the list Rasa's HTTP CORS is configured with, `--cors`): a handshake or upgrade
from another origin gets 400; a client without an Origin header (not a browser) is accepted.

engineio's own CORS headers stay off: Rasa's Sanic-CORS already adds them to every response
from the same list, and a second Access-Control-Allow-Origin would make browsers refuse it.
"""

from __future__ import annotations

from typing import Any

from socketio import AsyncServer


def restrict_origins(sio: AsyncServer, origins: list[str]) -> None:
    """Make `sio` refuse handshakes and upgrades from browser origins outside `origins`
    (CORS_ORIGINS: `settings.cors_origins.split()`)."""
    eio: Any = sio.eio
    eio.cors_allowed_origins = list(origins)
    eio._cors_headers = lambda environ: []  # Sanic-CORS sets them (see the module docstring)
