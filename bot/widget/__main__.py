"""python -m bot.widget: serve the widget and its demo page until stopped (Ctrl-C or SIGTERM)."""

from __future__ import annotations

import logging
import signal
import sys
from types import FrameType

from bot.settings import get_settings
from bot.widget.assets import SOCKET_IO_CLIENT, WIDGET_DIR
from bot.widget.config import WidgetConfig
from bot.widget.server import make_server

log = logging.getLogger("kotobot.widget")


def _stop(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def main() -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s kotobot-widget %(message)s")
    if not SOCKET_IO_CLIENT.is_file():
        print(
            f"kotobot-widget: the socket.io client is missing ({SOCKET_IO_CLIENT}).\n"
            f"Install it with: npm ci --prefix {WIDGET_DIR}",
            file=sys.stderr,
        )
        return 2
    config = WidgetConfig.of(get_settings())
    try:
        server = make_server(config)
    except OSError as error:
        print(
            f"kotobot-widget: cannot listen on {config.host}:{config.port} ({error}). "
            "Choose another port with WIDGET_PORT=…",
            file=sys.stderr,
        )
        return 2
    signal.signal(signal.SIGTERM, _stop)
    host, port = server.server_address[:2]
    print(f"Kotobot widget: http://{host}:{port}/  (talks to {config.rasa_public_url})", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        log.info("stopping")
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
