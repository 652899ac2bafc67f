"""The handoff sender: delivers queued e-mails from the outbox, retrying with backoff.

Runs as its own process (`python -m bot.handoff.sender`, started by the run command), so a
handoff is delivered after the SMTP server or this process comes back, whatever happened to
the conversation. Logs carry ids and errors, never the e-mail's content.
"""

from __future__ import annotations

import logging
import signal
import smtplib
import time

from bot.handoff.delivery import build_message, send
from bot.handoff.outbox import Outbox
from bot.private_files import secure_var
from bot.process import StopRequested, stop_on_signals
from bot.settings import Settings, get_settings

log = logging.getLogger("kotobot.handoff")
MAX_BACKOFF_SECONDS = 3600.0


def backoff(attempts: int, base: float) -> float:
    """Seconds to wait after the `attempts`-th failure: doubling, capped at an hour."""
    return min(base * (2 ** max(attempts - 1, 0)), MAX_BACKOFF_SECONDS)


def deliver_due(outbox: Outbox, settings: Settings, now: float | None = None) -> int:
    """One pass: try every due e-mail once; returns how many were delivered."""
    delivered = 0
    for handoff in outbox.claim_due(now if now is not None else time.time()):
        message = build_message(
            settings.smtp.sender, handoff.recipient, handoff.subject, handoff.body
        )
        try:
            where = send(message, settings.smtp, settings.outbox_dir)
        except (OSError, smtplib.SMTPException) as error:
            attempts = handoff.attempts + 1
            wait = backoff(attempts, settings.handoff_retry_base_seconds)
            outbox.mark_failed(handoff.id, f"{type(error).__name__}: {error}", time.time() + wait)
            log.warning(
                "handoff %s not delivered (attempt %s): %s; retrying in %.0f s",
                handoff.id,
                attempts,
                type(error).__name__,
                wait,
            )
            continue
        outbox.mark_sent(handoff.id)
        delivered += 1
        log.info("handoff %s delivered to %s", handoff.id, where)
    return delivered


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    settings = get_settings()
    secure_var(settings.var_dir, settings.database_url)
    outbox = Outbox(settings.database_url)
    stop_on_signals(signal.SIGTERM)
    if not settings.smtp.host:
        log.info("no SMTP_HOST: handoff e-mails are written to %s", settings.outbox_dir)
    else:
        log.info("handoff e-mails go to SMTP %s:%s", settings.smtp.host, settings.smtp.port)
    try:
        while True:
            deliver_due(outbox, settings)
            time.sleep(settings.handoff_poll_seconds)
    except (StopRequested, KeyboardInterrupt):
        log.info("handoff sender stopped")


if __name__ == "__main__":
    main()
