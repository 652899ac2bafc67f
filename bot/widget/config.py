"""What the widget server needs: its `widget` section of the settings (WIDGET_HOST, WIDGET_PORT,
RASA_PUBLIC_URL; bot/settings.py), with CORS_ORIGINS and KOTOBOT_VAR_DIR as the other
processes read them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from bot.paths import VAR_DIR
from bot.settings import Settings


@dataclass(frozen=True)
class WidgetConfig:
    """Where the widget server listens and which Rasa server its demo page talks to."""

    host: str
    port: int
    rasa_public_url: str
    cors_origins: tuple[str, ...] = ()  # other origins whose pages may ask for speech
    var_dir: Path = VAR_DIR  # speech is cached in var_dir/speech

    @classmethod
    def of(cls, settings: Settings) -> WidgetConfig:
        widget = settings.widget
        return cls(
            host=widget.host,
            port=widget.port,
            rasa_public_url=widget.rasa_public_url or settings.local_rasa_url,
            cors_origins=tuple(settings.cors_origins.split()),
            var_dir=settings.var_dir,
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
