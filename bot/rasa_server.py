"""`rasa run` in this process, with the API token from the environment and a body cap.

Usage: RASA_API_TOKEN=… python -m bot.rasa_server <arguments of `rasa run`, without --auth-token>

- `rasa run --auth-token T` puts the token on the command line, where `ps` shows it to every
  user of the machine. Here it comes from RASA_API_TOKEN and is handed to `rasa run` as the
  parsed argument (`args.auth_token`, which rasa.cli.run passes on to rasa.run).
- Rasa 3.6 (rasa/server.py `requires_auth`) reads the token only from the query string
  (`?token=`), which access logs and proxies keep. The server also accepts it as
  `Authorization: Bearer <token>` (compared in constant time); `?token=` still works for
  existing clients.
- Rasa's CORS (rasa/server.py `configure_cors`, sanic-cors on every path: REST, socket.io's
  polling transport, the HTTP API) exposes only the `filename` header to pages on
  CORS_ORIGINS. `X-Kotobot-Session`, the token of the conversation the REST channel issued
  (bot/channels/rest.py), is exposed too, so a page on an allowed origin can read it and
  continue its conversation. Origins outside CORS_ORIGINS still get no CORS headers at all.
- Sanic reads bodies of up to 100 MB by default; SANIC_REQUEST_MAX_SIZE (the variable Sanic
  itself reads when Rasa creates its app) is set from RASA_REQUEST_MAX_BYTES (default 1 MiB),
  so a larger body is refused from its Content-Length before it is read.
"""

from __future__ import annotations

import argparse
import hmac
import os
import sys
from collections.abc import Callable
from functools import wraps
from inspect import isawaitable
from typing import Any

from bot import rasa_graph, story_reading
from bot.paths import PROJECT_ROOT
from bot.settings import get_settings


def bearer_matches(header: str, token: str) -> bool:
    return bool(token) and hmac.compare_digest(header.encode(), f"Bearer {token}".encode())


def accept_token_header() -> None:
    """Make rasa.server.create_app's `requires_auth` also accept the token in a header."""
    import rasa.server

    rasa_requires_auth = rasa.server.requires_auth

    def requires_auth(app: Any, token: str | None = None) -> Callable[[Any], Any]:
        rasa_decorator = rasa_requires_auth(app, token)

        def decorator(handler: Any) -> Any:
            checked = rasa_decorator(handler)

            @wraps(handler)
            async def decorated(request: Any, *args: Any, **kwargs: Any) -> Any:
                header = request.headers.get("authorization", "")
                if token and bearer_matches(header, token):
                    result = handler(request, *args, **kwargs)
                    return await result if isawaitable(result) else result
                return await checked(request, *args, **kwargs)

            return decorated

        return decorator

    rasa.server.requires_auth = requires_auth


def exposed_headers() -> tuple[str, ...]:
    """Response headers a page on an allowed origin may read: Rasa's own and the REST
    channel's conversation token."""
    from bot.channels.rest import SESSION_HEADER

    return ("filename", SESSION_HEADER)


def expose_session_header() -> None:
    """Make rasa.server's `configure_cors` (called by rasa.core.run and rasa.server.create_app)
    expose X-Kotobot-Session as well: Rasa 3.6's own, with that one setting changed."""
    import rasa.server
    from sanic_cors import CORS

    def configure_cors(app: Any, cors_origins: str | list[str] | None = "") -> None:
        app.config.CORS_AUTOMATIC_OPTIONS = True
        app.config.CORS_SUPPORTS_CREDENTIALS = True
        app.config.CORS_EXPOSE_HEADERS = ", ".join(exposed_headers())
        CORS(app, resources={r"/*": {"origins": cors_origins or ""}}, automatic_options=True)

    rasa.server.configure_cors = configure_cors


def run(argv: list[str]) -> None:
    settings = get_settings()
    token = settings.rasa_api_token
    if not token:
        sys.exit("bot.rasa_server: RASA_API_TOKEN is not set")
    if "--auth-token" in argv or any(a.startswith("--auth-token=") for a in argv):
        sys.exit("bot.rasa_server: pass the token in RASA_API_TOKEN, not on the command line")
    # Not a read: the variable Sanic reads when Rasa creates its app (docs/architecture.md).
    os.environ["SANIC_REQUEST_MAX_SIZE"] = str(settings.rasa_request_max_bytes)
    os.chdir(PROJECT_ROOT)
    accept_token_header()
    expose_session_header()
    story_reading.install()  # a declined story is read again by its question
    rasa_graph.install()  # the prediction graph run in an order found once

    import rasa.__main__
    import rasa.cli.run

    rasa_run = rasa.cli.run.run

    def run_with_token(args: argparse.Namespace) -> None:
        args.auth_token = token
        rasa_run(args)

    rasa.cli.run.run = run_with_token  # add_subparser reads it when the parser is built
    sys.argv = ["rasa", "run", *argv]
    rasa.__main__.main()


if __name__ == "__main__":
    run(sys.argv[1:])
