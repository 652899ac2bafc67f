"""The one configuration of every process, read from the environment in one place.

`load_settings()` turns an environment (os.environ unless given one) into a `Settings`: the
core fields every process shares, and one section per part (`smtp`, `identity`, `guard`,
`widget`, `review`, `telegram`, `cluster`). Every field's alias is the variable's name, and its
default is the one README.md's environment table states (tests/test_settings.py checks both).
Unset and empty (as in a copied .env.example) mean the default. A bad value stops the process
with one line per variable in one style: "REVIEW_PORT must be a port number, got 'abc'".

A process reads its settings once, at start, with `get_settings()` (cached) and passes them, or
the section it needs, to what it builds. Rasa builds our custom channels and loads our actions
itself, so those call `get_settings()` when they are constructed. Tests build their own:
`load_settings({...})`, or a changed copy with `settings.replace(...)`. This is the only
module of bot/ that reads os.environ (docs/architecture.md lists the exceptions, which only
pass an environment on to a child process).

Secrets are never given defaults in the repo: without the variable, a random one is generated
into var/ (mode 600) when first needed.
"""

from __future__ import annotations

import os
import re
import secrets
from collections.abc import Callable, Iterator, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any, ClassVar, TypeVar
from urllib.parse import urlsplit

from pydantic import BaseModel, Field, ValidationError, root_validator, validator

from bot.paths import MODELS_DIR, VAR_DIR

# --- The kinds of value, each with what the error says it must be ---------------------------


def _kind(what: str, parse: Callable[[Any], Any]) -> Any:
    """A type for a field: `parse` gives the value, or None (or raises ValueError) when the text
    is not one; the error then says the variable must be `what`."""

    def validate(value: Any) -> Any:
        try:
            parsed = parse(value)
        except (TypeError, ValueError):
            parsed = None
        if parsed is None:
            raise ValueError(what)
        return parsed

    def validators(cls: type) -> Iterator[Callable[[Any], Any]]:
        yield validate

    return type(what, (), {"__get_validators__": classmethod(validators)})


def _whole(value: Any, low: int, high: int | None = None) -> int | None:
    if isinstance(value, bool) or isinstance(value, float):
        return None
    number = int(value)
    return number if low <= number and (high is None or number <= high) else None


def _seconds(value: Any) -> float | None:
    number = float(value)
    return number if number >= 0 else None


_FLAGS = {"1": True, "true": True, "yes": True, "on": True}
_FLAGS.update({"0": False, "false": False, "no": False, "off": False})


def _flag(value: Any) -> bool | None:
    return value if isinstance(value, bool) else _FLAGS.get(str(value).strip().lower())


def _http_address(value: Any) -> str | None:
    text = str(value).rstrip("/")
    if not text:
        return ""  # unset: the local Rasa server (see Settings.local_rasa_url)
    parts = urlsplit(text)
    return text if parts.scheme in ("http", "https") and parts.netloc else None


Port = _kind("a port number", lambda value: _whole(value, 0, 65535))
Count = _kind("a whole number, 0 or more", lambda value: _whole(value, 0))  # 0: none or off
Positive = _kind("a whole number, at least 1", lambda value: _whole(value, 1))
RasaServers = _kind("a whole number from 1 to 16", lambda value: _whole(value, 1, 16))
Seconds = _kind("a number of seconds, 0 or more", _seconds)
Flag = _kind("true or false (1/0, yes/no, on/off)", _flag)
HttpAddress = _kind("an http(s) address", _http_address)


# --- The sections ----------------------------------------------------------------------------


SectionT = TypeVar("SectionT", bound="Section")


