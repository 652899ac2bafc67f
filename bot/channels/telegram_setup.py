"""Tell Telegram about the bot in webhook mode: `python -m bot.channels.telegram_setup`.

Sets the command menu in the six languages (setMyCommands) and, when TELEGRAM_WEBHOOK_URL is
set, registers the webhook (setWebhook) with TELEGRAM_WEBHOOK_SECRET as its secret token. The
Rasa server's channel never calls Telegram at start-up, so run this once after deploying and
whenever the address or the secret changes. (The polling runner sets the menu itself.)
Exit codes: 0 done, 1 Telegram could not be reached, 2 configuration missing or rejected.
"""

from __future__ import annotations

import asyncio
import logging
import sys

from telegram import Bot
from telegram.error import TelegramError

from bot.channels.telegram_common import ALLOWED_UPDATES, quiet_http_logs
from bot.channels.telegram_config import TelegramConfig, telegram_config
from bot.channels.telegram_replies import Replier
from bot.channels.telegram_retry import call_telegram
from bot.channels.telegram_store import ChannelStore

log = logging.getLogger("kotobot.telegram")


async def set_up(config: TelegramConfig) -> int:
    bot = Bot(config.token, base_url=config.api_base_url)
    try:
        replier = Replier(bot, ChannelStore(None))
        if not await replier.publish_commands():
            print("telegram setup: the command menu could not be set (see the log)")
            return 1
        print("telegram setup: command menu set in fi, sv, en, ar, ru, uk (English by default)")
        if not config.webhook_url:
            print("telegram setup: TELEGRAM_WEBHOOK_URL is not set, so no webhook was registered")
            return 0

        async def register() -> bool:
            return await bot.set_webhook(
                config.webhook_url,
                secret_token=config.webhook_secret,
                allowed_updates=list(ALLOWED_UPDATES),
            )

        if not await call_telegram("setWebhook", register, idempotent=True):
            print("telegram setup: the webhook could not be registered (see the log)")
            return 1
        print(f"telegram setup: webhook registered: {config.webhook_url}")
        return 0
    finally:
        await bot.shutdown()


def main() -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s kotobot %(message)s")
    quiet_http_logs()
    config = telegram_config()
    if not config.enabled:
        print("telegram setup: TELEGRAM_BOT_TOKEN is not set", file=sys.stderr)
        return 2
    if config.webhook_url and not config.secret_is_valid:
        print(
            "telegram setup: a webhook needs TELEGRAM_WEBHOOK_SECRET "
            "(1-256 characters: A-Z a-z 0-9 _ -)",
            file=sys.stderr,
        )
        return 2
    try:
        return asyncio.run(set_up(config))
    except TelegramError as error:  # its message may contain the token: print only its kind
        print(f"telegram setup: Telegram refused ({type(error).__name__})", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
