"""The composition root: every process the assistant runs, and how to build each.

Six processes: the action server, the Rasa server, the handoff sender, the widget server, the
review tool and (when configured) the Telegram polling runner. The run command starts all of
them (`assistant`); the cluster, the load benchmark, the conversation benchmark and the
end-to-end and security tests start some of them (`private_stack`, or the builders one by one,
e.g. the cluster's Rasa servers), so every caller starts them the same way. How a process is
started, watched and stopped is the generic bot/process.py.
"""

from __future__ import annotations

import secrets
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, TypeVar

from bot.channels.telegram.config import off_reason
from bot.paths import PROJECT_ROOT
from bot.process import Server, StartError, free_port, port_is_free, url_ready
from bot.rasa_cli import action_token_environment, api_token_header, rasa_environment
from bot.settings import Settings, get_settings


def _ours(
    name: str,
    module: str,
    env: dict[str, str],
    ready_url: str | None = None,
    log: IO[str] | None = None,
) -> Server:
    """A process of ours: `python -m module`, run from the project's directory."""
    return Server(
        name=name,
        command=[sys.executable, "-m", module],
        ready_url=ready_url,
        env=env,
        log=log,
        cwd=PROJECT_ROOT,
    )


def _probe_host(host: str) -> str:
    """Where to check a server that listens on `host` (every interface: loopback)."""
    return "127.0.0.1" if host in ("0.0.0.0", "::") else host


def action_server(settings: Settings, log: IO[str] | None = None) -> Server:
    """Our action server (bot/actions/server.py): ACTION_HOST, a token, a body cap."""
    return _ours(
        "action server",
        "bot.actions.server",
        {**rasa_environment(settings), **action_token_environment(settings)},
        f"http://{settings.action_connect_host}:{settings.action_port}/health",
        log,
    )


def rasa_server(
    settings: Settings, token: str, log: IO[str] | None = None, name: str = "Rasa server"
) -> Server:
    """The Rasa server through bot/rasa_server.py: the API token travels in the environment,
    never on the command line (where `ps` shows it), and the readiness check sends it in a
    header, never in a URL (where logs and proxies keep it)."""
    model = settings.model_path
    if not model.exists():
        raise StartError(f"No trained model at {model}. Train one with `make train`.")
    status_url = f"http://{_probe_host(settings.rasa_host)}:{settings.rasa_port}/status"
    server = _ours(
        name,
        "bot.rasa_server",
        {
            **rasa_environment(settings),
            **action_token_environment(settings),
            "RASA_API_TOKEN": token,
        },
        status_url,
        log,
    )
    server.command += [
        "--model",
        str(model),
        "--endpoints",
        "endpoints.yml",
        "--credentials",
        "credentials.yml",
        "--interface",
        settings.rasa_host,
        "--port",
        str(settings.rasa_port),
        "--enable-api",
        "--cors",
        *settings.cors_origins.split(),
    ]
    server.ready_check = lambda: rasa_ready(status_url, token)
    return server


def rasa_ready(status_url: str, token: str) -> bool:
    """True once the Rasa server answers /status (token in a header) with its model loaded."""
    return url_ready(status_url, api_token_header(token))


def handoff_sender(settings: Settings, log: IO[str] | None = None) -> Server:
    """Delivers queued handoff e-mails (bot/handoff/sender.py)."""
    return _ours("handoff sender", "bot.handoff.sender", rasa_environment(settings), log=log)


def widget_server(settings: Settings, log: IO[str] | None = None) -> Server:
    """The website widget and its demo page (bot/widget)."""
    widget = settings.widget
    ready_url = f"http://{_probe_host(widget.host)}:{widget.port}/health"
    return _ours("widget server", "bot.widget", rasa_environment(settings), ready_url, log)


def review_server(settings: Settings, log: IO[str] | None = None) -> Server:
    """`python -m bot.review` on REVIEW_HOST:REVIEW_PORT, ready when its sign-in page answers."""
    review = settings.review
    ready_url = f"http://{_probe_host(review.host)}:{review.port}/login"
    return _ours("review tool", "bot.review", rasa_environment(settings), ready_url, log)


