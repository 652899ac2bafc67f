"""The action server: rasa-sdk's app, on loopback by default and behind a shared secret.

Usage: python -m bot.actions.server   (what bot/stack.py builds instead of `rasa run actions`)

`rasa run actions` (rasa-sdk 3.6) binds 0.0.0.0, answers any CORS origin and has no
authentication, so anyone who reached its port could run our actions with a made-up tracker:
read another person's handoff draft, or queue an e-mail to the coordinator. This entry serves
the same app (rasa_sdk.endpoint.create_app: same routes, same executor) with

- the address from ACTION_HOST (default 127.0.0.1) and the port from ACTION_PORT;
- every route except GET /health refused with 401 unless it carries
  `Authorization: Bearer <ACTION_SERVER_TOKEN>` (what endpoints.yml makes the Rasa server
  send). The check runs right after routing, before Sanic reads the body, so a stranger cannot
  make it read, parse or hold anything;
- bodies capped at ACTION_REQUEST_MAX_BYTES (a tracker of a long conversation stays far below);
- no CORS headers: only the Rasa server calls it, never a browser.
"""

from __future__ import annotations

import hmac
import logging
from typing import Any

from rasa_sdk import utils
from rasa_sdk.endpoint import create_app as create_sdk_app
from rasa_sdk.plugin import plugin_manager
from sanic import Sanic, response
from sanic.exceptions import PayloadTooLarge, SanicException, Unauthorized
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.settings import Settings, get_settings
from bot.transliteration import morph

log = logging.getLogger("kotobot.actions")

ACTIONS_PACKAGE = "actions"  # the thin entry that imports bot.actions
OPEN_PATHS = frozenset({"/health"})


def authorised(header: str, token: str) -> bool:
    """Whether an Authorization header carries the token (compared in constant time)."""
    return bool(token) and hmac.compare_digest(header.encode(), f"Bearer {token}".encode())


def create_app(token: str, max_bytes: int) -> Sanic:
    """rasa-sdk's action server app with the token check and the body cap."""
    if not token:
        raise ValueError("the action server needs a token")
    app = create_sdk_app(ACTIONS_PACKAGE, cors_origins=None)
    app.config.REQUEST_MAX_SIZE = max_bytes

    @app.signal("http.routing.after")
    async def authenticate(request: Request, **_: Any) -> None:
        # Runs before Sanic preloads the body (sanic/app.py handle_request).
        if request.path in OPEN_PATHS:
            return
        if not authorised(request.headers.get("authorization", ""), token):
            raise Unauthorized("a token is required")

    @app.exception(Unauthorized, PayloadTooLarge)
    async def refused(request: Request, error: SanicException) -> HTTPResponse:
        # Registered before rasa-sdk's catch-all, which answers 500 and echoes the body.
        log.warning("action server: refused a request (%s)", error.status_code)
        return response.json({"error": str(error)}, status=error.status_code or 400)

    return app


def run(settings: Settings) -> None:
    # The Russian and Ukrainian dictionaries read a follow-up typed in Latin letters
    # (bot/detail_questions.py); loaded now, not while the first such newcomer waits.
    for language in ("ru", "uk"):
        morph(language)
    app = create_app(settings.action_token(), settings.action_request_max_bytes)
    plugin_manager().hook.attach_sanic_app_extensions(app=app)
    log.info(
        "Action endpoint is up and running on http://%s:%s",
        settings.action_host,
        settings.action_port,
    )
    app.run(
        settings.action_host,
        settings.action_port,
        workers=utils.number_of_sanic_workers(),
        access_log=False,
    )


def main() -> None:
    utils.configure_colored_logging("INFO")
    utils.update_sanic_log_level()
    logging.getLogger("matplotlib").setLevel(logging.WARN)
    run(get_settings())


if __name__ == "__main__":
    main()
