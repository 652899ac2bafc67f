"""The widget server's settings, read from the environment when the server starts.

They live here rather than in bot.settings because only this process needs them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from bot.paths import VAR_DIR


def _env(name: str, default: str) -> str:
    return os.environ.get(name, "").strip() or default


def _port(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        port = int(raw)
    except ValueError as error:
        raise SystemExit(f"widget: {name} must be a port number, got {raw!r}") from error
    if not 0 <= port <= 65535:
        raise SystemExit(f"widget: {name} must be between 0 and 65535, got {port}")
    return port


@dataclass(frozen=True)
class WidgetConfig:
    """Where the widget server listens and which Rasa server its demo page talks to."""

    host: str
    port: int
    rasa_public_url: str
    cors_origins: tuple[str, ...] = ()  # other origins whose pages may ask for speech
    var_dir: Path = VAR_DIR  # speech is cached in var_dir/speech

    def __post_init__(self) -> None:
        parts = urlsplit(self.rasa_public_url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise SystemExit(
                f"widget: RASA_PUBLIC_URL must be an http(s) address, got {self.rasa_public_url!r}"
            )

    @property
    def rasa_origin(self) -> str:
        """The Rasa server's origin (scheme://host:port), without any path."""
        parts = urlsplit(self.rasa_public_url)
        return f"{parts.scheme}://{parts.netloc}"

    @property
    def rasa_socket_origin(self) -> str:
        """The same origin in the ws(s) scheme that socket.io's WebSocket transport uses."""
        parts = urlsplit(self.rasa_public_url)
        return f"{'wss' if parts.scheme == 'https' else 'ws'}://{parts.netloc}"


def widget_config() -> WidgetConfig:
    """WIDGET_HOST, WIDGET_PORT and RASA_PUBLIC_URL (default: the local Rasa server), with
    CORS_ORIGINS and KOTOBOT_VAR_DIR as the other processes read them."""
    rasa_port = _port("RASA_PORT", 5005)
    return WidgetConfig(
        host=_env("WIDGET_HOST", "127.0.0.1"),
        port=_port("WIDGET_PORT", 8080),
        rasa_public_url=_env("RASA_PUBLIC_URL", f"http://127.0.0.1:{rasa_port}").rstrip("/"),
        cors_origins=tuple(
            _env("CORS_ORIGINS", "http://localhost:8080 http://127.0.0.1:8080").split()
        ),
        var_dir=Path(_env("KOTOBOT_VAR_DIR", str(VAR_DIR))).resolve(),
    )
