"""The run command: start every process of the assistant (action server, Rasa server, handoff
sender, widget server, review tool and, when configured, the Telegram polling runner), print
the addresses, run retention daily, and stop all of them together on Ctrl-C (or when one dies).

Usage: python -m bot.run   (what `make run` calls after setting up and training)
"""

from __future__ import annotations

import logging
import os
import signal
import sys
import time

from bot.channels.telegram_config import describe_mode, telegram_config
from bot.channels.telegram_polling import polling_server
from bot.preflight import check_database
from bot.private_files import secure_var
from bot.review.supervise import DailyRetention, review_address, review_server
from bot.servers import (
    Server,
    StartError,
    StopRequested,
    action_server,
    check_ports,
    handoff_sender,
    rasa_server,
    stop_on_signals,
    widget_server,
)
from bot.settings import get_settings
from bot.widget.config import widget_config

log = logging.getLogger("kotobot.run")


def main() -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s kotobot %(message)s")
    settings = get_settings()
    secure_var(settings.var_dir, settings.database_url)  # children inherit the private umask
    servers: list[Server] = []
    stop_on_signals()
    try:
        check_ports(settings)
        check_database(settings.database_url)
        token = settings.api_token()
        servers = [
            action_server(settings),
            rasa_server(settings, token),
            handoff_sender(settings),
            widget_server(settings),
            review_server(settings),
        ]
        telegram = polling_server(settings)  # only with TELEGRAM_BOT_TOKEN and no webhook
        if telegram is not None:
            servers.append(telegram)
        for server in servers:
            log.info("starting the %s", server.name)
            server.start()
        for server in servers:
            server.wait_ready(timeout=180)
        _print_addresses(settings)
        retention = DailyRetention(settings)  # deletes old conversations now and once a day
        while all(server.running() for server in servers):
            retention.tick()
            time.sleep(1)
        dead = next(s.name for s in servers if not s.running())
        log.error("the %s stopped unexpectedly; stopping everything", dead)
        return 1
    except StartError as error:
        print(f"kotobot: cannot start: {error}", file=sys.stderr)
        return 2
    except StopRequested:
        log.info("stopping")
        return 0
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        for server in reversed(servers):
            server.stop()


def _print_addresses(settings) -> None:
    widget = widget_config()
    review_host, review_port = review_address()
    base = f"http://{settings.rasa_host}:{settings.rasa_port}"
    token_source = "RASA_API_TOKEN" if os.environ.get("RASA_API_TOKEN") else settings.api_token_file
    print(
        "\nKotobot is running. Ctrl-C stops it.\n"
        f"  website widget:  http://{widget.host}:{widget.port}/  (the demo page)\n"
        f"  Telegram:        {describe_mode(telegram_config(), base)}\n"
        f"  review tool:     http://{review_host}:{review_port}/  "
        "(accounts: python -m bot.review add-user NAME)\n"
        f"  REST channel:    POST {base}/webhooks/rest/webhook  "
        '{"sender": "someone", "message": "hei"}\n'
        f"  socket.io:       {base}/socket.io/\n"
        f"  HTTP API:        {base}/  (token: {token_source})\n"
        f"  action server:   http://{settings.action_host}:{settings.action_port}/webhook  "
        f"(token: {_action_token_source(settings)})\n"
        f"  conversations:   {settings.database_url.split('@')[-1]}\n"
        f"  handoff e-mails: {_mail_destination(settings)}\n",
        flush=True,
    )


def _action_token_source(settings) -> str:
    if os.environ.get("ACTION_SERVER_TOKEN", "").strip():
        return "ACTION_SERVER_TOKEN"
    return str(settings.action_token_file)


def _mail_destination(settings) -> str:
    if settings.smtp.host:
        return f"SMTP {settings.smtp.host}:{settings.smtp.port}"
    return f"no SMTP_HOST set: written as .eml files to {settings.outbox_dir}"


if __name__ == "__main__":
    sys.exit(main())
