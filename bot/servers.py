"""Start, watch and stop the assistant's processes as child processes: the action server, the
Rasa server, the handoff sender and the widget server (the review tool's is in
bot/review/supervise.py, the Telegram polling runner's in bot/channels/telegram_polling.py).

Used by the run command (`python -m bot.run`), the cluster and the end-to-end tests, so all of
them start the servers the same way.
"""

from __future__ import annotations

import json
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import FrameType
from typing import IO, Any

from bot.paths import PROJECT_ROOT
from bot.rasa_cli import action_token_environment, api_token_header, rasa_environment
from bot.settings import Settings, get_settings
from bot.widget.config import widget_config


class StartError(RuntimeError):
    """A server cannot be started; the message says why and what to do."""


class StopRequested(Exception):
    """Raised in the main thread on SIGTERM or SIGINT (see `stop_on_signals`)."""


def _raise_stop(signum: int, frame: FrameType | None) -> None:
    raise StopRequested


def stop_on_signals(*signals: signal.Signals) -> None:
    """Turn these signals (default SIGTERM and SIGINT) into StopRequested, so a supervisor or
    worker leaves its loop through its `finally` and stops what it started."""
    for number in signals or (signal.SIGTERM, signal.SIGINT):
        signal.signal(number, _raise_stop)


def isolated_settings(var_dir: Path, **overrides: Any) -> Settings:
    """Settings for a private stack (tests, the load benchmark): free loopback ports, its own
    SQLite database in `var_dir`, in-memory locks, its own action server token (kept in the
    settings, so a stack derived with `replace` talks to the same action server);
    `overrides` replace any other field."""
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
    return replace(get_settings(), **{**fields, **overrides})


