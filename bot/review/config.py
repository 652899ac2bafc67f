"""The review tool's configuration: from the settings for the server, explicit in tests."""

from __future__ import annotations

import os
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from bot.private_files import PRIVATE_DIR
from bot.settings import Settings

SECRET_KEY_FILE = "review_secret_key"


@dataclass(frozen=True)
class ReviewConfig:
    """What the review app needs; `of(settings)` builds it the way the other processes do."""

    database_url: str
    secret_key: str
    host: str = "127.0.0.1"
    port: int = 8090
    secure_cookies: bool = False  # also sends HSTS: the tool is served over HTTPS only
    trust_proxy: bool = False
    page_size: int = 50
    login_window_seconds: int = 15 * 60
    login_max_name_delay: float = 60.0
    login_max_address_delay: float = 15 * 60.0
    session_idle_minutes: int = 120
    session_max_hours: int = 12
    timezone: str = "Europe/Helsinki"
    handoff_cap: int = 50  # HANDOFF_GLOBAL_DAILY_LIMIT (its default here; `of` sets it)
    clock: Callable[[], float] = field(default=time.time, compare=False)

    @classmethod
    def of(cls, settings: Settings) -> ReviewConfig:
        """The review tool's configuration from the settings (their `review` section)."""
        review = settings.review
        return cls(
            database_url=settings.database_url,
            secret_key=secret_key(review.secret_key, settings.var_dir),
            host=review.host,
            port=review.port,
            secure_cookies=review.secure,
            trust_proxy=review.trust_proxy,
            session_idle_minutes=review.session_idle_minutes,
            session_max_hours=review.session_max_hours,
            handoff_cap=settings.handoff_global_daily_limit,
        )


def secret_key(configured: str, var_dir: Path) -> str:
    """The configured key (REVIEW_SECRET_KEY), or a random key generated once into var/
    (mode 600).

    Kept across restarts so that coordinators stay signed in when the server restarts.
    """
    if configured:
        return configured
    path = var_dir / SECRET_KEY_FILE
    try:
        return path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        pass
    var_dir.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR)
    key = secrets.token_urlsafe(48)
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process won the race: use its key
        return path.read_text(encoding="ascii").strip()
    with os.fdopen(descriptor, "w", encoding="ascii") as handle:
        handle.write(key)
    return key
