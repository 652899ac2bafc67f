"""The Telegram channel in long-polling mode: `python -m bot.channels.telegram.polling`.

The Application both modes share (`handlers.build_application`) asks Telegram
(TELEGRAM_API_BASE_URL) for updates with its Updater, and its handlers pass each message to the
Rasa server's REST channel (RASA_URL, default this machine's RASA_PORT), then send Rasa's
replies back. For a bot without a public HTTPS address; the run command
starts it when TELEGRAM_BOT_TOKEN is set and TELEGRAM_WEBHOOK_URL is not. On start-up it sets
the command menu. It waits for Rasa and for Telegram rather than failing when either is not
reachable yet, and stops on SIGTERM/SIGINT. Exit codes: 0 stopped or off, 2 token rejected.
"""

from __future__ import annotations

import asyncio
import logging
import signal
import sys
from typing import Any

from telegram.error import InvalidToken, NetworkError, TelegramError

from bot.channels.telegram.config import TelegramConfig, off_reason, telegram_config
from bot.channels.telegram.handlers import TelegramApplication, Turn, build_application
from bot.channels.telegram.incoming import ALLOWED_UPDATES, CHANNEL
from bot.channels.telegram.listen import telegram_synthesizer
from bot.channels.telegram.retry import quiet_http_logs
from bot.channels.telegram.setup import publish_commands
from bot.channels.telegram.store import ChannelStore
from bot.identity.keys import rest_token
from bot.rasa_client import RasaRest
from bot.settings import Settings, get_settings

log = logging.getLogger("kotobot.telegram")

POLL_TIMEOUT_SECONDS = 10
MAX_WAIT_SECONDS = 30.0


def _polling_error(error: TelegramError) -> None:
    log.warning("telegram: polling failed (%s); trying again", type(error).__name__)


async def _wait(stop: asyncio.Event, seconds: float) -> bool:
    """Sleep `seconds` unless stopped first; True when stopped."""
    try:
        await asyncio.wait_for(stop.wait(), seconds)
    except asyncio.TimeoutError:
        return False
    return True


async def _until_rasa_answers(rasa: RasaRest, stop: asyncio.Event) -> bool:
    delay = 0.5
    if not await rasa.ready():
        log.info("telegram: waiting for the Rasa server at %s", rasa.rasa_url)
        while not await rasa.ready():
            if await _wait(stop, delay):
                return False
            delay = min(delay * 2, MAX_WAIT_SECONDS)
    return True


async def _until_initialized(app: TelegramApplication, stop: asyncio.Event) -> bool:
    """Initialize (getMe) until Telegram answers; raises InvalidToken when it rejects us."""
    delay = 1.0
    while True:
        try:
            await app.initialize()
            return True
        except InvalidToken:
            raise
        except NetworkError as error:
            log.warning("telegram: cannot reach Telegram (%s); trying again", type(error).__name__)
        if await _wait(stop, delay):
            return False
        delay = min(delay * 2, MAX_WAIT_SECONDS)


def _rasa_api_token(settings: Settings) -> str | None:
    """The Rasa HTTP API token, if known (RASA_API_TOKEN or the run command's var/api_token);
    with it the runner waits until the model is loaded."""
    if settings.rasa_api_token:
        return settings.rasa_api_token
    path = settings.api_token_file
    if not path.exists():
        return None
    return path.read_text().strip() or None


async def run(config: TelegramConfig, settings: Settings, stop: asyncio.Event) -> int:
    """Poll until `stop` is set. The REST token comes from REST_TRUSTED_TOKEN or var/ (the same
    file the Rasa server reads), so the runner may speak for each Telegram chat."""
    trusted = rest_token(settings.var_dir, settings.identity.rest_trusted_token)
    rasa = RasaRest(config.rasa_url, _rasa_api_token(settings), trusted_token=trusted)
    store = ChannelStore(settings.database_url)

    async def deliver(turn: Turn) -> list[dict[str, Any]]:
        return await rasa.send(turn.sender_id, turn.text, turn.metadata, CHANNEL)

    synthesizer = telegram_synthesizer(settings.var_dir)  # says in the log when it is off
    app = build_application(config, store, deliver, settings.database_url, synthesizer)
    started = False
    try:
        if not await _until_rasa_answers(rasa, stop):
            return 0
        try:
            if not await _until_initialized(app, stop):
                return 0
        except InvalidToken:
            # Its message contains the token: never print it.
            log.error("telegram: Telegram rejected TELEGRAM_BOT_TOKEN; check the token")
            return 2
        if not await publish_commands(app.bot):
            log.warning("telegram: the command menu could not be set (the bot works without)")
        assert app.updater is not None
        await app.updater.start_polling(
            timeout=POLL_TIMEOUT_SECONDS,
            bootstrap_retries=-1,
            allowed_updates=list(ALLOWED_UPDATES),
            error_callback=_polling_error,
        )
        await app.start()
        started = True
        log.info("telegram: polling for updates (bot @%s)", app.bot.username)
        await stop.wait()
        return 0
    finally:
        if started:
            assert app.updater is not None
            await app.updater.stop()
            await app.stop()
        await app.shutdown()
        await rasa.close()
        store.close()


async def _main(config: TelegramConfig, settings: Settings) -> int:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    return await run(config, settings, stop)


def main() -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s kotobot %(message)s")
    quiet_http_logs()
    settings = get_settings()
    config = telegram_config(settings)
    reason = off_reason(config)
    if reason:
        print(reason, flush=True)
        return 0
    return asyncio.run(_main(config, settings))


if __name__ == "__main__":
    sys.exit(main())
