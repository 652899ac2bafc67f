"""The run command: start every process of the assistant (action server, Rasa server, handoff
sender, widget server, review tool and, when configured, the Telegram polling runner), print
the addresses they listen on, run retention daily, keep them running (a server that dies is
restarted while the others serve; bot/supervisor.py), and stop all of them on Ctrl-C or
SIGTERM, however many arrive.

Usage: python -m bot.run   (what `make run` calls after setting up and training)
"""

from __future__ import annotations

import logging
import sys

from bot.channels.telegram.config import describe_mode
from bot.listening import listening_report
from bot.preflight import check_database
from bot.private_files import secure_var
from bot.process import Server, start_all, stop_all
from bot.review.supervise import DailyRetention
from bot.settings import Settings, get_settings
from bot.speech import unavailable_reason
from bot.stack import assistant, check_ports
from bot.supervisor import Supervisor, supervise

log = logging.getLogger("kotobot.run")


class Assistant:
    """The run command's processes and retention: started by `run`, stopped by `stop`."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.servers: list[Server] = []
        self.retention: DailyRetention | None = None

    def run(self) -> None:
        """Check, start, print the addresses, then watch until stopped (bot.supervisor)."""
        settings = self.settings
        check_ports(settings)
        check_database(settings.database_url)
        # The Telegram polling runner only with TELEGRAM_BOT_TOKEN and no webhook.
        self.servers = assistant(settings, settings.api_token())
        start_all(self.servers, timeout=180)
        _print_addresses(settings, self.servers)
        self.retention = DailyRetention(settings)  # deletes old conversations now and daily
        Supervisor(self.servers).watch(every_second=self.retention.tick)

    def stop(self) -> None:
        stop_all(list(reversed(self.servers)))
        if self.retention is not None:
            self.retention.stop()
        if self.servers:
            log.info("stopped")


def main() -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s kotobot %(message)s")
    settings = get_settings()
    secure_var(settings.var_dir, settings.database_url)  # children inherit the private umask
    running = Assistant(settings)
    return supervise("kotobot", running.run, running.stop)


def _print_addresses(settings, servers: list[Server]) -> None:
    widget, review = settings.widget, settings.review
    base = f"http://{settings.rasa_host}:{settings.rasa_port}"
    print(
        "\nKotobot is running. Ctrl-C stops it.\n"
        f"  website widget:  http://{widget.host}:{widget.port}/  (the demo page)\n"
        f"  Telegram:        {describe_mode(settings.telegram, base)}\n"
        f"  review tool:     http://{review.host}:{review.port}/  "
        "(accounts: python -m bot.review add-user NAME)\n"
        f"  REST channel:    POST {base}/webhooks/rest/webhook  "
        '{"sender": "someone", "message": "hei"}\n'
        f"  socket.io:       {base}/socket.io/\n"
        f"  HTTP API:        {base}/  (token: {settings.api_token_source()})\n"
        f"  action server:   http://{settings.action_host}:{settings.action_port}/webhook  "
        f"(token: {_action_token_source(settings)})\n"
        f"  conversations:   {settings.database_url.split('@')[-1]}\n"
        f"  handoff e-mails: {_mail_destination(settings)}\n"
        f"  read aloud:      {unavailable_reason() or 'on (espeak-ng, Ogg/Opus)'}\n"
        f"{listening_report(servers)}",
        flush=True,
    )


def _action_token_source(settings) -> str:
    if settings.action_server_token:
        return "ACTION_SERVER_TOKEN"
    return str(settings.action_token_file)


def _mail_destination(settings) -> str:
    if settings.smtp.host:
        return f"SMTP {settings.smtp.host}:{settings.smtp.port}"
    return f"no SMTP_HOST set: written as .eml files to {settings.outbox_dir}"


if __name__ == "__main__":
    sys.exit(main())
