"""Tell Telegram about the bot: the command menu (both modes) and, in webhook mode, the webhook;
`python -m bot.channels.telegram.setup`.

Sets the command menu in the six languages (setMyCommands) and, when TELEGRAM_WEBHOOK_URL is
set, registers the webhook (setWebhook) with TELEGRAM_WEBHOOK_SECRET as its secret token. The
Rasa server's channel never calls Telegram at start-up, so run this once after deploying and
whenever the address or the secret changes. (The polling runner sets the menu itself, through
`publish_commands`.)
Exit codes: 0 done, 1 Telegram could not be reached, 2 configuration missing or rejected.
"""

from __future__ import annotations

import asyncio
import logging
import sys
from typing import Any

from telegram import Bot, BotCommand
from telegram.error import TelegramError

from bot.channels.telegram.config import TelegramConfig, telegram_config
from bot.channels.telegram.incoming import ALLOWED_UPDATES, COMMANDS
from bot.channels.telegram.retry import call_telegram, quiet_http_logs
from bot.channels.telegram.texts import channel_text
from bot.languages import DEFAULT_LANGUAGE, LANGUAGES

log = logging.getLogger("kotobot.telegram")


def bot_commands(language: str) -> list[BotCommand]:
    """The command menu in `language`, for setMyCommands."""
    return [BotCommand(name, channel_text(f"command_{name}", language)) for name in COMMANDS]


def command_menus() -> list[tuple[str | None, list[BotCommand]]]:
    """(language_code, commands) for setMyCommands: the default menu (English) for users whose
    Telegram language is none of the six, then one per language."""
    return [(None, bot_commands(DEFAULT_LANGUAGE))] + [
        (language, bot_commands(language)) for language in LANGUAGES
    ]


async def publish_commands(bot: Bot) -> bool:
    """The command menu in each of the six languages (and English for everyone else)."""
    published = True
    for language, commands in command_menus():

        async def publish(language: str | None = language, commands: Any = commands) -> Any:
            return await bot.set_my_commands(commands, language_code=language)

        done = await call_telegram(
            f"setMyCommands ({language or 'default'})", publish, idempotent=True
        )
        published = published and bool(done)
    return published


async def set_up(config: TelegramConfig) -> int:
    bot = Bot(config.token, base_url=config.api_base_url)
    try:
        if not await publish_commands(bot):
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