def polling_server(settings: Settings, log: IO[str] | None = None) -> Server | None:
    """The Telegram polling runner (bot/channels/telegram/polling.py), or None when it is not
    needed (no TELEGRAM_BOT_TOKEN, or webhook mode)."""
    if off_reason(settings.telegram):
        return None
    # The runner waits for the model with the API token, if the settings know one.
    token = {"RASA_API_TOKEN": settings.rasa_api_token} if settings.rasa_api_token else {}
    return _ours(
        "Telegram polling runner",
        "bot.channels.telegram.polling",
        {**rasa_environment(settings), **settings.telegram.env(), **token},
        log=log,
    )


def assistant(settings: Settings, token: str) -> list[Server]:
    """Every process of the run command, in start order."""
    servers = [
        action_server(settings),
        rasa_server(settings, token),
        handoff_sender(settings),
        widget_server(settings),
        review_server(settings),
    ]
    telegram = polling_server(settings)
    return servers if telegram is None else [*servers, telegram]


def check_ports(settings: Settings) -> None:
    """Fail early, with the variable to change, if a port of the run command is taken."""
    for name, host, port, variable in (
        ("Rasa server", settings.rasa_host, settings.rasa_port, "RASA_PORT"),
        ("action server", settings.action_host, settings.action_port, "ACTION_PORT"),
        ("widget server", settings.widget.host, settings.widget.port, "WIDGET_PORT"),
        ("review tool", settings.review.host, settings.review.port, "REVIEW_PORT"),
    ):
        if not port_is_free(host, port):
            raise StartError(
                f"Port {port} for the {name} is already in use (is Kotobot already running?). "
                f"Stop the other program or choose another port with {variable}=…"
            )


def isolated_settings(var_dir: Path, **overrides: Any) -> Settings:
    """Settings for a private stack (tests, the benchmarks): free loopback ports, its own
    SQLite database in `var_dir`, in-memory locks, its own action server token (kept in the
    settings, so a stack derived with `replace` talks to the same action server);
    `overrides` replace any other field of this process's settings."""
    fields: dict[str, Any] = {
        "var_dir": var_dir,
        "rasa_host": "127.0.0.1",
        "action_host": "127.0.0.1",
        "rasa_port": free_port(),
        "action_port": free_port(),
        "database_url": f"sqlite:///{var_dir / 'tracker.db'}",
        "lock_store_url": "memory://",
        "action_server_token": secrets.token_urlsafe(24),
    }
    return get_settings().replace(**{**fields, **overrides})


@dataclass
class PrivateStack:
    """The action server, the Rasa server and (optionally) the handoff sender of a private
    stack, each logging to its own file in `log_dir` (actions.log, rasa.log, sender.log)."""

    settings: Settings
    actions: Server
    rasa: Server
    sender: Server | None
    log_dir: Path

    @property
    def servers(self) -> list[Server]:
        """In start order."""
        return [s for s in (self.actions, self.rasa, self.sender) if s is not None]

    @property
    def base(self) -> str:
        """The Rasa server's address."""
        return f"http://127.0.0.1:{self.settings.rasa_port}"

    def log_text(self, name: str) -> str:
        """The log `name` (actions, rasa, sender) so far."""
        path = self.log_dir / f"{name}.log"
        return path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""


def log_tails(
    log_dir: Path, names: tuple[str, ...] = ("rasa", "actions"), chars: int = 3000
) -> str:
    """The end of each server log of a private stack: what a failed benchmark shows."""
    parts = []
    for name in names:
        path = log_dir / f"{name}.log"
        if path.exists():
            tail = path.read_text(encoding="utf-8", errors="replace")[-chars:]
            parts.append(f"--- {name}.log ---\n{tail}")
    return "\n".join(parts)


StackT = TypeVar("StackT", bound=PrivateStack)


def private_stack(
    settings: Settings,
    token: str,
    log_dir: Path,
    sender: bool = True,
    kind: type[StackT] = PrivateStack,  # type: ignore[assignment]
    **extra: Any,
) -> StackT:
    """The servers of a private stack, not started yet: see PrivateStack. `kind` is it or a
    subclass (a test's stack, with what the test adds: `extra`)."""
    servers = {
        "actions": action_server(settings),
        "rasa": rasa_server(settings, token),
        "sender": handoff_sender(settings) if sender else None,
    }
    for name, server in servers.items():
        if server is not None:
            server.log_path = log_dir / f"{name}.log"
    return kind(settings=settings, log_dir=log_dir, **servers, **extra)