class Section(BaseModel):
    """Fields named by their variable (the alias), immutable; unset or empty: the default.
    Values are trimmed, but for a field declared with `strip=False` (a password may end in a
    space)."""

    class Config:
        frozen = True  # immutable and hashable (a cache may be keyed by settings)
        allow_population_by_field_name = True

    def replace(self: SectionT, **changes: Any) -> SectionT:
        """A copy with `changes` (by field name), as dataclasses.replace: for composition and
        tests. The values are not validated again."""
        return self.copy(update=changes)

    @validator("*", pre=True)
    def _empty_is_default(cls, value: Any, field: Any) -> Any:  # noqa: N805 (pydantic)
        if isinstance(value, str):
            if not value.strip():
                return field.get_default()
            if field.field_info.extra.get("strip", True):
                return value.strip()
        return value


class SmtpSettings(Section):
    """Where handoff e-mails go. No host: they are written as .eml files under var/outbox/."""

    host: str = Field("", alias="SMTP_HOST")
    port: Port = Field(587, alias="SMTP_PORT")
    user: str = Field("", alias="SMTP_USER")
    password: str = Field("", alias="SMTP_PASSWORD", repr=False, strip=False)
    starttls: Flag = Field(True, alias="SMTP_STARTTLS")
    sender: str = Field("kotobot@localhost", alias="SMTP_FROM")

    def env(self) -> dict[str, str]:
        return {
            "SMTP_HOST": self.host,
            "SMTP_PORT": str(self.port),
            "SMTP_USER": self.user,
            "SMTP_PASSWORD": self.password,
            "SMTP_STARTTLS": "true" if self.starttls else "false",
            "SMTP_FROM": self.sender,
        }


class IdentitySettings(Section):
    """Conversation ids and trusted REST callers (bot/identity); empty secrets: files in var/."""

    session_secret: str = Field("", alias="SESSION_SECRET", repr=False)
    rest_trusted_token: str = Field("", alias="REST_TRUSTED_TOKEN", repr=False)
    client_address_header: str = Field("", alias="CLIENT_ADDRESS_HEADER")


class GuardSettings(Section):
    """The per-sender rate limit of the REST and socket.io channels (bot/guard); 0: off."""

    rate_limit_messages: Count = Field(20, alias="RATE_LIMIT_MESSAGES")
    rate_limit_seconds: Seconds = Field(10.0, alias="RATE_LIMIT_SECONDS")


class WidgetSettings(Section):
    """The widget server (bot/widget); no RASA_PUBLIC_URL: the local Rasa server."""

    host: str = Field("127.0.0.1", alias="WIDGET_HOST")
    port: Port = Field(8080, alias="WIDGET_PORT")
    rasa_public_url: HttpAddress = Field("", alias="RASA_PUBLIC_URL")


class ReviewSettings(Section):
    """The review tool (bot/review). `secure_cookies` None: on behind TLS (see `secure`)."""

    host: str = Field("127.0.0.1", alias="REVIEW_HOST")
    port: Port = Field(8090, alias="REVIEW_PORT")
    secret_key: str = Field("", alias="REVIEW_SECRET_KEY", repr=False)
    public_url: str = Field("", alias="REVIEW_PUBLIC_URL")
    trust_proxy: Flag = Field(False, alias="REVIEW_TRUST_PROXY")
    secure_cookies: Flag | None = Field(None, alias="REVIEW_SECURE_COOKIES")
    session_idle_minutes: Positive = Field(120, alias="REVIEW_SESSION_IDLE_MINUTES")
    session_max_hours: Positive = Field(12, alias="REVIEW_SESSION_MAX_HOURS")
    retention_days: Positive = Field(90, alias="RETENTION_DAYS")

    @property
    def secure(self) -> bool:
        """Secure cookies and HSTS: as REVIEW_SECURE_COOKIES says, else behind a TLS proxy or
        at an https address."""
        if self.secure_cookies is not None:
            return self.secure_cookies
        return self.trust_proxy or self.public_url.lower().startswith("https://")


DEFAULT_TELEGRAM_API = "https://api.telegram.org/bot"
_WEBHOOK_SECRET = re.compile(r"^[A-Za-z0-9_-]{1,256}$")  # what Telegram accepts


