"""The widget's static web server (standard library only): GET and HEAD of its files, and
POST /speech (bot/widget/speech_api.py), nothing else."""

from __future__ import annotations

import logging
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from bot.speech import Synthesizer
from bot.widget.assets import Asset, find
from bot.widget.config import WidgetConfig
from bot.widget.speech_api import SpeechEndpoint

log = logging.getLogger("kotobot.widget")

NOT_FOUND = Asset(b"Not found\n", "text/plain; charset=utf-8")
HEALTH = Asset(b'{"status": "ok"}\n', "application/json")


class WidgetRequestHandler(BaseHTTPRequestHandler):
    """Serves the assets that `find` allows; every other path is a 404."""

    server_version = "kotobot-widget"
    sys_version = ""
    config: WidgetConfig  # set on the subclass that `make_server` creates
    speech: SpeechEndpoint  # likewise

    def do_POST(self) -> None:  # noqa: N802
        if self.path.split("?", 1)[0] != "/speech":
            self._send(HTTPStatus.NOT_FOUND, NOT_FOUND, with_body=True)
            return
        origin = self.headers.get("Origin")
        status, asset = self.speech.respond(
            origin, self.headers.get("Content-Length"), self.rfile.read, self.client_address[0]
        )
        self._send(status, asset, True, self.speech.cors_headers(origin))

    def do_OPTIONS(self) -> None:  # noqa: N802 (CORS preflight for POST /speech)
        cors = self.speech.cors_headers(self.headers.get("Origin"))
        status = HTTPStatus.NO_CONTENT if cors else HTTPStatus.FORBIDDEN
        self._send(status, Asset(b"", "text/plain"), False, cors)

    def do_GET(self) -> None:  # noqa: N802 (the name http.server dispatches to)
        self._respond(with_body=True)

    def do_HEAD(self) -> None:  # noqa: N802
        self._respond(with_body=False)

    def _respond(self, with_body: bool) -> None:
        path = self.path.split("?", 1)[0]
        if path == "/health":
            self._send(HTTPStatus.OK, HEALTH, with_body)
            return
        if path == "/speech":
            cors = self.speech.cors_headers(self.headers.get("Origin"))
            self._send(HTTPStatus.OK, self.speech.status(), with_body, cors)
            return
        try:
            asset = find(self.path, self.config)
        except OSError:
            log.exception("cannot read the asset for %s", self.path)
            self._send(HTTPStatus.INTERNAL_SERVER_ERROR, NOT_FOUND, with_body=False)
            return
        if asset is None:
            self._send(HTTPStatus.NOT_FOUND, NOT_FOUND, with_body)
        else:
            self._send(HTTPStatus.OK, asset, with_body)

    def _send(
        self,
        status: HTTPStatus,
        asset: Asset,
        with_body: bool,
        extra: tuple[tuple[str, str], ...] = (),
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", asset.content_type)
        self.send_header("Content-Length", str(len(asset.body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        headers = (*asset.headers, *extra)
        if not any(name == "Cache-Control" for name, _ in headers):
            self.send_header("Cache-Control", "no-cache")
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        if with_body:
            self.wfile.write(asset.body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        # Request lines carry no message text, but access logs are noise at INFO.
        log.debug("%s " + format, self.address_string(), *args)


def make_server(config: WidgetConfig) -> ThreadingHTTPServer:
    """A server bound to config.host:config.port (port 0 picks a free one)."""
    handler = type("Handler", (WidgetRequestHandler,), {"config": config})
    server = ThreadingHTTPServer((config.host, config.port), handler)
    server.daemon_threads = True
    port = server.server_address[1]  # the real one when config.port is 0
    own = (f"http://{config.host}:{port}", f"http://localhost:{port}", f"http://127.0.0.1:{port}")
    handler.speech = SpeechEndpoint.create(
        Synthesizer(config.var_dir / "speech"), (*config.cors_origins, *own)
    )
    return server
