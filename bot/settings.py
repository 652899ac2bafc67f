"""Typed settings read from the environment once, on first use.

Every process (Rasa server, action server, supervisor, tests) derives its configuration from
here, so a default is written in one place only. Secrets are never given defaults in the repo.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from bot.paths import MODELS_DIR, VAR_DIR


def _str(name: str, default: str) -> str:
    """The variable's value; unset and empty (as in a copied .env.example) mean the default."""
    return os.environ.get(name, "").strip() or default


def _int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError as error:
        raise SystemExit(f"settings: {name} must be a whole number, got {raw!r}") from error


def _float(name: str, default: float) -> float:
    raw = os.environ.get(name, "").strip()
    try:
        return float(raw) if raw else default
    except ValueError as error:
        raise SystemExit(f"settings: {name} must be a number, got {raw!r}") from error


def _bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name, "").strip().lower()
    if not raw:
        return default
    if raw in ("1", "true", "yes", "on"):
        return True
    if raw in ("0", "false", "no", "off"):
        return False
    raise SystemExit(f"settings: {name} must be true or false, got {raw!r}")


@dataclass(frozen=True)
class SmtpSettings:
    """Where handoff e-mails go. No host: they are written as .eml files under var/outbox/."""

    host: str = ""
    port: int = 587
    user: str = ""
    password: str = field(default="", repr=False)
    starttls: bool = True
    sender: str = "kotobot@localhost"

    def env(self) -> dict[str, str]:
        return {
            "SMTP_HOST": self.host,
            "SMTP_PORT": str(self.port),
            "SMTP_USER": self.user,
            "SMTP_PASSWORD": self.password,
            "SMTP_STARTTLS": "true" if self.starttls else "false",
            "SMTP_FROM": self.sender,
        }


@dataclass(frozen=True)
class Settings:
    """What the processes need to know about their surroundings."""

    var_dir: Path
    rasa_host: str
    rasa_port: int
    action_port: int
    database_url: str
    lock_store_url: str
    cors_origins: str
    model_path: Path
    smtp: SmtpSettings = field(default_factory=SmtpSettings)
    coordinator_email: str = ""  # empty: the catalogue's contact for Kauniainen's services
    handoff_poll_seconds: float = 2.0
    handoff_retry_base_seconds: float = 5.0
    handoff_daily_limit: int = 3  # per conversation
    # Limits a client cannot reset by taking a new conversation id (bot/identity, bot/handoff):
    new_conversations_per_hour: int = 30  # per client address; 0 turns it off
    handoff_client_daily_limit: int = 5  # handoffs per client address (Telegram: per chat)
    handoff_global_daily_limit: int = 50  # handoffs from everyone together
    action_host: str = "127.0.0.1"  # 0.0.0.0 only where other machines' Rasa servers call it
    # ACTION_SERVER_TOKEN as read at start-up, or a private stack's own; empty: var/action_token
    action_server_token: str = field(default="", repr=False)
    rasa_request_max_bytes: int = 1024 * 1024
    action_request_max_bytes: int = 16 * 1024 * 1024

    @property
    def action_connect_host(self) -> str:
        """Where this machine reaches the action server (a wildcard bind is reached locally)."""
        return "127.0.0.1" if self.action_host in ("0.0.0.0", "::", "") else self.action_host

    @property
    def action_endpoint_url(self) -> str:
        return f"http://{self.action_connect_host}:{self.action_port}/webhook"

    @property
    def api_token_file(self) -> Path:
        return self.var_dir / "api_token"

    @property
    def action_token_file(self) -> Path:
        return self.var_dir / "action_token"

    @property
    def outbox_dir(self) -> Path:
        return self.var_dir / "outbox"

    def rasa_env(self) -> dict[str, str]:
        """Environment for the child processes: endpoints.yml reads some of these `${VAR}`s,
        our actions and the handoff sender the rest."""
        return {
            **self.smtp.env(),
            "COORDINATOR_EMAIL": self.coordinator_email,
            "HANDOFF_POLL_SECONDS": str(self.handoff_poll_seconds),
            "HANDOFF_RETRY_BASE_SECONDS": str(self.handoff_retry_base_seconds),
            "NEW_CONVERSATIONS_PER_HOUR": str(self.new_conversations_per_hour),
            "HANDOFF_CLIENT_DAILY_LIMIT": str(self.handoff_client_daily_limit),
            "HANDOFF_GLOBAL_DAILY_LIMIT": str(self.handoff_global_daily_limit),
            "KOTOBOT_VAR_DIR": str(self.var_dir),
            "RASA_PORT": str(self.rasa_port),
            "CORS_ORIGINS": self.cors_origins,
            "ACTION_HOST": self.action_host,
            "ACTION_PORT": str(self.action_port),
            "RASA_REQUEST_MAX_BYTES": str(self.rasa_request_max_bytes),
            "ACTION_REQUEST_MAX_BYTES": str(self.action_request_max_bytes),
            "DATABASE_URL": self.database_url,
            "LOCK_STORE_URL": self.lock_store_url,
            "ACTION_ENDPOINT_URL": self.action_endpoint_url,
            "RASA_TELEMETRY_ENABLED": "false",
            "TF_CPP_MIN_LOG_LEVEL": "2",
            "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
            "PYTHONWARNINGS": "ignore",
        }

    def api_token(self) -> str:
        """RASA_API_TOKEN, or a random token kept in var/ (mode 600) when none is set."""
        return _secret("RASA_API_TOKEN", self.api_token_file)

    def action_token(self) -> str:
        """ACTION_SERVER_TOKEN: the secret the Rasa server sends the action server with every
        call; without it a random one kept in var/ (shared by the processes of one machine)."""
        return self.action_server_token or _secret("ACTION_SERVER_TOKEN", self.action_token_file)