def port_is_free(host: str, port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until(
    check: Callable[[], bool],
    timeout: float,
    what: str,
    alive: Callable[[], bool] | None = None,
    interval: float = 0.25,
) -> None:
    """Poll `check` until it is true; StartError after `timeout` s or once `alive` is false."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if alive is not None and not alive():
            raise StartError(f"{what} exited during start-up")
        if check():
            return
        time.sleep(interval)
    raise StartError(f"{what} was not ready within {timeout:.0f} s")


def url_ready(url: str) -> bool:
    """True when `url` answers 200 (for the Rasa server: once its model is loaded)."""
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            body = response.read().decode("utf-8", "replace")
            return response.status == 200 and _ready_body(body)
    except (urllib.error.URLError, OSError, ValueError):
        return False


def log_tail(path: Path, lines: int = 20) -> str:
    """The end of a log file, to say why a server did not start."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""
    return "\n".join(text.splitlines()[-lines:])


@dataclass
class Server:
    """One child process: how to start it, how to tell it is ready, how to stop it.

    Ready when `ready_url` answers 200, or `ready_check` passes, or (neither given: a worker
    without HTTP) as soon as it runs.
    """

    name: str
    command: list[str]
    ready_url: str | None
    env: dict[str, str] | None
    log: IO[Any] | None = None
    process: subprocess.Popen[Any] | None = field(default=None, repr=False)
    ready_check: Callable[[], bool] | None = None
    log_path: Path | None = None  # quoted when it does not start
    cwd: Path = PROJECT_ROOT
    stop_signal: signal.Signals = signal.SIGTERM
    popen_options: dict[str, Any] = field(default_factory=dict)

    def start(self) -> None:
        if self.log is None and self.log_path is not None:
            self.log_path.parent.mkdir(parents=True, exist_ok=True)
            with self.log_path.open("ab") as log:  # the child keeps its own descriptor
                self.process = self._popen(log)
        else:
            self.process = self._popen(self.log or sys.stdout)

    def _popen(self, output: IO[Any]) -> subprocess.Popen[Any]:
        return subprocess.Popen(
            self.command,
            cwd=self.cwd,
            env=self.env,
            stdin=subprocess.DEVNULL,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            **self.popen_options,
        )

    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def wait_ready(self, timeout: float) -> None:
        if self.ready_check is not None:
            check = self.ready_check
        elif self.ready_url is not None:
            url = self.ready_url
            check = lambda: url_ready(url)  # noqa: E731
        else:
            check = lambda: True  # noqa: E731
        try:
            wait_until(check, timeout, self.name, alive=self.running)
        except StartError as error:
            where = (
                f"the end of {self.log_path}:\n{log_tail(self.log_path)}"
                if self.log_path
                else "see its output above"
            )
            raise StartError(f"{error}; {where}") from error

    def stop(self, grace: float = 10.0) -> None:
        if not self.running():
            return
        assert self.process is not None
        self.process.send_signal(self.stop_signal)
        try:
            self.process.wait(grace)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def kill(self) -> None:
        """SIGKILL, as a crash would (used by the fault tests)."""
        if self.running():
            assert self.process is not None
            self.process.kill()
            self.process.wait()


def _ready_body(body: str) -> bool:
    # The Rasa server's /status answers before the model is loaded; wait for the model.
    try:
        data = json.loads(body)
    except ValueError:
        return True
    return not isinstance(data, dict) or "model_file" not in data or bool(data["model_file"])


def action_server(settings: Settings, log: IO[str] | None = None) -> Server:
    """Our action server (bot/actions/server.py): ACTION_HOST, a token, a body cap."""
    return Server(
        name="action server",
        command=[sys.executable, "-m", "bot.actions.server"],
        ready_url=f"http://{settings.action_connect_host}:{settings.action_port}/health",
        env={**rasa_environment(settings), **action_token_environment(settings)},
        log=log,
    )


def handoff_sender(settings: Settings, log: IO[str] | None = None) -> Server:
    """Delivers queued handoff e-mails (bot/handoff/sender.py)."""
    return Server(
        name="handoff sender",
        command=[sys.executable, "-m", "bot.handoff.sender"],
        ready_url=None,
        env=rasa_environment(settings),
        log=log,
    )


def widget_server(settings: Settings, log: IO[str] | None = None) -> Server:
    """The website widget and its demo page (bot/widget)."""
    config = widget_config()
    host = "127.0.0.1" if config.host in ("0.0.0.0", "::") else config.host
    return Server(
        name="widget server",
        command=[sys.executable, "-m", "bot.widget"],
        ready_url=f"http://{host}:{config.port}/health",
        env=rasa_environment(settings),
        log=log,
    )


def rasa_server(settings: Settings, token: str, log: IO[str] | None = None) -> Server:
    """The Rasa server through bot/rasa_server.py: the API token travels in the environment,
    never on the command line (where `ps` shows it), and the readiness check sends it in a
    header, never in a URL (where logs and proxies keep it)."""
    model = settings.model_path
    if not model.exists():
        raise StartError(f"No trained model at {model}. Train one with `make train`.")
    command = [
        sys.executable,
        "-m",
        "bot.rasa_server",
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
    host = "127.0.0.1" if settings.rasa_host in ("0.0.0.0", "::") else settings.rasa_host
    status_url = f"http://{host}:{settings.rasa_port}/status"
    return Server(
        name="Rasa server",
        command=command,
        ready_url=status_url,
        ready_check=lambda: rasa_ready(status_url, token),
        env={
            **rasa_environment(settings),
            **action_token_environment(settings),
            "RASA_API_TOKEN": token,
        },
        log=log,
    )


def rasa_ready(status_url: str, token: str) -> bool:
    """True once the Rasa server answers /status (token in a header) with its model loaded."""
    request = urllib.request.Request(status_url, headers=api_token_header(token))
    try:
        with urllib.request.urlopen(request, timeout=2) as response:
            body = response.read().decode("utf-8", "replace")
            return response.status == 200 and _ready_body(body)
    except (urllib.error.URLError, OSError, ValueError):
        return False


def check_ports(settings: Settings) -> None:
    """Fail early, with the variable to change, if a port is taken."""
    from bot.review.supervise import review_address  # it builds on this module

    for name, host, port, variable in (
        ("Rasa server", settings.rasa_host, settings.rasa_port, "RASA_PORT"),
        ("action server", settings.action_host, settings.action_port, "ACTION_PORT"),
        ("widget server", widget_config().host, widget_config().port, "WIDGET_PORT"),
        ("review tool", *review_address(), "REVIEW_PORT"),
    ):
        if not port_is_free(host, port):
            raise StartError(
                f"Port {port} for the {name} is already in use (is Kotobot already running?). "
                f"Stop the other program or choose another port with {variable}=…"
            )
