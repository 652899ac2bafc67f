"""The widget's static web server (standard library only): GET and HEAD, nothing else."""

from __future__ import annotations

import logging
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from bot.widget.assets import Asset, find
from bot.widget.config import WidgetConfig

log = logging.getLogger("kotobot.widget")

NOT_FOUND = Asset(b"Not found\n", "text/plain; charset=utf-8")
HEALTH = Asset(b'{"status": "ok"}\n', "application/json")


class WidgetRequestHandler(BaseHTTPRequestHandler):
    """Serves the assets that `find` allows; every other path is a 404."""

    server_version = "kotobot-widget"
    sys_version = ""
    config: WidgetConfig  # set on the subclass that `make_server` creates

    def do_GET(self) -> None:  # noqa: N802 (the name http.server dispatches to)
        self._respond(with_body=True)

    def do_HEAD(self) -> None:  # noqa: N802
        self._respond(with_body=False)

    def _respond(self, with_body: bool) -> None:
        if self.path.split("?", 1)[0] == "/health":
            self._send(HTTPStatus.OK, HEALTH, with_body)
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

    def _send(self, status: HTTPStatus, asset: Asset, with_body: bool) -> None:
        self.send_response(status)
        self.send_header("Content-Type", asset.content_type)
        self.send_header("Content-Length", str(len(asset.body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Cache-Control", "no-cache")
        for name, value in asset.headers:
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
    return server