def _secret(variable: str, path: Path) -> str:
    """The variable's value, or a random secret kept in `path` (mode 600) when it is unset."""
    value = os.environ.get(variable, "").strip()
    if value:
        return value
    if path.exists():
        stored = path.read_text().strip()
        if stored:
            return stored
    from bot.private_files import PRIVATE_DIR, write_private

    path.parent.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR)
    value = secrets.token_urlsafe(24)
    write_private(path, value.encode())
    return value


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """Settings from the environment (read once per process)."""
    var_dir = Path(_str("KOTOBOT_VAR_DIR", str(VAR_DIR))).resolve()
    return Settings(
        var_dir=var_dir,
        rasa_host=_str("RASA_HOST", "127.0.0.1"),
        rasa_port=_int("RASA_PORT", 5005),
        action_port=_int("ACTION_PORT", 5055),
        database_url=_str("DATABASE_URL", f"sqlite:///{var_dir / 'tracker.db'}"),
        lock_store_url=_str("LOCK_STORE_URL", "memory://"),
        cors_origins=_str("CORS_ORIGINS", "http://localhost:8080 http://127.0.0.1:8080"),
        model_path=Path(_str("KOTOBOT_MODEL", str(MODELS_DIR / "kotobot.tar.gz"))),
        smtp=SmtpSettings(
            host=_str("SMTP_HOST", ""),
            port=_int("SMTP_PORT", 587),
            user=_str("SMTP_USER", ""),
            password=os.environ.get("SMTP_PASSWORD", ""),
            starttls=_bool("SMTP_STARTTLS", True),
            sender=_str("SMTP_FROM", "kotobot@localhost"),
        ),
        coordinator_email=_str("COORDINATOR_EMAIL", ""),
        handoff_poll_seconds=_float("HANDOFF_POLL_SECONDS", 2.0),
        handoff_retry_base_seconds=_float("HANDOFF_RETRY_BASE_SECONDS", 5.0),
        action_host=_str("ACTION_HOST", "127.0.0.1"),
        action_server_token=os.environ.get("ACTION_SERVER_TOKEN", "").strip(),
        rasa_request_max_bytes=_int("RASA_REQUEST_MAX_BYTES", 1024 * 1024),
        action_request_max_bytes=_int("ACTION_REQUEST_MAX_BYTES", 16 * 1024 * 1024),
        new_conversations_per_hour=_int("NEW_CONVERSATIONS_PER_HOUR", 30),
        handoff_client_daily_limit=_int("HANDOFF_CLIENT_DAILY_LIMIT", 5),
        handoff_global_daily_limit=_int("HANDOFF_GLOBAL_DAILY_LIMIT", 50),
    )