class TelegramSettings(Section):
    """The Telegram channel: off without a token; no RASA_URL: the local Rasa server."""

    token: str = Field("", alias="TELEGRAM_BOT_TOKEN", repr=False)
    api_base_url: str = Field(DEFAULT_TELEGRAM_API, alias="TELEGRAM_API_BASE_URL")
    webhook_secret: str = Field("", alias="TELEGRAM_WEBHOOK_SECRET", repr=False)
    webhook_url: str = Field("", alias="TELEGRAM_WEBHOOK_URL")
    rasa_url: str = Field("", alias="RASA_URL")  # empty: the local Rasa server

    def env(self) -> dict[str, str]:
        """For the polling runner, which a caller may start with other settings than its own."""
        return {
            "TELEGRAM_BOT_TOKEN": self.token,
            "TELEGRAM_API_BASE_URL": self.api_base_url,
            "TELEGRAM_WEBHOOK_SECRET": self.webhook_secret,
            "TELEGRAM_WEBHOOK_URL": self.webhook_url,
            "RASA_URL": self.rasa_url,
        }

    @property
    def enabled(self) -> bool:
        return bool(self.token)

    @property
    def secret_is_valid(self) -> bool:
        return bool(_WEBHOOK_SECRET.match(self.webhook_secret))


class ClusterSettings(Section):
    """`python -m bot.cluster` (bot/cluster). Ports 0: chosen free at start; no CLUSTER_DIR:
    var/cluster."""

    directory: str = Field("", alias="CLUSTER_DIR")
    host: str = Field("127.0.0.1", alias="CLUSTER_HOST")
    port: Port = Field(8000, alias="CLUSTER_PORT")
    rasa_servers: RasaServers = Field(2, alias="CLUSTER_RASA_SERVERS")
    postgres_port: Port = Field(0, alias="CLUSTER_POSTGRES_PORT")
    redis_port: Port = Field(0, alias="CLUSTER_REDIS_PORT")
    postgres_user: str = Field("postgres", alias="CLUSTER_POSTGRES_USER")


SECTIONS = ("smtp", "identity", "guard", "widget", "review", "telegram", "cluster")


