"""Calling the Bot API with retries where a retry is safe, without ever raising, and without
the token or message text in the log.

Flood control (RetryAfter) says when to try again; a network error on which the request did
not reach Telegram (or on a call that does no harm twice) is tried again with backoff. A read
timeout on sendMessage is not: Telegram may have delivered the message. Errors are logged by
kind only, never with the message text; a call that fails gives None, so one person's failure
(a blocked bot, a deleted chat) does not stop the replies to anyone else.
"""

from __future__ import annotations

import asyncio
import logging
import warnings
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import TypeVar

import httpx
from telegram.error import BadRequest, NetworkError, RetryAfter, TelegramError, TimedOut
from telegram.warnings import PTBDeprecationWarning

log = logging.getLogger("kotobot.telegram")

T = TypeVar("T")
ATTEMPTS = 4
BACKOFF_SECONDS = 0.5
MAX_RETRY_AFTER_SECONDS = 60.0
Sleep = Callable[[float], Awaitable[None]]


def quiet_http_logs() -> None:
    """httpx logs every request's URL at INFO, and Bot API URLs contain the token;
    python-telegram-bot logs whole updates (with their text) at DEBUG."""
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)
    logging.getLogger("telegram").setLevel(logging.INFO)


def retry_after_seconds(error: RetryAfter) -> float:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        value = error.retry_after
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


def _not_sent(error: TimedOut) -> bool:
    """Whether a timeout happened before the request reached Telegram."""
    cause = error.__cause__
    return isinstance(cause, httpx.ConnectTimeout | httpx.PoolTimeout) or "Pool timeout" in str(
        error
    )


async def call_telegram(
    what: str,
    call: Callable[[], Awaitable[T]],
    *,
    idempotent: bool,
    attempts: int = ATTEMPTS,
    sleep: Sleep = asyncio.sleep,
) -> T | None:
    """The call's result, or None when it failed for good (logged as `what`)."""
    for attempt in range(1, attempts + 1):
        last = attempt == attempts
        try:
            return await call()
        except RetryAfter as error:
            delay = retry_after_seconds(error)
            if last or delay > MAX_RETRY_AFTER_SECONDS:
                log.warning("telegram: %s: flood control, gave up (retry after %ss)", what, delay)
                return None
            log.info("telegram: %s: flood control, retrying in %ss", what, delay)
        except BadRequest as error:  # a NetworkError subclass, but trying again cannot help
            log.warning("telegram: %s failed: %s", what, error.message)
            return None
        except TimedOut as error:
            if last or not (idempotent or _not_sent(error)):
                log.warning("telegram: %s timed out", what)
                return None
            delay = BACKOFF_SECONDS * 2 ** (attempt - 1)
        except NetworkError as error:
            if last:
                log.warning("telegram: %s failed: %s", what, type(error).__name__)
                return None
            delay = BACKOFF_SECONDS * 2 ** (attempt - 1)
            log.info("telegram: %s: network error, retrying in %ss", what, delay)
        except TelegramError as error:  # Forbidden (blocked), InvalidToken, ChatMigrated, ...
            log.warning("telegram: %s failed: %s", what, type(error).__name__)
            return None
        await sleep(delay)
    return None
