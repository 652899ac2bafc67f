"""Trusted REST callers: the Telegram polling runner, the tests, the load benchmark.

They hold REST_TRUSTED_TOKEN (else var/rest_token) and send it as `Authorization: Bearer …`;
only they may name the sender and `input_channel` of a REST message. Everyone else gets a
conversation id the server issues (bot/identity/session_ids.py).
"""

from __future__ import annotations

import hmac
from functools import lru_cache
from pathlib import Path
from typing import Any

from bot.identity.keys import rest_token
from bot.settings import get_settings

HEADER = "Authorization"


@lru_cache(maxsize=1)
def _token() -> str:
    return rest_token(get_settings().var_dir)


def trusted_headers(var_dir: Path | None = None) -> dict[str, str]:
    """The header a trusted caller sends (reads the token of `var_dir`, default var/)."""
    token = rest_token(var_dir) if var_dir is not None else _token()
    return {HEADER: f"Bearer {token}"}


def is_trusted(request: Any) -> bool:
    """Whether a Sanic request carries the REST token."""
    value = request.headers.get(HEADER, "")
    scheme, _, token = value.partition(" ")
    return (
        scheme.lower() == "bearer"
        and bool(token)
        and hmac.compare_digest(token.strip().encode(), _token().encode())
    )
