"""The review tool's configuration: from the environment for the server, explicit in tests."""

from __future__ import annotations

import os
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from bot.private_files import PRIVATE_DIR
from bot.settings import get_settings

SECRET_KEY_FILE = "review_secret_key"


@dataclass(frozen=True)
class ReviewConfig:
    """What the review app needs; `from_env()` reads it the way the other processes do."""

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
    clock: Callable[[], float] = field(default=time.time, compare=False)

    @classmethod
    def from_env(cls) -> ReviewConfig:
        settings = get_settings()
        trust_proxy = _flag("REVIEW_TRUST_PROXY")
        public_url = os.environ.get("REVIEW_PUBLIC_URL", "").strip()
        # Behind a TLS-terminating proxy or at an https address, cookies are Secure and HSTS is
        # sent unless REVIEW_SECURE_COOKIES says otherwise.
        behind_tls = trust_proxy or public_url.lower().startswith("https://")
        return cls(
            database_url=settings.database_url,
            secret_key=secret_key(settings.var_dir),
            host=os.environ.get("REVIEW_HOST", "").strip() or "127.0.0.1",
            port=parse_port(os.environ.get("REVIEW_PORT", "")),
            secure_cookies=_flag("REVIEW_SECURE_COOKIES", default=behind_tls),
            trust_proxy=trust_proxy,
            session_idle_minutes=_positive("REVIEW_SESSION_IDLE_MINUTES", 120),
            session_max_hours=_positive("REVIEW_SESSION_MAX_HOURS", 12),
        )


def secret_key(var_dir: Path) -> str:
    """REVIEW_SECRET_KEY, or a random key generated once into var/ (mode 600).

    Kept across restarts so that coordinators stay signed in when the server restarts.
    """
    from_env = os.environ.get("REVIEW_SECRET_KEY", "").strip()
    if from_env:
        return from_env
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


def retention_days() -> int:
    """RETENTION_DAYS, 90 by default."""
    raw = os.environ.get("RETENTION_DAYS", "").strip()
    if not raw:
        return 90
    try:
        days = int(raw)
    except ValueError as error:
        raise SystemExit(f"RETENTION_DAYS must be a whole number, got {raw!r}") from error
    if days < 1:
        raise SystemExit("RETENTION_DAYS must be at least 1")
    return days


def parse_port(raw: str) -> int:
    raw = raw.strip()
    if not raw:
        return 8090
    try:
        return int(raw)
    except ValueError as error:
        raise SystemExit(f"REVIEW_PORT must be a whole number, got {raw!r}") from error


def _flag(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name, "").strip().lower()
    if not raw:
        return default
    return raw in ("1", "true", "yes", "on")


def _positive(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError as error:
        raise SystemExit(f"{name} must be a whole number, got {raw!r}") from error
    if value < 1:
        raise SystemExit(f"{name} must be at least 1")
    return value
