"""The run command: start every process of the assistant (action server, Rasa server, handoff
sender, widget server, review tool and, when configured, the Telegram polling runner), print
the addresses they listen on, run retention daily, keep them running (a server that dies is
restarted while the others serve; bot/supervisor.py), and stop all of them on Ctrl-C or
SIGTERM, however many arrive.

Usage: python -m bot.run   (what `make run` calls after setting up and training)
"""

from __future__ import annotations

import logging
import os
import sys

from bot.channels.telegram_config import describe_mode, telegram_config
from bot.channels.telegram_polling import polling_server
from bot.listening import format_address, listening_addresses
from bot.preflight import check_database
from bot.private_files import secure_var
from bot.review.supervise import DailyRetention, review_address, review_server
from bot.servers import (
    Server,
    StartError,
    action_server,
    check_ports,
    handoff_sender,
    rasa_server,
    stop_all,
    widget_server,
)
from bot.settings import get_settings
from bot.shutdown import SHUTDOWN, StopRequested
from bot.supervisor import CrashLoop, Supervisor
from bot.widget.config import widget_config

log = logging.getLogger("kotobot.run")


def main() -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s kotobot %(message)s")
    settings = get_settings()
    secure_var(settings.var_dir, settings.database_url)  # children inherit the private umask
    servers: list[Server] = []
    retention: DailyRetention | None = None
    SHUTDOWN.install()
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
            SHUTDOWN.raise_if_requested()
            log.info("starting the %s", server.name)
            server.start()
        for server in servers:
            server.wait_ready(timeout=180)
        _print_addresses(settings, servers)
        retention = DailyRetention(settings)  # deletes old conversations now and once a day
        supervisor = Supervisor(servers)
        while True:
            supervisor.check()
            retention.tick()
            SHUTDOWN.sleep(1)
    except CrashLoop as error:
        log.error("%s; stopping everything", error)
        return 1
    except StartError as error:
        print(f"kotobot: cannot start: {error}", file=sys.stderr)
        return 2
    except StopRequested:
        log.info("stopping")
        return 0
    finally:
        # Signals only set a flag now (bot.shutdown): nothing interrupts this clean-up.
        stop_all(list(reversed(servers)))
        if retention is not None:
            retention.stop()
        if servers:
            log.info("stopped")


def _print_addresses(settings, servers: list[Server]) -> None:
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
        f"  handoff e-mails: {_mail_destination(settings)}\n"
        f"{listening_report(servers)}",
        flush=True,
    )


def _action_token_source(settings) -> str:
    if os.environ.get("ACTION_SERVER_TOKEN", "").strip():
        return "ACTION_SERVER_TOKEN"
    return str(settings.action_token_file)


def listening_report(servers: list[Server]) -> str:
    """What each server really listens on (read from /proc, as `ss -ltn` shows it)."""
    lines = ["Listening (TCP), as `ss -ltn` shows:"]
    for server in servers:
        addresses = listening_addresses(server.pid) if server.pid is not None else []
        shown = ", ".join(format_address(*a) for a in addresses) or "no port"
        lines.append(f"  {server.name + ':':<26}{shown}")
    return "\n".join(lines) + "\n"


def _mail_destination(settings) -> str:
    if settings.smtp.host:
        return f"SMTP {settings.smtp.host}:{settings.smtp.port}"
    return f"no SMTP_HOST set: written as .eml files to {settings.outbox_dir}"


if __name__ == "__main__":
    sys.exit(main())
