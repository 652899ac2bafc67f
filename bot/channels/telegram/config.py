"""The Telegram channel's configuration: the `telegram` section of the settings.

TELEGRAM_BOT_TOKEN, TELEGRAM_API_BASE_URL, TELEGRAM_WEBHOOK_SECRET, TELEGRAM_WEBHOOK_URL and
RASA_URL (default: this machine's Rasa server on RASA_PORT) are read with every other variable
in bot/settings.py. The token and the webhook secret come only from the environment; without a
token the channel is off.
"""

from __future__ import annotations

from bot.settings import Settings, get_settings
from bot.settings import TelegramSettings as TelegramConfig

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"

__all__ = ["SECRET_HEADER", "TelegramConfig", "telegram_config"]


def telegram_config(settings: Settings | None = None) -> TelegramConfig:
    """The Telegram section of `settings` (default: this process's), its Rasa server's address
    resolved (RASA_URL, else the local one)."""
    settings = settings or get_settings()
    rasa_url = settings.telegram.rasa_url or settings.local_rasa_url
    return settings.telegram.replace(rasa_url=rasa_url.rstrip("/"))


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
