"""Which file a URL path names: files in static/, the demo page and the socket.io client.

Nothing outside these is ever served: a path is resolved and must stay inside static/, and
only the file types listed here are served, each with its content type.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from bot.widget.config import WidgetConfig

WIDGET_DIR = Path(__file__).resolve().parent
STATIC_DIR = WIDGET_DIR / "static"
DEMO_TEMPLATE = WIDGET_DIR / "templates" / "demo.html"
SOCKET_IO_PACKAGE = WIDGET_DIR / "node_modules" / "socket.io-client"
SOCKET_IO_CLIENT = SOCKET_IO_PACKAGE / "dist" / "socket.io.min.js"
SOCKET_IO_URL = "/vendor/socket.io.min.js"

CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".ico": "image/x-icon",
    ".json": "application/json",
    ".txt": "text/plain; charset=utf-8",
    ".woff2": "font/woff2",
}


@dataclass(frozen=True)
class Asset:
    """A response body and its content type."""

    body: bytes
    content_type: str
    headers: tuple[tuple[str, str], ...] = ()


def static_file(url_path: str) -> Path | None:
    """The file in static/ that a URL path names, or None (also for any escape attempt)."""
    path = unquote(urlsplit(url_path).path)
    if "\\" in path or "\x00" in path or not path.startswith("/"):
        return None
    parts = PurePosixPath(path).parts[1:]
    if not parts or any(part in (".", "..") or part.startswith(".") for part in parts):
        return None
    root = STATIC_DIR.resolve()
    candidate = root.joinpath(*parts).resolve()
    if not candidate.is_relative_to(root) or not candidate.is_file():
        return None
    if candidate.suffix not in CONTENT_TYPES:
        return None
    return candidate


def demo_page(config: WidgetConfig) -> Asset:
    """The demo page, pointing the widget at the configured Rasa server."""
    page = DEMO_TEMPLATE.read_text(encoding="utf-8").replace(
        "%RASA_PUBLIC_URL%", html.escape(config.rasa_public_url, quote=True)
    )
    policy = (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "media-src 'self' blob:; "
        f"connect-src 'self' {config.rasa_origin} {config.rasa_socket_origin}; "
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    )
    return Asset(
        page.encode("utf-8"),
        CONTENT_TYPES[".html"],
        (("Content-Security-Policy", policy), ("Referrer-Policy", "no-referrer")),
    )


def find(url_path: str, config: WidgetConfig) -> Asset | None:
    """The asset a GET for this path returns, or None for 404."""
    path = urlsplit(url_path).path
    if path in ("/", "/index.html"):
        return demo_page(config)
    if path == SOCKET_IO_URL:
        if not SOCKET_IO_CLIENT.is_file():
            return None
        return Asset(SOCKET_IO_CLIENT.read_bytes(), CONTENT_TYPES[".js"])
    file = static_file(url_path)
    if file is None:
        return None
    return Asset(file.read_bytes(), CONTENT_TYPES[file.suffix])