class Settings(Section):
    """The core every process shares (servers, stores, handoff), and a section per part."""

    var_dir: Path = Field(VAR_DIR, alias="KOTOBOT_VAR_DIR")
    model_path: Path = Field(MODELS_DIR / "kotobot.tar.gz", alias="KOTOBOT_MODEL")
    rasa_host: str = Field("127.0.0.1", alias="RASA_HOST")
    rasa_port: Port = Field(5005, alias="RASA_PORT")
    rasa_api_token: str = Field("", alias="RASA_API_TOKEN", repr=False)
    # 0.0.0.0 only where other machines' Rasa servers call it
    action_host: str = Field("127.0.0.1", alias="ACTION_HOST")
    action_port: Port = Field(5055, alias="ACTION_PORT")
    # ACTION_SERVER_TOKEN, or a private stack's own; empty: var/action_token
    action_server_token: str = Field("", alias="ACTION_SERVER_TOKEN", repr=False)
    rasa_request_max_bytes: Count = Field(1024 * 1024, alias="RASA_REQUEST_MAX_BYTES")
    action_request_max_bytes: Count = Field(16 * 1024 * 1024, alias="ACTION_REQUEST_MAX_BYTES")
    cors_origins: str = Field("http://localhost:8080 http://127.0.0.1:8080", alias="CORS_ORIGINS")
    database_url: str = Field("", alias="DATABASE_URL")  # empty: SQLite in var_dir
    lock_store_url: str = Field("memory://", alias="LOCK_STORE_URL")
    coordinator_email: str = Field("", alias="COORDINATOR_EMAIL")  # empty: the catalogue's
    handoff_poll_seconds: Seconds = Field(2.0, alias="HANDOFF_POLL_SECONDS")
    handoff_retry_base_seconds: Seconds = Field(5.0, alias="HANDOFF_RETRY_BASE_SECONDS")
    # Limits a client cannot reset by taking a new conversation id (bot/identity, bot/handoff):
    new_conversations_per_hour: Count = Field(30, alias="NEW_CONVERSATIONS_PER_HOUR")
    handoff_client_daily_limit: Count = Field(5, alias="HANDOFF_CLIENT_DAILY_LIMIT")
    handoff_global_daily_limit: Count = Field(50, alias="HANDOFF_GLOBAL_DAILY_LIMIT")
    handoff_daily_limit: ClassVar[int] = 3  # per conversation; not configurable

    smtp: SmtpSettings = SmtpSettings()
    identity: IdentitySettings = IdentitySettings()
    guard: GuardSettings = GuardSettings()
    widget: WidgetSettings = WidgetSettings()
    review: ReviewSettings = ReviewSettings()
    telegram: TelegramSettings = TelegramSettings()
    cluster: ClusterSettings = ClusterSettings()

    @root_validator(skip_on_failure=True)
    def _derived_defaults(cls, values: dict[str, Any]) -> dict[str, Any]:  # noqa: N805
        """The var directory, absolute, and its database unless DATABASE_URL names one. (The
        addresses that default to the local Rasa server stay empty: `local_rasa_url` is resolved
        where they are used, so a copy with another `rasa_port` follows it.)"""
        var_dir = values["var_dir"] = Path(values["var_dir"]).resolve()
        if not values["database_url"]:
            values["database_url"] = f"sqlite:///{var_dir / 'tracker.db'}"
        return values

    @property
    def local_rasa_url(self) -> str:
        """This machine's Rasa server: RASA_PUBLIC_URL's and RASA_URL's default."""
        return f"http://127.0.0.1:{self.rasa_port}"

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

    @property
    def cluster_dir(self) -> Path:
        return Path(self.cluster.directory or self.var_dir / "cluster").resolve()

    def rasa_env(self) -> dict[str, str]:
        """Environment for the child processes: endpoints.yml reads some of these `${VAR}`s,
        our processes read the rest back with `load_settings()`."""
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
            "CLIENT_ADDRESS_HEADER": self.identity.client_address_header,
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
        return self.rasa_api_token or stored_secret(self.api_token_file)

    def api_token_source(self) -> str:
        """Where the API token comes from, for the run commands' list of addresses."""
        return "RASA_API_TOKEN" if self.rasa_api_token else str(self.api_token_file)

    def action_token(self) -> str:
        """ACTION_SERVER_TOKEN: the secret the Rasa server sends the action server with every
        call; without it a random one kept in var/ (shared by the processes of one machine)."""
        return self.action_server_token or stored_secret(self.action_token_file)


def stored_secret(path: Path) -> str:
    """The random secret kept in `path` (mode 600), written there if it is missing."""
    if path.exists():
        stored = path.read_text().strip()
        if stored:
            return stored
    from bot.private_files import PRIVATE_DIR, write_private

    path.parent.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR)
    value = secrets.token_urlsafe(24)
    write_private(path, value.encode())
    return value


class SettingsError(SystemExit):
    """A bad value in the environment: one line per variable, "NAME must be …, got '…'"."""


def load_settings(environ: Mapping[str, str] | None = None) -> Settings:
    """The settings from `environ` (default: this process's environment)."""
    env = dict(os.environ if environ is None else environ)
    try:
        return Settings.parse_obj({**env, **{section: env for section in SECTIONS}})
    except ValidationError as error:
        raise SettingsError(
            "\n".join(_problem(problem, env) for problem in error.errors())
        ) from None


def _problem(problem: dict[str, Any], env: Mapping[str, str]) -> str:
    name = str(problem["loc"][-1])
    return f"{name} must be {problem['msg']}, got {env.get(name, '')!r}"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """This process's settings, read from its environment once."""
    return load_settings()
