"""Trusted REST callers: the Telegram polling runner, the tests, the load benchmark.

They hold REST_TRUSTED_TOKEN (else var/rest_token) and send it as `Authorization: Bearer …`;
only they may name the sender and `input_channel` of a REST message. Everyone else gets a
conversation id the server issues (bot/identity/session_ids.py).
"""

from __future__ import annotations

import hmac
from pathlib import Path
from typing import Any

from bot.identity.keys import rest_token
from bot.settings import Settings

HEADER = "Authorization"


def trusted_token(settings: Settings) -> str:
    """REST_TRUSTED_TOKEN of these settings, else the token in their var/."""
    return rest_token(settings.var_dir, settings.identity.rest_trusted_token)


def trusted_headers(var_dir: Path) -> dict[str, str]:
    """The header a trusted caller sends (REST_TRUSTED_TOKEN, else the token of `var_dir`)."""
    return {HEADER: f"Bearer {rest_token(var_dir)}"}


def is_trusted(request: Any, token: str) -> bool:
    """Whether a Sanic request carries the REST token `token` (see `trusted_token`)."""
    value = request.headers.get(HEADER, "")
    scheme, _, given = value.partition(" ")
    return (
        scheme.lower() == "bearer"
        and bool(given)
        and hmac.compare_digest(given.strip().encode(), token.encode())
    )
