"""The Telegram channel's configuration, read from the environment when a channel starts.

The token and the webhook secret come only from the environment; without a token the
channel is off.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

from bot.settings import get_settings

DEFAULT_API_BASE_URL = "https://api.telegram.org/bot"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
# What Telegram accepts as a webhook's secret_token.
_SECRET = re.compile(r"^[A-Za-z0-9_-]{1,256}$")


@dataclass(frozen=True)
class TelegramConfig:
    """Where the bot's Bot API is, how Telegram reaches us, and where the Rasa server is."""

    token: str = field(default="", repr=False)
    api_base_url: str = DEFAULT_API_BASE_URL
    webhook_secret: str = field(default="", repr=False)
    webhook_url: str = ""
    rasa_url: str = "http://127.0.0.1:5005"

    @property
    def enabled(self) -> bool:
        return bool(self.token)

    @property
    def secret_is_valid(self) -> bool:
        return bool(_SECRET.match(self.webhook_secret))


def _env(name: str) -> str:
    return os.environ.get(name, "").strip()


def telegram_config() -> TelegramConfig:
    """The configuration from TELEGRAM_BOT_TOKEN, TELEGRAM_API_BASE_URL,
    TELEGRAM_WEBHOOK_SECRET, TELEGRAM_WEBHOOK_URL and RASA_URL (default: this machine's
    Rasa server on RASA_PORT)."""
    return TelegramConfig(
        token=_env("TELEGRAM_BOT_TOKEN"),
        api_base_url=_env("TELEGRAM_API_BASE_URL") or DEFAULT_API_BASE_URL,
        webhook_secret=_env("TELEGRAM_WEBHOOK_SECRET"),
        webhook_url=_env("TELEGRAM_WEBHOOK_URL"),
        rasa_url=(_env("RASA_URL") or f"http://127.0.0.1:{get_settings().rasa_port}").rstrip("/"),
    )


def describe_mode(config: TelegramConfig, rasa_base: str) -> str:
    """One line for the run command's list of addresses."""
    if not config.enabled:
        return "off (TELEGRAM_BOT_TOKEN is not set)"
    if config.webhook_url:
        return (
            f"webhook {config.webhook_url} -> POST {rasa_base}/webhooks/telegram/webhook "
            "(register it: python -m bot.channels.telegram.setup)"
        )
    return "long polling (python -m bot.channels.telegram.polling)"


def off_reason(config: TelegramConfig) -> str | None:
    """Why the polling runner is not needed, or None when it is."""
    if not config.enabled:
        return "Telegram is off: TELEGRAM_BOT_TOKEN is not set."
    if config.webhook_url:
        return (
            "Telegram is in webhook mode (TELEGRAM_WEBHOOK_URL is set): "
            "the Rasa server receives the updates; no polling."
        )
    return None
